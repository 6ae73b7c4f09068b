/**
 * LeadLex's `Idempotency-Key` ("Same key returns the same result within 24 hours",
 * docs/vendors/leadlex.md). As with Stripe-style keys, only answers from requests that
 * passed validation are stored, so a refused request can be corrected and retried with its key;
 * and a key reused with a different body is refused rather than silently replayed.
 */

const TTL_MS = 24 * 60 * 60 * 1000;

/** A stored answer. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** What the store says about a key and the request that carries it. */
export type IdempotencyLookup =
  | { kind: 'new' }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'conflict' };

/** Answers kept per key for 24 hours of the simulator's clock. */
export interface IdempotencyStore {
  /** `fingerprint` identifies the request's meaning (IDs and options), not its bytes. */
  lookup(key: string, fingerprint: string): IdempotencyLookup;
  save(key: string, fingerprint: string, answer: StoredAnswer): void;
}

/**
 * Builds an empty store; `now` is epoch milliseconds. With `maxKeys`, the oldest key is
 * forgotten when one more is saved (a benchmark's millions of keys would fill memory).
 */
export function createIdempotencyStore(now: () => number, maxKeys = Infinity): IdempotencyStore {
  const entries = new Map<string, { fingerprint: string; answer: StoredAnswer; expiresAt: number }>();
  return {
    lookup(key, fingerprint) {
      const entry = entries.get(key);
      if (entry === undefined) return { kind: 'new' };
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return { kind: 'new' };
      }
      return entry.fingerprint === fingerprint ? { kind: 'replay', answer: entry.answer } : { kind: 'conflict' };
    },
    save(key, fingerprint, answer) {
      entries.delete(key);
      entries.set(key, { fingerprint, answer, expiresAt: now() + TTL_MS });
      // Map order is insertion order, so the first key is the oldest.
      if (entries.size > maxKeys) entries.delete(entries.keys().next().value as string);
    },
  };
}
