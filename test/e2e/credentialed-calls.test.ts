import { afterEach, describe, expect, it } from 'vitest';
import { SECRETS, type FacadeHarness, type GraphQLAnswer } from '../helpers/facade.ts';
import { expectError, expectResult, failed, leakedSecrets, mutate, secretValues, simOf, startSeeded, type MutationInput, type MutationName } from '../helpers/e2e.ts';
import { startFloodServer, type FloodServer } from '../helpers/stub-server.ts';

// Nothing a client sends or an upstream answers steers, floods or leaks a call that carries the
// facade's credentials: docs/contract.md §4 (plain-token streamId, well-formed Unicode, no credential in
// any response or log line) and §3 (an abandoned answer is OUTCOME_UNKNOWN).

let facade: FacadeHarness | undefined;
let flood: FloodServer | undefined;
afterEach(async () => {
  await facade?.close();
  await flood?.close();
  facade = undefined;
  flood = undefined;
});

const ALL: MutationName[] = ['intents', 'contacts', 'deals'];

function untouched(f: FacadeHarness): void {
  expect([f.stoq.received.length, f.kore.received.length, f.leadlex.received.length]).toEqual([0, 0, 0]);
}

/** The audit lines the facade logged, parsed. */
function auditLines(f: FacadeHarness): Array<Record<string, unknown>> {
  return f.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.audit === 'bulk-delete');
}

describe('streamId', () => {
  it.each([
    ['..', 'the account\'s non-public contacts'],
    ['.', 'the public root'],
    ['../..', 'the API root'],
    ['st-test/..', 'a segment and a dot-dot'],
    ['%2e%2e', 'a dot-dot the URL parser decodes'],
    ['.%2E', 'a mixed dot-dot'],
    ['st-test/../../v2', 'another API version'],
    ['st-test?x=', 'a query'],
    ['st-test#x', 'a fragment'],
    ['st\\..', 'a backslash'],
    ['st test', 'an inner space'],
  ])('%j (%s) is refused BAD_USER_INPUT before any call: Kore.ai receives nothing', async (streamId) => {
    facade = await startSeeded();
    const { message } = expectError(await mutate(facade, 'contacts', { ids: ['x1'], streamId }), { code: 'BAD_USER_INPUT' });
    expect(message).toMatch(/`streamId` .*is not a plain token: use only letters, digits, `_` and `-`/);
    untouched(facade);
    expect(facade.kore.deletedIds).toEqual([]);
    // Refused inside the mutation, after the scope check, so it is audited like any refusal.
    expect(auditLines(facade)).toEqual([expect.objectContaining({ mutation: 'contacts', outcome: 'error', code: 'BAD_USER_INPUT' })]);
  });

  it('that is a plain token still reaches its own stream', async () => {
    facade = await startSeeded({ kore: { streamIds: ['st-test', 'st-Other_2'], contacts: [{ id: 'c1', streamId: 'st-Other_2' }] } });
    const result = expectResult(await mutate(facade, 'contacts', { ids: ['c1'], streamId: 'st-Other_2' }));
    expect(result.deletedIds).toEqual(['c1']);
    expect(facade.kore.received.map((r) => r.path)).toEqual(['/agentassist/api/v1/public/st-Other_2/contacts/bulk-delete']);
  });
});

describe('strings that are not well-formed Unicode', () => {
  const cases: Array<[string, MutationName, MutationInput, RegExp]> = [
    ...ALL.map((m): [string, MutationName, MutationInput, RegExp] => [`an ID (${m})`, m, { ids: ['x1', 'k\ud800'] }, /`ids\[1\]` is not well-formed Unicode/]),
    ...ALL.map((m): [string, MutationName, MutationInput, RegExp] => [`a lone low surrogate in an ID (${m})`, m, { ids: ['\udc00'] }, /`ids\[0\]` is not well-formed Unicode/]),
    ...ALL.map((m): [string, MutationName, MutationInput, RegExp] => [`the idempotencyKey (${m})`, m, { ids: ['x1'], idempotencyKey: 'k\ud800' }, /`idempotencyKey` is not well-formed Unicode/]),
    ['the streamId', 'contacts', { ids: ['x1'], streamId: 'st\ud800' }, /`streamId` is not well-formed Unicode/],
  ];

  it.each(cases)('are refused BAD_USER_INPUT in %s before any call', async (_what, m, input, message) => {
    facade = await startSeeded();
    const answer = await mutate(facade, m, input);
    expect(expectError(answer, { code: 'BAD_USER_INPUT' }).message).toMatch(message);
    untouched(facade);
  });

  it('keep `k\\ud800` from counting as the key `k\\ufffd` (UTF-8 turns one into the other)', async () => {
    facade = await startSeeded();
    expectResult(await mutate(facade, 'deals', { ids: ['x1'], idempotencyKey: 'k\ufffd' }));
    expectError(await mutate(facade, 'deals', { ids: ['x2'], idempotencyKey: 'k\ud800' }), { code: 'BAD_USER_INPUT' });
    expectError(await mutate(facade, 'deals', { ids: ['x1'], idempotencyKey: 'k\ud800' }), { code: 'BAD_USER_INPUT' });
    expect(facade.leadlex.received).toHaveLength(1);
  });
});

