/**
 * Upstream protection through the real HTTP caller: adapters built by `createUpstreams` (as the
 * facade builds them) in front of the vendor simulators or a scripted stub, over loopback, with
 * one test clock shared by the facade and the simulators, so time moves without sleeping.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BatchOutcome } from '../../../src/bulk-delete/outcome.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { startLeadLexSimulator, startStoqSimulator, type LeadLexSimulator, type StoqSimulator } from '../../../src/simulators/index.ts';
import { createUpstreams, type Upstreams } from '../../../src/upstreams/index.ts';
import { startStubServer, type StubServer } from '../../helpers/stub-server.ts';
import { until } from '../../helpers/upstream-timer.ts';
import { flat, type FlatOutcome } from '../bulk-delete/helpers.ts';

const START = Date.UTC(2030, 0, 15, 12, 0, 0);
const STOQ_KEY = 'stoq-test-key';
const LEADLEX_KEY = 'leadlex-test-key';

let clock = START;
const now = () => clock;
/** A wait that moves the clock to its end instead of sleeping; concurrent waits overlap. */
const sleep = async (ms: number) => {
  clock = Math.max(clock, now() + ms);
};

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(closers.splice(0).map((close) => close()));
  clock = START;
});

async function stoq(options: Parameters<typeof startStoqSimulator>[0] = {}): Promise<StoqSimulator> {
  const sim = await startStoqSimulator({ apiKey: STOQ_KEY, now, ...options });
  closers.push(sim.close);
  return sim;
}

/** The adapters as the facade builds them, with protection, the test clock and these variables. */
function upstreams(env: Record<string, string>): Upstreams {
  const config = loadConfig({ UPSTREAM_TIMEOUT_MS: '2000', RATE_LIMIT_MAX_WAIT_MS: '1000', ...env });
  return createUpstreams(config.upstreams, config.policy, { now, sleep, retryBaseDelayMs: 1 }, config.protection);
}

function stoqAdapter(sim: { url: string }, env: Record<string, string> = {}) {
  const adapter = upstreams({ STOQ_API_URL: sim.url, STOQ_API_KEY: STOQ_KEY, ...env }).stoq;
  if (!adapter) throw new Error('Stoq is not configured');
  return async (ids: readonly string[]) => flat(await adapter.deleteBatch(ids, 0, { skipSent: false }));
}

const refusalCode = (outcome: BatchOutcome | undefined) => (outcome?.kind === 'refused' ? outcome.error.code : null);
const refusalOf = (outcome: FlatOutcome) => outcome.refusal && { code: outcome.refusal.code, upstreamStatus: outcome.refusal.upstreamStatus, retryAfter: outcome.refusal.retryAfter };

