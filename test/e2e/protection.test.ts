import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FacadeHarness } from '../helpers/facade.ts';
import { expectError, expectResult, mutate, startSeeded } from '../helpers/e2e.ts';

// Upstream protection, end to end: the facade in front of the simulators, configured through
// UPSTREAM_CONCURRENCY, CIRCUIT_FAILURE_THRESHOLD, CIRCUIT_OPEN_MS and the vendors' own
// X-RateLimit-* headers. Assertions are on what the simulators received and answered.

let facade: FacadeHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

/** Prometheus samples of one metric, as `{labels} value` lines. */
async function samples(f: FacadeHarness, metric: string): Promise<string[]> {
  const text = await (await fetch(`${f.url}/metrics`)).text();
  return text.split('\n').filter((line) => line.startsWith(`${metric}{`)).map((line) => line.slice(metric.length));
}

describe('the per-upstream concurrency cap', () => {
  it('keeps at most UPSTREAM_CONCURRENCY requests in flight to an upstream across concurrent mutations', async () => {
    const intents = ids('int_', 6);
    facade = await startSeeded({ env: { UPSTREAM_CONCURRENCY: '2', UPSTREAM_TIMEOUT_MS: '10000' } }, intents);
    let inFlight = 0;
    let most = 0;
    let first = true;
    facade.stoq.faultPlan(() => {
      inFlight++;
      most = Math.max(most, inFlight);
      // The first answer is held 1.5 s (well inside UPSTREAM_TIMEOUT_MS), so a second request
      // reaches the cap however slowly a loaded machine sends it; the rest take 50 ms each.
      const delayMs = first ? 1_500 : 50;
      first = false;
      // Registered before the simulator's own wait of the same length, so it fires before the answer is written.
      setTimeout(() => void inFlight--, delayMs);
      return { delayMs };
    });
    const answers = await Promise.all(intents.map((id) => mutate(facade!, 'intents', { ids: [id] })));
    expect(answers.map((a) => expectResult(a).deletedCount)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(facade.stoq.received).toHaveLength(6);
    expect(most).toBe(2);
    expect(await samples(facade, 'facade_upstream_in_flight')).toContain('{upstream="stoq"} 0');
    const slotWaits = await samples(facade, 'facade_upstream_wait_seconds_count');
    expect(slotWaits.find((s) => s.startsWith('{upstream="stoq",reason="slot"}'))).toMatch(/ [1-9]\d*$/);
  });
});

describe('the circuit breaker', () => {
  // CIRCUIT_OPEN_MS passes on the upstreams' test clock, so a slow machine cannot let the
  // circuit half-open between two calls of the test.
  const env = { CIRCUIT_FAILURE_THRESHOLD: '2', CIRCUIT_OPEN_MS: '30000', UPSTREAM_MAX_ATTEMPTS: '1' };

  it('opens after consecutive failures, answers UPSTREAM_UNAVAILABLE without calling the upstream, and closes after a successful probe', async () => {
    let clock = Date.now();
    facade = await startSeeded({ env, upstreamClock: { now: () => clock } });
    facade.stoq.faultPlan(() => ({ status: 503 }));
    for (let i = 0; i < 2; i++) {
      expectError(await mutate(facade, 'intents', { ids: ['x1'] }), { code: 'UPSTREAM_UNAVAILABLE', upstream: 'stoq', upstreamStatus: 503 });
    }
    expect(facade.stoq.received).toHaveLength(2);

    const { message } = expectError(await mutate(facade, 'intents', { ids: ['x1'] }), { code: 'UPSTREAM_UNAVAILABLE', upstream: 'stoq', retryAfter: 30 });
    expect(message).toMatch(/^Stoq is failing: the facade's circuit for it is open after 2 consecutive failures/);
    expect(facade.stoq.received).toHaveLength(2);
    expect(await samples(facade, 'facade_upstream_circuit_state')).toContain('{upstream="stoq"} 2');
    expect(await samples(facade, 'facade_upstream_circuit_refusals_total')).toContain('{upstream="stoq"} 1');
    // Other upstreams are not affected.
    expect(expectResult(await mutate(facade, 'deals', { ids: ['x1'] })).deletedCount).toBe(1);

    facade.stoq.faultPlan(undefined);
    // Refused until CIRCUIT_OPEN_MS has passed; then one probe goes, succeeds, and closes the circuit.
    clock += 29_999;
    expectError(await mutate(facade, 'intents', { ids: ['x1'] }), { code: 'UPSTREAM_UNAVAILABLE', upstream: 'stoq', retryAfter: 1 });
    expect(facade.stoq.received).toHaveLength(2);
    clock += 1;
    const recovered = expectResult(await mutate(facade, 'intents', { ids: ['x1'] }));
    expect(recovered.deletedCount).toBe(1);
    expect(facade.stoq.received).toHaveLength(3);
    expect(await samples(facade, 'facade_upstream_circuit_state')).toContain('{upstream="stoq"} 0');
    expect(expectResult(await mutate(facade, 'intents', { ids: ['x2'] })).deletedCount).toBe(1);
  });
});

describe('rate-limit pacing', () => {
  it('sends Stoq no request it would refuse once the facade has seen its X-RateLimit headers, with 8 concurrent clients', async () => {
    const intents = ids('int_', 30);
    // 10 calls' worth per minute (a DELETE costs 2 points), so the clients run out quickly.
    facade = await startSeeded({ stoq: { rateLimit: { points: 20, windowMs: 60_000, cost: 2 } } }, intents);
    expect(expectResult(await mutate(facade, 'intents', { ids: ['int_30'] })).deletedCount).toBe(1);

    const f = facade;
    const clients = Array.from({ length: 8 }, async (_, client) => {
      const outcomes: string[] = [];
      for (let call = 0; call < 3; call++) {
        const answer = await mutate(f, 'intents', { ids: [`int_${client * 3 + call + 1}`] });
        if (answer.body.errors) {
          const { message } = expectError(answer, { code: 'RATE_LIMITED', upstream: 'stoq', retryAfter: 'any' });
          expect(message).toMatch(/^Stoq has no rate-limit budget left/);
          outcomes.push('refused');
        } else {
          expect(expectResult(answer).deletedCount).toBe(1);
          outcomes.push('deleted');
        }
      }
      return outcomes;
    });
    const outcomes = (await Promise.all(clients)).flat();
    const deleted = outcomes.filter((o) => o === 'deleted').length;
    expect(facade.stoq.rateLimitedCount).toBe(0);
    expect(facade.stoq.received).toHaveLength(1 + deleted);
    // 18 points were left: at most 9 more calls. The facade may keep some back while answers
    // are in flight (it errs low, never high), but it does not stop calling altogether.
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(deleted).toBeLessThanOrEqual(9);
    expect(await samples(facade, 'facade_upstream_rate_limit_refusals_total')).toContain(`{upstream="stoq"} ${24 - deleted}`);
  });

  it('refuses LeadLex calls RATE_LIMITED without reaching LeadLex once its daily quota is spent', async () => {
    const deals = ids('deal_', 6);
    facade = await startSeeded({ leadlex: { quota: { limit: 100, remaining: 3 } } }, deals);
    expect(expectResult(await mutate(facade, 'deals', { ids: ['deal_1'] })).deletedCount).toBe(1);
    const f = facade;
    const answers = await Promise.all(['deal_2', 'deal_3', 'deal_4', 'deal_5'].map((id) => mutate(f, 'deals', { ids: [id] })));
    const refused = answers.filter((a) => a.body.errors);
    expect(refused).toHaveLength(2);
    for (const answer of refused) {
      const { extensions } = expectError(answer, { code: 'RATE_LIMITED', upstream: 'leadlex', retryAfter: 'any' });
      // LeadLex's quota resets at the next UTC midnight.
      expect(extensions.retryAfter).toBeLessThanOrEqual(24 * 3600);
    }
    expect(facade.leadlex.received).toHaveLength(3);
    expect(facade.leadlex.quotaRemaining()).toBe(0);
    expectError(await mutate(facade, 'deals', { ids: ['deal_6'] }), { code: 'RATE_LIMITED', upstream: 'leadlex', retryAfter: 'any' });
    expect(facade.leadlex.received).toHaveLength(3);
  });
});
