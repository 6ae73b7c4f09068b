import { accountOf, isConsistent, metadataOf, type BatchOutcome } from '../bulk-delete/index.ts';
import type { JobBatchOutcome } from '../jobs/index.ts';

/**
 * A batch's outcome as the job stores it: the engine's verdict per ID (answered counts, or one
 * failure row per ID for a refused, unknown or unsent batch) and the vendor's metadata.
 *
 * An answer is checked against the IDs sent (the batch's own, read from the store) as a
 * mutation's is (bulk-delete/result.ts): one that does not add up throws, and the runner
 * records the batch OUTCOME_UNKNOWN instead. With nothing not found, the deleted IDs are the
 * batch less its failures, so they are not passed on: the store keeps one shared outcome for
 * them rather than checking 500 IDs it already holds. The store checks the counts again.
 */
export function toJobBatchOutcome(outcome: BatchOutcome): JobBatchOutcome {
  if (!isConsistent(outcome)) throw new Error(`The answer for a batch of ${outcome.ids.length} IDs does not account for exactly those IDs.`);
  const account = accountOf(outcome);
  const meta = metadataOf(outcome);
  return {
    deletedCount: account.deletedCount,
    notFoundCount: account.notFoundCount,
    deletedIds: account.notFoundCount === 0 ? null : account.deletedIds,
    failures: account.failures,
    upstreamRequestIds: meta.upstreamRequestIds,
    rateLimit: meta.rateLimit,
  };
}
