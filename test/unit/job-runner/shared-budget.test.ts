// The vendor budget the replicas share (shared-budget.ts), on a real redis-server with time
// moved by hand: what answers teach it, what reservations hold, and when a batch must wait.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedBudget } from '../../../src/job-runner/queue.ts';
import type { SharedBudget } from '../../../src/job-runner/index.ts';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis.ts';
import { manualClock } from './helpers.ts';

const run = redisServerAvailable();
let server: RedisServer;
const connections: Redis[] = [];
let prefixes = 0;

beforeAll(async () => {
  if (run) server = await startRedisServer();
});
afterAll(async () => {
  for (const connection of connections) connection.disconnect();
  await server?.stop();
});

/** Two replicas' views of one ledger (each its own connection), under a fresh prefix. */
function replicas(share: number, clock: ReturnType<typeof manualClock>, reservationMs = 60_000): [SharedBudget, SharedBudget] {
  const prefix = `budget-test:${++prefixes}:`;
  const open = () => {
    const connection = new Redis(server.url);
    connections.push(connection);
    return createSharedBudget(connection, { prefix, share, now: clock.now, reservationMs });
  };
  return [open(), open()];
}

/** An answer's figures, as a batch outcome carries them. */
function answer(limit: number, remaining: number, resetAtMs: number) {
  return { rateLimit: { limit, remaining, resetAt: new Date(resetAtMs).toISOString() }, observedAt: 0 };
}

describe.runIf(run)('the shared job budget', () => {
  it('lets batches go before any answer has told the budget, then keeps both replicas within the job share', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 1));
    const [a, b] = replicas(0.8, clock);
    const reset = clock.now() + 60_000;
    const first = await a.take('leadlex', 1);
    expect(first.kind).toBe('go');
    await a.settle('leadlex', (first as { reservation: string }).reservation, 1, answer(10, 9, reset));
    // 9 left, 2 kept for mutations: 7 more for jobs, whichever replica asks.
    const taken = [];
    for (let i = 0; i < 8; i++) taken.push(await (i % 2 === 0 ? a : b).take('leadlex', 1));
    expect(taken.map((t) => t.kind)).toEqual(['go', 'go', 'go', 'go', 'go', 'go', 'go', 'wait']);
    expect(taken[7]).toEqual({ kind: 'wait', untilMs: reset });
  });

  it('learns the lowest figure within a window, a later window\'s whole, and ignores an older one', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 1));
    const [a, b] = replicas(1, clock);
    const reset = clock.now() + 60_000;
    const go = async (budget: SharedBudget) => {
      const taken = await budget.take('stoq', 2);
      if (taken.kind !== 'go') throw new Error('no points');
      return taken.reservation;
    };
    await a.settle('stoq', await go(a), 2, answer(10, 6, reset));
    await b.settle('stoq', await go(b), 2, answer(10, 8, reset));
    // The same window: 6 stands (the lower), so three batches of 2 fit, not four.
    const r1 = await go(a);
    const r2 = await go(b);
    const r3 = await go(a);
    expect((await b.take('stoq', 2)).kind).toBe('wait');
    // A later window replaces what was known; an older answer changes nothing.
    await a.settle('stoq', r1, 2, answer(10, 10, reset + 60_000));
    await b.settle('stoq', r2, 2, answer(10, 0, reset));
    await a.settle('stoq', r3, 0, null);
    expect((await b.take('stoq', 2)).kind).toBe('go');
  });

  it('counts a batch whose answer was lost as spent, and frees a dead replica\'s reservation when it expires', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 1));
    const [a, b] = replicas(1, clock, 5_000);
    const reset = clock.now() + 60_000;
    const first = await a.take('leadlex', 1);
    await a.settle('leadlex', (first as { reservation: string }).reservation, 1, answer(3, 2, reset));
    // A sends one and loses the answer; B reserves the last point and dies.
    const lost = await a.take('leadlex', 1);
    await a.settle('leadlex', (lost as { reservation: string }).reservation, 1, null);
    expect((await b.take('leadlex', 1)).kind).toBe('go');
    expect((await a.take('leadlex', 1)).kind).toBe('wait');
    clock.advance(5_001);
    expect((await a.take('leadlex', 1)).kind).toBe('go');
  });

  it('gives the whole budget back at the reset, and waits briefly when only the batches on their way can tell the new window', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 1));
    const [a, b] = replicas(1, clock);
    const reset = clock.now() + 2_000;
    const first = await a.take('leadlex', 1);
    await a.settle('leadlex', (first as { reservation: string }).reservation, 1, answer(2, 0, reset));
    expect(await b.take('leadlex', 1)).toEqual({ kind: 'wait', untilMs: reset });
    clock.set(reset);
    expect((await b.take('leadlex', 1)).kind).toBe('go');
    expect((await a.take('leadlex', 1)).kind).toBe('go');
    expect(await b.take('leadlex', 1)).toEqual({ kind: 'wait', untilMs: reset + 50 });
  });
});
