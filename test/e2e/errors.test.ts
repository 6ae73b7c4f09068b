import { afterEach, describe, expect, it } from 'vitest';
import { startStoqSimulator } from '../../src/simulators/index.ts';
import { SECRETS, type FacadeHarness, type HarnessOptions } from '../helpers/facade.ts';
import {
  SEED, UPSTREAM_OF, expectError, expectNothingDeleted, leakedSecrets, mutate, secretValues, simOf, startSeeded,
  type ExpectedError, type MutationInput, type MutationName,
} from '../helpers/e2e.ts';
import { closedPortUrl } from '../helpers/stub-server.ts';
import type { IdempotencyStore } from '../../src/idempotency/index.ts';

// docs/contract.md §4: every row of the error table (UNAUTHENTICATED / FORBIDDEN come with client
// authentication, a later feature). A GraphQL error means nothing was deleted and the facade
// knows it: each case also checks the simulator deleted nothing, and no secret leaked.

let facade: FacadeHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

/** Free text a vendor put in an error body: it must never reach the client. */
const RAW_UPSTREAM_TEXT = 'raw upstream detail that must stay inside';
const WRONG_KEYS = { stoq: 'stoq-SECRET-wrong-key-41c', koreSecret: 'kore-SECRET-wrong-secret-52d', leadlex: 'wbk_test-SECRET-wrong-9876' };
const READ_ONLY_KEY = 'wbk_test-SECRET-readonly-5555';

interface ErrorCase {
  options?: HarnessOptions | (() => Promise<HarnessOptions>);
  /** Scripts the simulator behind the mutation before the call. */
  prepare?: (facade: FacadeHarness) => void;
  input?: MutationInput;
  expected: ExpectedError;
}

/** Runs one case: starts a seeded facade, calls the mutation, checks the error, the simulator and the logs. */
async function expectErrorCase(mutation: MutationName, c: ErrorCase): Promise<void> {
  const options = typeof c.options === 'function' ? await c.options() : c.options;
  facade = await startSeeded(options);
  c.prepare?.(facade);
  const answer = await mutate(facade, mutation, c.input ?? { ids: [...SEED] });
  const { message } = expectError(answer, c.expected);
  expectNothingDeleted(simOf(facade, mutation));
  expect(message).not.toContain(RAW_UPSTREAM_TEXT);
  expect(leakedSecrets([answer.text, ...facade.logs], secretValues(Object.values(WRONG_KEYS).concat(READ_ONLY_KEY)))).toEqual([]);
}

const always = (fault: Parameters<FacadeHarness['stoq']['fault']>[0]) => (f: FacadeHarness, m: MutationName) => simOf(f, m).faultPlan(() => fault);
const once = (fault: Parameters<FacadeHarness['stoq']['fault']>[0]) => (f: FacadeHarness, m: MutationName) => simOf(f, m).fault(fault);
const ALL: MutationName[] = ['intents', 'contacts', 'deals'];
const UPSTREAM = UPSTREAM_OF;
const URL_VARIABLE = { intents: 'STOQ_API_URL', contacts: 'KORE_API_URL', deals: 'LEADLEX_API_URL' } as const;

describe('facade errors: BAD_USER_INPUT', () => {
  it.each(ALL)('%s: refuses an empty ids list', (m) => expectErrorCase(m, { input: { ids: [] }, expected: { code: 'BAD_USER_INPUT' } }));

  it.each(ALL.flatMap((m) => [[m, ''], [m, '   ']] as Array<[MutationName, string]>))('%s: refuses the blank ID %j', (m, blank) =>
    expectErrorCase(m, { input: { ids: ['x1', blank] }, expected: { code: 'BAD_USER_INPUT' } }));

  it.each(ALL)('%s: refuses more IDs than MAX_IDS_PER_CALL, counted before de-duplication', (m) =>
    expectErrorCase(m, { options: { env: { MAX_IDS_PER_CALL: '3' } }, input: { ids: ['x1', 'x1', 'x2', 'x2'] }, expected: { code: 'BAD_USER_INPUT' } }));

  it.each(ALL)('%s: accepts exactly MAX_IDS_PER_CALL IDs', async (m) => {
    facade = await startSeeded({ env: { MAX_IDS_PER_CALL: '3' } });
    const answer = await mutate(facade, m, { ids: ['x1', 'x1', 'x2'] });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.result).toMatchObject({ requestedCount: 2, deletedCount: 2 });
  });

  it('contacts: refuses a call without streamId when KORE_STREAM_ID is not set', () =>
    expectErrorCase('contacts', { options: { env: { KORE_STREAM_ID: '' } }, expected: { code: 'BAD_USER_INPUT' } }));

  it.each(ALL)('%s: turns the upstream\'s 400 into BAD_USER_INPUT with upstream and status', (m) =>
    expectErrorCase(m, { prepare: (f) => once({ status: 400, body: { error: RAW_UPSTREAM_TEXT } })(f, m), expected: { code: 'BAD_USER_INPUT', upstream: UPSTREAM[m], upstreamStatus: 400 } }));
});

