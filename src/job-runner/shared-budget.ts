import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { refusedBatch, type BatchOutcome, type RateLimitObservation } from '../bulk-delete/index.ts';
import { FacadeError, UPSTREAM_LABELS } from '../errors/index.ts';
import type { JobTargetRunner, JobTargetRunners } from './target-runner.ts';
import { REAL_TIMERS, type Timers } from './timers.ts';

// Why a ledger in Redis, and not BullMQ's rate limiter: BullMQ limits how many queue jobs
// start per period, and one queue job here is a whole bulk-delete job of thousands of
// batches; what must be shared is the vendor's X-RateLimit budget, spent batch by batch.
// Each replica's pacer (upstreams/rate-limit-pacer.ts) learns that budget from the vendor's
// headers, but two replicas that read "20 left" in the same second would both spend 20. The
// ledger holds, per vendor, the budget the newest answer reported (any replica's) and the
// points reserved by batches on their way (every replica's): a batch takes its points in one
// script, so replicas never spend the same points, and the answer's headers correct the
// ledger. Reservations expire (a replica killed mid-batch does not hold points for ever).

/** One vendor's budget as the ledger knows it, and how a batch takes its points. */
export interface SharedBudget {
  /**
   * Reserves `cost` points of the vendor's job share, or says when they come back (epoch ms).
   * Before any answer has reported the budget it lets every batch go (nothing to pace by).
   */
  take(vendor: string, cost: number): Promise<{ readonly kind: 'go'; readonly reservation: string } | { readonly kind: 'wait'; readonly untilMs: number }>;
  /**
   * The batch is over: its reservation ends, and the budget its answer reported is learnt.
   * Without an answer's figures, `cost` points are taken off what is left (0: nothing was counted).
   */
  settle(vendor: string, reservation: string, cost: number, observed: RateLimitObservation | null): Promise<void>;
}

/** Options of the shared budget. */
export interface SharedBudgetOptions {
  /** Key prefix, the jobs store's own. @default 'bdf:jobs:' */
  readonly prefix?: string;
  /** JOB_RATE_SHARE: the part of each budget jobs may spend; the rest is kept for mutations. */
  readonly share: number;
  /** How long a reservation holds its points without being settled (a dead replica's). @default 60000 */
  readonly reservationMs?: number;
  /** Epoch ms for tests; otherwise Redis's clock (TIME), which every replica shares. */
  readonly now?: () => number;
}

// Keys: `{prefix}budget:{vendor}` (hash: limit, remaining, reset_at in epoch ms) and
// `{prefix}budget:{vendor}:held` (sorted set of reservations `id:cost` by expiry).
/** How soon to look again when only the answers of batches on their way can tell the new window's budget. */
const RESYNC_POLL_MS = 50;

const PRELUDE = `
local P, FIXED_NOW, vendor = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local function now()
  if FIXED_NOW ~= nil then return FIXED_NOW end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local t = now()
local k = P .. 'budget:' .. vendor
local held = k .. ':held'
`;

// ARGV[4] cost, [5] share, [6] reservation id, [7] reservation ms.
const TAKE = `${PRELUDE}
local cost, share = tonumber(ARGV[4]), tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', held, '-inf', t)
local h = redis.call('HMGET', k, 'limit', 'remaining', 'reset_at')
local limit, remaining, resetAt = tonumber(h[1]), tonumber(h[2]), tonumber(h[3])
if limit ~= nil then
  if resetAt ~= nil and resetAt <= t then
    -- The window is over: the whole budget is back.
    remaining = limit
    redis.call('HSET', k, 'remaining', limit)
    redis.call('HDEL', k, 'reset_at')
    resetAt = nil
  end
  local reserved = 0
  for _, member in ipairs(redis.call('ZRANGE', held, 0, -1)) do
    reserved = reserved + tonumber(string.match(member, ':(%d+)$'))
  end
  local kept = 0
  if share < 1 then kept = math.ceil(limit * (1 - share)) end
  if remaining - reserved - kept < cost then
    if resetAt ~= nil then return {'wait', string.format('%.0f', resetAt)} end
    -- A new window that no answer has described yet: the batches on their way will.
    if reserved > 0 then return {'wait', string.format('%.0f', t + ${RESYNC_POLL_MS})} end
  end
end
redis.call('ZADD', held, t + tonumber(ARGV[7]), ARGV[6] .. ':' .. cost)
redis.call('PEXPIRE', held, tonumber(ARGV[7]) * 2)
return {'go'}
`;

// ARGV[4] member, [5] cost, [6] limit ('' when no answer), [7] remaining, [8] reset_at ms ('' when not sent).
const SETTLE = `${PRELUDE}
redis.call('ZREM', held, ARGV[4])
local h = redis.call('HMGET', k, 'limit', 'remaining', 'reset_at')
local knownRemaining, knownReset = tonumber(h[2]), tonumber(h[3])
if ARGV[6] == '' then
  -- Sent and not answered: the vendor may have counted it.
  if knownRemaining ~= nil then redis.call('HSET', k, 'remaining', math.max(0, knownRemaining - tonumber(ARGV[5]))) end
  return 'ok'
end
local limit, remaining, resetAt = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
if resetAt ~= nil and resetAt <= t then
  if h[1] == false then redis.call('HSET', k, 'limit', limit, 'remaining', limit) end
  return 'ok'
end
if knownRemaining == nil or (resetAt ~= nil and (knownReset == nil or resetAt > knownReset)) then
  -- A later window (or the first news): its figure replaces the old one.
  redis.call('HSET', k, 'limit', limit, 'remaining', remaining)
  if resetAt ~= nil then redis.call('HSET', k, 'reset_at', string.format('%.0f', resetAt)) else redis.call('HDEL', k, 'reset_at') end
elseif resetAt == knownReset or resetAt == nil then
  -- The same window: the lowest figure is the newest.
  redis.call('HSET', k, 'limit', limit, 'remaining', math.min(knownRemaining, remaining))
end
-- Lives a day past its window at most: a vendor no longer called leaves nothing behind.
redis.call('PEXPIRE', k, math.max(86400000, (resetAt or t) - t + 86400000))
return 'ok'
`;

