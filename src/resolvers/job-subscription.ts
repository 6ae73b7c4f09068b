// `Subscription.bulkDeleteJobProgress` (docs/contract.md §8, schema/jobs.graphql): a job's state
// at once, then after every change JobEvents carries, until the job has ended with no batch in
// flight. Served over graphql-ws (server/subscriptions.ts); this file knows no transport.
import type { SubscriptionResolvers } from '../__generated__/resolvers-types.ts';
import { FacadeError } from '../errors/index.ts';
import { isTerminal, type Job, type JobStatus } from '../jobs/index.ts';
import type { RequestContext } from '../server/context.ts';
import { isVisibleJob } from './jobs-loader.ts';
import type { JobTargets } from './jobs-targets.ts';

// Longer than any ID this facade hands out: such an ID names no job, so it is not looked up.
const MAX_JOB_ID_LENGTH = 128;

/** Where a status sits in a job's one-way life; PAUSED and RUNNING alternate, so they share a step. */
const STAGE: Readonly<Record<JobStatus, number>> = { OPEN: 0, QUEUED: 1, RUNNING: 2, PAUSED: 2, COMPLETED: 3, CANCELLED: 3, FAILED: 3 };

/**
 * True when `candidate` is an older state of the job than `current`. A job only moves forward
 * (its stage, the batches it sent, the IDs with an outcome; once ended, its batches in flight
 * only land), so an older state is one that is behind on any of these. Needed once: the state
 * read when a subscription starts may be newer than an event published while it was read.
 */
export function isOlderJobState(candidate: Job, current: Job): boolean {
  if (STAGE[candidate.status] !== STAGE[current.status]) return STAGE[candidate.status] < STAGE[current.status];
  if (candidate.progress.requested !== current.progress.requested) return candidate.progress.requested < current.progress.requested;
  if (candidate.batchesSent !== current.batchesSent) return candidate.batchesSent < current.batchesSent;
  if (candidate.progress.processed !== current.progress.processed) return candidate.progress.processed < current.progress.processed;
  return isTerminal(current.status) && candidate.batchesInFlight > current.batchesInFlight;
}

/** The last state a watcher needs: ended, and no batch in flight that could still change its counts. */
export function isFinalJobState(job: Job): boolean {
  return isTerminal(job.status) && job.batchesInFlight === 0;
}

/** What a subscription's source stream yields: the payload graphql-js passes to the field's `resolve`. */
interface ProgressEvent {
  readonly bulkDeleteJobProgress: Job;
}

/**
 * A job's states for one watcher, newest only: a slot, not a queue. While the watcher is busy
 * (a slow socket: graphql-ws awaits each send), newer states replace the waiting one, so a
 * watcher lagging behind a fast job gets the latest state next and memory stays one Job
 * whatever the lag. `return()` ends it at once, even while a `next()` waits for an event (an
 * async generator would queue the return behind that wait, and keep the listener forever).
 */
export class LatestJobState implements AsyncIterableIterator<ProgressEvent> {
  #pending: Job | null = null;
  #last: Job | null = null;
  #done = false;
  #wake: ((result: IteratorResult<ProgressEvent>) => void) | null = null;
  readonly #onEnd: () => void;

  /** `onEnd` runs once, when the stream ends for any reason (final state delivered, return, throw). */
  constructor(onEnd: () => void) {
    this.#onEnd = onEnd;
  }

  /** Offers a state; an older one than the newest seen is dropped. */
  offer(job: Job): void {
    if (this.#done) return;
    const newest = this.#pending ?? this.#last;
    if (newest !== null && isOlderJobState(job, newest)) return;
    if (this.#wake !== null) {
      const wake = this.#wake;
      this.#wake = null;
      wake(this.#deliver(job));
      return;
    }
    this.#pending = job;
  }

  next(): Promise<IteratorResult<ProgressEvent>> {
    if (this.#pending !== null) {
      const job = this.#pending;
      this.#pending = null;
      return Promise.resolve(this.#deliver(job));
    }
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  return(): Promise<IteratorResult<ProgressEvent>> {
    this.#end();
    this.#pending = null;
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<ProgressEvent>> {
    this.#end();
    this.#pending = null;
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #deliver(job: Job): IteratorResult<ProgressEvent> {
    this.#last = job;
    // The final state is delivered, and then the stream ends: the next `next()` says done.
    if (isFinalJobState(job)) this.#end();
    return { value: { bulkDeleteJobProgress: job }, done: false };
  }

  #end(): void {
    if (this.#done) return;
    this.#done = true;
    const wake = this.#wake;
    this.#wake = null;
    wake?.({ value: undefined, done: true });
    this.#onEnd();
  }
}

/**
 * `bulkDeleteJobProgress(id)`. Visibility is the query's (jobs-loader.ts `isVisibleJob`): a job
 * that is unknown, another client's or of a target whose delete scope the caller lacks is
 * refused with the same BAD_USER_INPUT as the mutations give it, so its existence is not told;
 * the field is non-null, so null is not an answer here. The listener is added before the job is
 * read, so no change between the read and the listener is missed.
 */
export function createJobProgressSubscription(targets: JobTargets): SubscriptionResolvers<RequestContext>['bulkDeleteJobProgress'] {
  return {
    subscribe: async (_parent, { id }, ctx) => {
      const { store, events } = ctx.services.jobs;
      const unknown = new FacadeError('BAD_USER_INPUT', `No job ${JSON.stringify(id.slice(0, 80))} for this client: check the ID (bulkDeleteJobs lists yours).`);
      if (id.length > MAX_JOB_ID_LENGTH) throw unknown;
      let unsubscribe = (): void => {};
      const stream = new LatestJobState(() => unsubscribe());
      unsubscribe = events.subscribe(id, (job) => stream.offer(job));
      let job: Job | null;
      try {
        job = await store.get(id, ctx.client);
      } catch (error) {
        await stream.return();
        throw error;
      }
      if (job === null || !isVisibleJob(job, ctx, targets)) {
        await stream.return();
        throw unknown;
      }
      stream.offer(job);
      return stream;
    },
    resolve: (event: ProgressEvent) => event.bulkDeleteJobProgress,
  };
}
