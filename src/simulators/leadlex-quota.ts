/**
 * LeadLex's daily request quota (CONTRACT §5: "a daily quota resetting at midnight UTC"), with
 * the `X-RateLimit-*` headers its doc says every response includes.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The quota's size and, for tests, where today's count starts. */
export interface LeadLexQuotaOptions {
  /** Requests per UTC day. @default 10_000 */
  limit?: number;
  /** Requests left today at start. @default `limit` */
  remaining?: number;
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

/** Builds a quota that rolls over whenever `now` (epoch ms) crosses a UTC midnight. */
export function createLeadLexQuota(options: LeadLexQuotaOptions, now: () => number): LeadLexQuota {
  const limit = options.limit ?? 10_000;
  let day = Math.floor(now() / DAY_MS);
  let left = options.remaining ?? limit;

  function today(): number {
    const current = Math.floor(now() / DAY_MS);
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
      const resetS = ((today() + 1) * DAY_MS) / 1000;
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
