import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { RateLimitObservation } from '../../../src/bulk-delete/outcome.ts';
import { createStoqRateLimiter } from '../../../src/simulators/stoq-rate-limit.ts';
import { createTally, expectCoverage } from '../../helpers/coverage.ts';
import { parseRateLimitHeaders } from '../../../src/upstreams/http.ts';
import { createRateLimitPacer, RESYNC_POLL_MS, type PaceDecision, type PaceTicket } from '../../../src/upstreams/rate-limit-pacer.ts';

const START = Date.UTC(2030, 0, 15, 12, 0, 0);

/** What an answer's X-RateLimit-* headers said, as the HTTP layer hands it over. */
function seen(limit: number, remaining: number, resetAtMs: number | null, at = START): RateLimitObservation {
  return { rateLimit: { limit, remaining, resetAt: resetAtMs === null ? null : new Date(resetAtMs).toISOString() }, observedAt: at };
}

function setup() {
  let clock = START;
  const pacer = createRateLimitPacer(() => clock);
  const go = (cost: number, maxWaitMs = 0): PaceTicket => {
    const decision = pacer.reserve(cost, maxWaitMs);
    if (decision.kind !== 'go') throw new Error(`expected go, got ${JSON.stringify(decision)}`);
    return decision.ticket;
  };
  /** Reserves until the pacer stops saying go; returns how many went. */
  const drain = (cost: number): number => {
    let n = 0;
    while (n < 10_000 && pacer.reserve(cost, 0).kind === 'go') n++;
    return n;
  };
  return { pacer, go, drain, advance: (ms: number) => void (clock += ms), now: () => clock };
}

const kind = (decision: PaceDecision) => decision.kind;

