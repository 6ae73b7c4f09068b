import type { Job, JobBatch, JobRateLimit } from '../job.ts';
import { isJobStatus } from '../status.ts';
import { isJobTarget } from '../target.ts';

/** A row as node:sqlite returns it. */
export type Row = Record<string, unknown>;

/** A row of a statement that returns arrays (see statements.ts), columns in SELECT order. */
export type ArrayRow = readonly unknown[];

/** The single text column of an array row (`SELECT id …`). */
export function firstText(row: ArrayRow): string {
  const value = row[0];
  if (typeof value !== 'string') throw new Error(`jobs database: an ID holds ${typeof value}, not text`);
  return value;
}

function int(row: Row, column: string): number {
  const value = row[column];
  if (typeof value !== 'number') throw new Error(`jobs database: column ${column} holds ${typeof value}, not an integer`);
  return value;
}

function intOrNull(row: Row, column: string): number | null {
  return row[column] === null ? null : int(row, column);
}

function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new Error(`jobs database: column ${column} holds ${typeof value}, not text`);
  return value;
}

function textOrNull(row: Row, column: string): string | null {
  return row[column] === null ? null : text(row, column);
}

function rateLimitOrNull(row: Row, column: string): JobRateLimit | null {
  const json = textOrNull(row, column);
  return json === null ? null : (JSON.parse(json) as JobRateLimit);
}

/** A `jobs` row as a Job. Throws on a row this version did not write, rather than guess. */
export function toJob(row: Row): Job {
  const status = row.status;
  const target = row.target;
  if (!isJobStatus(status) || !isJobTarget(target)) throw new Error(`jobs database: job ${String(row.id)} has status ${String(status)}, target ${String(target)}`);
  const requested = int(row, 'requested');
  const batchSize = int(row, 'batch_size');
  return {
    id: text(row, 'id'),
    owner: text(row, 'owner'),
    target,
    options: { dryRun: int(row, 'dry_run') === 1, skipSent: int(row, 'skip_sent') === 1, streamId: textOrNull(row, 'stream_id') },
    status,
    batchSize,
    createdAt: int(row, 'created_at'),
    startedAt: intOrNull(row, 'started_at'),
    finishedAt: intOrNull(row, 'finished_at'),
    resumesAt: intOrNull(row, 'resumes_at'),
    progress: {
      requested,
      processed: int(row, 'processed'),
      deleted: int(row, 'deleted'),
      notFound: int(row, 'not_found'),
      failed: int(row, 'failed'),
    },
    batchCount: Math.ceil(requested / batchSize),
    batchesSent: int(row, 'batches_sent'),
    batchesInFlight: int(row, 'in_flight'),
    leaseOwner: textOrNull(row, 'lease_owner'),
    leaseExpiresAt: intOrNull(row, 'lease_expires_at'),
    rateLimit: rateLimitOrNull(row, 'rate_limit'),
    endReason: textOrNull(row, 'end_reason'),
  };
}

/** A `job_batches` row as a JobBatch. */
export function toBatch(row: Row): JobBatch {
  const state = row.state;
  if (state !== 'IN_FLIGHT' && state !== 'RECORDED') throw new Error(`jobs database: batch state ${String(state)}`);
  return {
    index: int(row, 'batch_index'),
    firstPosition: int(row, 'first_pos'),
    size: int(row, 'size'),
    state,
    attempts: int(row, 'attempts'),
    deletedCount: int(row, 'deleted'),
    notFoundCount: int(row, 'not_found'),
    failedCount: int(row, 'failed'),
    deletedIdsKnown: int(row, 'deleted_ids_known') === 1,
    upstreamRequestIds: JSON.parse(text(row, 'upstream_request_ids')) as string[],
    rateLimit: rateLimitOrNull(row, 'rate_limit'),
  };
}

/** The sequence number (internal key) of a `jobs` row. */
export function seqOf(row: Row): number {
  return int(row, 'seq');
}

/** Positions of a job's IDs that were never sent: every batch from `batchesSent` on. */
export function firstUnsentPosition(job: Job): number {
  return Math.min(job.progress.requested, job.batchesSent * job.batchSize);
}
