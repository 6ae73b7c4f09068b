import type { BulkDeleteResultModel } from '../bulk-delete/result.ts';
import { FacadeError } from '../errors/index.ts';
import type { IdempotencyStore } from './store.ts';
import { fromStoredRecord, toStoredResult } from './stored-result.ts';

/**
 * Which call a run is: the client it is charged to, its store key, its input's fingerprint,
 * and the sorted distinct IDs the fingerprint was made from (idempotentInput).
 */
export interface IdempotentCall {
  readonly client: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly sortedIds: readonly string[];
}

/**
 * Runs `call` at most once per key and fingerprint (docs/contract.md §6):
 * - a repeat of a finished call returns its stored result without running;
 * - a repeat of a running call waits for it and returns the same result;
 * - the same key with another input is IDEMPOTENCY_KEY_REUSED;
 * - a new key from a client whose records fill its quota is IDEMPOTENCY_STORE_FULL, and a
 *   store that cannot be reached IDEMPOTENCY_STORE_UNAVAILABLE: both before `call` runs
 *   (docs/contract.md §4: an error means nothing was deleted), never after;
 * - a call that throws (a GraphQL error: nothing deleted) is not stored, so the key is free
 *   again, and a waiting repeat then makes its own attempt.
 *
 * Once the call has run, a store that fails (a shared store losing its connection) changes
 * nothing for this caller: the result is returned (docs/contract.md §4: whatever may have been
 * deleted is a result, never an error), and a call's own error wins over a failed release.
 * The store logs the failure; the key then frees itself when its claim's lease ends.
 */
export async function runIdempotent(
  store: IdempotencyStore,
  { client, key, fingerprint, sortedIds }: IdempotentCall,
  call: () => Promise<BulkDeleteResultModel>,
): Promise<{ result: BulkDeleteResultModel; replayed: boolean }> {
  for (;;) {
    const claim = await store.claim(key, fingerprint, client);
    switch (claim.kind) {
      case 'completed':
        return { result: fromStoredRecord(claim.result, sortedIds), replayed: true };
      case 'conflict':
        throw new FacadeError('IDEMPOTENCY_KEY_REUSED', 'This idempotencyKey was already used with a different input (other IDs or options) in the last 24 hours; use a new key for a new request.');
      case 'full': {
        const what = claim.limit === 'keys' ? 'as many idempotency keys' : 'as many bytes of stored results';
        throw new FacadeError(
          'IDEMPOTENCY_STORE_FULL',
          `This client already holds ${what} as its quota allows (results are kept 24 hours), so this call with a new idempotencyKey was not run: nothing was deleted. Retry after retryAfter seconds, when its oldest result expires, or call without an idempotencyKey.`,
          { retryAfter: Math.max(1, Math.ceil(claim.retryAfterMs / 1000)) },
        );
      }
      case 'in-flight': {
        const stored = await store.waitFor(key);
        if (stored !== null && stored.fingerprint === fingerprint) return { result: fromStoredRecord(stored.result, sortedIds), replayed: true };
        continue;
      }
      case 'claimed': {
        let result: BulkDeleteResultModel;
        try {
          result = await call();
        } catch (error) {
          await store.release(key).catch(() => {});
          throw error;
        }
        // Packed before the store sees it: only what a replay cannot rebuild is kept, in either store.
        await store.complete(key, { fingerprint, result: toStoredResult(result, sortedIds) }).catch(() => {});
        return { result, replayed: false };
      }
    }
  }
}
