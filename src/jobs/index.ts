// jobs/: docs/contract.md §8. Bulk-delete jobs that outlive a request: the job model (statuses and
// their transitions, targets and their options, per-batch outcomes, progress) and where jobs
// are stored. The worker that sends batches builds on bulk-delete/; this folder only keeps state.
//
// Embedded storage (sqlite/): one embedded SQLite file at JOBS_DB_PATH, through Node's built-in
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
//   a worker reads one batch by a range seek and never loads the job. A row gets an outcome
//   of its own only where its batch's IDs differ: failed (with code/message/upstreamCode), or
//   deleted where others of the batch were not found. A partial index holds only failed IDs,
//   so a summary's failures cost one seek, not a scan.
// - `job_batches`: one row per batch sent, IN_FLIGHT then RECORDED, with its counts, attempts,
//   upstream request IDs, rate limit, and the outcome shared by its IDs without one of their
//   own (deleted, not found, or deleted-or-not-found when the vendor only counted), as the
//   Redis store keeps it. An ID's outcome is its own, else its batch's; an ID with neither
//   when the job ends was never sent (NOT_ATTEMPTED).
//
// What is written when: IDs when they are added (one write per chunk of at most 10,000;
// a refused chunk rolls back whole). Before a batch is sent, its row is inserted IN_FLIGHT
// (committed). When its answer arrives, its IDs' own outcomes (usually none), its row
// (RECORDED) and the job's counters are written in ONE write. Status changes and leases are single-row updates.
// Group commit (sqlite/group-commit.ts): the writes asked for in one turn of the event loop
// share one transaction (a savepoint each, so a refused one still changes nothing) and one
// fsync; a job's slot asks for its batch's record and its next batch's mark in the same turn,
// so a batch costs one shared commit, not two of its own (bench/optimisations.md, "Jobs: the
// store per batch").
//
// Why it survives a crash: WAL, and a commit's frames are synced to disk (fdatasync of the WAL
// file, off the event loop, as synchronous=FULL would on it) before any of its writes is
// answered, and the worker sends a batch only once its mark and every outcome asked for before
// it are answered. A kill at any point leaves either the batch IN_FLIGHT (sent or about to be: the next worker resends
// it only under LeadLex's Idempotency-Key, otherwise records its IDs OUTCOME_UNKNOWN) or fully
// recorded; never counters without outcomes. A dead worker's lease expires and `claim` hands
// the job to another, with the batches it left in flight.
//
// Shared storage (redis/): with REDIS_URL every replica keeps its jobs in one Redis, through
// the same JobStore calls, checks and answers (test/unit/jobs/ runs one contract suite against
// both stores). Each call is one Lua script, loaded once per connection (ioredis
// defineCommand: EVALSHA, EVAL on NOSCRIPT), so it changes all of a job's keys or none. Keys,
// under a prefix (default `bdf:jobs:`; the owner's name hashed where it is part of a key):
//
// - `job:{id}`: a hash with the `jobs` row's fields, by the same names (one mapping to Job).
// - `ids:{id}`: a list of the job's distinct IDs in first-seen order; batch k is the
//   range [k*size, (k+1)*size), read by LRANGE. While the job is OPEN, `seen:{id}:{n}`
//   de-duplicate it: each ID in one of about MAX_IDS_PER_JOB/64 small hashes (by its SHA-1),
//   small enough to stay listpacks; they are dropped when the job is started or cancelled,
//   since no ID can be added after.
// - `batches:{id}`: a hash, batch index -> JSON of the `job_batches` row, plus the one
//   outcome shared by the batch's IDs without a mark of their own (deleted, not found, or
//   deleted-or-not-found). Marks per ID only where the batch does not share one:
//   `failed:{id}` (a sorted set of failures by position) and `named:{id}` (IDs named
//   deleted in a batch where others were not found). `inflight:{id}`: indexes in flight.
// - Indexes kept by every script from the job's hash: `seq` (the job counter, the list
//   cursor), `owner:{sha1}` (an owner's jobs by seq), `active:{sha1}` (QUEUED, RUNNING, PAUSED:
//   countActive), `idem` ((owner, idempotencyKey) -> job), `queued` (by seq), `leases` (held
//   and unsettled jobs by lease expiry: claim takes the lowest seq of the queue's head and the
//   expired leases), `ended` (settled jobs by end time: purge, which UNLINKs a job's keys).
//
// Memory, measured (test/unit/jobs/redis-store.test.ts, IDs like `deal-123456`, Redis 7.0):
// a 1,000,000-ID job takes ~32 bytes an ID while OPEN (the list and the de-duplication
// hashes), ~14 once started, ~15 when done with 2,000 batches of 500 and 2,000 failed IDs.
// A job's results are read 1,000 IDs a round trip (positions, no cursor held in Redis).
// A queue (job-runner/queue-scheduler.ts) hands a worker one job by ID: `claimJob` takes
// that job on claim's terms, never a paused one before its resumesAt, and `claimableJobIds`
// lists what the queue should hold. Job events cross replicas through Redis pub/sub
// (redis/events.ts: `{prefix}events:{jobId}`, subscribed while a client there watches it).
// Time: every stamp and lease is read from Redis's own clock (TIME) inside the script that
// writes or compares it, so replicas' clocks never meet; tests inject one clock instead.
// One Redis primary (scripts build keys from the prefix, so not Redis Cluster); run it with
// `maxmemory-policy noeviction` and persistence, as for the idempotency keys.
//
// node:sqlite is unflagged since Node 22.13 but still "Stability 1.1" there (a release
// candidate from Node 24.15), so loading it prints one ExperimentalWarning. We let that line
// stand rather than silence a class of warnings, and load the module only when the embedded
// store is opened (sqlite/sqlite-store.ts), so a set-up that keeps jobs elsewhere never sees it.
import type { JobEvents } from './events.ts';
import type { RedisJobEventsOptions } from './redis/events.ts';
import type { RedisJobStore, RedisJobStoreOptions } from './redis/redis-store.ts';
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
export type { JobClaim, JobStoreLogger, RedisJobStore, RedisJobStoreOptions } from './redis/redis-store.ts';
export type { RedisJobEventsOptions } from './redis/events.ts';

// The Redis store and events, with their Lua scripts and ioredis, load at the first call, as the
// SQLite store loads node:sqlite: a process keeps its jobs in one of the two, and the other's
// code would sit in its memory from start-up on.

/** Opens the jobs store in Redis (redis/redis-store.ts), loading its module on the first call. */
export async function openRedisJobStore(options: RedisJobStoreOptions): Promise<RedisJobStore> {
  const { openRedisJobStore: open } = await import('./redis/redis-store.ts');
  return open(options);
}

/** Job events across replicas through Redis pub/sub (redis/events.ts), loaded on the first call. */
export async function createRedisJobEvents(options: RedisJobEventsOptions): Promise<JobEvents> {
  const { createRedisJobEvents: create } = await import('./redis/events.ts');
  return create(options);
}
