// Hive Gateway in front of the facade, serving deploy/supergraph.graphql (`npm run supergraph`):
//
//   npx hive-gateway supergraph --config-path deploy/hive-gateway/gateway.config.ts
//
// A supergraph path or URL given after `supergraph` replaces the one below; HOST and PORT (or
// --host/--port) replace the listen address. Leave HIVE_* and APOLLO_KEY/APOLLO_GRAPH_REF unset
// unless you mean to: they turn on usage reporting to Hive Console or GraphOS, and this file
// configures no reporting of its own.
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@graphql-hive/gateway';

/** The facade's subgraph name in deploy/supergraph.yaml. */
const FACADE = 'bulk-delete';

/**
 * What the gateway passes from the client's request to the facade, as sent. `x-request-id` is
 * not here: the gateway's request-ID feature (below) sends it to every subgraph.
 */
const TO_FACADE = [
  // The client's API key or JWT, which the facade authenticates; no other subgraph gets it.
  'authorization',
  // W3C trace context, so the facade's spans join the client's trace. With the gateway's own
  // OpenTelemetry set up (`openTelemetry`, --opentelemetry), its propagator rewrites these to
  // the gateway's span, a child of the client's.
  'traceparent',
  'tracestate',
  // Which application is calling, for the facade's logs: Apollo's client-awareness names, and the
  // names Hive Gateway itself reads for Hive Console usage reports.
  'apollographql-client-name',
  'apollographql-client-version',
  'graphql-client-name',
  'graphql-client-version',
  'x-graphql-client-name',
  'x-graphql-client-version',
] as const;

/** Trace context is per hop, so it goes to every subgraph; the rest only to the facade. */
const TO_EVERY_SUBGRAPH: ReadonlySet<string> = new Set(['traceparent', 'tracestate']);

export const gatewayConfig = defineConfig({
  supergraph: fileURLToPath(new URL('../supergraph.graphql', import.meta.url)),
  host: '127.0.0.1',
  port: 4080,

  propagateHeaders: {
    fromClientToSubgraphs({ request, subgraphName }) {
      const headers: Record<string, string> = {};
      for (const name of TO_FACADE) {
        if (subgraphName !== FACADE && !TO_EVERY_SUBGRAPH.has(name)) continue;
        const value = request.headers.get(name);
        if (value !== null && value !== '') headers[name] = value;
      }
      return headers;
    },
  },

  // Subscriptions (the facade's bulkDeleteJobProgress) go to the facade over graphql-ws, on the
  // same path as its HTTP (a relative location is resolved against the subgraph's URL). A
  // WebSocket carries no per-request headers, so the client's credential travels in
  // connection_init's payload, where the facade reads it; the gateway keeps one socket per
  // distinct credential, so one client's watch never rides another's identity. Clients reach the
  // gateway with graphql-ws or server-sent events, whichever they speak.
  transportEntries: {
    [FACADE]: {
      options: {
        subscriptions: {
          kind: 'ws',
          location: '/graphql',
          options: { connectionParams: { authorization: '{context.headers.authorization}' } },
        },
      },
    },
  },

  // The client's `x-request-id`, or a new UUID when it sent none, goes to every subgraph and
  // back to the client, and is on the gateway's log lines. (This is the default; it is spelled
  // out because the facade depends on it.)
  requestId: true,

  // Subgraph errors reach the client as the subgraph sent them: clients act on the facade's
  // `extensions.code` (and `upstream`, `upstreamStatus`, `retryAfter`). The facade never puts
  // credentials or internals in an error, so there is nothing to mask.
  maskedErrors: false,

  // No browser clients: no CORS headers, no landing page, no GraphiQL (it loads from a CDN).
  cors: false,
  landingPage: false,
  graphiql: false,

  // Health: GET /healthcheck (alive) and GET /readiness (supergraph loaded) are on by default.
});
