/**
 * The facade as a subgraph behind a federation gateway, the way README "Behind a router"
 * describes it: facade replicas behind one load-balancer URL, and an `@apollo/gateway` in front
 * that forwards the client's `authorization` and `x-request-id` headers.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { Writable, type Duplex } from 'node:stream';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { loadConfig } from '../../src/config/index.ts';
import { createApp, type App } from '../../src/server/create-app.ts';

/** One in-process facade replica on its own loopback port. */
export interface InProcessReplica {
  readonly url: string;
  readonly app: App;
  /** Every log line it wrote. */
  readonly logs: string[];
}

/** Creates and starts a facade from `env` (PORT=0), as main.ts would, with its logs collected. */
export async function startReplica(env: Record<string, string>): Promise<InProcessReplica> {
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const app = await createApp(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', JOBS_DB_PATH: ':memory:', ...env }), { logDestination, http: { retryBaseDelayMs: 1 } });
  try {
    const url = await app.listen();
    return { url, app, logs };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/** A round-robin HTTP reverse proxy: the load balancer in front of the replicas. */
export interface RoundRobinProxy {
  readonly url: string;
  /** For each request forwarded, the index of the target that got it, in order. */
  readonly routed: number[];
  /** For each request forwarded, the headers it arrived with, in order: what the target got, but for `host` and hop-by-hop headers. */
  readonly received: IncomingHttpHeaders[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

/** Starts a proxy on 127.0.0.1 forwarding method, path, headers and body to targets[0], [1], [0]… */
export async function startRoundRobinProxy(targets: readonly string[]): Promise<RoundRobinProxy> {
  if (targets.length === 0) throw new Error('startRoundRobinProxy: no targets');
  const routed: number[] = [];
  const received: IncomingHttpHeaders[] = [];
  let next = 0;
  const server: Server = createServer((req, res) => {
    const index = next;
    next = (next + 1) % targets.length;
    routed.push(index);
    received.push(req.headers);
    const target = new URL(req.url ?? '/', targets[index]);
    const upstream = httpRequest(target, { method: req.method, headers: { ...endToEnd(req.headers), host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(res);
    });
    upstream.once('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('bad gateway');
    });
    req.pipe(upstream);
  });
  // A WebSocket upgrade (subscriptions) is forwarded as a balancer does: the request as sent
  // (Host rewritten), then bytes both ways until either side closes.
  const tunnels = new Set<Duplex>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const index = next;
    next = (next + 1) % targets.length;
    routed.push(index);
    received.push(req.headers);
    const target = new URL(targets[index]!);
    const upstream = connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i]!;
        lines.push(name.toLowerCase() === 'host' ? `host: ${target.host}` : `${name}: ${req.rawHeaders[i + 1]!}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    for (const end of [socket, upstream]) {
      tunnels.add(end);
      end.once('close', () => tunnels.delete(end));
      end.on('error', () => {
        socket.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routed,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const tunnel of tunnels) tunnel.destroy();
      }),
  };
}

/** What the gateway keeps of the client's request for the subgraph. */
interface GatewayContext {
  authorization?: string;
  requestId?: string;
}

/** A running gateway serving the supergraph composed from the one subgraph. */
export interface FederationGateway {
  readonly url: string;
  close(): Promise<void>;
}

/** The name of the facade in the supergraph. */
export const SUBGRAPH_NAME = 'bulk-delete';

/**
 * Starts an ApolloGateway (IntrospectAndCompose over `subgraphUrl` and `otherSubgraphs`) in an ApolloServer on
 * 127.0.0.1. For client operations it forwards the client's `authorization` and `x-request-id`;
 * for loading the schema it sends `schemaAuthorization` (the router's own credential) if given.
 */
export async function startGateway(
  subgraphUrl: string,
  options: { schemaAuthorization?: string; otherSubgraphs?: ReadonlyArray<{ name: string; url: string }> } = {},
): Promise<FederationGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({ subgraphs: [{ name: SUBGRAPH_NAME, url: subgraphUrl }, ...(options.otherSubgraphs ?? [])] }),
    logger: silentLogger,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        ...(url === undefined ? {} : { url }),
        willSendRequest(request) {
          const headers = request.request.http?.headers;
          if (headers === undefined) return;
          // Only a client's operation carries an incoming request (the package does not export its kind enum as a value).
          if ('incomingRequestContext' in request) {
            if (request.context.authorization !== undefined) headers.set('authorization', request.context.authorization);
            if (request.context.requestId !== undefined) headers.set('x-request-id', request.context.requestId);
          } else if (options.schemaAuthorization !== undefined) {
            headers.set('authorization', options.schemaAuthorization);
          }
        },
      }),
  });
  const server = new ApolloServer<GatewayContext>({ gateway, logger: silentLogger });
  try {
    const { url } = await startStandaloneServer(server, {
      listen: { port: 0, host: '127.0.0.1' },
      context: async ({ req }) => {
        const authorization = req.headers.authorization;
        const requestId = req.headers['x-request-id'];
        return {
          ...(authorization === undefined ? {} : { authorization }),
          ...(typeof requestId === 'string' ? { requestId } : {}),
        };
      },
    });
    return { url: url.replace(/\/$/, ''), close: () => server.stop() };
  } catch (error) {
    await server.stop().catch(() => {});
    throw error;
  }
}

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };
