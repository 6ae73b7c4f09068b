import type { RateLimitObservation } from '../bulk-delete/outcome.ts';

/**
 * What the pacer says about one attempt:
 * - `go`: budget is reserved; settle the ticket when the attempt ends.
 * - `wait`: no budget until the upstream's reset, `waitMs` from now, within the bound asked for
 *   (or, just after a reset, until the answers in flight say what is left); ask again after
 *   waiting (nothing is reserved meanwhile).
 * - `refuse`: no budget within the bound; `retryAfterMs` until the reset, or null when the
 *   upstream never said when its budget comes back.
 */
export type PaceDecision =
  | { readonly kind: 'go'; readonly ticket: PaceTicket }
  | { readonly kind: 'wait'; readonly waitMs: number }
  | { readonly kind: 'refuse'; readonly retryAfterMs: number | null };

/** One reservation. The first of its methods called counts; later calls do nothing. */
export interface PaceTicket {
  /** The attempt reached the upstream (answered, or its answer was lost); re-syncs from the headers when given. */
  settle(observation: RateLimitObservation | null): void;
  /** The attempt was never sent: its points are given back. */
  refund(): void;
}

/** One upstream's pacer. */
export interface RateLimitPacer {
  /** Reserves `cost` points, or says how long until there are some. Synchronous, hence atomic. */
  reserve(cost: number, maxWaitMs: number): PaceDecision;
  /** The newest budget an answer reported, or null before the first. */
  latest(): RateLimitObservation | null;
}

/** How often to look again when the budget after a reset is spent and only answers in flight can tell more. */
export const RESYNC_POLL_MS = 50;

/** The upstream's budget window as the pacer knows it. */
interface Window {
  readonly limit: number;
  /** The lowest `remaining` reported for this window. */
  floor: number;
  /** When the upstream said the budget is back (epoch ms); null once passed or never said. */
  resetAtMs: number | null;
}

/**
 * Creates a pacer that spends an upstream's `X-RateLimit-*` budget instead of discovering 429s.
 *
 * What is left to reserve is `floor` minus the points of every reservation not yet settled
 * (those may not be counted in any `remaining` the facade has seen) and of every call whose
 * answer was lost, until an answer to a call reserved after that loss has been heard (sent
 * later, so it would count the lost one). Reserving is synchronous, so concurrent callers never
 * spend the same points. Answers can arrive in any order, so an answer does not simply
 * overwrite what is known:
 * - a later reset than the known one means a later state of the budget (a new window, or a
 *   rolling one that moved): its `remaining` replaces the floor;
 * - the same reset: the lowest `remaining` is the newest, so the floor only goes down;
 * - an earlier reset: an older answer, which says nothing new.
 * A call settled already counted by the upstream but not yet answered is subtracted twice for
 * a moment (the estimate errs low, never high); its own answer corrects that.
 *
 * Until the first answer with the headers it does not pace (it cannot know the budget), but it
 * still counts reservations, so that first answer is read correctly. Once the reset time
 * passes, the whole `limit` is assumed back, minus what is in flight; callers beyond that wait
 * for the answers in flight to report the new window.
 */
export function createRateLimitPacer(now: () => number): RateLimitPacer {
  let window: Window | null = null;
  let latest: RateLimitObservation | null = null;
  /** Points of reservations not yet settled or refunded. */
  let unsettled = 0;
  /** Numbers reservations in the order they were made. */
  let reservations = 0;
  /** Calls sent whose answer was lost, with the number of the last reservation made by then. */
  let losses: Array<{ readonly cost: number; readonly lastReservation: number }> = [];
  const lostPoints = () => losses.reduce((sum, loss) => sum + loss.cost, 0);

  /** Applies an answer's headers; false when they are older than what is known. */
  function learn(observation: RateLimitObservation): boolean {
    const { limit, remaining, resetAt } = observation.rateLimit;
    const resetAtMs = resetAt === null ? null : Date.parse(resetAt);
    if (resetAtMs !== null && resetAtMs <= now()) {
      // About a window already over: only useful when nothing better is known.
      if (window !== null) return false;
      window = { limit, floor: limit, resetAtMs: null };
    } else if (window === null || window.resetAtMs === null || resetAtMs === null || resetAtMs > window.resetAtMs) {
      window = { limit, floor: remaining, resetAtMs };
    } else if (resetAtMs === window.resetAtMs) {
      window.floor = Math.min(window.floor, remaining);
    } else {
      return false;
    }
    latest = observation;
    return true;
  }

  function ticket(cost: number): PaceTicket {
    unsettled += cost;
    const number = ++reservations;
    let done = false;
    return {
      settle(observation) {
        if (done) return;
        done = true;
        unsettled -= cost;
        if (observation === null) {
          // Sent, so perhaps counted, and no answer says so: assume it was.
          losses.push({ cost, lastReservation: reservations });
        } else if (learn(observation) && losses.length > 0) {
          losses = losses.filter((loss) => loss.lastReservation >= number);
        }
      },
      refund() {
        if (done) return;
        done = true;
        unsettled -= cost;
      },
    };
  }

  return {
    reserve(cost, maxWaitMs) {
      const current = window;
      if (current !== null) {
        const t = now();
        if (current.resetAtMs !== null && t >= current.resetAtMs) {
          current.floor = current.limit;
          current.resetAtMs = null;
          losses = [];
        }
        if (current.floor - unsettled - lostPoints() < cost) {
          if (current.resetAtMs === null) {
            return unsettled > 0 && maxWaitMs > 0 ? { kind: 'wait', waitMs: Math.min(RESYNC_POLL_MS, maxWaitMs) } : { kind: 'refuse', retryAfterMs: null };
          }
          const waitMs = current.resetAtMs - t;
          return waitMs <= maxWaitMs ? { kind: 'wait', waitMs } : { kind: 'refuse', retryAfterMs: waitMs };
        }
      }
      return { kind: 'go', ticket: ticket(cost) };
    },
    latest: () => latest,
  };
}
