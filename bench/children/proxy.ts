// The floor for one HTTP hop: a bare node:http server that takes the body a direct LeadLex
// call would send and makes the same upstream request the facade makes (same method, URL,
// headers and body), with `got` built exactly as the facade builds it, or with `undici`,
// and returns the upstream's answer. No GraphQL, no validation, no logging: only the hop.
// Configured by BENCH_PROXY (JSON, see ProxySpec).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { readBody } from '../../src/server/http-utils.ts';
import { createGot, upstreamSockets } from '../../src/upstreams/http.ts';
import { announceReady, serveIpc } from '../lib/ipc.ts';

/** What the parent asks for. */
export interface ProxySpec {
  readonly client: 'got' | 'undici';
  /** The LeadLex base URL, as LEADLEX_API_URL. */
  readonly upstreamUrl: string;
  /** The LeadLex key, as LEADLEX_API_KEY. */
  readonly apiKey: string;
  /** The facade's settings that shape its HTTP client. */
  readonly timeoutMs: number;
  readonly batchConcurrency: number;
  readonly upstreamConcurrency: number;
}

const spec = JSON.parse(process.env.BENCH_PROXY ?? 'null') as ProxySpec | null;
if (spec === null) throw new Error('BENCH_PROXY is not set');
const target = `${spec.upstreamUrl}/v1/deals/bulk-delete`;

type Forward = (headers: Record<string, string>, body: string) => Promise<{ status: number; contentType: string; body: string }>;

function gotForward(): Forward {
  const policy = { timeoutMs: spec!.timeoutMs, maxAttempts: 1, rateLimitMaxWaitMs: 0, batchConcurrency: spec!.batchConcurrency };
  // Sized as the facade sizes its agents for the same settings.
  const client = createGot(policy, upstreamSockets(policy, { upstreamConcurrency: spec!.upstreamConcurrency, circuitFailureThreshold: 5, circuitOpenMs: 30_000 }));
  return async (headers, body) => {
    const response = await client(target, { method: 'POST', headers, body });
    return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? 'application/json'), body: response.body };
  };
}

function undiciForward(): Forward {
  const dispatcher = new Agent({ connections: Math.max(16, spec!.batchConcurrency * 4, spec!.upstreamConcurrency), keepAliveTimeout: 4_000 });
  return async (headers, body) => {
    const response = await request(target, {
      method: 'POST', headers: { 'user-agent': 'bulk-delete-facade', ...headers }, body, dispatcher,
      headersTimeout: spec!.timeoutMs, bodyTimeout: spec!.timeoutMs,
    });
    return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? 'application/json'), body: await response.body.text() };
  };
}

const forward = spec.client === 'got' ? gotForward() : undiciForward();

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  // The facade's own body reader, with a bound no benchmark body reaches.
  readBody(req, 512 * 1024 * 1024)
    .then((body) => forward({
      // The headers the facade's LeadLex adapter and its tracing send (upstreams/leadlex/request.ts).
      'x-request-id': randomUUID(),
      authorization: `Bearer ${spec.apiKey}`,
      'content-type': 'application/json',
      accept: 'application/json',
      'idempotency-key': String(req.headers['idempotency-key'] ?? randomUUID()),
    }, body))
    .then((answer) => {
      res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.body) });
      res.end(answer.body);
    })
    .catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(error instanceof Error ? error.message : String(error));
    });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

serveIpc({});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
announceReady({ url: `http://127.0.0.1:${port}` });
