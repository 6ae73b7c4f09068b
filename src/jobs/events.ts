import type { Job } from './job.ts';

/** Told of a job's new state. */
export type JobListener = (job: Job) => void;

/** Fan-out of job state changes, after the store committed them (for the subscription). */
export interface JobEvents {
  publish(job: Job): void;
  /** Returns the unsubscribe function. */
  subscribe(jobId: string, listener: JobListener): () => void;
  close(): void;
}

/**
 * In-process JobEvents: a set of listeners per job ID, so a publish reaches only that job's
 * watchers and any number of them never trips EventEmitter's leak warning. A listener that
 * throws is its own problem: the others are still told.
 */
export function createLocalJobEvents(): JobEvents {
  const listeners = new Map<string, Set<JobListener>>();
  return {
    publish(job) {
      const set = listeners.get(job.id);
      if (set === undefined) return;
      for (const listener of [...set]) {
        try {
          listener(job);
        } catch {
          // A watcher's failure must not stop the job's other watchers, nor the publisher.
        }
      }
    },
    subscribe(jobId, listener) {
      let set = listeners.get(jobId);
      if (set === undefined) {
        set = new Set();
        listeners.set(jobId, set);
      }
      set.add(listener);
      return () => {
        const current = listeners.get(jobId);
        if (current === undefined) return;
        current.delete(listener);
        if (current.size === 0) listeners.delete(jobId);
      };
    },
    close() {
      listeners.clear();
    },
  };
}
