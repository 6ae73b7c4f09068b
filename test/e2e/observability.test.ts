import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import type { FacadeHarness } from '../helpers/facade.ts';
import { graphql } from '../../src/__generated__/e2e/index.ts';
import { TYPENAME } from '../helpers/documents.ts';
import { UPSTREAM_TIMEOUT_MS, requestsArrived, timingOut } from '../helpers/upstream-timer.ts';
import { toQuery } from '../helpers/facade.ts';
import { mutate, startSeeded } from '../helpers/e2e.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`;
const NAMED_INTENTS = graphql(`mutation DeleteIntents($input: BulkDeleteIntentsInput!) { bulkDeleteIntents(input: $input) { ...ResultFields } }`);
const NAMED_DEALS = graphql(`mutation DeleteDeals($input: BulkDeleteDealsInput!) { bulkDeleteDeals(input: $input) { ...ResultFields } }`);

let facade: FacadeHarness | undefined;
let collector: Server | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
  await new Promise<void>((resolve) => (collector ? collector.close(() => resolve()) : resolve()));
  collector = undefined;
});

/** The per-request log lines (not the audit or start-up lines), parsed. */
function requestLines(harness: FacadeHarness): Array<Record<string, any>> {
  return harness.logs.map((line) => JSON.parse(line) as Record<string, any>).filter((line) => line.request === 'graphql');
}

function lineFor(harness: FacadeHarness, requestId: string): Record<string, any> {
  const lines = requestLines(harness).filter((line) => line.requestId === requestId);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('one log line per GraphQL request', () => {
  it('names the request, operation, client, app, status, duration and outcome counts', async () => {
    facade = await startSeeded();
    const answer = await facade.graphql(NAMED_INTENTS, { input: { ids: ['x1', 'x2', 'gone'] } }, {
      'x-request-id': 'req-from-router-1',
      'apollographql-client-name': 'web-admin',
      'apollographql-client-version': '4.2.0',
    });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.headers.get('x-request-id')).toBe('req-from-router-1');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(lineFor(facade, 'req-from-router-1')).toMatchObject({
      level: 30,
      operation: 'mutation DeleteIntents',
      client: 'anonymous',
      app: { name: 'web-admin', version: '4.2.0' },
      status: 200,
      durationMs: expect.any(Number),
      requested: 3,
      deleted: 2,
      notFound: 1,
      failed: 0,
      errors: [],
      msg: expect.stringMatching(/^mutation DeleteIntents: 200 in [\d.]+ ms$/),
    });
  });

  it('adds up every mutation of a document', async () => {
    facade = await startSeeded();
    const both = graphql(`mutation Both($i: BulkDeleteIntentsInput!, $d: BulkDeleteDealsInput!) {
      a: bulkDeleteIntents(input: $i) { deletedCount } b: bulkDeleteDeals(input: $d) { deletedCount } }`);
    await facade.graphql(both, { i: { ids: ['x1'] }, d: { ids: ['x1', 'x2', 'nope'] } }, { 'x-request-id': 'req-both' });
    expect(lineFor(facade, 'req-both')).toMatchObject({ operation: 'mutation Both', requested: 4, deleted: 3, notFound: 1, failed: 0 });
  });

  it.each([
    ['absent', undefined],
    ['malformed', 'has spaces and "quotes"'],
    ['too long', 'r'.repeat(129)],
  ])('generates the request ID when the incoming one is %s, and returns it', async (_label, incoming) => {
    facade = await startSeeded();
    const answer = await mutate(facade, 'deals', { ids: ['x1'] }, incoming === undefined ? {} : { 'x-request-id': incoming });
    const requestId = answer.headers.get('x-request-id') ?? '';
    expect(requestId).toMatch(UUID);
    expect(lineFor(facade, requestId)).toMatchObject({ operation: 'mutation DealsResult', deleted: 1 });
    expect(facade.leadlex.received[0]?.headers['x-request-id']).toBe(requestId);
  });

  it('drops a malformed client name instead of logging it', async () => {
    facade = await startSeeded();
    await mutate(facade, 'deals', { ids: ['x1'] }, { 'x-request-id': 'req-bad-app', 'apollographql-client-name': 'evil"}{' });
    expect(lineFor(facade, 'req-bad-app')).not.toHaveProperty('app');
  });

  it('logs an operation name of any length as at most 128 characters and its length', async () => {
    facade = await startSeeded();
    const name = `D${'x'.repeat(200_000)}`;
    const answer = await facade.graphql(`mutation ${name}($input: BulkDeleteDealsInput!) { bulkDeleteDeals(input: $input) { deletedCount } }`, { input: { ids: ['x1'] } }, { 'x-request-id': 'req-long-name' });
    expect(answer.status).toBe(200);
    const line = lineFor(facade, 'req-long-name');
    expect(line.operation).toBe(`mutation ${name.slice(0, 128)}…(200001 characters)`);
    expect(facade.logs.every((text) => text.length < 4096)).toBe(true);
  });

  it.each([
    ['a refused input', toQuery(NAMED_DEALS), { input: { ids: [] } }, 200, ['BAD_USER_INPUT']],
    ['a syntax error', 'mutation {', undefined, 400, ['GRAPHQL_PARSE_FAILED']],
    ['a validation error', 'mutation { nope }', undefined, 400, ['GRAPHQL_VALIDATION_FAILED']],
  ])('records the error codes of %s', async (_label, query, variables, status, errors) => {
    facade = await startSeeded();
    const answer = await facade.graphql(query, variables, { 'x-request-id': 'req-err' });
    expect(answer.status).toBe(status);
    expect(lineFor(facade, 'req-err')).toMatchObject({ status, errors, deleted: 0 });
  });

  it('logs a refused authentication with its code and no client, never the credential', async () => {
    const key = generateApiKey();
    facade = await startSeeded({ env: { AUTH_REQUIRED: 'true', AUTH_API_KEYS: buildApiKeyLine('ops', '*', hashApiKey(key)) } });
    const wrong = generateApiKey();
    const refused = await mutate(facade, 'deals', { ids: ['x1'] }, { 'x-request-id': 'req-401', authorization: `Bearer ${wrong}` });
    expect(refused.status).toBe(401);
    expect(lineFor(facade, 'req-401')).toMatchObject({ status: 401, client: null, errors: ['UNAUTHENTICATED'] });
    await mutate(facade, 'deals', { ids: ['x1'] }, { 'x-request-id': 'req-ok', authorization: `Bearer ${key}` });
    expect(lineFor(facade, 'req-ok')).toMatchObject({ status: 200, client: 'ops', deleted: 1 });
    expect(facade.logs.join('\n')).not.toContain(wrong);
    expect(facade.logs.join('\n')).not.toContain(key);
  });

  it('writes nothing per request above info', async () => {
    facade = await startSeeded({ env: { LOG_LEVEL: 'warn' } });
    await mutate(facade, 'deals', { ids: ['x1'] });
    expect(requestLines(facade)).toEqual([]);
  });
});