describe('the circuit breaker, through the HTTP caller', () => {
  const env = { UPSTREAM_MAX_ATTEMPTS: '3', CIRCUIT_FAILURE_THRESHOLD: '3', CIRCUIT_OPEN_MS: '30000' };

  it('opens after consecutive failures, then refuses fast without reaching the upstream', async () => {
    const sim = await stoq({ intents: [{ id: 'i-1' }] });
    sim.faultPlan(() => ({ status: 503 }));
    const remove = stoqAdapter(sim, env);

    const failing = await remove(['i-1']);
    expect(refusalOf(failing)).toEqual({ code: 'UPSTREAM_UNAVAILABLE', upstreamStatus: 503, retryAfter: undefined });
    expect(sim.received).toHaveLength(3);

    const refused = await remove(['i-1']);
    expect(refusalOf(refused)).toEqual({ code: 'UPSTREAM_UNAVAILABLE', upstreamStatus: undefined, retryAfter: 30 });
    expect(refused.refusal?.message).toBe('Stoq is failing: the facade\'s circuit for it is open after 3 consecutive failures; retry after 30 s. The IDs were not deleted.');
    expect(refused.failures).toEqual([expect.objectContaining({ id: 'i-1', code: 'UPSTREAM_ERROR' })]);
    expect(sim.received).toHaveLength(3);
    expect(sim.has('i-1')).toBe(true);
  });

  it('after CIRCUIT_OPEN_MS sends one probe while others are still refused, and closes when the upstream has recovered', async () => {
    const sim = await stoq({ intents: [{ id: 'i-1' }, { id: 'i-2' }, { id: 'i-3' }] });
    sim.faultPlan(() => ({ status: 503 }));
    const remove = stoqAdapter(sim, env);
    await remove(['i-1']);
    expect(sim.received).toHaveLength(3);

    clock += 29_999;
    expect(refusalOf(await remove(['i-1']))?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(sim.received).toHaveLength(3);

    clock += 1;
    sim.faultPlan(undefined);
    const [probe, meanwhile] = await Promise.all([remove(['i-1']), remove(['i-2'])]);
    expect(probe).toMatchObject({ kind: 'answered', deletedCount: 1 });
    expect(meanwhile.refusal?.message).toMatch(/circuit for it is open after 3 consecutive failures, and a probe call is under way/);
    expect(sim.received).toHaveLength(4);

    expect(await remove(['i-2', 'i-3'])).toMatchObject({ deletedCount: 2, refusal: null });
    expect(sim.received).toHaveLength(5);
  });

  it('re-opens when the probe fails', async () => {
    const sim = await stoq({ intents: [{ id: 'i-1' }] });
    sim.faultPlan(() => ({ status: 503 }));
    const remove = stoqAdapter(sim, { ...env, UPSTREAM_MAX_ATTEMPTS: '1', CIRCUIT_FAILURE_THRESHOLD: '1' });
    await remove(['i-1']);
    clock += 30_000;
    await remove(['i-1']);
    expect(sim.received).toHaveLength(2);
    expect(refusalOf(await remove(['i-1']))).toEqual({ code: 'UPSTREAM_UNAVAILABLE', upstreamStatus: undefined, retryAfter: 30 });
    expect(sim.received).toHaveLength(2);
  });

  it('does not retry into a circuit that opened during the call', async () => {
    const sim = await stoq({ intents: [{ id: 'i-1' }] });
    sim.faultPlan(() => ({ status: 503 }));
    const remove = stoqAdapter(sim, { ...env, UPSTREAM_MAX_ATTEMPTS: '5', CIRCUIT_FAILURE_THRESHOLD: '2' });
    const outcome = await remove(['i-1']);
    expect(sim.received).toHaveLength(2);
    // The call ends as its last attempt did: a 503 refusal, not a circuit refusal.
    expect(refusalOf(outcome)).toEqual({ code: 'UPSTREAM_UNAVAILABLE', upstreamStatus: 503, retryAfter: undefined });
  });

  it.each([401, 404, 422, 429])('does not count %i answers as failures', async (status) => {
    const sim = await stoq({ intents: [{ id: 'i-1' }] });
    sim.faultPlan(() => ({ status, body: { error: 'nope' } }));
    const remove = stoqAdapter(sim, { ...env, UPSTREAM_MAX_ATTEMPTS: '1', CIRCUIT_FAILURE_THRESHOLD: '1' });
    for (let i = 0; i < 4; i++) await remove(['i-1']);
    expect(sim.received).toHaveLength(4);
  });

  it('keeps each upstream\'s circuit to itself', async () => {
    const sim = await stoq({ intents: [{ id: 'i-1' }] });
    sim.faultPlan(() => ({ status: 503 }));
    const leadlex = await startLeadLexSimulator({ apiKey: LEADLEX_KEY, now, deals: [{ id: 'd-1' }] });
    closers.push(leadlex.close);
    const both = upstreams({ ...env, CIRCUIT_FAILURE_THRESHOLD: '1', STOQ_API_URL: sim.url, STOQ_API_KEY: STOQ_KEY, LEADLEX_API_URL: leadlex.url, LEADLEX_API_KEY: LEADLEX_KEY });
    await both.stoq?.deleteBatch(['i-1'], 0, { skipSent: false });
    expect(await both.stoq?.deleteBatch(['i-1'], 0, { skipSent: false })).toMatchObject({ kind: 'refused', error: { message: expect.stringMatching(/circuit/) } });
    expect(await both.leadlex?.deleteBatch(['d-1'], 0, { dryRun: false, keyBase: 'k' })).toMatchObject({ kind: 'answered', deletedCount: 1 });
  });
});

describe('the concurrency cap, through the HTTP caller', () => {
  let stub: StubServer | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await stub?.close();
    stub = undefined;
  });

  it('keeps at most UPSTREAM_CONCURRENCY requests in flight, and the wait for a slot does not count toward UPSTREAM_TIMEOUT_MS', async () => {
    // Each answer takes 150 ms and the timeout is 400 ms: the fourth call waits 450 ms for its
    // slot, so it would time out if waiting counted. The stub's delay and got's timeout are both
    // global setTimeouts: faked, they move only when the test says, whatever the machine's load.
    const s = stub = await startStubServer();
    s.fallback(() => ({ status: 200, body: JSON.stringify({ success: true, deleted_count: 1 }), delayMs: 150 }));
    const remove = stoqAdapter(s, { UPSTREAM_CONCURRENCY: '1', UPSTREAM_TIMEOUT_MS: '400' });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const running = Promise.all(['i-1', 'i-2', 'i-3', 'i-4'].map((id) => remove([id])));
    for (let i = 1; i <= 4; i++) {
      await until(() => s.received.length >= i);
      await vi.advanceTimersByTimeAsync(150);
    }
    const outcomes = await running;
    vi.useRealTimers();
    expect(outcomes.map((o) => o.deletedCount)).toEqual([1, 1, 1, 1]);
    expect(stub.received).toHaveLength(4);
    expect(stub.maxInFlight).toBe(1);
  });

  it('lets all UPSTREAM_CONCURRENCY requests reach the upstream at once, even above the HTTP agent\'s minimum of sockets', async () => {
    const s = stub = await startStubServer();
    s.fallback(() => ({ status: 200, body: JSON.stringify({ success: true, deleted_count: 1 }), delayMs: 100 }));
    const remove = stoqAdapter(s, { UPSTREAM_CONCURRENCY: '24' });
    const ids = Array.from({ length: 24 }, (_, i) => `i-${i}`);
    // The stub answers (a faked setTimeout) only once all 24 have arrived, however slowly they come.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const running = Promise.all(ids.map((id) => remove([id])));
    await until(() => s.received.length === 24);
    await vi.advanceTimersByTimeAsync(100);
    const outcomes = await running;
    vi.useRealTimers();
    expect(outcomes.every((o) => o.deletedCount === 1)).toBe(true);
    expect(stub.maxInFlight).toBe(24);
  });

  it('frees the slot of a request that failed', async () => {
    stub = await startStubServer({ reset: 'after-body' }, { reset: 'after-body' });
    const remove = stoqAdapter(stub, { UPSTREAM_CONCURRENCY: '1', UPSTREAM_MAX_ATTEMPTS: '1' });
    await Promise.all([remove(['i-1']), remove(['i-2'])]);
    expect((await remove(['i-3'])).deletedCount).toBe(0);
    expect(stub.received).toHaveLength(3);
  });
});

