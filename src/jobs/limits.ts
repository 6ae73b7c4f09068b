import { FacadeError } from '../errors/index.ts';

// MAX_RUNNING_JOBS_PER_CLIENT, in the same words wherever it is checked: by a store, in the
// transaction that queues a job, and by the API before it asks a store that may not check it.

/** The refusal of one more QUEUED, RUNNING or PAUSED job for an owner that has `active` of `max`. */
export function tooManyActive(active: number, max: number): FacadeError {
  return new FacadeError(
    'BAD_USER_INPUT',
    `This client already has ${active} jobs queued, running or paused, the most MAX_RUNNING_JOBS_PER_CLIENT (${max}) allows: wait for one to end or cancel one, or create this job with start: false and start it later.`,
  );
}

/** Throws `tooManyActive` when `active` jobs leave no room under `max` (undefined: no limit). */
export function assertActiveRoom(active: number, max: number | undefined): void {
  if (max !== undefined && active >= max) throw tooManyActive(active, max);
}