describe('createRateLimitPacer', () => {
  it('does not pace before the first answer with X-RateLimit headers', () => {
    const { pacer } = setup();
    for (let i = 0; i < 1000; i++) expect(kind(pacer.reserve(2, 0))).toBe('go');
    expect(pacer.latest()).toBeNull();
  });

  it('keeps not pacing while answers carry no headers (Kore.ai)', () => {
    const { pacer, go } = setup();
    go(1).settle(null);
    for (let i = 0; i < 100; i++) expect(kind(pacer.reserve(1, 0))).toBe('go');
  });

  it('spends the remaining budget call by call at the vendor\'s cost, then stops', () => {
    const { go, drain } = setup();
    go(2).settle(seen(360, 10, START + 60_000));
    expect(drain(2)).toBe(5);
  });

  it('counts calls reserved before the first headers against the budget those headers report', () => {
    const { go, drain } = setup();
    const first = go(2);
    go(2);
    go(2); // two more sent, unanswered, before any headers were known
    first.settle(seen(360, 10, START + 60_000));
    expect(drain(2)).toBe(3); // 10 remaining, minus the 4 points that may not be counted yet
  });

  it('counts a call sent before this one but processed after it (answers overtaking each other)', () => {
    const { go, drain } = setup();
    go(2).settle(seen(10, 6, START + 60_000));
    go(2); // x: on the wire, not yet counted by the upstream
    const overtaking = go(2);
    overtaking.settle(seen(10, 4, START + 60_000)); // the upstream counted this one, not x
    expect(drain(2)).toBe(1);
  });

  it('waits for the reset when it is within the bound, and goes once it has passed', () => {
    const { pacer, go, advance } = setup();
    go(1).settle(seen(100, 0, START + 3_000));
    expect(pacer.reserve(1, 5_000)).toEqual({ kind: 'wait', waitMs: 3_000 });
    expect(pacer.reserve(1, 3_000)).toEqual({ kind: 'wait', waitMs: 3_000 });
    advance(3_000);
    expect(kind(pacer.reserve(1, 0))).toBe('go');
  });

  it('refuses, with the time until the reset, when the reset is beyond the bound', () => {
    const { pacer, go } = setup();
    go(1).settle(seen(100, 0, START + 3_600_000));
    expect(pacer.reserve(1, 5_000)).toEqual({ kind: 'refuse', retryAfterMs: 3_600_000, retryAtMs: START + 3_600_000 });
  });

  it('refuses without a retry time when the upstream never said when its budget comes back', () => {
    const { pacer, go } = setup();
    go(1).settle(seen(100, 0, null));
    expect(pacer.reserve(1, 60_000)).toEqual({ kind: 'refuse', retryAfterMs: null, retryAtMs: null });
  });

  it('assumes the whole limit back once the reset has passed, minus what is still in flight', () => {
    const { go, drain, advance } = setup();
    go(1).settle(seen(10, 0, START + 1_000));
    advance(1_000);
    go(1);
    go(1); // in flight across the reset
    expect(drain(1)).toBe(8);
  });

  it('after a reset, makes callers beyond the assumed budget wait for the answers in flight, within the bound', () => {
    const { pacer, go, advance } = setup();
    go(1).settle(seen(2, 0, START + 1_000));
    advance(1_000);
    const inFlight = [go(1), go(1)];
    expect(pacer.reserve(1, 5_000)).toEqual({ kind: 'wait', waitMs: RESYNC_POLL_MS });
    expect(pacer.reserve(1, 10)).toEqual({ kind: 'wait', waitMs: 10 });
    expect(pacer.reserve(1, 0)).toEqual({ kind: 'refuse', retryAfterMs: null, retryAtMs: null });
    inFlight[0]?.settle(seen(2, 1, START + 61_000));
    inFlight[1]?.settle(seen(2, 0, START + 61_000));
    expect(pacer.reserve(1, 5_000)).toEqual({ kind: 'refuse', retryAfterMs: 60_000, retryAtMs: START + 61_000 });
  });

  it('re-syncs from each answer: a refilled budget is spent again, a shrunken one stops sooner', () => {
    const { go, drain } = setup();
    go(2).settle(seen(360, 2, START + 60_000));
    const next = go(2);
    expect(drain(2)).toBe(0);
    next.settle(seen(360, 100, START + 61_000)); // a later state: the rolling window gave points back
    expect(drain(2)).toBe(50);
  });

  it('lowers the budget when another client of the same account spent it', () => {
    const { go, drain } = setup();
    go(1).settle(seen(100, 50, START + 60_000));
    const next = go(1);
    next.settle(seen(100, 3, START + 60_000));
    expect(drain(1)).toBe(3);
  });

  it('gives back the points of a call that was never sent, and keeps those of one whose answer was lost', () => {
    const { go, drain } = setup();
    go(2).settle(seen(360, 6, START + 60_000));
    const unsent = go(2);
    const lost = go(2);
    unsent.refund();
    lost.settle(null);
    expect(drain(2)).toBe(2);
  });

  it('stops counting a lost call once a call reserved after the loss has been answered', () => {
    const { go, drain } = setup();
    go(2).settle(seen(360, 10, START + 60_000));
    go(2).settle(null);
    const later = go(2);
    later.settle(seen(360, 6, START + 60_000)); // counts the lost call and this one
    expect(drain(2)).toBe(3);
  });

  it('keeps the newest state when answers arrive out of order', () => {
    const { pacer, go, drain } = setup();
    const older = go(1);
    const newer = go(1);
    newer.settle(seen(100, 40, START + 61_000));
    older.settle(seen(100, 41, START + 60_000)); // processed first, reported last: says nothing new
    expect(pacer.latest()?.rateLimit.remaining).toBe(40);
    expect(drain(1)).toBe(40);
  });

  it('counts a ticket once, whatever is called after the first settle or refund', () => {
    const { go, drain } = setup();
    go(1).settle(seen(10, 4, START + 60_000));
    const ticket = go(1);
    ticket.refund();
    ticket.refund();
    ticket.settle(seen(10, 10, START + 60_000));
    expect(drain(1)).toBe(4);
  });

  it('reports the newest budget it heard of', () => {
    const { pacer, go } = setup();
    const observation = seen(360, 300, START + 60_000);
    go(2).settle(observation);
    expect(pacer.latest()).toBe(observation);
  });

  // A fixed budget the upstream enforces, and calls reserved, processed, answered, refunded or
  // lost in any interleaving (answers out of order included): once the pacer has heard the
  // budget once, the upstream never has to refuse a call.
  it('concurrent reservations never overspend the budget, whatever order answers arrive in', () => {
    const KINDS = ['started spent', 'budget used up', 'held back', 'out of order', 'refund', 'lost answer'] as const;
    const tally = createTally(KINDS);
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 0, max: 12 }),
      // Unbiased picks: biased ones are mostly 0, the oldest call, so answers rarely came out of order.
      fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.noBias(fc.nat())), { minLength: 50, maxLength: 300 }),
      (cost, startRemaining, steps) => {
        const { pacer } = setup();
        const met = new Set<(typeof KINDS)[number]>();
        const limit = 12;
        let used = limit - startRemaining;
        let refusedByUpstream = 0;
        const resetAt = START + 3_600_000;
        const warmUp = pacer.reserve(cost, 0);
        if (warmUp.kind !== 'go') throw new Error('the first call is never paced');
        used += cost;
        warmUp.ticket.settle(seen(limit, limit - used, resetAt));

        const sent: PaceTicket[] = [];
        const answered: Array<{ ticket: PaceTicket; remaining: number }> = [];
        const take = <T>(list: T[], pick: number): T | undefined => list.splice(pick % Math.max(1, list.length), 1)[0];
        for (const [action, pick] of steps) {
          switch (action) {
            case 0:
            case 1: {
              const decision = pacer.reserve(cost, 0);
              if (decision.kind === 'go') sent.push(decision.ticket);
              else met.add('held back');
              break;
            }
            case 2: { // the upstream processes one of the calls on the wire
              const ticket = take(sent, pick);
              if (!ticket) break;
              if (used + cost > limit) refusedByUpstream++;
              else used += cost;
              if (used + cost > limit) met.add('budget used up');
              answered.push({ ticket, remaining: limit - used });
              break;
            }
            case 3: { // one answer reaches the facade, in any order
              if (answered.length > 1 && pick % answered.length !== 0) met.add('out of order');
              const answer = take(answered, pick);
              answer?.ticket.settle(seen(limit, answer.remaining, resetAt));
              break;
            }
            case 4: // never sent (connection refused)
              if (sent.length > 0) met.add('refund');
              take(sent, pick)?.refund();
              break;
            case 5: // processed, but the answer was lost
              if (answered.length > 0) met.add('lost answer');
              take(answered, pick)?.ticket.settle(null);
              break;
          }
        }
        expect(refusedByUpstream).toBe(0);
        for (const kind of met) tally.add(kind);
        if (startRemaining < cost) tally.add('started spent');
      },
    ), { numRuns: 300 });
    // Unseeded, so the floors sit well under the usual counts (out of order: about 1 run in 10).
    expectCoverage(tally, { 'started spent': 20, 'budget used up': 60, 'held back': 200, 'out of order': 10, refund: 60, 'lost answer': 60 });
  });
});

