import { DelayedError, Queue, Worker, type Job as QueueJob } from 'bullmq';
import type { JobEvents, RedisJobStore } from '../jobs/index.ts';
import type { HeldBatches, JobRunContext, JobRunner } from './run-job.ts';
import type { JobScheduler } from './scheduler.ts';
import { REAL_TIMERS, type Timers } from './timers.ts';

// Jobs through BullMQ on Redis (docs/contract.md §8, "Where jobs live"). The job store stays
// the truth about a job (its IDs, batches, outcomes, status and lease); BullMQ decides which
// replica works on it and when, with what it already solves:
//
// - One queue job per bulk-delete job, its BullMQ ID the job's ID, so enqueueing twice (two
//   replicas, the safety net below) is harmless. Any replica's worker takes it, claims the job
//   in the store by ID and runs it with `runJob`.
// - A replica killed mid-job stops renewing its BullMQ lock; BullMQ's stalled-job check, run by
//   every worker, puts the job back in the queue, and another replica claims it in the store.
//   The store's lease is as long as the lock (JOB_LOCK_MS), so it has lapsed by the time the
//   stalled check hands the job over, or within half a lock more (the lock is renewed every
//   half of it, the lease every third): a claim the lease still blocks moves the queue job to
//   `delayed` until the lease's end. The new holder then settles the batches left in flight
//   (run-job.ts: LeadLex resent under the same key, the others OUTCOME_UNKNOWN).
// - PAUSED: the queue job is moved to `delayed` until `resumesAt` (a LeadLex quota may be a
//   day away, and no replica holds anything meanwhile); BullMQ promotes it at that time and
//   any replica resumes it. What the paused run knew of its batches (refused unprocessed, so
//   to be sent again) travels in the queue job's data, and is taken out of it before anything
//   is sent, so a crash after that never makes a sent batch look unsent.
// - Cancel: the run stops at its next batch (the store refuses a new batch of a job no longer
//   RUNNING); a paused job's queue job is promoted, so it is settled now, not at its reset.
// - Shutdown: runs stop sending, their batches in flight land, each queue job is made due at
//   once (`delayed` until now) and the store lease is let go, so another replica (or this one
//   restarted) takes it at once.
//
// One queue for every target, not one per vendor: the vendor budgets are kept by the shared
// ledger (shared-budget.ts), not by the queue, and one worker per replica keeps
// JOB_WORKER_CONCURRENCY the bound on the jobs a replica runs, as in the embedded scheduler.
// Safety net: every JOB_LOCK_MS a replica offers the queue the jobs the store says need a
// worker (QUEUED, or under a lapsed lease). A job whose enqueue was lost (its replica died
// between the store's start and the queue's add) is thus never stranded.

/** BullMQ's name for the queue, under JOB_QUEUE_PREFIX. */
export const JOB_QUEUE_NAME = 'bulk-delete-jobs';
/** BullMQ's lock, and the store's lease: how long a dead replica's job waits to be taken over. @default 30000 */
export const DEFAULT_JOB_LOCK_MS = 30_000;
/** Jobs the safety net offers the queue per look, at most. */
const SWEEP_LIMIT = 100;
const PURGE_INTERVAL_MS = 60 * 60 * 1000;
/**
 * How long a shutdown waits for runs to hand their jobs back, then for BullMQ to close: a
 * Redis that is down (or just restarted) can hold BullMQ's calls, and a shutdown must end. A
 * job not handed back in time keeps its lock and lease until they lapse; another replica
 * then takes it over, as after a crash.
 */
const STOP_RUNS_MS = 30_000;
const STOP_QUEUE_MS = 2_000;

/** Resolves with the work, or after `ms` (unreferenced timer) if it takes longer. */
function within(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  return Promise.race([work.catch(() => undefined), late]).finally(() => clearTimeout(timer));
}

/** What the queue job carries: only what a paused run knew (the store holds everything else). */
interface QueueData {
  readonly held?: HeldBatches;
}

const NOTHING_HELD: HeldBatches = { unsent: [], uncertain: [] };

/** How the BullMQ scheduler runs. */
export interface QueueSchedulerOptions {
  /** Unique per process start. */
  readonly workerId: string;
  /** Jobs run at once by this replica (JOB_WORKER_CONCURRENCY). */
  readonly concurrency: number;
  /** REDIS_URL. */
  readonly redisUrl: string;
  /** JOB_QUEUE_PREFIX: BullMQ's key prefix. */
  readonly prefix: string;
  /** JOB_LOCK_MS: BullMQ's lock and stalled-check interval, and the store's lease. */
  readonly lockMs: number;
  /** JOB_RETENTION_DAYS: ended jobs older than this are purged, hourly. Null: never. */
  readonly retentionDays: number | null;
}

