import type { StoredRecord } from './stored-result.ts';

/** What the store keeps for a completed call: the input's fingerprint and the packed result. */
export interface StoredCall {
  readonly fingerprint: string;
  readonly result: StoredRecord;
}

/**
 * The answer to a claim on a key.
 * - `claimed`: the caller runs the call and must then `complete` or `release` the key.
 * - `completed`: a call with this key and fingerprint finished; here is its result.
 * - `in-flight`: a call with this key and fingerprint is running; `waitFor` it.
 * - `conflict`: the key is held (running or done) by a different input.
 * - `full`: the key is free, but the client already holds as many records (`keys`) or as
 *   many bytes of them (`bytes`) as its quota allows; nothing was claimed. `retryAfterMs`:
 *   when the client's oldest record expires (its earliest chance of room).
 */
export type Claim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'completed'; readonly result: StoredRecord }
  | { readonly kind: 'in-flight' }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'full'; readonly limit: 'keys' | 'bytes'; readonly retryAfterMs: number };

/** Whether a store can serve calls now; `reason` says why not, without any secret. */
export type StoreHealth = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * How much each client may keep (docs/contract.md §6 scopes keys to the client; so does the room for
 * them): one client's traffic can fill its own quota, never evict or crowd out another's.
 */
export interface ClientQuota {
  /** Records (running or completed) one client holds at most. @default 10000 */
  readonly maxKeys: number;
  /** Bytes of stored records one client holds at most (checked when a key is claimed). @default 32 MiB */
  readonly maxBytes: number;
}

/** The quota when none is configured. */
export const DEFAULT_CLIENT_QUOTA: ClientQuota = { maxKeys: 10_000, maxBytes: 32 * 1024 * 1024 };

/**
 * Where idempotency keys live (docs/contract.md §6). The in-process store serves one replica; a
 * shared store (Redis) implements the same interface for several. `claim` is atomic: of two
 * concurrent claims on a free key, exactly one is `claimed`.
 *
 * Each record is charged to the client that claimed it. A client at its quota is refused at
 * `claim`, before its call runs: a record is never evicted, and a call that ran is always
 * stored, so a client's calls admitted while it had room may take it somewhat past its bytes
 * quota (by the results of the calls it had running at once).
 */
export interface IdempotencyStore {
  claim(key: string, fingerprint: string, client: string): Promise<Claim>;
  /**
   * Records the result for `retentionMs` and wakes every waiter. A shared store records it
   * only while the key is still the claim this instance made (its lease has not run out).
   */
  complete(key: string, call: StoredCall): Promise<void>;
  /** Frees a claimed key without a result (the call ended in an error; nothing was deleted). */
  release(key: string): Promise<void>;
  /** Resolves once the key is no longer in flight: with the stored call, or null if released. */
  waitFor(key: string): Promise<StoredCall | null>;
  /** Whether calls with a key can be served now (/readyz). */
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

/** docs/contract.md §6: a key and its result are kept 24 hours. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