describe('an upstream answer larger than UPSTREAM_MAX_RESPONSE_BYTES', () => {
  const HUGE = 300 * 1024 * 1024;
  const URL_VARIABLE = { intents: 'STOQ_API_URL', contacts: 'KORE_API_URL', deals: 'LEADLEX_API_URL' } as const;

  it.each(ALL)('%s: is abandoned unread, the vendor cut off mid-answer, and its IDs are OUTCOME_UNKNOWN', async (m) => {
    flood = await startFloodServer({ totalBytes: HUGE, contentLength: false });
    facade = await startSeeded({ env: { UPSTREAM_MAX_RESPONSE_BYTES: '65536', [URL_VARIABLE[m]]: flood.url } });
    const result = expectResult(await mutate(facade, m, { ids: ['x1', 'x2'], ...(m === 'deals' ? { idempotencyKey: 'big' } : {}) }));
    expect(failed(result, 'OUTCOME_UNKNOWN')).toEqual(['x1', 'x2']);
    expect(result.failures[0]?.message).toMatch(/UPSTREAM_MAX_RESPONSE_BYTES \(65536 bytes\)/);
    await flood.settled(1);
    // One request, not retried even where an idempotency key would allow it, and cut off.
    expect(flood.answers).toEqual([expect.objectContaining({ cutOff: true, finished: false })]);
    expect(flood.answers[0]?.written).toBeLessThan(HUGE);
  });
});

describe('what never comes out', () => {
  /** The minted tokens Kore.ai received, each whole, its signature, and its header and payload. */
  function mintedParts(f: FacadeHarness): string[] {
    const tokens = f.kore.received.map((r) => r.headers['auth']).filter((t): t is string => typeof t === 'string');
    expect(tokens.length).toBeGreaterThan(0);
    return tokens.flatMap((jwt) => [jwt, jwt.slice(jwt.lastIndexOf('.') + 1), jwt.slice(0, jwt.lastIndexOf('.'))]);
  }

  function expectNoLeak(f: FacadeHarness, answers: readonly GraphQLAnswer[]): void {
    expect(leakedSecrets([...answers.map((a) => a.text), ...f.logs], [...secretValues(), ...mintedParts(f)])).toEqual([]);
  }

  it('a minted Kore.ai JWT the upstream echoes in X-Request-ID and a failure reason: in no response or log line', async () => {
    facade = await startSeeded({ env: { LOG_LEVEL: 'trace' } });
    facade.kore.faultPlan((req) => ({
      headers: { 'X-Request-ID': req.headers['auth'] ?? '' },
      body: { successfulRecords: [{ id: 'x2' }], failedRecords: [{ id: 'x1', reason: `auth ${req.headers['auth']} is not allowed here`, code: 'denied' }] },
    }));
    const answer = await mutate(facade, 'contacts', { ids: ['x1', 'x2'] });
    const result = expectResult(answer);
    expect(result.failures).toEqual([expect.objectContaining({ id: 'x1', code: 'REJECTED', message: expect.stringContaining('auth [REDACTED] is not allowed here') })]);
    expect(result.upstreamRequestIds).toEqual([]);
    expectNoLeak(facade, [answer]);
  });

  it('a minted Kore.ai JWT that reaches the log by any other path is masked for its lifetime', async () => {
    facade = await startSeeded();
    expectResult(await mutate(facade, 'contacts', { ids: ['x1'] }));
    const token = facade.kore.received[0]?.headers['auth'] ?? '';
    facade.app.services.logger.warn({ header: token }, `upstream said ${token}`);
    const line = facade.logs.at(-1) ?? '';
    expect(line).toContain('upstream said [REDACTED]');
    expect(line).not.toContain(token);
  });

  it.each(ALL)('%s: an X-Request-ID of 15,000 characters is dropped, not passed to the response or the log', async (m) => {
    facade = await startSeeded();
    const huge = `req-${'r'.repeat(14_996)}`;
    simOf(facade, m).faultPlan(() => ({ headers: { 'X-Request-ID': huge } }));
    const answer = await mutate(facade, m, { ids: ['x1'] });
    expect(expectResult(answer).upstreamRequestIds).toEqual([]);
    expect([answer.text, ...facade.logs].filter((text) => text.includes('r'.repeat(129)))).toEqual([]);
  });

  it.each(ALL)('%s: a bounded X-Request-ID still reaches the result and the audit line', async (m) => {
    facade = await startSeeded();
    simOf(facade, m).faultPlan(() => ({ headers: { 'X-Request-ID': 'req_01HX.a:b-c' } }));
    const answer = await mutate(facade, m, { ids: ['x1'] });
    expect(expectResult(answer).upstreamRequestIds).toEqual(['req_01HX.a:b-c']);
    expect(auditLines(facade)).toEqual([expect.objectContaining({ upstreamRequestIds: ['req_01HX.a:b-c'] })]);
  });

  it.each<[MutationName, string]>([
    ['intents', SECRETS.stoqApiKey],
    ['deals', SECRETS.leadlexApiKey],
  ])('%s: a configured key the upstream echoes in X-Request-ID is dropped', async (m, key) => {
    facade = await startSeeded();
    simOf(facade, m).faultPlan(() => ({ headers: { 'X-Request-ID': `req-${key}` } }));
    const answer = await mutate(facade, m, { ids: ['x1'] });
    expect(expectResult(answer).upstreamRequestIds).toEqual([]);
    expect(leakedSecrets([answer.text, ...facade.logs], [key])).toEqual([]);
  });
});
