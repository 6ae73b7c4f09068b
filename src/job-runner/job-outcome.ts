import { accountOf, metadataOf, type BatchOutcome } from '../bulk-delete/index.ts';
import type { JobBatchOutcome } from '../jobs/index.ts';

/**
 * A batch's outcome as the job stores it: the engine's verdict per ID (answered counts, or one
 * failure row per ID for a refused, unknown or unsent batch) and the vendor's metadata. The
 * store checks the accounting again when it records it.
 */
export function toJobBatchOutcome(outcome: BatchOutcome): JobBatchOutcome {
  const account = accountOf(outcome);
  const meta = metadataOf(outcome);
  return {
    deletedCount: account.deletedCount,
    notFoundCount: account.notFoundCount,
    deletedIds: account.deletedIds,
    failures: account.failures,
    upstreamRequestIds: meta.upstreamRequestIds,
    rateLimit: meta.rateLimit,
  };
}
