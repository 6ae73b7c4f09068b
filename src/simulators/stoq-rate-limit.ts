/**
 * Stoq's rate limit: a points budget over a rolling window (docs/contract.md §5: 360 points per rolling
 * minute per store, a DELETE costs 2). Rolling means each request's points come back exactly
 * one window after it was made, not at a fixed minute boundary.
 */

/** The budget's shape; the defaults are Stoq's documented ones. */
export interface StoqRateLimitOptions {
  /** @default 360 */
  points?: number;
  /** @default 60_000 */
  windowMs?: number;
  /** Points one request costs. @default 2 */
  cost?: number;
}

/** The outcome of asking for one request's points, with the headers Stoq sends for it. */
export interface RateLimitDecision {
  allowed: boolean;
  /** `X-RateLimit-Limit`, `-Remaining`, `-Reset`, and `Retry-After` when refused. */
  headers: Record<string, string>;
}

/** A rolling-window limiter for one API key (the simulator serves a single store, so one key). */
export interface StoqRateLimiter {
  /** Spends one request's cost if the budget allows it; a refused request spends nothing. */
  take(): RateLimitDecision;
}

/** Builds a limiter whose window moves with `now` (epoch ms). */
export function createStoqRateLimiter(
  options: StoqRateLimitOptions,
  now: () => number,
): StoqRateLimiter {
  const points = options.points ?? 360;
  const windowMs = options.windowMs ?? 60_000;
  const cost = options.cost ?? 2;
  let spent: { at: number; points: number }[] = [];

  return {
    take() {
      const t = now();
      spent = spent.filter((entry) => entry.at > t - windowMs);
      const used = spent.reduce((sum, entry) => sum + entry.points, 0);
      if (used + cost <= points) {
        spent.push({ at: t, points: cost });
        // Reset is when the whole budget is back: one window after this, the newest request.
        return { allowed: true, headers: headersFor(points - used - cost, t + windowMs) };
      }
      // Refused: reset is when enough of the oldest entries have expired to afford one request,
      // so a client that waits until then is admitted (Retry-After says the same in seconds).
      const freeAt = earliestAffordable(spent, used, cost, points) ?? t + windowMs;
      const retryAfter = Math.max(1, Math.ceil((freeAt - t) / 1000));
      return {
        allowed: false,
        headers: { ...headersFor(points - used, freeAt), 'Retry-After': String(retryAfter) },
      };
    },
  };

  function headersFor(remaining: number, resetAtMs: number): Record<string, string> {
    return {
      'X-RateLimit-Limit': String(points),
      'X-RateLimit-Remaining': String(Math.max(0, remaining)),
      'X-RateLimit-Reset': String(Math.ceil(resetAtMs / 1000)),
    };
  }

  function earliestAffordable(
    entries: { at: number; points: number }[],
    used: number,
    needed: number,
    budget: number,
  ): number | undefined {
    let freed = 0;
    for (const entry of entries) {
      freed += entry.points;
      if (used - freed + needed <= budget) return entry.at + windowMs;
    }
    return undefined; // a cost above the whole budget: never affordable
  }
}
