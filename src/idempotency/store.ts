import type { BulkDeleteResultModel } from '../bulk-delete/result.ts';

/** What the store keeps for a completed call: the input's fingerprint and the result. */
export interface StoredCall {
  readonly fingerprint: string;
  readonly result: BulkDeleteResultModel;
}

/**
 * The answer to a claim on a key.
 * - `claimed`: the caller runs the call and must then `complete` or `release` the key.
 * - `completed`: a call with this key and fingerprint finished; here is its result.
 * - `in-flight`: a call with this key and fingerprint is running; `waitFor` it.
 * - `conflict`: the key is held (running or done) by a different input.
 */
export type Claim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'completed'; readonly result: BulkDeleteResultModel }
  | { readonly kind: 'in-flight' }
  | { readonly kind: 'conflict' };

/**
 * Where idempotency keys live (CONTRACT §6). The in-process store serves one replica; a
 * shared store (Redis) implements the same interface for several. `claim` is atomic: of two
 * concurrent claims on a free key, exactly one is `claimed`.
 */
export interface IdempotencyStore {
  claim(key: string, fingerprint: string): Promise<Claim>;
  /**
   * Records the result for `retentionMs` and wakes every waiter. A shared store records it
   * only while the key is still the claim this instance made (its lease has not run out).
   */
  complete(key: string, call: StoredCall): Promise<void>;
  /** Frees a claimed key without a result (the call ended in an error; nothing was deleted). */
  release(key: string): Promise<void>;
  /** Resolves once the key is no longer in flight: with the stored call, or null if released. */
  waitFor(key: string): Promise<StoredCall | null>;
  close(): Promise<void>;
}

/** CONTRACT §6: a key and its result are kept 24 hours. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
