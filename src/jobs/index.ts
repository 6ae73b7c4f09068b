// jobs/: docs/contract.md §8. Bulk-delete jobs that outlive a request: the job model (statuses and
// their transitions, targets and their options, per-batch outcomes, progress) and where jobs
// are stored. The worker that sends batches builds on bulk-delete/; this folder only keeps state.
//
// Storage (sqlite/): one embedded SQLite file at JOBS_DB_PATH, through Node's built-in
// `node:sqlite` (nothing to install, nothing else to run). Three tables:
//
// - `jobs`: one row per job. Its owner, target and options, status, batch size, times, the
//   worker's lease (owner + expiry), and running counters: requested, processed, deleted,
//   notFound, failed, batches sent, batches in flight, batches whose deleted IDs are unknown,
//   the newest rate limit seen. A job's progress and summary counts are read from this row alone.
//   `seq` (AUTOINCREMENT, never reused) orders an owner's jobs and is the list cursor, so new
//   jobs never shift a page already read. (owner, idempotencyKey) is unique.
// - `job_ids`: one row per distinct ID, keyed (job, position) in first-seen order; a unique
//   (job, id) index de-duplicates across chunks. Batch k is positions [k*size, (k+1)*size), so
//   a worker reads one batch by a range seek and never loads the job. Each row gets its outcome
//   (deleted, not found, failed with code/message/upstreamCode, or deleted-or-not-found when
//   the vendor only counted) when its batch is recorded; IDs still without one when the job
//   ends were never sent (NOT_ATTEMPTED). A partial index holds only failed IDs, so a summary's
//   failures cost one seek, not a scan.
// - `job_batches`: one row per batch sent, IN_FLIGHT then RECORDED, with its counts, attempts,
//   upstream request IDs and rate limit.
//
// What is written when: IDs when they are added (one transaction per chunk of at most 10,000;
// a refused chunk rolls back whole). Before a batch is sent, its row is inserted IN_FLIGHT
// (committed). When its answer arrives, its IDs' outcomes, its row (RECORDED) and the job's
// counters are written in ONE transaction. Status changes and leases are single-row updates.
//
// Why it survives a crash: WAL with synchronous=FULL, so each commit is on disk before the call
// returns, and the worker sends the next batch only after the previous outcome's commit. A kill
// at any point leaves either the batch IN_FLIGHT (sent or about to be: the next worker resends
// it only under LeadLex's Idempotency-Key, otherwise records its IDs OUTCOME_UNKNOWN) or fully
// recorded; never counters without outcomes. A dead worker's lease expires and `claim` hands
// the job to another, with the batches it left in flight.
//
// node:sqlite is unflagged since Node 22.13 but still "Stability 1.1" there (a release
// candidate from Node 24.15), so loading it prints one ExperimentalWarning. We let that line
// stand rather than silence a class of warnings, and load the module only when the embedded
// store is opened (sqlite/sqlite-store.ts), so a set-up that keeps jobs elsewhere never sees it.
export { parseJobCursor, toJobCursor } from './cursor.ts';
export { createLocalJobEvents, type JobEvents, type JobListener } from './events.ts';
export type { Job, JobBatch, JobBatchOutcome, JobBatchState, JobFailure, JobPage, JobProgress, JobRateLimit, JobResultLine, JobResultOutcome, JobResultSummary } from './job.ts';
export { assertActiveRoom, tooManyActive } from './limits.ts';
export { assertTransition, canTransition, isJobStatus, isTerminal, JOB_STATUSES, TERMINAL_STATUSES, type JobStatus } from './status.ts';
export {
  JobLeaseLostError,
  MAX_IDS_PER_CHUNK,
  MAX_JOB_BATCH_SIZE,
  MAX_JOBS_PER_PAGE,
  RESULT_PAGE_SIZE,
  type ClaimedJob,
  type CreatedJob,
  type CreateJobInput,
  type JobLimits,
  type JobStore,
  type ListJobsInput,
} from './store.ts';
export { assertJobTarget, isJobTarget, JOB_TARGETS, normaliseJobOptions, type JobOptions, type JobOptionsInput, type JobTarget } from './target.ts';
export { openSqliteJobStore, type SqliteJobStoreOptions } from './sqlite/sqlite-store.ts';