describe('facade errors: NOT_CONFIGURED', () => {
  it.each(ALL)('%s: refuses when its upstream has no credentials, the others still working', async (m) => {
    await expectErrorCase(m, { options: { unconfigured: [UPSTREAM[m]] }, expected: { code: 'NOT_CONFIGURED', upstream: UPSTREAM[m] } });
    expect(simOf(facade as FacadeHarness, m).received).toEqual([]);
    const other = ALL.find((o) => o !== m) as MutationName;
    const answer = await mutate(facade as FacadeHarness, other, { ids: ['x1'] });
    expect(answer.body.data?.result).toMatchObject({ deletedCount: 1 });
  });
});

describe('facade errors: UPSTREAM_AUTH_FAILED', () => {
  it('intents: Stoq answers 401 to a wrong X-Auth-Token', () =>
    expectErrorCase('intents', { options: { env: { STOQ_API_KEY: WRONG_KEYS.stoq } }, expected: { code: 'UPSTREAM_AUTH_FAILED', upstream: 'stoq', upstreamStatus: 401 } }));

  it('contacts: Kore.ai answers 401 to a JWT signed with a wrong secret', () =>
    expectErrorCase('contacts', { options: { env: { KORE_CLIENT_SECRET: WRONG_KEYS.koreSecret } }, expected: { code: 'UPSTREAM_AUTH_FAILED', upstream: 'kore', upstreamStatus: 401 } }));

  it('deals: LeadLex answers 401 to an unknown key', () =>
    expectErrorCase('deals', { options: { env: { LEADLEX_API_KEY: WRONG_KEYS.leadlex } }, expected: { code: 'UPSTREAM_AUTH_FAILED', upstream: 'leadlex', upstreamStatus: 401 } }));

  it('deals: LeadLex answers 403 to a key without write:deals', () =>
    expectErrorCase('deals', {
      options: { env: { LEADLEX_API_KEY: READ_ONLY_KEY }, leadlex: { keys: { [READ_ONLY_KEY]: { permissions: ['read:deals'] } } } },
      expected: { code: 'UPSTREAM_AUTH_FAILED', upstream: 'leadlex', upstreamStatus: 403 },
    }));

  it.each(ALL.flatMap((m) => [[m, 401], [m, 403]] as Array<[MutationName, number]>))('%s: a scripted %i', (m, status) =>
    expectErrorCase(m, { prepare: (f) => once({ status, body: { error: RAW_UPSTREAM_TEXT } })(f, m), expected: { code: 'UPSTREAM_AUTH_FAILED', upstream: UPSTREAM[m], upstreamStatus: status } }));
});

describe('facade errors: RATE_LIMITED', () => {
  it('intents: Stoq\'s spent points budget, with retryAfter from Retry-After', () =>
    expectErrorCase('intents', { options: { stoq: { rateLimit: { points: 1, cost: 2 } } }, expected: { code: 'RATE_LIMITED', upstream: 'stoq', upstreamStatus: 429, retryAfter: 60 } }));

  it('contacts: a 429 whose Retry-After is beyond RATE_LIMIT_MAX_WAIT_MS', () =>
    expectErrorCase('contacts', { prepare: (f) => once({ status: 429, headers: { 'Retry-After': '30' } })(f, 'contacts'), expected: { code: 'RATE_LIMITED', upstream: 'kore', upstreamStatus: 429, retryAfter: 30 } }));

  it('deals: LeadLex\'s spent daily quota, with retryAfter until its reset', async () => {
    await expectErrorCase('deals', { prepare: (f) => f.leadlex.setQuotaRemaining(0), expected: { code: 'RATE_LIMITED', upstream: 'leadlex', upstreamStatus: 429, retryAfter: 'any' } });
  });

  it.each(ALL)('%s: a 429 that gives no hint of when to come back still carries retryAfter', (m) =>
    expectErrorCase(m, { prepare: (f) => once({ status: 429 })(f, m), expected: { code: 'RATE_LIMITED', upstream: UPSTREAM[m], upstreamStatus: 429, retryAfter: 'any' } }));

  it.each(ALL)('%s: a 429 on every attempt, each waitable, ends RATE_LIMITED after UPSTREAM_MAX_ATTEMPTS, retryAfter at least 1 s', async (m) => {
    await expectErrorCase(m, { prepare: (f) => always({ status: 429, headers: { 'Retry-After': '0' } })(f, m), expected: { code: 'RATE_LIMITED', upstream: UPSTREAM[m], upstreamStatus: 429, retryAfter: 1 } });
    expect(simOf(facade as FacadeHarness, m).received).toHaveLength(3);
  });
});

describe('facade errors: UPSTREAM_UNAVAILABLE', () => {
  it.each(ALL)('%s: a 503 on every attempt, after UPSTREAM_MAX_ATTEMPTS', async (m) => {
    await expectErrorCase(m, { prepare: (f) => always({ status: 503, body: { error: RAW_UPSTREAM_TEXT } })(f, m), expected: { code: 'UPSTREAM_UNAVAILABLE', upstream: UPSTREAM[m], upstreamStatus: 503 } });
    expect(simOf(facade as FacadeHarness, m).received).toHaveLength(3);
  });

  it.each(ALL)('%s: a connection refused on every attempt, with no upstreamStatus', (m) =>
    expectErrorCase(m, { options: async () => ({ env: { [URL_VARIABLE[m]]: await closedPortUrl() } }), expected: { code: 'UPSTREAM_UNAVAILABLE', upstream: UPSTREAM[m] } }));
});

