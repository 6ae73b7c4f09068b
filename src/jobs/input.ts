import { FacadeError } from '../errors/index.ts';
import { parseJobCursor } from './cursor.ts';
import type { Job } from './job.ts';
import { assertTransition, isJobStatus, JOB_STATUSES, type JobStatus } from './status.ts';
import { MAX_IDS_PER_CHUNK, MAX_JOB_BATCH_SIZE, MAX_JOBS_PER_PAGE, type ListJobsInput } from './store.ts';

// What every JobStore refuses, and in the same words, whichever store (SQLite, Redis) keeps the jobs.

/** The message of IDs a cancel left unsent (NOT_ATTEMPTED). */
export const CANCELLED_REASON = 'Not sent: the job was cancelled.';

/** The message of IDs a failed job left unsent, when the worker gave no reason. */
export const FAILED_REASON = 'Not sent: the job failed before this ID was sent.';

/** Message of the IDs a job never sent, when it recorded no reason. */
export const NOT_SENT_REASON = 'Not sent: the job ended before this ID was sent.';

/**
 * Throws BAD_USER_INPUT unless `ids` is a list of at most MAX_IDS_PER_CHUNK non-empty strings.
 * The vendor-specific ID rules are the caller's (bulk-delete/ids.ts); this guards the store.
 */
export function assertIdChunk(ids: readonly unknown[]): asserts ids is readonly string[] {
  if (ids.length > MAX_IDS_PER_CHUNK) {
    throw new FacadeError('BAD_USER_INPUT', `${ids.length} IDs in one call is more than ${MAX_IDS_PER_CHUNK}: send them in chunks of at most ${MAX_IDS_PER_CHUNK} with addBulkDeleteJobIds.`);
  }
  const bad = ids.findIndex((id) => typeof id !== 'string' || id.length === 0);
  if (bad !== -1) throw new FacadeError('BAD_USER_INPUT', `ids[${bad}] is not a non-empty ID: remove it and send the chunk again.`);
}

/** Throws unless `batchSize` is a whole number of IDs from 1 to MAX_JOB_BATCH_SIZE (the caller's configuration, not a client's). */
export function assertBatchSize(batchSize: number): void {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > MAX_JOB_BATCH_SIZE) {
    throw new RangeError(`A job's batch size must be an integer from 1 to ${MAX_JOB_BATCH_SIZE}, not ${batchSize}.`);
  }
}

/** The refusal of a chunk that would bring a job to `next` distinct IDs, past `maxIdsPerJob`. */
export function tooManyIds(next: number, maxIdsPerJob: number): FacadeError {
  return new FacadeError(
    'BAD_USER_INPUT',
    `This chunk would bring the job to ${next} distinct IDs, more than MAX_IDS_PER_JOB (${maxIdsPerJob}); nothing was added. Start this job and put the remaining ${next - maxIdsPerJob} or more IDs in another.`,
  );
}

/** A create that starts, or a start, past MAX_RUNNING_JOBS_PER_CLIENT (`JobLimits.maxActiveJobs`). */
export function tooManyActiveJobs(active: number, maxActiveJobs: number): FacadeError {
  return new FacadeError(
    'BAD_USER_INPUT',
    `This client already has ${active} jobs queued, running or paused, the most MAX_RUNNING_JOBS_PER_CLIENT (${maxActiveJobs}) allows: wait for one to end or cancel one, or create this job with start: false and start it later.`,
  );
}

/** The refusal of IDs for a job that no longer takes them. */
export function notOpen(jobId: string, status: string): FacadeError {
  return new FacadeError('BAD_USER_INPUT', `Job ${jobId} is ${status}: IDs can be added only while it is OPEN (create it with start: false).`);
}

/** The refusal of `start` for a job without IDs. */
export function nothingToStart(): FacadeError {
  return new FacadeError('BAD_USER_INPUT', 'A job with no IDs cannot start: send at least one ID, or create it with start: false and add IDs with addBulkDeleteJobIds first.');
}

/** Throws BAD_USER_INPUT unless the job may become QUEUED: it is OPEN and holds IDs. */
export function assertCanStart(job: Job): void {
  assertTransition(job.status, 'QUEUED');
  if (job.progress.requested === 0) throw nothingToStart();
}

/** The refusal of an idempotencyKey that already made a job from another input. */
export function keyReused(): FacadeError {
  return new FacadeError('IDEMPOTENCY_KEY_REUSED', 'This idempotencyKey already created a job with a different input: use a new key for a new job.');
}

/** Throws BAD_USER_INPUT for an empty chunk of IDs to add. */
export function assertSomeIds(ids: readonly string[]): void {
  if (ids.length === 0) throw new FacadeError('BAD_USER_INPUT', 'ids is empty: send at least one ID.');
}

/** A checked page request: the sequence number to list below (exclusive), and the statuses to keep (empty: all). */
export interface ListQuery {
  readonly before: number;
  readonly statuses: readonly JobStatus[];
}

/** Checks a page request, throwing BAD_USER_INPUT for a page size, status or cursor this API does not take. */
export function parseListInput(input: ListJobsInput): ListQuery {
  if (!Number.isSafeInteger(input.first) || input.first < 0 || input.first > MAX_JOBS_PER_PAGE) {
    throw new FacadeError('BAD_USER_INPUT', `first must be an integer from 0 to ${MAX_JOBS_PER_PAGE}, not ${input.first}.`);
  }
  const statuses = input.statuses ?? [];
  const unknown = statuses.find((status) => !isJobStatus(status));
  if (unknown !== undefined) throw new FacadeError('BAD_USER_INPUT', `Unknown job status ${JSON.stringify(unknown)}: use ${JOB_STATUSES.join(', ')}.`);
  return { before: input.after === null ? Number.MAX_SAFE_INTEGER : parseJobCursor(input.after), statuses };
}