describe('the request ID and trace context reach the upstreams', () => {
  it.each(['intents', 'contacts', 'deals'] as const)('%s: every upstream request carries x-request-id and the caller\'s traceparent', async (mutation) => {
    facade = await startSeeded();
    await mutate(facade, mutation, { ids: ['x1'] }, { 'x-request-id': 'req-fwd', traceparent: TRACEPARENT, tracestate: 'vendor=abc' });
    const sim = { intents: facade.stoq, contacts: facade.kore, deals: facade.leadlex }[mutation];
    const deletes = sim.received.filter((request) => request.method !== 'GET' && !request.path.includes('token'));
    expect(deletes.length).toBeGreaterThan(0);
    for (const request of deletes) {
      expect(request.headers['x-request-id']).toBe('req-fwd');
      // Tracing is off here: the caller's context passes through unchanged.
      expect(request.headers.traceparent).toBe(TRACEPARENT);
      expect(request.headers.tracestate).toBe('vendor=abc');
    }
  });

  it('carries the same request ID on every retry', async () => {
    facade = await startSeeded();
    facade.leadlex.fault({ status: 503 });
    await mutate(facade, 'deals', { ids: ['x1'] }, { 'x-request-id': 'req-retry' });
    expect(facade.leadlex.received.map((request) => request.headers['x-request-id'])).toEqual(['req-retry', 'req-retry']);
  });

  it.each([
    ['malformed', '00-zzzz-0000-01'],
    ['an all-zero trace ID', `00-${'0'.repeat(32)}-${PARENT_SPAN_ID}-01`],
    ['version ff', `ff-${TRACE_ID}-${PARENT_SPAN_ID}-01`],
  ])('does not pass on a %s traceparent', async (_label, traceparent) => {
    facade = await startSeeded();
    const answer = await mutate(facade, 'deals', { ids: ['x1'] }, { traceparent });
    expect(answer.body.errors).toBeUndefined();
    expect(facade.leadlex.received[0]?.headers).not.toHaveProperty('traceparent');
  });

  it('sends no traceparent when there is no trace to continue', async () => {
    facade = await startSeeded();
    await mutate(facade, 'deals', { ids: ['x1'] });
    expect(facade.leadlex.received[0]?.headers).not.toHaveProperty('traceparent');
  });
});

