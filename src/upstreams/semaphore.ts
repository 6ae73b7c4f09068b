/** Gives back one slot; calling it again does nothing. */
export type Release = () => void;

/** A counting semaphore: at most `limit` holders at once, waiters served first come, first served. */
export interface Semaphore {
  /** Resolves with a release once a slot is free; never rejects. */
  acquire(): Promise<Release>;
  /** Holders now. */
  readonly active: number;
  /** Callers queued for a slot now. */
  readonly waiting: number;
}

/**
 * Creates a FIFO semaphore. A released slot passes straight to the oldest waiter, so a caller
 * arriving at that moment cannot overtake the queue (no barging), and nobody starves.
 */
export function createSemaphore(limit: number): Semaphore {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`A semaphore needs a limit of at least 1, not ${limit}`);
  let active = 0;
  const queue: Array<(release: Release) => void> = [];

  function grant(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      // The slot changes hands without `active` dropping, so no newcomer can slip in between.
      if (next) next(grant());
      else active--;
    };
  }

  return {
    acquire() {
      if (active < limit) {
        active++;
        return Promise.resolve(grant());
      }
      return new Promise<Release>((resolve) => queue.push(resolve));
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}
