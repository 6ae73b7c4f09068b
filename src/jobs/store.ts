import type { Job, JobBatch, JobBatchOutcome, JobPage, JobResultLine, JobResultSummary } from './job.ts';
import type { JobStatus } from './status.ts';
import type { JobOptionsInput, JobTarget } from './target.ts';

/** IDs one create or add call may carry: a bound on one transaction's size and time. */
export const MAX_IDS_PER_CHUNK = 10_000;

/** The largest batch a job may be cut into (a Stoq job batch; LeadLex's are 500). */
export const MAX_JOB_BATCH_SIZE = 10_000;

/** IDs read per round trip or query while streaming a job's results: bounds memory whatever the job's size. */
export const RESULT_PAGE_SIZE = 1_000;

/** How many jobs one page of `list` holds at most, whatever `first` asks for. */
export const MAX_JOBS_PER_PAGE = 100;

/** Limits the caller's configuration sets (MAX_IDS_PER_JOB, MAX_RUNNING_JOBS_PER_CLIENT). */
export interface JobLimits {
  /** Distinct IDs one job may hold; a chunk that would pass it is refused whole. */
  readonly maxIdsPerJob: number;
  /**
   * Jobs one owner may have QUEUED, RUNNING or PAUSED at once; a create that starts, or a start,
   * past it is BAD_USER_INPUT. Checked in the same transaction as the change, after an
   * idempotency key's lookup (a repeat of a create returns its job even at the limit).
   * Absent: no limit.
   */
  readonly maxActiveJobs?: number;
}

/** A new job: who asks, for what, and its first IDs. */
export interface CreateJobInput {
  readonly owner: string;
  readonly target: JobTarget;
  readonly options: JobOptionsInput;
  /** Up to MAX_IDS_PER_CHUNK IDs; duplicates count once, first-seen order kept. */
  readonly ids: readonly string[];
  /** True: QUEUED at once. False: OPEN, so more IDs may be added before `start`. */
  readonly start: boolean;
  /** The vendor's batch size for this target; fixed for the job's life so batch k never moves. */
  readonly batchSize: number;
  /** The same owner, key and input return the same job; the same key with another input is refused. */
  readonly idempotencyKey: string | null;
}

/** What `create` did: a new job, or the one an earlier call with the same key and input made. */
export interface CreatedJob {
  readonly job: Job;
  readonly created: boolean;
}

/** A page request for an owner's jobs (Relay: `first`, `after`), optionally by status. */
export interface ListJobsInput {
  readonly first: number;
  readonly after: string | null;
  /** Only jobs in one of these statuses; null or empty: every status. */
  readonly statuses: readonly JobStatus[] | null;
}

/**
 * A job a worker now holds. `inFlightBatches` are batches an earlier holder sent and never
 * recorded (it died): resend them only where the vendor makes that safe (LeadLex, under the
 * same Idempotency-Key); otherwise record their IDs as OUTCOME_UNKNOWN. A claimed job that is
 * CANCELLED only needs those batches settled; no new batch may be sent.
 */
export interface ClaimedJob {
  readonly job: Job;
  readonly inFlightBatches: readonly number[];
}

/**
 * Where jobs, their IDs and their batches' outcomes live (docs/contract.md §8). Owner-side calls take
 * the owner and answer null for a job that is unknown or another client's; worker-side calls
 * take the worker's lease and throw JobLeaseLostError when another worker has taken the job over.
 * Bad input throws BAD_USER_INPUT and changes nothing. Every call is asynchronous so that a store
 * may be a network away and shared by replicas (Redis); each call is still atomic on its own.
 */
export interface JobStore {
  create(input: CreateJobInput, limits: JobLimits): Promise<CreatedJob>;
  /** Adds up to MAX_IDS_PER_CHUNK IDs to an OPEN job, skipping IDs it already holds. */
  addIds(jobId: string, owner: string, ids: readonly string[], limits: JobLimits): Promise<Job | null>;
  /** OPEN -> QUEUED, within `limits.maxActiveJobs` when given. */
  start(jobId: string, owner: string, limits?: JobLimits): Promise<Job | null>;
  /** Any unended status -> CANCELLED; IDs never sent become NOT_ATTEMPTED, batches in flight still land. */
  cancel(jobId: string, owner: string): Promise<Job | null>;
  get(jobId: string, owner: string): Promise<Job | null>;
  /** The jobs for these IDs in one query, in the same order, null for unknown or another owner's. */
  getMany(jobIds: readonly string[], owner: string): Promise<(Job | null)[]>;
  /** An owner's jobs, newest first. */
  list(owner: string, input: ListJobsInput): Promise<JobPage>;
  /** How many of an owner's jobs are QUEUED, RUNNING or PAUSED: for the per-client limit on running jobs. */
  countActive(owner: string): Promise<number>;

  /** Takes the oldest job that needs a worker: QUEUED, or held under an expired lease. */
  claim(workerId: string, leaseMs: number): Promise<ClaimedJob | null>;
  renewLease(jobId: string, workerId: string, leaseMs: number): Promise<Job>;
  /** RUNNING -> PAUSED until `resumesAt` (epoch ms); the lease runs until `resumesAt + leaseMs`. */
  pause(jobId: string, workerId: string, resumesAt: number, leaseMs: number): Promise<Job>;
  /** PAUSED -> RUNNING by the worker holding it. */
  resume(jobId: string, workerId: string, leaseMs: number): Promise<Job>;
  /**
   * RUNNING -> COMPLETED (every ID has an outcome) or FAILED (`reason` becomes the message of
   * the IDs never sent, NOT_ATTEMPTED). Refused while a batch is in flight.
   */
  finish(jobId: string, workerId: string, status: 'COMPLETED' | 'FAILED', reason?: string): Promise<Job>;

  /** The distinct IDs of batch `batchIndex`, in order: one batch, never the whole job, in memory. */
  readBatchIds(jobId: string, batchIndex: number): Promise<string[]>;
  /**
   * Records that batch `batchIndex` is about to be sent, before it is. Batches are sent in
   * order: it must be the next unsent batch, or one already in flight (a resend).
   */
  markBatchInFlight(jobId: string, workerId: string, batchIndex: number): Promise<JobBatch>;
  /** Stores a batch's outcome and the job's progress in one transaction. */
  recordBatch(jobId: string, workerId: string, batchIndex: number, outcome: JobBatchOutcome): Promise<Job>;
  /** The job's batches in index order (for a job of 2,000 batches: 2,000 small rows). */
  batches(jobId: string): Promise<JobBatch[]>;

  /** The result of an ended job with no batch in flight; null otherwise or when not the owner's. */
  summary(jobId: string, owner: string): Promise<JobResultSummary | null>;
  /** One line per distinct ID, in order, read a page at a time; null when `summary` would be. */
  results(jobId: string, owner: string): Promise<AsyncGenerator<JobResultLine> | null>;

  /** Deletes jobs that ended more than `retentionDays` ago (JOB_RETENTION_DAYS); returns how many. */
  purge(retentionDays: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * A worker asked to act on a job it no longer holds: another worker took it over after the
 * lease expired. Internal to the job runner (never a client's error): the worker stops the job
 * without sending anything more.
 */
export class JobLeaseLostError extends Error {
  override readonly name = 'JobLeaseLostError';
  readonly jobId: string;

  constructor(jobId: string, workerId: string) {
    super(`Job ${jobId} is no longer held by worker ${workerId}: another worker took it over.`);
    this.jobId = jobId;
  }
}