describe('OpenTelemetry spans', () => {
  function spansOf(exporter: InMemorySpanExporter): { server: ReadableSpan[]; client: ReadableSpan[] } {
    const spans = exporter.getFinishedSpans();
    return { server: spans.filter((s) => s.kind === SpanKind.SERVER), client: spans.filter((s) => s.kind === SpanKind.CLIENT) };
  }

  it('makes a span per operation, continuing the caller\'s trace, and one per upstream call, whose context the upstream receives', async () => {
    const exporter = new InMemorySpanExporter();
    facade = await startSeeded({ spanExporter: exporter });
    await facade.graphql(NAMED_INTENTS, { input: { ids: ['x1', 'x2', 'gone'] } }, { traceparent: TRACEPARENT, 'x-request-id': 'req-span', 'apollographql-client-name': 'web-admin' });
    const { server, client } = spansOf(exporter);
    expect(server).toHaveLength(1);
    const operation = server[0]!;
    expect(operation.name).toBe('mutation DeleteIntents');
    expect(operation.spanContext().traceId).toBe(TRACE_ID);
    expect(operation.parentSpanContext?.spanId).toBe(PARENT_SPAN_ID);
    expect(operation.attributes).toMatchObject({
      'http.request.method': 'POST',
      'graphql.operation.type': 'mutation',
      'graphql.operation.name': 'DeleteIntents',
      'http.response.status_code': 200,
      'bulk_delete.request_id': 'req-span',
      'bulk_delete.requested': 3,
      'bulk_delete.deleted': 2,
      'bulk_delete.not_found': 1,
      'bulk_delete.failed': 0,
      'client.app.name': 'web-admin',
    });
    expect(operation.status.code).not.toBe(SpanStatusCode.ERROR);

    expect(client).toHaveLength(1);
    const call = client[0]!;
    expect(call.name).toBe('DELETE stoq');
    expect(call.parentSpanContext?.spanId).toBe(operation.spanContext().spanId);
    expect(call.attributes).toMatchObject({ 'http.request.method': 'DELETE', 'bulk_delete.upstream': 'stoq', 'http.response.status_code': 200, 'server.address': '127.0.0.1' });
    expect(call.attributes['url.path']).not.toContain('?');
    expect(facade.stoq.received[0]?.headers.traceparent).toBe(`00-${TRACE_ID}-${call.spanContext().spanId}-01`);

    const line = lineFor(facade, 'req-span');
    expect(line.traceId).toBe(TRACE_ID);
  });

  it('starts a new trace when the caller sent none, and logs its trace ID', async () => {
    const exporter = new InMemorySpanExporter();
    facade = await startSeeded({ spanExporter: exporter });
    await mutate(facade, 'deals', { ids: ['x1'] }, { 'x-request-id': 'req-root' });
    const { server, client } = spansOf(exporter);
    expect(server[0]?.parentSpanContext).toBeUndefined();
    expect(server[0]?.name).toBe('mutation DealsResult');
    expect(client[0]?.name).toBe('POST leadlex');
    expect(lineFor(facade, 'req-root').traceId).toBe(server[0]?.spanContext().traceId);
  });

  it('makes a span per attempt: a retried 503 is an error span, then a resend', async () => {
    const exporter = new InMemorySpanExporter();
    facade = await startSeeded({ spanExporter: exporter });
    facade.leadlex.fault({ status: 503 });
    await mutate(facade, 'deals', { ids: ['x1'] });
    const { client } = spansOf(exporter);
    expect(client.map((span) => [span.attributes['http.response.status_code'], span.attributes['http.request.resend_count'], span.status.code])).toEqual([
      [503, undefined, SpanStatusCode.ERROR],
      [200, 1, SpanStatusCode.UNSET],
    ]);
    const sent = facade.leadlex.received.map((request) => request.headers.traceparent);
    expect(sent).toEqual(client.map((span) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`));
  });

  it('marks an attempt whose answer was lost as an error', async () => {
    const exporter = new InMemorySpanExporter();
    const f = facade = await startSeeded({ spanExporter: exporter, env: { UPSTREAM_MAX_ATTEMPTS: '1', UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS) } });
    f.stoq.fault({ hang: 'before' });
    const answer = await timingOut(() => mutate(f, 'intents', { ids: ['x1'] }), requestsArrived(() => f.stoq.received.length, 1));
    expect(answer.body.data?.result?.failures).toMatchObject([{ code: 'OUTCOME_UNKNOWN' }]);
    const { server, client } = spansOf(exporter);
    expect(client[0]?.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'no answer within UPSTREAM_TIMEOUT_MS' });
    expect(client[0]?.attributes).not.toHaveProperty('http.response.status_code');
    expect(server[0]?.attributes).toMatchObject({ 'bulk_delete.failed': 1 });
  });

  it('marks an operation that ended in a GraphQL error as an error, with its code', async () => {
    const exporter = new InMemorySpanExporter();
    facade = await startSeeded({ spanExporter: exporter });
    facade.stoq.fault({ status: 401, body: { error: 'unauthorized' } });
    const answer = await mutate(facade, 'intents', { ids: ['x1'] });
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_AUTH_FAILED');
    const { server, client } = spansOf(exporter);
    expect(client[0]?.attributes['http.response.status_code']).toBe(401);
    // A 4xx is the caller's or the configuration's problem, not a failed call (OTel HTTP client conventions).
    expect(client[0]?.status.code).toBe(SpanStatusCode.UNSET);
    expect(server[0]?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'UPSTREAM_AUTH_FAILED' });
    expect(server[0]?.attributes['graphql.error.codes']).toEqual(['UPSTREAM_AUTH_FAILED']);
  });

  it('honours a caller that did not sample: nothing recorded, the decision passed on', async () => {
    const exporter = new InMemorySpanExporter();
    facade = await startSeeded({ spanExporter: exporter });
    await mutate(facade, 'deals', { ids: ['x1'] }, { traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-00` });
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(facade.leadlex.received[0]?.headers.traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-00$`));
  });
});

describe('OTLP export', () => {
  it('sends spans to OTEL_EXPORTER_OTLP_ENDPOINT with OTEL_EXPORTER_OTLP_HEADERS, and never logs those headers', async () => {
    const received: Array<{ path: string; headers: IncomingHttpHeaders; body: string }> = [];
    collector = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => collector!.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const token = 'otlp-SECRET-token-0042';
    facade = await startSeeded({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer%20${token}`, OTEL_SERVICE_NAME: 'deletes-test', LOG_LEVEL: 'debug' } });
    await facade.graphql(NAMED_DEALS, { input: { ids: ['x1'] } });
    const logs = facade.logs;
    // Closing flushes what the batch processor still holds.
    await facade.close();
    facade = undefined;

    expect(received.length).toBeGreaterThan(0);
    expect(received.every((request) => request.path === '/v1/traces')).toBe(true);
    expect(received[0]?.headers.authorization).toBe(`Bearer ${token}`);
    const payload = received.map((request) => request.body).join('\n');
    expect(payload).toContain('"deletes-test"');
    expect(payload).toContain('"mutation DeleteDeals"');
    expect(payload).toContain('"POST leadlex"');
    expect(logs.join('\n')).not.toContain(token);
  });
});

