import type { RateLimitObservation } from '../bulk-delete/outcome.ts';

/**
 * What the pacer says about one attempt:
 * - `go`: budget is reserved; settle the ticket when the attempt ends.
 * - `wait`: no budget until the upstream's reset, `waitMs` from now, within the bound asked for
 *   (or, just after a reset, until the answers in flight say what is left); ask again after
 *   waiting (nothing is reserved meanwhile).
 * - `refuse`: no budget within the bound; `retryAfterMs` until the reset and `retryAtMs` the
 *   reset itself (epoch ms, exact, for whoever schedules a retry), or both null when the
 *   upstream never said when its budget comes back.
 */
export type PaceDecision =
  | { readonly kind: 'go'; readonly ticket: PaceTicket }
  | { readonly kind: 'wait'; readonly waitMs: number }
  | { readonly kind: 'refuse'; readonly retryAfterMs: number | null; readonly retryAtMs: number | null };

/** One reservation. The first of its methods called counts; later calls do nothing. */
export interface PaceTicket {
  /**
   * The attempt reached the upstream (answered, or its answer was lost); re-syncs from the
   * headers when given. `refused`: the answer was a 429.
   */
  settle(observation: RateLimitObservation | null, refused?: boolean): void;
  /** The attempt was never sent: its points are given back. */
  refund(): void;
}

/** One upstream's pacer. */
export interface RateLimitPacer {
  /**
   * Reserves `cost` points, or says how long until there are some. Synchronous, hence atomic.
   * `share` (0 < share <= 1) is the part of the budget this caller may spend: it is refused or
   * waits while fewer than `(1 - share) * limit` points would be left after it, so those stay
   * for callers with a larger share (jobs take JOB_RATE_SHARE, mutations the whole). @default 1
   */
  reserve(cost: number, maxWaitMs: number, share?: number): PaceDecision;
  /** The newest budget an answer reported, or null before the first. */
  latest(): RateLimitObservation | null;
}

/** How often to look again when the budget after a reset is spent and only answers in flight can tell more. */
export const RESYNC_POLL_MS = 50;

/** How an upstream's budget comes back (vendor knowledge, declared by each adapter). */
export interface PacerOptions {
  /**
   * True for a rolling window whose `X-RateLimit-Reset` is when the whole budget is back:
   * one window after the newest request it counted (Stoq). The pacer then learns an upper
   * bound of the window from its own calls and may go before a Reset that whole-second
   * rounding put up to a second late. False (the default) for fixed windows (LeadLex's
   * daily quota), where nothing comes back before the Reset.
   */
  readonly rollingWindow?: boolean;
}

/** The upstream's budget window as the pacer knows it. */
interface Window {
  readonly limit: number;
  /** The lowest `remaining` reported for this window. */
  floor: number;
  /** When the upstream said the budget is back (epoch ms); null once passed or never said. */
  resetAtMs: number | null;
  /** When the newest answer reporting this window arrived (epoch ms). */
  answeredAtMs: number;
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
 *
 * With `rollingWindow`, the reset time is the earlier of the Reset header and the newest
 * answer's arrival plus the window's learnt upper bound. Each answer bounds the window: the
 * upstream counted the request at or after its reservation, and its Reset is at least one
 * window later, so `Reset - reservedAt` is never shorter than the window. Whole-second Resets
 * of requests made at different fractions of a second narrow that bound to the window itself.
 * A 429 to a call made once the budget was known means the upstream does not behave as this
 * assumes: the bound is dropped for good, and the pacer keeps to the Reset header alone.
 */
export function createRateLimitPacer(now: () => number, options: PacerOptions = {}): RateLimitPacer {
  let window: Window | null = null;
  /** The rolling window's learnt upper bound (ms); Infinity until learnt, or when not trusted. */
  let windowBoundMs = Number.POSITIVE_INFINITY;
  let rolling = options.rollingWindow === true;
  /** The newest Reset header the pacer has already treated as passed (epoch ms). */
  let passedResetAtMs = Number.NEGATIVE_INFINITY;
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
    const t = now();
    if (resetAtMs !== null && (resetAtMs <= t || resetAtMs <= passedResetAtMs)) {
      // About a window already over: only useful when nothing better is known.
      if (window !== null) return false;
      window = { limit, floor: limit, resetAtMs: null, answeredAtMs: t };
    } else if (window === null || window.resetAtMs === null || resetAtMs === null || resetAtMs > window.resetAtMs) {
      window = { limit, floor: remaining, resetAtMs, answeredAtMs: t };
    } else if (resetAtMs === window.resetAtMs) {
      window.floor = Math.min(window.floor, remaining);
      window.answeredAtMs = t;
    } else {
      return false;
    }
    latest = observation;
    return true;
  }

  /** When the whole budget is back, as far as the pacer can tell; null when it cannot. */
  function fullAt(current: Window): number | null {
    if (current.resetAtMs === null || !rolling) return current.resetAtMs;
    return Math.min(current.resetAtMs, current.answeredAtMs + windowBoundMs);
  }

  function learnWindow(observation: RateLimitObservation, reservedAtMs: number, paced: boolean, refused: boolean): void {
    if (!rolling) return;
    if (refused) {
      // Only a call the pacer let through knowing the budget can prove the model wrong; a 429
      // to a call sent before any headers were known says nothing about it.
      if (paced) {
        rolling = false;
        windowBoundMs = Number.POSITIVE_INFINITY;
      }
      return;
    }
    const resetAt = observation.rateLimit.resetAt;
    if (resetAt !== null) windowBoundMs = Math.min(windowBoundMs, Math.max(0, Date.parse(resetAt) - reservedAtMs));
  }

  function ticket(cost: number): PaceTicket {
    unsettled += cost;
    const number = ++reservations;
    const reservedAtMs = now();
    const paced = window !== null;
    let done = false;
    return {
      settle(observation, refused = false) {
        if (done) return;
        done = true;
        unsettled -= cost;
        if (observation !== null) learnWindow(observation, reservedAtMs, paced, refused);
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
    reserve(cost, maxWaitMs, share = 1) {
      const current = window;
      if (current !== null) {
        const t = now();
        const backAt = fullAt(current);
        if (backAt !== null && t >= backAt) {
          passedResetAtMs = Math.max(passedResetAtMs, current.resetAtMs ?? backAt);
          current.floor = current.limit;
          current.resetAtMs = null;
          losses = [];
        }
        // Points kept back for callers with a larger share; rounded up so they never get less.
        const kept = share >= 1 ? 0 : Math.ceil(current.limit * (1 - share));
        if (current.floor - unsettled - lostPoints() - kept < cost) {
          if (current.resetAtMs === null || backAt === null) {
            return unsettled > 0 && maxWaitMs > 0 ? { kind: 'wait', waitMs: Math.min(RESYNC_POLL_MS, maxWaitMs) } : { kind: 'refuse', retryAfterMs: null, retryAtMs: null };
          }
          const waitMs = backAt - t;
          return waitMs <= maxWaitMs ? { kind: 'wait', waitMs } : { kind: 'refuse', retryAfterMs: waitMs, retryAtMs: backAt };
        }
      }
      return { kind: 'go', ticket: ticket(cost) };
    },
    latest: () => latest,
  };
}
