import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatorFault } from '../../src/simulators/index.ts';
import { SECRETS, type FacadeHarness, type GraphQLAnswer } from '../helpers/facade.ts';
import { SEED, leakedSecrets, mutate, secretValues, simOf, startSeeded, type MutationName } from '../helpers/e2e.ts';
import { closedPortUrl } from '../helpers/stub-server.ts';

// docs/contract.md §4: "No error message, log line or response ever contains a credential." Every
// path is driven with the harness's recognisable secrets, at the most verbose log level, and
// every response text and log line is searched for them (and for the tokens minted from them).

let facade: FacadeHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

const ALL: MutationName[] = ['intents', 'contacts', 'deals'];
const VERBOSE = { LOG_LEVEL: 'trace' };
// Only where every request hangs: a real timeout against an upstream that never answers, so
// nothing here depends on how fast a loaded machine is; elsewhere the harness's 2 s holds.
const HANGING = { ...VERBOSE, UPSTREAM_TIMEOUT_MS: '200' };

/** Every credential the facade holds or sent: configured secrets, minted JWTs, bearer headers. */
function credentials(f: FacadeHarness): string[] {
  const minted = f.kore.received.map((r) => r.headers['auth']).filter((t): t is string => typeof t === 'string');
  return [...secretValues(), ...minted, ...minted.map((jwt) => jwt.split('.')[2] ?? jwt)];
}

function expectNoLeak(f: FacadeHarness, answers: readonly GraphQLAnswer[]): void {
  expect(leakedSecrets([...answers.map((a) => a.text), ...f.logs], credentials(f))).toEqual([]);
}

/** Faults that end a call in each way the facade handles, one per mutation call. */
const PATHS: Array<[string, SimulatorFault | 'refused' | 'wrong-key']> = [
  ['400', { status: 400, body: { error: 'bad request' } }],
  ['401', { status: 401, body: { error: 'unauthorized' } }],
  ['403', { status: 403, body: { error: 'forbidden' } }],
  ['429', { status: 429, headers: { 'Retry-After': '90' } }],
  ['503', { status: 503 }],
  ['500 after processing', { status: 500, process: true }],
  ['418', { status: 418 }],
  ['HTML 404', { status: 404, rawBody: '<html>404</html>', contentType: 'text/html' }],
  ['timeout', { hang: 'before' }],
  ['reset', { reset: 'after' }],
  ['unreadable 2xx', { rawBody: '{"trunc' }],
  ['connection refused', 'refused'],
  ['wrong credentials', 'wrong-key'],
];

describe('facade responses and logs', () => {
  it.each(ALL)('%s: hold no credential on any error path or result, at LOG_LEVEL=trace', async (m) => {
    const wrong = { STOQ_API_KEY: `${SECRETS.stoqApiKey}-x`, KORE_CLIENT_SECRET: `${SECRETS.koreClientSecret}-x`, LEADLEX_API_KEY: `${SECRETS.leadlexApiKey}-x` };
    const answers: GraphQLAnswer[] = [];
    for (const [, path] of PATHS) {
      const env = path === 'refused'
        ? { ...VERBOSE, STOQ_API_URL: await closedPortUrl(), KORE_API_URL: await closedPortUrl(), LEADLEX_API_URL: await closedPortUrl() }
        : path === 'wrong-key' ? { ...VERBOSE, ...wrong } : typeof path === 'object' && path.hang !== undefined ? HANGING : VERBOSE;
      facade = await startSeeded({ env });
      if (typeof path === 'object') simOf(facade, m).faultPlan(() => path);
      answers.push(await mutate(facade, m, { ids: [...SEED, 'ghost'] }));
      answers.push(await mutate(facade, m, { ids: ['x1'], idempotencyKey: 'k' }));
      answers.push(await mutate(facade, m, { ids: ['x2'], idempotencyKey: 'k' }));
      expectNoLeak(facade, answers);
      expect(leakedSecrets([...answers.map((a) => a.text), ...facade.logs], Object.values(wrong))).toEqual([]);
      await facade.close();
      facade = undefined;
    }
    // The paths really were errors and results of every kind, not all one answer.
    const codes = new Set(answers.map((a) => a.body.errors?.[0]?.extensions?.code ?? 'result'));
    expect(codes).toEqual(new Set(['BAD_USER_INPUT', 'UPSTREAM_AUTH_FAILED', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_BAD_RESPONSE', 'IDEMPOTENCY_KEY_REUSED', 'result']));
  });

  it.each<[MutationName, SimulatorFault]>([
    ['intents', { status: 400, body: { error: `X-Auth-Token ${SECRETS.stoqApiKey} is malformed` } }],
    ['intents', { status: 401, body: { error: SECRETS.stoqApiKey } }],
    ['contacts', { status: 401, body: { errors: [{ msg: `bad secret ${SECRETS.koreClientSecret}`, code: SECRETS.koreClientSecret }] } }],
    ['deals', { status: 403, body: { error: { code: SECRETS.leadlexApiKey, message: `Bearer ${SECRETS.leadlexApiKey} lacks write:deals` } } }],
    ['deals', { status: 500, body: { error: { code: 'internal', message: `upstream saw Authorization: Bearer ${SECRETS.leadlexApiKey}` } } }],
  ])('%s: hold no credential an upstream echoed in its error body %j', async (m, fault) => {
    facade = await startSeeded({ env: VERBOSE });
    simOf(facade, m).faultPlan(() => fault);
    const answer = await mutate(facade, m, { ids: ['x1'] });
    expect(answer.body.errors ?? answer.body.data?.result?.failures).not.toHaveLength(0);
    expectNoLeak(facade, [answer]);
  });

  it('hold no credential an upstream sent as the code of a refused later batch', async () => {
    const ids = Array.from({ length: 600 }, (_, i) => `d${i}`);
    facade = await startSeeded({ env: { ...VERBOSE, BATCH_CONCURRENCY: '1' }, leadlex: { deals: ids.map((id) => ({ id })) } }, []);
    facade.leadlex.faultPlan((_req, index) => (index === 1 ? { status: 400, body: { error: { code: SECRETS.leadlexApiKey, message: 'x' } } } : undefined));
    const answer = await mutate(facade, 'deals', { ids });
    expect(answer.body.data?.result?.failedCount).toBe(100);
    expectNoLeak(facade, [answer]);
  });

  it.each<[MutationName, SimulatorFault]>([
    ['contacts', { body: { successfulRecords: [], failedRecords: [{ id: 'x1', reason: `token for ${SECRETS.koreClientSecret} expired`, code: SECRETS.koreClientSecret }] } }],
    ['deals', { body: { data: { deleted_count: 0, not_found_count: 0, errors: [{ deal_id: 'x1', code: SECRETS.leadlexApiKey, message: `key ${SECRETS.leadlexApiKey} may not delete` }] } } }],
  ])('%s: hold no credential an upstream echoed in a row\'s reason or code', async (m, fault) => {
    facade = await startSeeded({ env: VERBOSE });
    simOf(facade, m).fault(fault);
    const answer = await mutate(facade, m, { ids: ['x1'] });
    expect(answer.body.data?.result?.failures).toHaveLength(1);
    expectNoLeak(facade, [answer]);
  });
});