/** What the BullMQ scheduler is built with. */
export interface QueueSchedulerDeps {
  readonly store: RedisJobStore;
  readonly events: JobEvents;
  readonly runner: JobRunner;
  readonly now: () => number;
  readonly timers?: Timers;
  /** Told of a run or a queue call that failed; the job is offered again by the safety net. */
  readonly onError?: (error: unknown, jobId: string | null) => void;
  readonly onPurge?: (count: number) => void;
}

/** The scheduler, plus what the API's side needs of it. */
export interface QueueScheduler extends JobScheduler {
  /** Puts a QUEUED job in the queue (a no-op if it is there already). */
  enqueue(jobId: string): Promise<void>;
  /** A cancelled job waiting in `delayed` (paused) is taken now, so it is settled at once. */
  expedite(jobId: string): Promise<void>;
}

/**
 * Creates the scheduler; `start` opens the queue and its worker, `stop` drains them. Its
 * connections to Redis are its own (BullMQ's worker blocks one of them waiting for work).
 */
export function createQueueScheduler(options: QueueSchedulerOptions, deps: QueueSchedulerDeps): QueueScheduler {
  const { store, runner, now } = deps;
  const timers = deps.timers ?? REAL_TIMERS;
  const leaseMs = options.lockMs;
  const shutdown = new AbortController();
  const ctx: JobRunContext = { workerId: options.workerId, leaseMs, signal: shutdown.signal, handsOffPauses: true };
  // BullMQ's blocking worker connection needs commands that wait for a reconnection rather than fail.
  const connection = { url: options.redisUrl, maxRetriesPerRequest: null, connectionName: 'bulk-delete-facade-job-queue' };
  const queue = new Queue<QueueData>(JOB_QUEUE_NAME, {
    connection,
    prefix: options.prefix,
    // Done jobs leave at once: the store keeps the result, and the ID may be queued again (a job taken over).
    defaultJobOptions: { removeOnComplete: true, removeOnFail: true, attempts: 1 },
  });
  queue.on('error', (error) => deps.onError?.(error, null));
  let worker: Worker<QueueData> | null = null;
  /** This replica's runs in flight: a shutdown waits for them, not for BullMQ's loops. */
  const active = new Set<Promise<void>>();
  /** Jobs handed back while stopping, made due at once: woken for the other replicas once this worker is closed. */
  const handedBack: string[] = [];
  let sweepTimer: unknown = null;
  let purgeTimer: unknown = null;

  /** Lets go of the store lease from `inMs` on (0: now), so whoever the queue hands the job to may claim it. */
  async function letGo(jobId: string, inMs: number): Promise<void> {
    try {
      await store.renewLease(jobId, options.workerId, inMs);
    } catch {
      // Taken over meanwhile: nothing of ours to let go.
    }
  }

  function process(queued: QueueJob<QueueData>, token: string | undefined): Promise<void> {
    const run = take(queued, token);
    active.add(run);
    void run.catch(() => undefined).finally(() => active.delete(run));
    return run;
  }

  async function take(queued: QueueJob<QueueData>, token: string | undefined): Promise<void> {
    const jobId = queued.id;
    if (jobId === undefined) return;
    if (shutdown.signal.aborted) {
      // Fetched while stopping: straight back to the queue, for another replica.
      await queued.moveToDelayed(now(), token);
      handedBack.push(jobId);
      throw new DelayedError();
    }
    const claim = await store.claimJob(jobId, options.workerId, leaseMs);
    if (claim.kind === 'none') return;
    if (claim.kind === 'held') {
      await queued.moveToDelayed(Math.max(claim.until, now()) + 1, token);
      throw new DelayedError();
    }
    const held = queued.data.held;
    try {
      // Out of the queue job before anything is sent: from here on a crash leaves the batches as in flight.
      if (held !== undefined) await queued.updateData({});
      const end = await runner.runJob(claim.claimed, ctx, held ?? NOTHING_HELD);
      switch (end.kind) {
        case 'ended':
        case 'lost':
          return;
        case 'paused':
          await queued.updateData({ held: end.held });
          await letGo(jobId, 0);
          await queued.moveToDelayed(end.resumesAt, token);
          throw new DelayedError();
        case 'stopped':
          // Due at once: BullMQ promotes it for the next free worker, this replica's or another's.
          await queued.updateData({ held: end.held });
          await letGo(jobId, 0);
          await queued.moveToDelayed(now(), token);
          handedBack.push(jobId);
          throw new DelayedError();
      }
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      // The run or the queue failed under it: the lease goes at once, and the safety net offers the job again.
      deps.onError?.(error, jobId);
      await letGo(jobId, 0);
      throw error;
    }
  }

  async function expedite(jobId: string): Promise<void> {
    const queued = await queue.getJob(jobId);
    if (queued !== undefined && (await queued.isDelayed())) await queued.promote();
  }

  async function enqueue(jobId: string): Promise<void> {
    await queue.add('job', {}, { jobId });
  }

  function sweep(): void {
    sweepTimer = timers.setTimeout(() => {
      store.claimableJobIds(SWEEP_LIMIT)
        .then((ids) => Promise.all(ids.map(enqueue)))
        .catch((error: unknown) => deps.onError?.(error, null))
        .finally(() => {
          if (!shutdown.signal.aborted) sweep();
        });
    }, options.lockMs);
  }

  function purge(): void {
    if (options.retentionDays === null) return;
    const retentionDays = options.retentionDays;
    purgeTimer = timers.setTimeout(() => {
      store.purge(retentionDays)
        .then((count) => deps.onPurge?.(count), (error: unknown) => deps.onError?.(error, null))
        .finally(() => {
          if (!shutdown.signal.aborted) purge();
        });
    }, PURGE_INTERVAL_MS);
  }

  return {
    start() {
      // JOB_WORKER_CONCURRENCY=0: an API-only replica puts jobs in the queue and runs none.
      if (worker !== null || shutdown.signal.aborted || options.concurrency === 0) return;
      worker = new Worker<QueueData>(JOB_QUEUE_NAME, process, {
        connection,
        prefix: options.prefix,
        concurrency: options.concurrency,
        lockDuration: options.lockMs,
        stalledInterval: options.lockMs,
        // The store decides a job's fate, not a count of stalls: a job that stalls on every
        // replica is still offered again by the safety net after BullMQ gives up on it.
        maxStalledCount: 1_000,
        name: options.workerId,
      });
      worker.on('error', (error) => deps.onError?.(error, null));
      worker.on('failed', (queued, error) => {
        if (!(error instanceof DelayedError)) deps.onError?.(error, queued?.id ?? null);
      });
      // What needs a worker now (jobs left by replicas stopped or killed before this one started).
      store.claimableJobIds(SWEEP_LIMIT).then((ids) => Promise.all(ids.map(enqueue))).catch((error: unknown) => deps.onError?.(error, null));
      sweep();
      purge();
    },
    wake() {
      // The queue wakes its workers itself (enqueue).
    },
    async stop() {
      if (shutdown.signal.aborted) return;
      shutdown.abort();
      if (sweepTimer !== null) timers.clearTimeout(sweepTimer);
      if (purgeTimer !== null) timers.clearTimeout(purgeTimer);
      // The worker fetches nothing more (BullMQ's graceful close); the runs in flight stop
      // sending, let their batches land, and hand their jobs back.
      let closed = worker === null;
      const closing = worker?.close().then(() => void (closed = true));
      await within(Promise.allSettled([...active]), STOP_RUNS_MS);
      if (closing !== undefined) await within(closing, STOP_QUEUE_MS);
      // A close that BullMQ holds (a Redis just restarted) is forced: nothing of ours runs any more.
      if (!closed && worker !== null) await within(worker.close(true), STOP_QUEUE_MS);
      // This worker may have taken the wake-up of a job it handed back as it closed: the others are told now.
      await within(Promise.all(handedBack.splice(0).map((jobId) => expedite(jobId))), STOP_QUEUE_MS);
      await within(queue.close(), STOP_QUEUE_MS);
    },
    enqueue,
    expedite,
  };
}

/**
 * The same events, also putting a job in the queue when it is published QUEUED (created with
 * `start`, or started) and taking a cancelled one out of `delayed`. The queue calls run after
 * the publish, never in its way; a failed enqueue is offered again by the safety net.
 */
export function queueOnPublish(events: JobEvents, scheduler: Pick<QueueScheduler, 'enqueue' | 'expedite'>, onError?: (error: unknown, jobId: string) => void): JobEvents {
  return {
    publish(job) {
      events.publish(job);
      if (job.status === 'QUEUED') scheduler.enqueue(job.id).catch((error: unknown) => onError?.(error, job.id));
      if (job.status === 'CANCELLED') scheduler.expedite(job.id).catch((error: unknown) => onError?.(error, job.id));
    },
    subscribe: (jobId, listener) => events.subscribe(jobId, listener),
    close: () => events.close(),
  };
}