describe('createRateLimitPacer with a rolling window (Stoq)', () => {
  const WINDOW = 6_000;
  const wholeSecondAfter = (ms: number) => Math.ceil(ms / 1000) * 1000;

  /** A pacer that has seen one answer to a request made at START + 930 with a 6 s window. */
  function rollingSetup() {
    let clock = START + 930;
    const pacer = createRateLimitPacer(() => clock, { rollingWindow: true });
    const go = (cost: number): PaceTicket => {
      const decision = pacer.reserve(cost, 60_000);
      if (decision.kind !== 'go') throw new Error(`expected go, got ${JSON.stringify(decision)}`);
      return decision.ticket;
    };
    // Counted at START + 930: the header says START + 7000, so the window is at most 6070 ms.
    go(2).settle(seen(4, 2, wholeSecondAfter(clock + WINDOW)));
    return { pacer, go, advance: (ms: number) => void (clock += ms), now: () => clock };
  }

  it('goes once the learnt window has passed since the newest answer, before a Reset rounded up to the second', () => {
    const { pacer, go, advance, now } = rollingSetup();
    advance(6_070 + 10); // START + 7010: the first request's points are back
    const ticket = go(2);
    go(2).settle(seen(4, 0, wholeSecondAfter(now() + WINDOW))); // header: START + 14000
    ticket.settle(seen(4, 2, wholeSecondAfter(now() + WINDOW)));
    // The newest answer came at START + 7010; its request was counted by then, so the whole
    // budget is back by START + 13080, 920 ms before the header says.
    expect(pacer.reserve(2, 60_000)).toEqual({ kind: 'wait', waitMs: 6_070 });
    advance(6_070);
    expect(kind(pacer.reserve(2, 0))).toBe('go');
  });

  it('keeps to the Reset header when it is the earlier of the two', () => {
    const { pacer, go, advance, now } = rollingSetup();
    advance(6_080);
    go(2).settle(seen(4, 0, now() + 500)); // an upstream whose Reset has a finer resolution
    expect(pacer.reserve(2, 60_000)).toEqual({ kind: 'wait', waitMs: 500 });
  });

  it('keeps to the Reset header alone after a 429: the upstream does not roll as assumed', () => {
    const { pacer, go, advance, now } = rollingSetup();
    advance(6_080);
    go(2).settle(seen(4, 0, START + 9_000), true);
    expect(pacer.reserve(2, 60_000)).toEqual({ kind: 'wait', waitMs: START + 9_000 - now() });
    advance(START + 9_000 - now() + 10);
    go(2).settle(seen(4, 0, wholeSecondAfter(now() + WINDOW)));
    expect(pacer.reserve(2, 60_000)).toEqual({ kind: 'wait', waitMs: wholeSecondAfter(now() + WINDOW) - now() });
  });

  it('keeps learning after a 429 to a call sent before any headers were known', () => {
    let clock = START + 930;
    const pacer = createRateLimitPacer(() => clock, { rollingWindow: true });
    const early = [pacer.reserve(2, 0), pacer.reserve(2, 0)].map((decision) => {
      if (decision.kind !== 'go') throw new Error('nothing is paced before the first headers');
      return decision.ticket;
    });
    early[0]?.settle(seen(4, 2, START + 7_000)); // bound 6070 ms
    early[1]?.settle(seen(4, 0, START + 7_000), true); // another client had spent the rest
    clock = START + 7_010;
    const next = pacer.reserve(2, 0);
    if (next.kind !== 'go') throw new Error('the budget is back at the Reset');
    next.ticket.settle(seen(4, 2, START + 14_000));
    const last = pacer.reserve(2, 0);
    if (last.kind !== 'go') throw new Error('2 points were left');
    last.ticket.settle(seen(4, 0, START + 14_000));
    expect(pacer.reserve(2, 60_000)).toEqual({ kind: 'wait', waitMs: 6_070 }); // not 6990: the bound was kept
  });

  it('ignores a late answer about a window it already treated as over', () => {
    const { pacer, go, advance, now } = rollingSetup();
    advance(6_080);
    const straggler = go(1);
    go(1).settle(seen(4, 0, wholeSecondAfter(now() + WINDOW))); // START + 14000, full by START + 13080
    advance(6_070);
    const fresh = go(1);
    straggler.settle(seen(4, 0, START + 14_000)); // in flight all along: says nothing new
    fresh.settle(seen(4, 1, START + 20_000));
    expect(kind(pacer.reserve(1, 0))).toBe('go');
  });

  it('does nothing of the sort for a fixed window (LeadLex): nothing is back before the Reset', () => {
    let clock = START + 930;
    const pacer = createRateLimitPacer(() => clock);
    const first = pacer.reserve(1, 0);
    if (first.kind !== 'go') throw new Error('the first call is never paced');
    first.ticket.settle(seen(2, 1, START + 7_000));
    clock = START + 7_010;
    const second = pacer.reserve(1, 0);
    if (second.kind !== 'go') throw new Error('budget was left');
    second.ticket.settle(seen(2, 0, START + 7_000 + 86_400_000));
    expect(pacer.reserve(1, 86_400_000)).toEqual({ kind: 'wait', waitMs: 86_400_000 - 10 });
  });

  /**
   * Clients calling Stoq's rolling-window limiter (the simulator's, on a simulated clock)
   * through one pacer, each calling again as soon as its answer is in. One call goes first,
   * alone, so the pacer knows the budget before the others start, as in the benchmark.
   */
  function simulate(spec: { windowMs: number; points: number; clients: number; durationMs: number; latency: () => number }) {
    const cost = 2;
    let clock = START + 123;
    const limiter = createStoqRateLimiter({ points: spec.points, windowMs: spec.windowMs, cost }, () => clock);
    const pacer = createRateLimitPacer(() => clock, { rollingWindow: true });
    const events: Array<{ at: number; seq: number; run: () => void }> = [];
    let seq = 0;
    const at = (time: number, run: () => void) => {
      events.push({ at: time, seq: seq++, run });
      events.sort((a, b) => a.at - b.at || a.seq - b.seq);
    };
    const admitted: number[] = [];
    let refused = 0;
    let held = 0;

    function call(then: () => void): void {
      const decision = pacer.reserve(cost, 2 * spec.windowMs);
      if (decision.kind === 'refuse') throw new Error(`refused: ${JSON.stringify(decision)}`);
      if (decision.kind === 'wait') {
        held++;
        return at(clock + decision.waitMs, () => call(then));
      }
      const { ticket } = decision;
      at(clock + spec.latency(), () => {
        const answer = limiter.take();
        if (answer.allowed) admitted.push(clock);
        else refused++;
        const headers = Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name.toLowerCase(), value]));
        at(clock + spec.latency(), () => {
          ticket.settle(parseRateLimitHeaders(headers, clock), !answer.allowed);
          then();
        });
      });
    }
    const end = clock + spec.durationMs;
    const loop = () => { if (clock < end) call(loop); };
    call(() => { for (let i = 0; i < spec.clients; i++) loop(); });
    while (events.length > 0) {
      const next = events.shift()!;
      clock = next.at;
      next.run();
    }
    // As the benchmark scores it: (N − B) / (t_last − t_first), B the calls one window allows.
    const perWindow = Math.floor(spec.points / cost);
    const rate = (admitted.length - perWindow) / ((admitted.at(-1)! - admitted[0]!) / 1000);
    return { refused, held, ratio: rate / (perWindow / (spec.windowMs / 1000)) };
  }

  it('reaches 90 % of the rate a 6 s window of 36 points allows, with no 429 (the benchmark\'s budget)', () => {
    let n = 0;
    const latency = () => 2 + ((n++ * 7) % 5); // 2–6 ms, deterministic
    const { refused, ratio } = simulate({ windowMs: 6_000, points: 36, clients: 8, durationMs: 120_000, latency });
    expect(refused).toBe(0);
    expect(ratio).toBeGreaterThanOrEqual(0.9);
  });

  it('never makes Stoq refuse a call once it knows the budget, whatever the window, budget and latency', () => {
    const tally = createTally(['held back', 'small budget', 'large budget', 'one client', 'more clients than calls', 'fast answers', 'slow answers'] as const);
    fc.assert(fc.property(
      fc.integer({ min: 1_000, max: 20_000 }),
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      fc.integer({ min: 0, max: 200 }),
      (windowMs, calls, clients, seed, maxLatency) => {
        let state = seed;
        const latency = () => {
          state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
          return state % (maxLatency + 1);
        };
        const { refused, held } = simulate({ windowMs, points: calls * 2, clients, durationMs: 5 * windowMs, latency });
        expect(refused).toBe(0);
        tally.addWhere({
          'held back': held > 0, 'small budget': calls <= 3, 'large budget': calls >= 10, 'one client': clients === 1,
          'more clients than calls': clients > calls, 'fast answers': maxLatency <= 10, 'slow answers': maxLatency >= 100,
        });
      },
    ), { numRuns: 100 });
    expectCoverage(tally, { 'held back': 80, 'small budget': 3, 'large budget': 3, 'one client': 3, 'more clients than calls': 3, 'fast answers': 3, 'slow answers': 3 });
  });
});

describe('createRateLimitPacer with a budget share (JOB_RATE_SHARE)', () => {
  it('lets a caller with share 0.8 spend down to a fifth of the limit, and keeps that fifth for share 1', () => {
    const { pacer, go } = setup();
    go(1).settle(seen(100, 100, START + 60_000));
    let jobs = 0;
    while (jobs < 1000 && pacer.reserve(1, 0, 0.8).kind === 'go') jobs++;
    expect(jobs).toBe(80);
    const refused = pacer.reserve(1, 0, 0.8);
    expect(refused).toEqual({ kind: 'refuse', retryAfterMs: 60_000, retryAtMs: START + 60_000 });
    let mutations = 0;
    while (mutations < 1000 && pacer.reserve(1, 0).kind === 'go') mutations++;
    expect(mutations).toBe(20);
  });

  it('rounds the part kept back up, so a share never takes a point more than it may', () => {
    const { pacer, go } = setup();
    go(1).settle(seen(7, 7, START + 60_000));
    let n = 0;
    while (n < 100 && pacer.reserve(1, 0, 0.5).kind === 'go') n++;
    // ceil(7 * 0.5) = 4 kept: 3 for the share.
    expect(n).toBe(3);
  });
});
