import type { Job } from './job.ts';

/** Called with a job as the store returned it after a change. */
export type JobListener = (job: Job) => void;

/**
 * Fan-out of job state changes, after the store committed them (for the subscription). Anything
 * that changes a job publishes the store's returned Job: the API's start, cancel and add, and the
 * runner for every recorded batch and status change. Delivery is synchronous and in publish order;
 * a listener that throws does not keep the job's other listeners from hearing it.
 */
export interface JobEvents {
  publish(job: Job): void;
  /** Returns the unsubscribe function. */
  subscribe(jobId: string, listener: JobListener): () => void;
  close(): void;
}

/**
 * Job events within one process. Listeners are kept per job ID in plain Sets, not an
 * EventEmitter, so a thousand watchers of one big job raise no leak warning, and a job's entry
 * goes when its last listener leaves, so the map holds only watched jobs. After `close`,
 * publishing does nothing and subscribing returns a no-op.
 */
export function createLocalJobEvents(): JobEvents {
  const listeners = new Map<string, Set<JobListener>>();
  let closed = false;

  return {
    publish(job) {
      const set = listeners.get(job.id);
      if (closed || !set) return;
      // A copy: a listener may unsubscribe (itself or another) while we deliver.
      for (const listener of [...set]) {
        try {
          listener(job);
        } catch {
          // One watcher's fault is its own; the job and its other watchers go on.
        }
      }
    },
    subscribe(jobId, listener) {
      if (closed) return () => {};
      let set = listeners.get(jobId);
      if (!set) {
        set = new Set();
        listeners.set(jobId, set);
      }
      // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
      const entry: JobListener = (job) => listener(job);
      set.add(entry);
      return () => {
        const current = listeners.get(jobId);
        if (!current) return;
        current.delete(entry);
        if (current.size === 0) listeners.delete(jobId);
      };
    },
    close() {
      closed = true;
      listeners.clear();
    },
  };
}