describe('TRUSTED_PROXIES', () => {
  const key = generateApiKey();
  const env = { AUTH_REQUIRED: 'true', AUTH_API_KEYS: buildApiKeyLine('ops', '*', hashApiKey(key)), AUTH_FAILURES_PER_MINUTE: '2' };

  async function failTwiceFrom(harness: FacadeHarness, forwardedFor: string): Promise<void> {
    for (let i = 0; i < 2; i++) {
      expect((await harness.graphql(TYPENAME, {}, { authorization: `Bearer ${generateApiKey()}`, 'x-forwarded-for': forwardedFor })).status).toBe(401);
    }
  }

  it('behind a trusted router, one guessing client does not lock out the others', async () => {
    facade = await startSeeded({ env: { ...env, TRUSTED_PROXIES: '127.0.0.1, ::1' } });
    await failTwiceFrom(facade, '203.0.113.1');
    const guesser = await mutate(facade, 'deals', { ids: ['x1'] }, { authorization: `Bearer ${key}`, 'x-forwarded-for': '203.0.113.1' });
    expect(guesser.status).toBe(429);
    const other = await mutate(facade, 'deals', { ids: ['x1'] }, { authorization: `Bearer ${key}`, 'x-forwarded-for': '203.0.113.2' });
    expect(other.status).toBe(200);
    expect(other.body.data?.result?.deletedCount).toBe(1);
  });

  it('ignores X-Forwarded-For from an address it does not trust', async () => {
    facade = await startSeeded({ env });
    await failTwiceFrom(facade, '203.0.113.1');
    const other = await mutate(facade, 'deals', { ids: ['x1'] }, { authorization: `Bearer ${key}`, 'x-forwarded-for': '203.0.113.2' });
    expect(other.status).toBe(429);
  });
});
