import type { Job, JobEvents, JobStore } from '../jobs/index.ts';
import type { JobRunContext, JobRunEnd, JobRunner } from './run-job.ts';
import { REAL_TIMERS, type Timers } from './timers.ts';

/** How the embedded scheduler runs. */
export interface JobSchedulerOptions {
  /** Unique per process start (server/job-targets.ts builds one). */
  readonly workerId: string;
  /** Jobs run at once by this process (JOB_WORKER_CONCURRENCY). */
  readonly concurrency: number;
  /**
   * JOB_LOCK_MS: how long a job's lease lasts without renewal (renewed every third of it), so
   * how long a job of a worker that died waits before another (or this process restarted)
   * takes it over. @default 30000
   */
  readonly leaseMs?: number;
  /**
   * How often to look for jobs nobody announced: queued by another process on the same
   * database, or left by a dead worker whose lease expired. @default 1000
   */
  readonly pollMs?: number;
  /** JOB_RETENTION_DAYS: ended jobs older than this are purged, hourly. Null: never. */
  readonly retentionDays: number | null;
}

/** What the scheduler is built with. */
export interface JobSchedulerDeps {
  readonly store: JobStore;
  readonly events: JobEvents;
  readonly runner: JobRunner;
  readonly now: () => number;
  readonly timers?: Timers;
  /** Told of a run that threw (a store that failed under it); the job's lease lapses and it is taken again. */
  readonly onError?: (error: unknown, job: Job | null) => void;
  /** Told how many ended jobs a purge removed. */
  readonly onPurge?: (count: number) => void;
}

/** The embedded scheduler: claims jobs from the store and runs them in this process. */
export interface JobScheduler {
  start(): void;
  /** Looks for work now (a job was queued here): no waiting for the next poll. */
  wake(): void;
  /**
   * Stops sending, lets batches in flight land and be recorded, then lets go of every job:
   * running ones at once (a restart takes them straight back), paused ones at their resume
   * time. Resolves when nothing is running.
   */
  stop(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 30_000;
export const DEFAULT_POLL_MS = 1_000;
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Creates the scheduler. No busy polling: it claims while it has free slots and the store has
 * work, then sleeps until a wake, the poll interval, or the next paused job's `resumesAt`. A
 * paused job is watched through the job events, so a cancel settles it at once instead of at
 * its resume time (a LeadLex quota may be a day away).
 */
export function createJobScheduler(options: JobSchedulerOptions, deps: JobSchedulerDeps): JobScheduler {
  const { store, events, runner, now } = deps;
  const timers = deps.timers ?? REAL_TIMERS;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const shutdown = new AbortController();
  const ctx: JobRunContext = { workerId: options.workerId, leaseMs, signal: shutdown.signal };
  const running = new Map<string, Promise<void>>();
  const paused = new Map<string, { job: Job; timer: unknown; unsubscribe: () => void }>();
  /** Paused jobs whose time came (or that were cancelled), waiting for a free slot. */
  const ready: Job[] = [];
  let started = false;
  let filling = false;
  let again = false;
  let pollTimer: unknown = null;
  let purgeTimer: unknown = null;

  function launch(id: string, work: () => Promise<JobRunEnd>, job: Job | null): void {
    const done = work().then(settled, (error: unknown) => deps.onError?.(error, job)).finally(() => {
      running.delete(id);
      void fill();
    });
    running.set(id, done);
  }

  async function settled(end: JobRunEnd): Promise<void> {
    // Stopping: a restart may take the job straight back, so the lease ends now.
    if (end.kind === 'stopped') return void (await letGo(end.job.id, 0));
    if (end.kind !== 'paused') return;
    if (shutdown.signal.aborted) return void (await letGo(end.job.id, Math.max(0, end.resumesAt - now())));
    const { job } = end;
    const timer = timers.setTimeout(() => due(job.id), Math.max(0, end.resumesAt - now()));
    // Only a cancel wakes a paused job early; its other changes are the runner's own.
    const unsubscribe = events.subscribe(job.id, (changed) => {
      if (changed.status === 'CANCELLED') due(job.id);
    });
    paused.set(job.id, { job, timer, unsubscribe });
  }

  function due(jobId: string): void {
    const entry = paused.get(jobId);
    if (!entry) return;
    paused.delete(jobId);
    timers.clearTimeout(entry.timer);
    entry.unsubscribe();
    ready.push(entry.job);
    void fill();
  }

  /** Shortens this worker's lease so another (or this process restarted) takes the job from then. */
  async function letGo(jobId: string, inMs: number): Promise<void> {
    try {
      await store.renewLease(jobId, options.workerId, inMs);
    } catch {
      // Taken over meanwhile: nothing of ours to let go.
    }
  }

  /** Takes work while slots are free: paused jobs due first, then the store's oldest claimable job. */
  async function fill(): Promise<void> {
    if (filling) {
      again = true;
      return;
    }
    filling = true;
    try {
      do {
        again = false;
        while (!shutdown.signal.aborted && running.size < options.concurrency) {
          const job = ready.shift();
          if (job) {
            launch(job.id, () => runner.resumeJob(job, ctx), job);
            continue;
          }
          const claimed = await store.claim(options.workerId, leaseMs);
          if (claimed === null) break;
          launch(claimed.job.id, () => runner.runJob(claimed, ctx), claimed.job);
        }
      } while (again && !shutdown.signal.aborted);
    } catch (error) {
      deps.onError?.(error, null);
    } finally {
      filling = false;
    }
  }

  function poll(): void {
    pollTimer = timers.setTimeout(() => {
      void fill().finally(() => {
        if (!shutdown.signal.aborted) poll();
      });
    }, pollMs);
  }

  function purge(): void {
    if (options.retentionDays === null) return;
    const retentionDays = options.retentionDays;
    purgeTimer = timers.setTimeout(() => {
      Promise.resolve()
        .then(() => store.purge(retentionDays))
        .then((count) => deps.onPurge?.(count), (error: unknown) => deps.onError?.(error, null))
        .finally(() => {
          if (!shutdown.signal.aborted) purge();
        });
    }, PURGE_INTERVAL_MS);
  }

  return {
    start() {
      if (started) return;
      started = true;
      poll();
      purge();
      void fill();
    },
    wake() {
      if (started) void fill();
    },
    async stop() {
      if (shutdown.signal.aborted) return;
      shutdown.abort();
      if (pollTimer !== null) timers.clearTimeout(pollTimer);
      if (purgeTimer !== null) timers.clearTimeout(purgeTimer);
      await Promise.all(running.values());
      // A paused job is let go at its resume time, so no other worker sends before the reset.
      const held = [...paused.values()];
      paused.clear();
      for (const { job, timer, unsubscribe } of held) {
        timers.clearTimeout(timer);
        unsubscribe();
        await letGo(job.id, Math.max(0, (job.resumesAt ?? now()) - now()));
      }
      for (const job of ready.splice(0)) await letGo(job.id, 0);
    },
  };
}

/**
 * The same events, also waking `wake` whenever a job is published QUEUED (created with
 * `start`, or started), so a job queued through this process is taken without waiting a poll.
 */
export function wakeOnQueued(events: JobEvents, wake: () => void): JobEvents {
  return {
    publish(job) {
      events.publish(job);
      if (job.status === 'QUEUED') wake();
    },
    subscribe: (jobId, listener) => events.subscribe(jobId, listener),
    close: () => events.close(),
  };
}
