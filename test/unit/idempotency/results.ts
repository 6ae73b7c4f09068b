import type { BulkDeleteResultModel } from '../../../src/bulk-delete/result.ts';

/** A result that says how many IDs were deleted: enough to tell stored results apart. */
export function resultOf(deletedCount: number): BulkDeleteResultModel {
  return {
    kind: 'deals', requestedCount: deletedCount, deletedCount, notFoundCount: 0, failedCount: 0, deletedIds: null,
    failures: [], dryRun: false, upstreamRequestIds: [], rateLimit: null, sentIntentIds: [],
  };
}
