import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { FacadeError } from '../../errors/index.ts';
import { inputFingerprint } from '../../idempotency/index.ts';
import { connectionLimits, connectRedis, describeRedisUrl, quitRedis, type RedisConnectionOptions } from '../../idempotency/redis-connection.ts';
import type { Logger } from '../../observability/index.ts';
import { toJobCursor } from '../cursor.ts';
import { assertBatchSize, assertIdChunk, assertSomeIds, CANCELLED_REASON, FAILED_REASON, keyReused, nothingToStart, notOpen, parseListInput, tooManyIds } from '../input.ts';
import { tooManyActive } from '../limits.ts';
import type { Job, JobBatch, JobBatchOutcome, JobPage } from '../job.ts';
import { assertTransition, isJobStatus, isTerminal } from '../status.ts';
import { JobLeaseLostError, type ClaimedJob, type CreateJobInput, type CreatedJob, type JobLimits, type JobStore, type ListJobsInput } from '../store.ts';
import { assertJobTarget, normaliseJobOptions } from '../target.ts';
import { toBatchMarks } from './outcome.ts';
import { streamLines, summarise, type ResultPage } from './results.ts';
import { hashToJob, hashToRow, jsonToBatch, toJob } from './rows.ts';
import { SCRIPTS, scriptSource, type ScriptName } from './scripts.ts';

/** The log methods the store uses; a pino logger fits. */
export type JobStoreLogger = Pick<Logger, 'info' | 'error' | 'debug'>;

/** Options of the Redis job store. */
export interface RedisJobStoreOptions extends RedisConnectionOptions {
  /** redis:// or rediss:// URL (REDIS_URL); it may carry a password, which is never shown. */
  readonly url: string;
  /** Prefix of every key, so the jobs' keys are recognisable and apart from the idempotency store's. @default 'bdf:jobs:' */
  readonly prefix?: string;
  /**
   * Epoch milliseconds, for tests that move time by hand. Without it every time the store
   * writes or compares (creation, leases, the end of a job, the purge's cutoff) is read from
   * Redis's own clock inside the script that uses it: replicas' clocks differ, and a lease
   * written by one replica's clock and checked against another's would expire early or late.
   */
  readonly now?: () => number;
  /** New job IDs. @default crypto.randomUUID */
  readonly newId?: () => string;
  readonly logger?: JobStoreLogger;
}

/**
 * What a queue's worker gets when it asks for one job by ID: the job to run, a wait (another
 * worker's lease, or a pause, lasts until `until`, epoch ms), or nothing to do (the job is
 * unknown, still OPEN, or settled).
 */
export type JobClaim =
  | { readonly kind: 'claimed'; readonly claimed: ClaimedJob }
  | { readonly kind: 'held'; readonly until: number }
  | { readonly kind: 'none' };

/**
 * The shared store, plus what a job queue's workers need of it: a queue hands a worker one job
 * by ID (job-runner/queue-scheduler.ts), so it claims that job, not the oldest.
 */
export interface RedisJobStore extends JobStore {
  /** Takes this job on the terms of `claim` (QUEUED, or held under an expired lease); a PAUSED job only from its `resumesAt`. */
  claimJob(jobId: string, workerId: string, leaseMs: number): Promise<JobClaim>;
  /** Up to `limit` QUEUED jobs and up to `limit` jobs under an expired lease: what a queue should hold. */
  claimableJobIds(limit: number): Promise<string[]>;
}

/** A script's answer: what happened ('ok' or why it refused), then its values. */
type Reply = readonly [string, ...unknown[]];

type ScriptCommands = Record<ScriptName, (...args: (string | number)[]) => Promise<unknown>>;

const DAY_MS = 86_400_000;
/** Jobs one purge script deletes at most: bounds how long one script holds Redis. */
const PURGE_STEP = 100;
const NO_LOG: JobStoreLogger = { info: () => {}, error: () => {}, debug: () => {} };

/** What an error reply from Redis says of its state, by its code; null for a reply that is not about Redis's state. */
function redisCondition(reply: string): string | null {
  const code = reply.split(' ', 1)[0];
  switch (code) {
    case 'OOM':
      return 'is out of memory (maxmemory)';
    case 'LOADING':
      return 'is loading its data';
    case 'READONLY':
      return 'is a read-only replica';
    case 'MASTERDOWN':
    case 'NOREPLICAS':
      return 'has lost its primary or replicas';
    case 'BUSY':
      return 'is busy running a long script';
    default:
      return null;
  }
}

