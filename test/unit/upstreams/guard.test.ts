import { describe, expect, it } from 'vitest';
import type { RateLimitObservation } from '../../../src/bulk-delete/outcome.ts';
import type { ProtectionConfig } from '../../../src/config/index.ts';
import { createUpstreamGuard, type AttemptEnd, type GuardEntry, type ProtectionObserver } from '../../../src/upstreams/guard.ts';

const START = Date.UTC(2030, 0, 15, 12, 0, 0);
const PROTECTION: ProtectionConfig = { upstreamConcurrency: 2, circuitFailureThreshold: 1, circuitOpenMs: 30_000 };

function setup(protection: Partial<ProtectionConfig> = {}) {
  let clock = START;
  const sleeps: number[] = [];
  const events: string[] = [];
  const inFlight: number[] = [];
  const observer: ProtectionObserver = {
    circuitState: (_u, state) => void events.push(`state ${state}`),
    refused: (_u, reason) => void events.push(`refused ${reason}`),
    waited: (_u, reason, seconds) => void events.push(`waited ${reason}${reason === 'rate_limit' ? ` ${seconds}` : ''}`),
    inFlight: (_u, count) => void inFlight.push(count),
  };
  const guard = createUpstreamGuard('stoq', { ...PROTECTION, ...protection }, {
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    observer,
  });
  const admitted = async (cost = 2, maxWaitMs = 5_000) => {
    const entry = await guard.enter(cost, maxWaitMs);
    if (entry.kind !== 'admitted') throw new Error(`expected admission, got ${JSON.stringify(entry)}`);
    return entry;
  };
  return { guard, admitted, sleeps, events, inFlight, advance: (ms: number) => void (clock += ms) };
}

const answer = (status: number, rateLimit: RateLimitObservation | null = null): AttemptEnd => ({ kind: 'answer', status, rateLimit });
const budget = (remaining: number, resetInMs: number): RateLimitObservation => ({
  rateLimit: { limit: 360, remaining, resetAt: new Date(START + resetInMs).toISOString() }, observedAt: START,
});
const kindOf = (entry: GuardEntry) => entry.kind;

describe('createUpstreamGuard', () => {
  it.each<[string, AttemptEnd, boolean]>([
    ['200', answer(200), false],
    ['400', answer(400), false],
    ['401', answer(401), false],
    ['403', answer(403), false],
    ['404', answer(404), false],
    ['422', answer(422), false],
    ['429', answer(429), false],
    ['500', answer(500), true],
    ['502', answer(502), true],
    ['503', answer(503), true],
    ['a lost answer (timeout, reset)', { kind: 'error', sent: true }, true],
    ['a request never carried (connection refused)', { kind: 'error', sent: false }, true],
    ['a request never built', { kind: 'not-sent' }, false],
  ])('after %s, a breaker failure is %s', async (_case, end, failure) => {
    const { guard, admitted } = setup({ circuitFailureThreshold: 1 });
    (await admitted()).exit(end);
    expect(guard.circuitRefusal() !== null).toBe(failure);
  });

  it('refuses at once while the circuit is open, before waiting for rate-limit budget', async () => {
    const { guard, admitted, sleeps, events } = setup();
    (await admitted()).exit(answer(503, budget(0, 3_000)));
    expect(await guard.enter(2, 5_000)).toEqual({ kind: 'circuit-open', failures: 1, retryInMs: 30_000 });
    expect(sleeps).toEqual([]);
    expect(events).toEqual(['state closed', 'state open', 'refused circuit_open']);
  });

  it('lets one probe through after CIRCUIT_OPEN_MS and refuses the callers arriving with it', async () => {
    const { guard, admitted, advance, events } = setup({ upstreamConcurrency: 8 });
    (await admitted()).exit(answer(500));
    advance(30_000);
    const entries = await Promise.all([guard.enter(2, 0), guard.enter(2, 0), guard.enter(2, 0)]);
    expect(entries.map(kindOf).sort()).toEqual(['admitted', 'circuit-open', 'circuit-open']);
    const probe = entries.find((e) => e.kind === 'admitted');
    if (probe?.kind !== 'admitted') throw new Error('no probe');
    probe.exit(answer(200));
    expect(guard.circuitRefusal()).toBeNull();
    expect(events.filter((e) => e.startsWith('state'))).toEqual(['state closed', 'state open', 'state half-open', 'state closed']);
  });

  it('lets the next caller probe when the probe\'s request could not be built', async () => {
    const { guard, admitted, advance } = setup();
    (await admitted()).exit(answer(500));
    advance(30_000);
    (await admitted()).exit({ kind: 'not-sent' });
    expect(kindOf(await guard.enter(2, 0))).toBe('admitted');
  });

  it('queues callers beyond UPSTREAM_CONCURRENCY and reports the queueing and the requests in flight', async () => {
    const { guard, admitted, events, inFlight } = setup({ upstreamConcurrency: 1, circuitFailureThreshold: 5 });
    const first = await admitted();
    let second: GuardEntry | undefined;
    const pending = guard.enter(2, 0).then((entry) => void (second = entry));
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBeUndefined();
    first.exit(answer(500));
    await pending;
    expect(second?.kind).toBe('admitted');
    if (second?.kind === 'admitted') second.exit(answer(200));
    expect(events).toContain('waited slot');
    expect(Math.max(...inFlight)).toBe(1);
    expect(inFlight.at(-1)).toBe(0);
  });

  it('waits for rate-limit budget within RATE_LIMIT_MAX_WAIT_MS, reporting the wait', async () => {
    const { admitted, sleeps, events } = setup({ circuitFailureThreshold: 5 });
    (await admitted()).exit(answer(200, budget(1, 3_000)));
    await admitted(2, 5_000);
    expect(sleeps).toEqual([3_000]);
    expect(events).toContain('waited rate_limit 3');
  });

  it('refuses without sending when the budget is back only beyond RATE_LIMIT_MAX_WAIT_MS, with the newest budget', async () => {
    const { guard, admitted, sleeps, events } = setup({ circuitFailureThreshold: 5 });
    const observation = budget(1, 40_000);
    (await admitted()).exit(answer(200, observation));
    expect(await guard.enter(2, 5_000)).toEqual({ kind: 'budget-spent', retryAfterMs: 40_000, retryAtMs: Date.parse(observation.rateLimit.resetAt!), rateLimit: observation });
    expect(sleeps).toEqual([]);
    expect(events).toContain('refused rate_limit');
  });

  it('gives back the budget of an attempt the circuit refused after it was reserved', async () => {
    const { guard, admitted, advance } = setup({ upstreamConcurrency: 8 });
    const prober = await admitted();
    prober.exit(answer(500, budget(4, 3_600_000)));
    advance(30_000);
    // Both reserve 2 of the 4 points; the one the breaker refuses must give its 2 back.
    const [a, b] = await Promise.all([guard.enter(2, 0), guard.enter(2, 0)]);
    const probe = [a, b].find((e) => e?.kind === 'admitted');
    if (probe?.kind !== 'admitted') throw new Error('no probe');
    probe.exit(answer(200)); // sent and answered without headers: its 2 points are spent
    expect([await guard.enter(2, 0), await guard.enter(2, 0)].map(kindOf)).toEqual(['admitted', 'budget-spent']);
  });
});
