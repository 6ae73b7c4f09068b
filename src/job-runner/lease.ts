import { JobLeaseLostError, type Job, type JobStore } from '../jobs/index.ts';
import type { Timers } from './timers.ts';

/** What keeping a lease reports back to its run. */
export interface LeaseKeeping {
  /** Another worker holds the job now: stop sending. */
  onLost(): void;
  /** A renewal failed otherwise (the store did not answer); the next one is tried on time. */
  onProblem(error: unknown): void;
}

/**
 * Renews a job's lease every third of `leaseMs` on a timer, not per batch, so one slow batch
 * cannot let it lapse. Returns the function that stops renewing; no renewal starts after it,
 * even one whose timer fired while the previous call was still out.
 */
export function keepLease(store: JobStore, job: Pick<Job, 'id'>, workerId: string, leaseMs: number, timers: Timers, keeping: LeaseKeeping): () => void {
  let stopped = false;
  let timer: unknown = null;
  const arm = (): void => {
    if (stopped) return;
    timer = timers.setTimeout(() => {
      // Through a promise whether the store answers at once (SQLite) or later (Redis).
      Promise.resolve()
        .then(() => (stopped ? null : store.renewLease(job.id, workerId, leaseMs)))
        .then(arm, (error: unknown) => {
          if (error instanceof JobLeaseLostError) return keeping.onLost();
          keeping.onProblem(error);
          arm();
        });
    }, leaseMs / 3);
  };
  arm();
  return () => {
    stopped = true;
    if (timer !== null) timers.clearTimeout(timer);
  };
}