describe('rate-limit pacing, through the HTTP caller', () => {
  it('waits for Stoq\'s reset when it is within RATE_LIMIT_MAX_WAIT_MS instead of meeting a 429', async () => {
    const intents = ['i-1', 'i-2', 'i-3', 'i-4', 'i-5', 'i-6'];
    const sim = await stoq({ intents: intents.map((id) => ({ id })), rateLimit: { points: 6, windowMs: 10_000, cost: 2 } });
    const remove = stoqAdapter(sim, { RATE_LIMIT_MAX_WAIT_MS: '15000' });
    for (const id of ['i-1', 'i-2', 'i-3']) expect((await remove([id])).deletedCount).toBe(1);
    const later = await Promise.all(['i-4', 'i-5', 'i-6'].map((id) => remove([id])));
    expect(later.map((o) => o.deletedCount)).toEqual([1, 1, 1]);
    expect(clock).toBeGreaterThanOrEqual(START + 10_000);
    expect(sim.rateLimitedCount).toBe(0);
    expect(sim.received).toHaveLength(6);
  });

  it('refuses RATE_LIMITED without calling Stoq when the budget is back only beyond RATE_LIMIT_MAX_WAIT_MS', async () => {
    const sim = await stoq({ intents: [{ id: 'i-1' }, { id: 'i-2' }], rateLimit: { points: 2, windowMs: 60_000, cost: 2 } });
    const remove = stoqAdapter(sim);
    expect((await remove(['i-1'])).deletedCount).toBe(1);
    const refused = await remove(['i-2']);
    expect(refusalOf(refused)).toEqual({ code: 'RATE_LIMITED', upstreamStatus: undefined, retryAfter: 60 });
    expect(refused.refusal?.message).toBe('Stoq has no rate-limit budget left for this call, so the facade did not send it; retry after 60 s. The IDs were not deleted.');
    expect(refused.rateLimit?.rateLimit).toMatchObject({ limit: 2, remaining: 0 });
    expect(sim.received).toHaveLength(1);
    expect(sim.rateLimitedCount).toBe(0);
  });

  it('charges each vendor its own cost: Stoq 2 points a call, LeadLex 1 request', async () => {
    const sim = await stoq({ intents: ['a', 'b', 'c', 'd'].map((id) => ({ id })), rateLimit: { points: 6, windowMs: 60_000, cost: 2 } });
    const removeIntent = stoqAdapter(sim);
    expect((await removeIntent(['a'])).deletedCount).toBe(1);
    // 4 points left: two concurrent calls' worth at Stoq's cost, not three.
    const results = await Promise.all(['b', 'c', 'd'].map(async (id) => (await removeIntent([id])).refusal?.code ?? 'deleted'));
    expect(results.sort()).toEqual(['RATE_LIMITED', 'deleted', 'deleted']);
    expect(sim.received).toHaveLength(3);
    expect(sim.rateLimitedCount).toBe(0);

    const leadlex: LeadLexSimulator = await startLeadLexSimulator({ apiKey: LEADLEX_KEY, now, deals: ['a', 'b', 'c', 'd'].map((id) => ({ id })), quota: { limit: 3, remaining: 3 } });
    closers.push(leadlex.close);
    const adapter = upstreams({ LEADLEX_API_URL: leadlex.url, LEADLEX_API_KEY: LEADLEX_KEY }).leadlex;
    const deals = [];
    for (const id of ['a', 'b', 'c', 'd']) deals.push(refusalCode(await adapter?.deleteBatch([id], 0, { dryRun: false, keyBase: id })) ?? 'deleted');
    expect(deals).toEqual(['deleted', 'deleted', 'deleted', 'RATE_LIMITED']);
    expect(leadlex.received).toHaveLength(3);
  });
});
