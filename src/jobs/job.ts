import type { BulkDeleteRateLimit } from '../__generated__/schema-types.ts';
import type { Failure } from '../bulk-delete/outcome.ts';
import type { BulkDeleteResultModel } from '../bulk-delete/result.ts';
import type { JobStatus } from './status.ts';
import type { JobOptions, JobTarget } from './target.ts';

/** A failed ID, as the schema's `BulkDeleteFailure`. */
export type JobFailure = Failure;

/** A vendor's rate-limit budget, as the schema's `BulkDeleteRateLimit`. */
export type JobRateLimit = Omit<BulkDeleteRateLimit, '__typename'>;

/**
 * Progress of a job. Counts only IDs whose outcome is known, so at every moment
 * `processed == deleted + notFound + failed` and `processed <= requested` (docs/contract.md §8).
 */
export interface JobProgress {
  /** Distinct IDs in the job. */
  readonly requested: number;
  readonly processed: number;
  readonly deleted: number;
  readonly notFound: number;
  readonly failed: number;
}

/** A job as stored: what every `BulkDeleteJob` field resolves from. Times are epoch milliseconds. */
export interface Job {
  readonly id: string;
  /** The client identity that created the job (docs/contract.md §6); only it sees the job. */
  readonly owner: string;
  readonly target: JobTarget;
  readonly options: JobOptions;
  readonly status: JobStatus;
  /** IDs per batch; batch k holds the distinct IDs at positions [k * batchSize, (k + 1) * batchSize). */
  readonly batchSize: number;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  /** While PAUSED: when the vendor's budget resets and the job resumes by itself. */
  readonly resumesAt: number | null;
  readonly progress: JobProgress;
  /** Batches in the job, from its distinct IDs and batch size. */
  readonly batchCount: number;
  /** Batches sent so far (in flight or recorded): the next batch to send has this index. */
  readonly batchesSent: number;
  /** Batches sent whose outcome is not recorded yet. */
  readonly batchesInFlight: number;
  /** The worker holding the job, and until when; null when no worker holds it. */
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: number | null;
  /** The newest rate-limit budget any batch saw. */
  readonly rateLimit: JobRateLimit | null;
  /** Why the job stopped early (FAILED or CANCELLED): the message of its NOT_ATTEMPTED IDs. */
  readonly endReason: string | null;
}

/**
 * What the vendor said about one batch, as the job stores it. Invariant (checked when it is
 * recorded): the batch's IDs == deletedCount + notFoundCount + failures.length, each failure's ID
 * is in the batch once, and `deletedIds` is null or holds exactly `deletedCount` of its IDs.
 */
export interface JobBatchOutcome {
  readonly deletedCount: number;
  readonly notFoundCount: number;
  /** Which IDs were deleted; null when the vendor only counted them (LeadLex). */
  readonly deletedIds: readonly string[] | null;
  readonly failures: readonly JobFailure[];
  /** Request IDs the vendor returned for this batch's calls, for support tickets. */
  readonly upstreamRequestIds: readonly string[];
  /** The budget the vendor reported after this batch, and when it was seen (epoch ms). */
  readonly rateLimit: { readonly rateLimit: JobRateLimit; readonly observedAt: number } | null;
}

/** A batch's stored state: sent and waiting for its answer, or answered and recorded. */
export type JobBatchState = 'IN_FLIGHT' | 'RECORDED';

/** A stored batch: which IDs (by position) and what became of them. */
export interface JobBatch {
  readonly index: number;
  /** Positions [firstPosition, firstPosition + size) of the job's distinct IDs. */
  readonly firstPosition: number;
  readonly size: number;
  readonly state: JobBatchState;
  /** How many times it was marked in flight: above 1, it was resent (LeadLex, same Idempotency-Key). */
  readonly attempts: number;
  readonly deletedCount: number;
  readonly notFoundCount: number;
  readonly failedCount: number;
  /** False when the vendor only counted and some IDs were not found, so which were deleted is unknown. */
  readonly deletedIdsKnown: boolean;
  readonly upstreamRequestIds: readonly string[];
  readonly rateLimit: JobRateLimit | null;
}

/**
 * What became of one ID, as `GET /jobs/{id}/results` streams it (docs/contract.md §8), plus one
 * outcome the contract lacks: `deletedOrNotFound`, for an ID of a batch whose vendor only
 * counted (LeadLex: "3 deleted, 2 not found") without saying which. Such an ID is gone either
 * way, so it is not a failure (nothing to retry, and the counts stay true), but calling it
 * `deleted` could claim a delete the vendor never made, and `notFound` could hide one.
 */
export type JobResultOutcome = 'deleted' | 'notFound' | 'failed' | 'deletedOrNotFound';

/** One line of a job's results. */
export interface JobResultLine {
  readonly id: string;
  readonly outcome: JobResultOutcome;
  readonly code: JobFailure['code'] | null;
  readonly message: string | null;
  readonly upstreamCode: string | null;
}

/**
 * A finished job's result in the shape of `BulkDeleteResult` (docs/contract.md §3): requested ==
 * deleted + notFound + failed, failures.length == failedCount, and `deletedIds` non-null only
 * when every batch said which IDs it deleted.
 */
export type JobResultSummary = Omit<BulkDeleteResultModel, 'kind' | 'sentIntentIds'>;

/** A page of an owner's jobs, newest first, as a Relay connection's edges and page info. */
export interface JobPage {
  readonly edges: readonly { readonly cursor: string; readonly node: Job }[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}
