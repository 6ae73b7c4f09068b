import { afterEach, describe, expect, it } from 'vitest';
import { MUTATIONS, RESULT_FIELDS, type FacadeHarness } from '../helpers/facade.ts';
import { startSeeded } from '../helpers/e2e.ts';

let facade: FacadeHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

async function start(env: Record<string, string> = {}): Promise<FacadeHarness> {
  facade = await startSeeded({ env });
  return facade;
}

function nothingReachedUpstreams(f: FacadeHarness): void {
  expect([f.stoq.received.length, f.kore.received.length, f.leadlex.received.length]).toEqual([0, 0, 0]);
}

const DEALS_FIELD = 'bulkDeleteDeals(input: { ids: ["x1"], dryRun: true }) { deletedCount failures { id } }';

describe('document limits', () => {
  it.each([
    ['deeper than MAX_QUERY_DEPTH', { MAX_QUERY_DEPTH: '2' }, `mutation { ${DEALS_FIELD} }`, /at most 2 levels \(MAX_QUERY_DEPTH\)/],
    ['more aliases than MAX_ALIASES', { MAX_ALIASES: '2' }, `mutation { a: ${DEALS_FIELD} b: ${DEALS_FIELD} c: ${DEALS_FIELD} }`, /at most 2 per document \(MAX_ALIASES\)/],
    ['costlier than MAX_QUERY_COST', { MAX_QUERY_COST: '10' }, `mutation { bulkDeleteDeals(input: { ids: ["x1"] }) { ${RESULT_FIELDS} } }`, /at most 10 \(MAX_QUERY_COST\)/],
    ['more mutation fields than MAX_MUTATIONS_PER_REQUEST', { MAX_ALIASES: '50' }, `mutation { a: ${DEALS_FIELD} b: ${DEALS_FIELD} c: ${DEALS_FIELD} d: ${DEALS_FIELD} }`, /calls 4 mutations; at most 3 .*MAX_MUTATIONS_PER_REQUEST/],
    ['mutation fields hidden in fragments', { MAX_ALIASES: '50' }, `mutation { ...F ...F2 } fragment F on Mutation { a: ${DEALS_FIELD} b: ${DEALS_FIELD} } fragment F2 on Mutation { c: ${DEALS_FIELD} d: ${DEALS_FIELD} }`, /calls 4 mutations/],
  ])('refuses a document %s, before any upstream call', async (_name, env, query, message) => {
    const f = await start(env);
    const answer = await f.graphql(query);
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors?.map((e) => e.message).join(' ')).toMatch(message);
    nothingReachedUpstreams(f);
  });

  it('accepts three mutations in one document, the default limit', async () => {
    const f = await start();
    const answer = await f.graphql(`mutation { a: ${DEALS_FIELD} b: ${DEALS_FIELD} c: ${DEALS_FIELD} }`);
    expect(answer.body.errors).toBeUndefined();
    expect(f.leadlex.received).toHaveLength(3);
  });

  it('refuses a document of more than MAX_QUERY_TOKENS tokens as a parse failure', async () => {
    const f = await start({ MAX_QUERY_TOKENS: '100' });
    const ids = Array.from({ length: 200 }, (_, i) => `"d${i}"`).join(' ');
    const answer = await f.graphql(`mutation { bulkDeleteDeals(input: { ids: [${ids}] }) { deletedCount } }`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(answer.body.errors?.[0]?.message).toMatch(/100 tokens/);
    nothingReachedUpstreams(f);
  });

  it('still accepts 10,000 IDs passed as a variable (variables are not tokens)', async () => {
    const f = await start({ MAX_QUERY_TOKENS: '100' });
    const ids = Array.from({ length: 10_000 }, (_, i) => `d${i}`);
    const answer = await f.graphql(MUTATIONS.deals, { input: { ids, dryRun: true } });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.result?.requestedCount).toBe(10_000);
  });
});