describe('facade errors: UPSTREAM_BAD_RESPONSE', () => {
  it.each(ALL)('%s: an unexpected 418', (m) =>
    expectErrorCase(m, { prepare: (f) => once({ status: 418, body: { error: RAW_UPSTREAM_TEXT } })(f, m), expected: { code: 'UPSTREAM_BAD_RESPONSE', upstream: UPSTREAM[m], upstreamStatus: 418 } }));

  it('intents: Stoq\'s 404 as an HTML page (a wrong STOQ_API_URL), never read as "not found"', async () => {
    await expectErrorCase('intents', {
      prepare: (f) => once({ status: 404, rawBody: `<html><body>${RAW_UPSTREAM_TEXT}</body></html>`, contentType: 'text/html' })(f, 'intents'),
      expected: { code: 'UPSTREAM_BAD_RESPONSE', upstream: 'stoq', upstreamStatus: 404 },
    });
  });

  it('intents: a real wrong STOQ_API_URL path answered by the simulator\'s HTML 404', async () => {
    const stoq = await startStoqSimulator({ apiKey: SECRETS.stoqApiKey, intents: SEED.map((id) => ({ id })) });
    try {
      await expectErrorCase('intents', { options: { simulators: { stoq }, env: { STOQ_API_URL: `${stoq.url}/v2` } }, expected: { code: 'UPSTREAM_BAD_RESPONSE', upstream: 'stoq', upstreamStatus: 404 } });
      expect(stoq.received[0]?.path).toBe('/api/v1/external/v2/intents/bulk_destroy');
    } finally {
      await stoq.close();
    }
  });

  it.each<[MutationName]>([['contacts'], ['deals']])('%s: a 404 the contract does not expect', (m) =>
    expectErrorCase(m, { prepare: (f) => once({ status: 404, body: { error: RAW_UPSTREAM_TEXT } })(f, m), expected: { code: 'UPSTREAM_BAD_RESPONSE', upstream: UPSTREAM[m], upstreamStatus: 404 } }));
});

describe('facade errors: IDEMPOTENCY_KEY_REUSED', () => {
  it.each(ALL)('%s: the same idempotencyKey with other IDs is refused, and the other IDs are not deleted', async (m) => {
    facade = await startSeeded();
    const first = await mutate(facade, m, { ids: ['x1'], idempotencyKey: 'key-reused' });
    expect(first.body.data?.result).toMatchObject({ deletedCount: 1 });
    const second = await mutate(facade, m, { ids: ['x2'], idempotencyKey: 'key-reused' });
    expectError(second, { code: 'IDEMPOTENCY_KEY_REUSED' });
    const sim = simOf(facade, m);
    expect(sim.received).toHaveLength(1);
    expect(sim.has('x2')).toBe(true);
  });

  it.each<[MutationName, Record<string, unknown>]>([
    ['intents', { skipSent: true }],
    ['contacts', { streamId: 'st-other' }],
    ['deals', { dryRun: true }],
  ])('%s: the same idempotencyKey and IDs with other options %j is refused', async (m, options) => {
    facade = await startSeeded({ kore: { streamIds: ['st-test', 'st-other'] } });
    await mutate(facade, m, { ids: ['x1'], idempotencyKey: 'key-options' });
    expectError(await mutate(facade, m, { ids: ['x1'], idempotencyKey: 'key-options', ...options }), { code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(simOf(facade, m).received).toHaveLength(1);
  });
});

describe('a bug in the facade', () => {
  it('answers INTERNAL_SERVER_ERROR without detail, and logs the cause, redacted', async () => {
    // A store that throws what no code path expects: the stand-in for a bug.
    const bug = new Error(`store bug near ${SECRETS.leadlexApiKey}`, { cause: new TypeError('deeper cause') });
    const idempotency: IdempotencyStore = {
      claim: () => Promise.reject(bug),
      complete: () => Promise.resolve(),
      release: () => Promise.resolve(),
      waitFor: () => Promise.resolve(null),
      health: () => Promise.resolve({ ok: true }),
      close: () => Promise.resolve(),
    };
    facade = await startSeeded({ idempotency });
    const answer = await mutate(facade, 'deals', { ids: ['x1'], idempotencyKey: 'bug-1' });
    expect(answer.body.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(answer.body)).not.toContain('store bug');
    const logged = facade.logs.map((line) => JSON.parse(line) as { level: number; msg: string; err?: { message?: string; stack?: string } })
      .filter((line) => line.msg === 'unexpected error, answered INTERNAL_SERVER_ERROR');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.level).toBe(50);
    expect(logged[0]?.err?.message).toContain('store bug near');
    expect(JSON.stringify(logged[0])).toContain('deeper cause');
    expect(leakedSecrets(facade.logs, secretValues())).toEqual([]);
  });
});
