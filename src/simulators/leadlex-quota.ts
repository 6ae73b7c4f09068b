/**
 * LeadLex's daily request quota (docs/contract.md §5: "a daily quota resetting at midnight UTC"), with
 * the `X-RateLimit-*` headers its doc says every response includes. A benchmark may shorten
 * the window to see several resets in one run; windows stay fixed and aligned to the epoch,
 * as a day is to midnight UTC.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The quota's size and, for tests, where today's count starts. */
export interface LeadLexQuotaOptions {
  /** Requests per UTC day. @default 10_000 */
  limit?: number;
  /** Requests left today at start. @default `limit` */
  remaining?: number;
  /** Length of one quota window in ms; a whole number of seconds, as the Reset header has no finer unit. @default one day */
  windowMs?: number;
}

/** One workspace's quota. */
export interface LeadLexQuota {
  /** Spends one request if any is left today; a refused request spends nothing. */
  take(): boolean;
  /** `X-RateLimit-Limit`, `-Remaining`, and `-Reset` (epoch seconds of the next UTC midnight). */
  headers(): Record<string, string>;
  remaining(): number;
  /** Sets today's remaining count; it returns to `limit` at the next UTC midnight. */
  setRemaining(remaining: number): void;
}

/** Builds a quota that rolls over whenever `now` (epoch ms) crosses a UTC midnight (a window's end). */
export function createLeadLexQuota(options: LeadLexQuotaOptions, now: () => number): LeadLexQuota {
  const limit = options.limit ?? 10_000;
  const windowMs = options.windowMs ?? DAY_MS;
  if (!Number.isSafeInteger(windowMs) || windowMs < 1000 || windowMs % 1000 !== 0) {
    throw new RangeError(`A LeadLex quota window is a whole number of seconds, not ${windowMs} ms`);
  }
  let day = Math.floor(now() / windowMs);
  let left = options.remaining ?? limit;

  function today(): number {
    const current = Math.floor(now() / windowMs);
    if (current !== day) {
      day = current;
      left = limit;
    }
    return day;
  }

  return {
    take() {
      today();
      if (left <= 0) return false;
      left -= 1;
      return true;
    },
    headers() {
      const resetS = ((today() + 1) * windowMs) / 1000;
      return {
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': String(left),
        'X-RateLimit-Reset': String(resetS),
      };
    },
    remaining() {
      today();
      return left;
    },
    setRemaining(remaining) {
      today();
      left = Math.max(0, Math.floor(remaining));
    },
  };
}