type BudgetCommands = {
  jobBudgetTake(...args: (string | number)[]): Promise<[string, string?]>;
  jobBudgetSettle(...args: (string | number)[]): Promise<string>;
};

/** Creates the ledger on a connection the caller owns (and closes). */
export function createSharedBudget(redis: Redis, options: SharedBudgetOptions): SharedBudget {
  const prefix = options.prefix ?? 'bdf:jobs:';
  const reservationMs = options.reservationMs ?? 60_000;
  redis.defineCommand('jobBudgetTake', { numberOfKeys: 0, lua: TAKE });
  redis.defineCommand('jobBudgetSettle', { numberOfKeys: 0, lua: SETTLE });
  const commands = redis as Redis & BudgetCommands;
  const clock = (): string => (options.now === undefined ? '' : String(options.now()));

  return {
    async take(vendor, cost) {
      const reservation = randomUUID();
      const [kind, until] = await commands.jobBudgetTake(prefix, clock(), vendor, cost, options.share, reservation, reservationMs);
      return kind === 'wait' ? { kind: 'wait', untilMs: Number(until) } : { kind: 'go', reservation: `${reservation}:${cost}` };
    },
    async settle(vendor, reservation, cost, observed) {
      const rate = observed === null ? null : observed.rateLimit;
      const resetAtMs = rate === null || rate.resetAt === null ? Number.NaN : Date.parse(rate.resetAt);
      await commands.jobBudgetSettle(prefix, clock(), vendor, reservation, cost, rate === null ? '' : rate.limit, rate === null ? '' : rate.remaining, Number.isFinite(resetAtMs) ? resetAtMs : '');
    },
  };
}

/** What the wrapped targets are built with besides the ledger. */
export interface SharedBudgetDeps {
  readonly now: () => number;
  readonly timers?: Timers;
  /** The longest wait for points a batch takes before its job pauses instead (JOB_BUDGET_MAX_WAIT_MS). */
  readonly maxWaitMs: number;
  /** Told when the ledger cannot be reached; the batch then goes on its replica's own pacing. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Each target's batches through the shared ledger first: a batch waits for its points when
 * they are back within `maxWaitMs`, and is otherwise refused RATE_LIMITED unsent, so its job
 * pauses until the reset like on a 429 (run-job.ts). Targets whose vendor sends no budget go
 * straight through. A ledger that does not answer does not stop jobs: the replica's own pacer
 * still keeps to the vendor's headers.
 */
export function withSharedBudget(targets: JobTargetRunners, budget: SharedBudget, deps: SharedBudgetDeps): JobTargetRunners {
  const timers = deps.timers ?? REAL_TIMERS;
  const sleep = (ms: number) => new Promise<void>((resolve) => timers.setTimeout(resolve, ms));

  function wrap(target: JobTargetRunner): JobTargetRunner {
    const pacing = target.vendor.rateLimit;
    if (pacing === null) return target;
    const vendor = target.vendor.name;
    const cost = pacing.cost;

    async function reserve(): Promise<{ reservation: string | null } | { untilMs: number }> {
      for (;;) {
        let decision: Awaited<ReturnType<SharedBudget['take']>>;
        try {
          decision = await budget.take(vendor, cost);
        } catch (error) {
          deps.onError?.(error);
          return { reservation: null };
        }
        if (decision.kind === 'go') return { reservation: decision.reservation };
        const waitMs = decision.untilMs - deps.now();
        if (waitMs > deps.maxWaitMs) return { untilMs: decision.untilMs };
        await sleep(Math.max(1, waitMs));
      }
    }

    return {
      ...target,
      refusal: (job) => target.refusal(job),
      async send(ids, batchIndex, job, trace): Promise<BatchOutcome> {
        const reserved = await reserve();
        if ('untilMs' in reserved) {
          const retryAfter = Math.max(1, Math.ceil((reserved.untilMs - deps.now()) / 1000));
          const error = new FacadeError('RATE_LIMITED', `${UPSTREAM_LABELS[vendor]}'s budget for jobs is spent across the facade's replicas until its reset; retry after ${retryAfter} s. The IDs were not deleted.`, { upstream: vendor, retryAfter, retryAt: reserved.untilMs });
          return refusedBatch(ids, error, null, { upstreamRequestIds: [], rateLimit: null });
        }
        const outcome = await target.send(ids, batchIndex, job, trace);
        if (reserved.reservation !== null) {
          const observed = outcome.kind === 'not-sent' ? null : outcome.rateLimit;
          // Without headers: a refusal was certainly not processed (nor, mostly, counted); an
          // answer lost on the way may have been, so its points count as spent.
          const spent = observed === null && outcome.kind === 'unknown' ? cost : 0;
          try {
            await budget.settle(vendor, reserved.reservation, spent, observed);
          } catch (error) {
            deps.onError?.(error);
          }
        }
        return outcome;
      },
    };
  }

  return { INTENTS: wrap(targets.INTENTS), CONTACTS: wrap(targets.CONTACTS), DEALS: wrap(targets.DEALS) };
}
