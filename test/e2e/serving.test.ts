import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createApp } from '../../src/server/create-app.ts';
import { MUTATIONS, toQuery, type FacadeHarness } from '../helpers/facade.ts';
import { startSeeded } from '../helpers/e2e.ts';
import { SUBGRAPH_SDL } from '../../src/__generated__/subgraph-sdl.ts';

// docs/contract.md §7 "Running it": the endpoints besides the mutations, and how /graphql treats
// requests that never reach a resolver.

let facade: FacadeHarness;
beforeAll(async () => {
  facade = await startSeeded({ env: { MAX_REQUEST_BYTES: '4096' } });
});
afterAll(async () => facade?.close());

/** A raw HTTP exchange: status, headers and the whole body as text. */
async function raw(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; text: string; json: any }> {
  const response = await fetch(`${facade.url}${path}`, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Sends a chunked POST (no Content-Length) of `size` bytes. */
function postChunked(size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${facade.url}/graphql`);
    const req = request({ host: url.hostname, port: url.port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    const chunk = 'x'.repeat(1024);
    for (let sent = 0; sent < size; sent += chunk.length) req.write(chunk);
    req.end();
  });
}

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('facade HTTP endpoints', () => {
  it('answers GET /healthz with 200', async () => {
    const answer = await raw('/healthz');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'ok' });
  });

  it('answers GET /readyz with 200 once listening', async () => {
    expect((await raw('/readyz')).status).toBe(200);
  });

  it('answers GET /metrics in Prometheus text format with the facade\'s metrics', async () => {
    await facade.graphql(MUTATIONS.deals, { input: { ids: ['x1'] } });
    const answer = await raw('/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      'facade_upstream_request_duration_seconds', 'facade_upstream_retries_total', 'facade_bulk_delete_ids_total',
      'facade_bulk_delete_errors_total', 'facade_mutations_in_flight', 'facade_idempotency_replays_total',
    ]) {
      expect(answer.text).toContain(`# TYPE ${name} `);
    }
    expect(answer.text).toMatch(/^facade_bulk_delete_ids_total\{mutation="deals",outcome="deleted"\} 1$/m);
    expect(answer.text).toMatch(/^facade_upstream_request_duration_seconds_count\{upstream="leadlex",status_class="2xx"\} 1$/m);
  });

  it.each(['/', '/graphql/extra', '/health', '/metrics/x'])('answers an unknown route %s with 404 and a pointer to /graphql', async (path) => {
    const answer = await raw(path);
    expect(answer.status).toBe(404);
    expect(answer.text).toContain('/graphql');
  });

  it('refuses a body whose Content-Length is over MAX_REQUEST_BYTES with 413', async () => {
    const before = facade.leadlex.received.length;
    const answer = await raw('/graphql', json({ query: toQuery(MUTATIONS.deals), variables: { input: { ids: Array.from({ length: 800 }, (_, i) => `id-${i}`) } } }));
    expect(answer.status).toBe(413);
    expect(answer.json.errors[0]).toMatchObject({ message: expect.stringContaining('MAX_REQUEST_BYTES'), extensions: { code: 'BAD_REQUEST' } });
    expect(facade.leadlex.received).toHaveLength(before);
  });

  it('refuses a chunked body over MAX_REQUEST_BYTES with 413 too', async () => {
    const answer = await postChunked(16 * 1024);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a body that is not JSON with 400 and says so', async () => {
    const answer = await raw('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "mutation {' });
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0]).toMatchObject({ message: expect.stringMatching(/not valid JSON/i), extensions: { code: 'BAD_REQUEST' } });
  });

  it('refuses a document that does not parse, with GRAPHQL_PARSE_FAILED', async () => {
    const answer = await raw('/graphql', json({ query: 'mutation {' }));
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses a mutation sent with GET, deleting nothing', async () => {
    const query = encodeURIComponent('mutation { bulkDeleteIntents(input: { ids: ["x1"] }) { deletedCount } }');
    const answer = await raw(`/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true', accept: 'application/json' } });
    expect(answer.status).toBe(405);
    expect(answer.json.errors[0].message).toMatch(/GET requests only support query/);
    expect(facade.stoq.received).toHaveLength(0);
    expect(facade.stoq.has('x1')).toBe(true);
  });

  it('refuses a simple (CSRF-able) POST that is not JSON, deleting nothing', async () => {
    const answer = await raw('/graphql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: 'mutation { bulkDeleteIntents(input: { ids: ["x1"] }) { deletedCount } }' }) });
    expect(answer.status).toBe(400);
    expect(facade.stoq.received).toHaveLength(0);
  });

  it('answers _service { sdl } with the subgraph SDL linking Federation v2', async () => {
    const answer = await facade.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    const sdl = answer.body.data?._service.sdl ?? '';
    expect(sdl).toMatch(/@link\(\s*url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    // Federation's own print of schema/, without the internal @requiresScope.
    expect(sdl).toBe(SUBGRAPH_SDL);
    expect(sdl).not.toMatch(/@requiresScope\b(?!s)/);
    for (const name of ['bulkDeleteIntents', 'bulkDeleteContacts', 'bulkDeleteDeals', 'interface BulkDeleteResult', 'enum BulkDeleteFailureCode', 'bulkDeleteCapabilities: BulkDeleteCapabilities!', 'enum BulkDeleteErrorCode']) expect(sdl).toContain(name);
    // What lets it compose beside other subgraphs (README "Behind a router").
    expect(sdl).toMatch(/type BulkDeleteFailure\s+@shareable/);
    expect(sdl).toContain('type BulkDeleteRateLimit');
    expect(sdl).not.toMatch(/type RateLimit\b/);
  });

  it('answers a federated trace (ftv1) to a router that asks for one, and only then', async () => {
    // A router reporting to GraphOS asks each subgraph with this header; Apollo's inline-trace plugin loads at the first such request.
    const asked = await facade.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }', undefined, { 'apollo-federation-include-trace': 'ftv1' });
    const ftv1 = (asked.body.extensions as { ftv1?: unknown } | undefined)?.ftv1;
    expect(typeof ftv1).toBe('string');
    // A protobuf Trace, base64: its tree names each resolved field.
    expect(Buffer.from(ftv1 as string, 'base64').toString('latin1')).toContain('_service');
    const notAsked = await facade.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(notAsked.body.data?._service.sdl).toBe(SUBGRAPH_SDL);
    expect((notAsked.body.extensions as { ftv1?: unknown } | undefined)?.ftv1).toBeUndefined();
  });

  it('echoes a well-formed X-Request-ID and makes one up otherwise', async () => {
    const given = await fetch(`${facade.url}/graphql`, { ...json({ query: '{ __typename }' }), headers: { 'content-type': 'application/json', 'x-request-id': 'client-req-1' } });
    expect(given.headers.get('x-request-id')).toBe('client-req-1');
    const invented = await fetch(`${facade.url}/graphql`, { ...json({ query: '{ __typename }' }), headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces' } });
    expect(invented.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('facade readiness and environments', () => {
  it('answers /readyz with 503 until listen() has finished, and /healthz with 200 meanwhile', async () => {
    const app = await createApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }));
    // Listening on the app's server directly, as a supervisor probing early would find it.
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'starting' });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await app.close();
    }
    expect(app.state().phase).toBe('stopped');
  });

  it.each([['development', true], ['production', false]] as const)('with NODE_ENV=%s, introspection is %s', async (nodeEnv, allowed) => {
    const app = await createApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', NODE_ENV: nodeEnv, AUTH_REQUIRED: 'false', LEADLEX_API_KEY: 'wbk_key' }));
    const url = await app.listen();
    try {
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { mutationType { name } } }' }) });
      const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
      if (allowed) expect(body.data).toEqual({ __schema: { mutationType: { name: 'Mutation' } } });
      else expect(body.errors).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