/**
 * How many small hashes de-duplicate an OPEN job's IDs: about 64 IDs each at MAX_IDS_PER_JOB,
 * so each stays a listpack (Redis keeps a hash of up to 128 short fields as one compact
 * array). Measured with a million IDs like `deal-123456`: ~18 bytes an ID, against ~56 in one set.
 */
function seenBuckets(maxIdsPerJob: number): number {
  const wanted = Math.ceil(Math.max(1, maxIdsPerJob) / 64);
  return Math.min(65_536, 2 ** Math.ceil(Math.log2(wanted)));
}

/**
 * Opens the JobStore shared by every replica on one Redis (docs/contract.md §8, "Where jobs
 * live"): the same calls, checks and answers as the SQLite store, each call one atomic Lua
 * script (see ../index.ts for the keys and what they cost). Resolves once Redis answers;
 * rejects, naming REDIS_URL without its password, when it cannot be reached within
 * `connectTimeoutMs`. Afterwards a Redis that does not answer makes a call fail with
 * JOB_STORE_UNAVAILABLE; the connection comes back by itself.
 */
export async function openRedisJobStore(options: RedisJobStoreOptions): Promise<RedisJobStore> {
  const prefix = options.prefix ?? 'bdf:jobs:';
  const newId = options.newId ?? randomUUID;
  const logger = options.logger ?? NO_LOG;
  const limits = connectionLimits(options);
  const where = describeRedisUrl(options.url);
  const redis = await connectRedis(options.url, limits, 'bulk-delete-facade-jobs', 'shared job store');
  for (const name of Object.keys(SCRIPTS) as ScriptName[]) redis.defineCommand(name, { numberOfKeys: 0, lua: scriptSource(name) });
  const commands = redis as Redis & ScriptCommands;
  let closed = false;
  watch(redis);

  /** Logs losing and regaining the connection once each, not every reconnection attempt. */
  function watch(connection: Redis): void {
    let lost = false;
    connection.on('error', (error: Error) => logger.debug({ err: error }, 'job store: Redis connection error'));
    connection.on('close', () => {
      if (lost || closed) return;
      lost = true;
      logger.error({ redis: where }, 'job store: lost the connection to Redis; job calls fail with JOB_STORE_UNAVAILABLE until it is back');
    });
    connection.on('ready', () => {
      if (!lost) return;
      lost = false;
      logger.info({ redis: where }, 'job store: connected to Redis again');
    });
  }

  /**
   * A failure of Redis (no answer, a lost connection, out of memory, loading, read-only) is
   * JOB_STORE_UNAVAILABLE, an expected condition; any other error reply (a script's runtime
   * error) is a fault of this store, rethrown as one.
   */
  function failure(cause: unknown): Error {
    const reply = cause instanceof Error && cause.name === 'ReplyError' ? cause.message : null;
    const condition = closed ? 'is closed (this replica is shutting down)' : reply === null ? 'did not answer' : redisCondition(reply);
    if (condition === null) return new Error('jobs store: a Redis script failed', { cause });
    if (!closed) logger.error({ err: cause, redis: where }, `job store: Redis ${condition}`);
    return new FacadeError('JOB_STORE_UNAVAILABLE', `The shared job store (Redis) ${condition}, so this job call may not have taken effect: read the job again before repeating it, and retry later.`, { cause });
  }

  /** Runs Redis commands, turning their failures into JOB_STORE_UNAVAILABLE (see `failure`). */
  async function guard<T>(work: () => Promise<T>): Promise<T> {
    if (closed) throw failure(new Error('the store is closed'));
    try {
      return await work();
    } catch (error) {
      throw failure(error);
    }
  }

  async function run(name: ScriptName, args: readonly (string | number)[]): Promise<Reply> {
    const now = options.now === undefined ? '' : String(options.now());
    return (await guard(() => commands[name](prefix, now, ...args))) as Reply;
  }

  /** The job a script answered with, after 'ok'; throws a store error for any other answer. */
  function jobOf(reply: Reply, jobId: string, refusal: (reply: Reply) => Error): Job {
    if (reply[0] !== 'ok') throw refusal(reply);
    const job = hashToJob(reply[1]);
    if (job === null) throw new Error(`jobs store: job ${jobId} vanished`);
    return job;
  }

  /** The error for a refusal every call may get: a transition status.ts does not allow, or the lease held by another worker. */
  function refused(reply: Reply, jobId: string, workerId = ''): Error {
    const [kind, a, b] = reply;
    if (kind === 'transition' && isJobStatus(a) && isJobStatus(b)) assertTransition(a, b);
    if (kind === 'lease') return new JobLeaseLostError(jobId, workerId);
    return new Error(`jobs store: job ${jobId}: unexpected answer ${JSON.stringify(reply)}`);
  }

  const ownedOrNull = (reply: Reply, jobId: string, refusal: (reply: Reply) => Error): Job | null => (reply[0] === 'null' ? null : jobOf(reply, jobId, refusal));

  async function create(input: CreateJobInput, jobLimits: JobLimits): Promise<CreatedJob> {
    assertJobTarget(input.target);
    const jobOptions = normaliseJobOptions(input.target, input.options);
    assertBatchSize(input.batchSize);
    assertIdChunk(input.ids);
    const fingerprint = inputFingerprint([...new Set(input.ids)], { target: input.target, start: input.start, ...jobOptions });
    const id = newId();
    const reply = await run('jobsCreate', [
      id, input.owner, input.target, jobOptions.dryRun ? 1 : 0, jobOptions.skipSent ? 1 : 0,
      jobOptions.streamId ?? '', jobOptions.streamId === null ? 0 : 1, input.idempotencyKey ?? '', input.idempotencyKey === null ? 0 : 1,
      fingerprint, input.batchSize, input.start ? 1 : 0, jobLimits.maxIdsPerJob, seenBuckets(jobLimits.maxIdsPerJob), jobLimits.maxActiveJobs ?? '', ...input.ids,
    ]);
    if (reply[0] === 'existing') return { job: jobOf(['ok', reply[1]], id, (r) => refused(r, id)), created: false };
    return {
      job: jobOf(reply, id, (r) => {
        if (r[0] === 'reused') return keyReused();
        if (r[0] === 'limit') return tooManyIds(Number(r[1]), jobLimits.maxIdsPerJob);
        if (r[0] === 'empty') return nothingToStart();
        if (r[0] === 'active') return tooManyActive(Number(r[1]), jobLimits.maxActiveJobs ?? 0);
        return refused(r, id);
      }),
      created: true,
    };
  }

  async function addIds(jobId: string, owner: string, ids: readonly string[], jobLimits: JobLimits): Promise<Job | null> {
    assertIdChunk(ids);
    assertSomeIds(ids);
    const reply = await run('jobsAddIds', [jobId, owner, jobLimits.maxIdsPerJob, ...ids]);
    return ownedOrNull(reply, jobId, (r) => {
      if (r[0] === 'notopen') return notOpen(jobId, String(r[1]));
      if (r[0] === 'limit') return tooManyIds(Number(r[1]), jobLimits.maxIdsPerJob);
      return refused(r, jobId);
    });
  }

  async function start(jobId: string, owner: string, jobLimits?: JobLimits): Promise<Job | null> {
    const maxActive = jobLimits?.maxActiveJobs;
    return ownedOrNull(await run('jobsStart', [jobId, owner, maxActive ?? '']), jobId, (r) => {
      if (r[0] === 'empty') return nothingToStart();
      if (r[0] === 'active') return tooManyActive(Number(r[1]), maxActive ?? 0);
      return refused(r, jobId);
    });
  }

  async function cancel(jobId: string, owner: string): Promise<Job | null> {
    return ownedOrNull(await run('jobsCancel', [jobId, owner, CANCELLED_REASON]), jobId, (r) => refused(r, jobId));
  }

  async function getMany(jobIds: readonly string[], owner: string): Promise<(Job | null)[]> {
    if (jobIds.length === 0) return [];
    const hashes = (await run('jobsGetMany', jobIds)) as readonly unknown[];
    return hashes.map((flat) => {
      const job = hashToJob(flat);
      return job !== null && job.owner === owner ? job : null;
    });
  }

  async function list(owner: string, input: ListJobsInput): Promise<JobPage> {
    const { before, statuses } = parseListInput(input);
    const below = before === Number.MAX_SAFE_INTEGER ? '+inf' : `(${before}`;
    const hashes = (await run('jobsList', [owner, below, input.first + 1, ...statuses])) as readonly unknown[];
    const edges = hashes.slice(0, input.first).map((flat) => {
      const row = hashToRow(flat);
      if (row === null) throw new Error('jobs store: a listed job vanished');
      return { cursor: toJobCursor(row.seq as number), node: toJob(row) };
    });
    return { edges, hasNextPage: hashes.length > input.first, endCursor: edges.at(-1)?.cursor ?? null };
  }

  async function claim(workerId: string, leaseMs: number): Promise<ClaimedJob | null> {
    const reply = await run('jobsClaim', [workerId, leaseMs]);
    if (reply[0] === 'none') return null;
    const job = jobOf(reply, '(claimed)', (r) => refused(r, '(claimed)', workerId));
    const inFlightBatches = (reply[2] as readonly string[]).map(Number).sort((a, b) => a - b);
    return { job, inFlightBatches };
  }

  async function claimJob(jobId: string, workerId: string, leaseMs: number): Promise<JobClaim> {
    const reply = await run('jobsClaimJob', [jobId, workerId, leaseMs]);
    if (reply[0] === 'none') return { kind: 'none' };
    if (reply[0] === 'held') return { kind: 'held', until: Number(reply[1]) };
    const job = jobOf(reply, jobId, (r) => refused(r, jobId, workerId));
    const inFlightBatches = (reply[2] as readonly string[]).map(Number).sort((a, b) => a - b);
    return { kind: 'claimed', claimed: { job, inFlightBatches } };
  }

  async function finish(jobId: string, workerId: string, status: 'COMPLETED' | 'FAILED', reason?: string): Promise<Job> {
    const reply = await run('jobsFinish', [jobId, workerId, status, status === 'FAILED' ? (reason ?? FAILED_REASON) : '']);
    return jobOf(reply, jobId, (r) => {
      if (r[0] === 'inflight') return new Error(`Job ${jobId}: ${String(r[1])} batches are in flight; record them before it ends.`);
      if (r[0] === 'incomplete') return new Error(`Job ${jobId}: ${String(r[1])} IDs have no outcome yet, so it has not completed.`);
      return refused(r, jobId, workerId);
    });
  }

  async function markBatchInFlight(jobId: string, workerId: string, batchIndex: number): Promise<JobBatch> {
    const reply = await run('jobsMarkInFlight', [jobId, workerId, String(batchIndex)]);
    if (reply[0] === 'ok') return jsonToBatch(String(reply[1]));
    if (reply[0] === 'recorded') throw new Error(`Job ${jobId}: batch ${batchIndex} is already recorded; it is never sent again.`);
    if (reply[0] === 'notrunning') throw new FacadeError('BAD_USER_INPUT', `Job ${jobId} is ${String(reply[1])}: no new batch may be sent.`);
    if (reply[0] === 'notnext') throw new Error(`Job ${jobId}: batch ${batchIndex} is not the next to send (batch ${String(reply[1])} of ${String(reply[2])} is).`);
    throw refused(reply, jobId, workerId);
  }

  async function recordBatch(jobId: string, workerId: string, batchIndex: number, outcome: JobBatchOutcome): Promise<Job> {
    const notInFlight = (): Error => new Error(`Job ${jobId}: batch ${batchIndex} is not in flight, so there is no outcome to record.`);
    // The batch's IDs never change once it is sent (IDs are added only while the job is OPEN),
    // so they are read first and the outcome checked here; the script then re-checks the lease
    // and the batch's state and writes everything at once.
    const [leaseOwner, batchJson, ids] = (await run('jobsReadBatch', [jobId, String(batchIndex)])) as unknown as [string | null, string | null, string[]];
    if (leaseOwner !== workerId) throw new JobLeaseLostError(jobId, workerId);
    const batch = batchJson === null ? null : jsonToBatch(batchJson);
    if (batch?.state !== 'IN_FLIGHT') throw notInFlight();
    const marks = toBatchMarks(jobId, batch, ids, outcome);
    const failures = marks.failures.flatMap(({ position, failure }) => [position, JSON.stringify([position, failure.code, failure.message, failure.upstreamCode])]);
    const reply = await run('jobsRecord', [
      jobId, workerId, String(batchIndex), batch.firstPosition, batch.size,
      outcome.deletedCount, outcome.notFoundCount, outcome.failures.length, marks.deletedIdsKnown ? 1 : 0, marks.rest,
      JSON.stringify(outcome.upstreamRequestIds), outcome.rateLimit === null ? '' : JSON.stringify(outcome.rateLimit.rateLimit), outcome.rateLimit?.observedAt ?? '',
      marks.failures.length, ...failures, marks.named.length, ...marks.named,
    ]);
    return jobOf(reply, jobId, (r) => (r[0] === 'notinflight' ? notInFlight() : refused(r, jobId, workerId)));
  }

  async function batches(jobId: string): Promise<JobBatch[]> {
    const stored = await guard(() => redis.hvals(`${prefix}batches:${jobId}`));
    return stored.map(jsonToBatch).sort((a, b) => a.index - b.index);
  }

  /** The job when its result is final (owned, ended, no batch in flight), and whether every batch named its deletes. */
  async function finishedJob(jobId: string, owner: string): Promise<{ job: Job; deletedIdsKnown: boolean } | null> {
    const [flat] = (await run('jobsGetMany', [jobId])) as readonly unknown[];
    const row = hashToRow(flat);
    const job = hashToJob(flat);
    if (row === null || job === null || job.owner !== owner || !isTerminal(job.status) || job.batchesInFlight > 0) return null;
    return { job, deletedIdsKnown: row.unknown_deleted_batches === 0 };
  }

  const readPage = (jobId: string) => async (from: number, count: number): Promise<ResultPage> => (await run('jobsResultPage', [jobId, from, count])) as unknown as ResultPage;

  async function purge(retentionDays: number): Promise<number> {
    if (!(retentionDays >= 0)) throw new RangeError(`Retention must be zero or more days, not ${retentionDays}.`);
    let total = 0;
    for (;;) {
      const purged = Number(await run('jobsPurge', [retentionDays * DAY_MS, PURGE_STEP]));
      total += purged;
      if (purged < PURGE_STEP) return total;
    }
  }

  return {
    create,
    addIds,
    start,
    cancel,
    get: async (jobId, owner) => (await getMany([jobId], owner))[0] ?? null,
    getMany,
    list,
    countActive: async (owner) => Number(await run('jobsCountActive', [owner])),
    claim,
    claimJob,
    claimableJobIds: async (limit) => [...new Set((await run('jobsClaimable', [limit])) as unknown as string[])],
    renewLease: async (jobId, workerId, leaseMs) => jobOf(await run('jobsRenew', [jobId, workerId, leaseMs]), jobId, (r) => refused(r, jobId, workerId)),
    pause: async (jobId, workerId, resumesAt, leaseMs) => jobOf(await run('jobsPause', [jobId, workerId, resumesAt, leaseMs]), jobId, (r) => refused(r, jobId, workerId)),
    resume: async (jobId, workerId, leaseMs) => jobOf(await run('jobsResume', [jobId, workerId, leaseMs]), jobId, (r) => refused(r, jobId, workerId)),
    finish,
    readBatchIds: async (jobId, batchIndex) => (await run('jobsReadBatchIds', [jobId, String(batchIndex)])) as unknown as string[],
    markBatchInFlight,
    recordBatch,
    batches,
    async summary(jobId, owner) {
      const found = await finishedJob(jobId, owner);
      if (found === null) return null;
      const requestIds = (await batches(jobId)).flatMap((batch) => batch.upstreamRequestIds);
      return summarise(found.job, found.deletedIdsKnown, readPage(jobId), requestIds);
    },
    async results(jobId, owner) {
      const found = await finishedJob(jobId, owner);
      return found === null ? null : streamLines(found.job, readPage(jobId));
    },
    purge,
    async close() {
      if (closed) return;
      closed = true;
      await quitRedis(redis, limits.commandTimeoutMs);
    },
  };
}