describe('production hardening', () => {
  const production = { NODE_ENV: 'production', AUTH_REQUIRED: 'false' };

  it('turns introspection off in production', async () => {
    const f = await start(production);
    const answer = await f.graphql('{ __schema { types { name } } }');
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.text).not.toMatch(/BulkDeleteFailure/);
  });

  it('turns introspection back on with INTROSPECTION=true', async () => {
    const f = await start({ ...production, INTROSPECTION: 'true' });
    const answer = await f.graphql('{ __type(name: "BulkDeleteFailureCode") { enumValues { name } } }');
    expect(answer.body.errors).toBeUndefined();
    expect(answer.text).toMatch(/OUTCOME_UNKNOWN/);
  });

  it('gives no field suggestions when introspection is off', async () => {
    const f = await start(production);
    const answer = await f.graphql(`mutation { bulkDeleteDeal(input: { ids: ["x1"] }) { deletedCount } }`);
    expect(answer.status).toBe(400);
    expect(answer.text).not.toMatch(/Did you mean/);
  });

  it('suggests fields in development, where the schema is public anyway', async () => {
    const f = await start();
    const answer = await f.graphql(`mutation { bulkDeleteDeal(input: { ids: ["x1"] }) { deletedCount } }`);
    expect(answer.text).toMatch(/Did you mean/);
  });

  it.each([
    ['production', production, false],
    ['production with PLAYGROUND=true', { ...production, PLAYGROUND: 'true' }, true],
    ['development', {}, true],
  ])('serves the playground in %s: %s', async (_name, env, served) => {
    const f = await start(env);
    const response = await fetch(`${f.url}/graphql`, { headers: { accept: 'text/html' } });
    const text = await response.text();
    expect(text.includes('<html')).toBe(served);
  });

  it('refuses batched operations (a JSON array)', async () => {
    const f = await start();
    const body = JSON.stringify([{ query: `mutation { ${DEALS_FIELD} }` }, { query: `mutation { ${DEALS_FIELD} }` }]);
    const response = await fetch(`${f.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batch/i);
    nothingReachedUpstreams(f);
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
  ])('refuses a simple cross-site request (%s) by CSRF prevention', async (_name, contentType) => {
    const f = await start();
    const response = await fetch(`${f.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify({ query: `mutation { ${DEALS_FIELD} }` }) });
    expect(response.status).toBe(400);
    nothingReachedUpstreams(f);
  });

  it('refuses a mutation sent with GET', async () => {
    const f = await start();
    const query = encodeURIComponent(`mutation { ${DEALS_FIELD} }`);
    const response = await fetch(`${f.url}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
    nothingReachedUpstreams(f);
  });
});

describe('per-client rate limit', () => {
  it('refuses the request over CLIENT_RATE_LIMIT_PER_MINUTE with RATE_LIMITED, retryAfter and Retry-After', async () => {
    const f = await start({ CLIENT_RATE_LIMIT_PER_MINUTE: '2' });
    for (let i = 0; i < 2; i++) expect((await f.graphql(`mutation { ${DEALS_FIELD} }`)).body.errors).toBeUndefined();
    const answer = await f.graphql(`mutation { ${DEALS_FIELD} }`);
    expect(answer.status).toBe(429);
    const error = answer.body.errors?.[0];
    expect(error?.extensions?.code).toBe('RATE_LIMITED');
    expect(error?.extensions?.retryAfter).toBeGreaterThanOrEqual(1);
    expect(Number(answer.headers.get('retry-after'))).toBe(error?.extensions?.retryAfter);
    expect(f.leadlex.received).toHaveLength(2);
  });

  it('does not limit when CLIENT_RATE_LIMIT_PER_MINUTE=0', async () => {
    const f = await start({ CLIENT_RATE_LIMIT_PER_MINUTE: '0' });
    for (let i = 0; i < 5; i++) expect((await f.graphql(`mutation { ${DEALS_FIELD} }`)).body.errors).toBeUndefined();
  });
});
