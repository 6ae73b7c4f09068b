import { notSentBatch, runBatches, unknownBatch, NO_METADATA, type BatchOutcome } from '../bulk-delete/index.ts';
import { FacadeError, UPSTREAM_LABELS } from '../errors/index.ts';
import { JobLeaseLostError, isTerminal, type ClaimedJob, type Job, type JobEvents, type JobStatus, type JobStore } from '../jobs/index.ts';
import { toJobBatchOutcome } from './job-outcome.ts';
import { keepLease } from './lease.ts';
import type { JobRunObserver } from './observer.ts';
import type { JobTargetRunner, JobTargetRunners } from './target-runner.ts';
import { REAL_TIMERS, type Timers } from './timers.ts';

/** What a scheduler gives one run of a job. */
export interface JobRunContext {
  /** This worker's ID: unique per process start, so a restarted process never mistakes an old lease for its own. */
  readonly workerId: string;
  /** How long each lease (renewed every third of it) keeps other workers off the job. */
  readonly leaseMs: number;
  /** Aborted when the process shuts down: nothing more is sent, batches in flight land. */
  readonly signal: AbortSignal;
  /**
   * True when a paused job is resumed by whichever worker a queue hands it to: what the run
   * knows of its batches in flight travels in the `paused` end only (passed back to `runJob`
   * as `held`), and this runner keeps nothing of it. @default false
   */
  readonly handsOffPauses?: boolean;
}

/**
 * Batches a paused run left marked in flight without a recorded outcome. `unsent`: the vendor
 * refused them before processing them (a spent budget, a 429, a 503), so they are sent again
 * on resume whatever the vendor. `uncertain`: resends of batches that may have been processed
 * earlier, refused the same way; they stay batches in flight like any other.
 */
export interface HeldBatches {
  readonly unsent: readonly number[];
  readonly uncertain: readonly number[];
}

/**
 * How a run ended:
 * - `ended`: COMPLETED, FAILED or CANCELLED, nothing in flight;
 * - `paused`: PAUSED until `resumesAt` (the vendor's budget reset); this worker keeps the lease;
 * - `lost`: another worker took the job over (this one's lease had expired); it sent nothing more;
 * - `stopped`: the process is shutting down; the job stays RUNNING and its lease lapses.
 */
export type JobRunEnd =
  | { readonly kind: 'ended'; readonly job: Job }
  | { readonly kind: 'paused'; readonly job: Job; readonly resumesAt: number; readonly held: HeldBatches }
  | { readonly kind: 'lost' }
  | { readonly kind: 'stopped'; readonly job: Job; readonly held: HeldBatches };

/** What the runner is built with. */
export interface JobRunnerDeps {
  readonly store: JobStore;
  readonly events: JobEvents;
  readonly targets: JobTargetRunners;
  readonly observer: JobRunObserver;
  readonly now: () => number;
  readonly timers?: Timers;
}

/** Runs jobs a scheduler claimed (the embedded loop, or a queue's worker). */
export interface JobRunner {
  /**
   * Settles the batches an earlier holder left in flight, then sends the rest, recording each
   * outcome before the next batch. `held`: what the run that paused the job said of its batches
   * in flight, when it ran in another process (a queue resumes a job on any replica); trusted
   * only if nothing ran the job between that pause and this run.
   */
  runJob(claimed: ClaimedJob, ctx: JobRunContext, held?: HeldBatches): Promise<JobRunEnd>;
  /** A job this worker paused: resumes it (or settles it, if it was cancelled meanwhile) and runs it. */
  resumeJob(paused: Job, ctx: JobRunContext): Promise<JobRunEnd>;
}

/** Refusals a wait cures: the batch was certainly not processed, so it is sent again after a pause. */
const PAUSE_CODES: ReadonlySet<string> = new Set(['RATE_LIMITED', 'UPSTREAM_UNAVAILABLE']);
/** Refusals no wait cures: the job FAILS, and the IDs not yet sent are NOT_ATTEMPTED. */
const FATAL_CODES: ReadonlySet<string> = new Set(['UPSTREAM_AUTH_FAILED', 'NOT_CONFIGURED']);
/** A pause when the vendor is unavailable and says nothing of when to come back. */
export const UNAVAILABLE_PAUSE_MS = 15_000;

const NOT_SENT = 'Not sent: the job stopped before this batch.';

/** The message of a batch in flight at a crash whose vendor offers no safe resend. */
function crashMessage(target: JobTargetRunner): string {
  return `The facade stopped while this batch was in flight to ${UPSTREAM_LABELS[target.vendor.name]} (a crash or a lost worker), and resending it could delete twice: these IDs may or may not be deleted; check before retrying.`;
}

/** Creates the runner. It knows no vendor: each target's runner says how to send a batch. */
export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const { store, events, targets, observer, now } = deps;
  const timers = deps.timers ?? REAL_TIMERS;
  /**
   * Batches still in flight when a run paused or stopped, per job. `unsent`: a vendor refused
   * them before processing them (a spent budget, a 429, a 503), so after the pause they are
   * sent again, whatever the vendor. `uncertain`: a resend of a batch that may have been
   * processed earlier was refused the same way; it stays a batch in flight like any other.
   * Kept in memory only: a job taken over elsewhere meanwhile treats them all as batches left
   * in flight (OUTCOME_UNKNOWN unless resend-safe), which errs on the honest side.
   */
  const heldBack = new Map<string, { readonly unsent: ReadonlySet<number>; readonly uncertain: ReadonlySet<number> }>();

  function publish(job: Job, from: JobStatus | null, detail?: Readonly<Record<string, unknown>>): Job {
    events.publish(job);
    if (from !== job.status) observer.stateChanged(job, from, detail);
    return job;
  }

  async function resumeJob(paused: Job, ctx: JobRunContext): Promise<JobRunEnd> {
    const current = await store.get(paused.id, paused.owner);
    if (current === null || current.leaseOwner !== ctx.workerId) {
      heldBack.delete(paused.id);
      observer.released(paused);
      return { kind: 'lost' };
    }
    // Cancelled while paused: settle what it left in flight.
    if (current.status !== 'PAUSED') return run({ job: current, inFlightBatches: [] }, ctx, false);
    let resumed: Job;
    try {
      resumed = await store.resume(paused.id, ctx.workerId, ctx.leaseMs);
    } catch (error) {
      if (!(error instanceof JobLeaseLostError)) throw error;
      heldBack.delete(paused.id);
      observer.released(paused);
      return { kind: 'lost' };
    }
    return run({ job: publish(resumed, 'PAUSED'), inFlightBatches: [] }, ctx, true);
  }

  function runJob(claimed: ClaimedJob, ctx: JobRunContext, held?: HeldBatches): Promise<JobRunEnd> {
    if (held !== undefined) {
      // Only batches the store still has in flight: anything else was settled since.
      const inFlight = new Set(claimed.inFlightBatches);
      heldBack.set(claimed.job.id, { unsent: new Set(held.unsent.filter((i) => inFlight.has(i))), uncertain: new Set(held.uncertain.filter((i) => inFlight.has(i))) });
    }
    return run(claimed, ctx, false);
  }

  /** A run that throws (a store that failed under it) lets go of the job in the metrics too. */
  async function run(claimed: ClaimedJob, ctx: JobRunContext, resumed: boolean): Promise<JobRunEnd> {
    try {
      return await runHeld(claimed, ctx, resumed);
    } catch (error) {
      observer.released(claimed.job);
      throw error;
    }
  }

  async function runHeld(claimed: ClaimedJob, ctx: JobRunContext, resumed: boolean): Promise<JobRunEnd> {
    const { workerId, leaseMs } = ctx;
    let job = claimed.job;
    const target = targets[job.target];
    const known = heldBack.get(job.id) ?? { unsent: new Set<number>(), uncertain: new Set<number>() };
    heldBack.delete(job.id);
    const knownUnsent = known.unsent;
    // Batches refused unprocessed during this run, to send again after a pause.
    const unsent = new Set<number>();
    // Batches in flight that may have been processed earlier (a crash, a lost worker): a refusal
    // of their resend proves nothing about that earlier attempt.
    const mayBeProcessed = new Set<number>();
    const uncertain = new Set<number>();
    const stop = new AbortController();
    const onShutdown = () => stop.abort();
    ctx.signal.addEventListener('abort', onShutdown, { once: true });
    if (ctx.signal.aborted) stop.abort();
    let lost = false;
    let storeFailure: { readonly error: unknown } | null = null;
    let cancelled = job.status === 'CANCELLED';
    let failure: FacadeError | null = target.refusal(job);
    let resumesAt: number | null = null;
    let lastStatus: JobStatus = job.status;

    if (!resumed) publish(job, null, { inFlightBatches: claimed.inFlightBatches });

    const stopRenewing = keepLease(store, job, workerId, leaseMs, timers, {
      onLost() {
        lost = true;
        stop.abort();
      },
      onProblem: (error) => observer.problem(job, error, 'could not renew the job\'s lease; trying again'),
    });

    /** Tracks the newest job row; logs a change of status. */
    const track = (next: Job): void => {
      job = publish(next, lastStatus);
      lastStatus = next.status;
      if (next.status === 'CANCELLED') cancelled = true;
    };

    const onStoreError = (error: unknown): boolean => {
      if (error instanceof JobLeaseLostError) {
        lost = true;
        stop.abort();
        return true;
      }
      return false;
    };

    /**
     * Outcomes asked to be recorded and not yet durable. A slot goes on to its next batch as soon
     * as it asked for its record: that batch's mark is asked for in the same turn, so a store
     * that commits a turn's writes together (the embedded one) makes both durable with one
     * commit, and `send` waits for both before anything goes out.
     */
    const recording = new Set<Promise<void>>();

    function recordInTurn(index: number, outcome: BatchOutcome): void {
      const recorded: Promise<void> = record(index, outcome)
        .catch((error: unknown) => {
          storeFailure ??= { error };
          stop.abort();
        })
        .finally(() => recording.delete(recorded));
      recording.add(recorded);
    }

    /** Waits until every outcome asked for so far is durable (or its store call failed). */
    async function recorded(): Promise<void> {
      while (recording.size > 0) await Promise.all(recording);
    }

    async function send(ids: readonly string[], index: number): Promise<BatchOutcome> {
      if (stop.signal.aborted) return notSentBatch(ids, NOT_SENT);
      // The outcomes asked for before this mark, this slot's last one among them: durable before the batch goes out.
      const earlier = Promise.all(recording);
      try {
        await store.markBatchInFlight(job.id, workerId, index);
        await earlier;
      } catch (error) {
        if (onStoreError(error)) return notSentBatch(ids, NOT_SENT);
        // The store refuses a new batch of a job that is no longer RUNNING: it was cancelled.
        if (error instanceof FacadeError && error.code === 'BAD_USER_INPUT') cancelled = true;
        // Anything else (the store did not answer): nothing more is sent, and the run fails
        // once the batches in flight are recorded; the job is taken again when its lease lapses.
        else storeFailure ??= { error };
        stop.abort();
        return notSentBatch(ids, NOT_SENT);
      }
      if (lost || storeFailure !== null) {
        // An earlier outcome could not be stored: this batch, marked but never sent, says so
        // (or stays in flight for the next holder, if the store cannot take even that).
        await record(index, notSentBatch(ids, NOT_SENT)).catch(() => undefined);
        return notSentBatch(ids, NOT_SENT);
      }
      const span = observer.startBatch(job, index);
      let outcome: BatchOutcome;
      try {
        outcome = await target.send(ids, index, job, span);
      } catch (error) {
        observer.problem(job, error, 'a batch failed in the facade; its IDs are recorded OUTCOME_UNKNOWN');
        outcome = unknownBatch(ids, 'The facade failed while sending this batch: these IDs may or may not be deleted; check before retrying.', NO_METADATA);
      }
      span.end(outcome);
      return outcome;
    }

    async function record(index: number, outcome: BatchOutcome): Promise<void> {
      try {
        track(await store.recordBatch(job.id, workerId, index, toJobBatchOutcome(outcome)));
      } catch (error) {
        if (onStoreError(error)) return;
        // An answer that does not add up (an adapter's bug) must not become a claim: unknown.
        if (outcome.kind !== 'answered') throw error;
        observer.problem(job, error, 'a batch outcome did not account for its IDs; recorded OUTCOME_UNKNOWN');
        return record(index, unknownBatch(outcome.ids, 'The vendor\'s answer for this batch did not add up: these IDs may or may not be deleted; check before retrying.', NO_METADATA));
      }
      observer.batchRecorded(job, index, outcome);
    }

    /** Records a batch's outcome, as soon as it is durable (`inTurn`: asked for, durable before the slot's next send). */
    async function onOutcome(outcome: BatchOutcome, index: number, inTurn = false): Promise<void> {
      // Never marked in flight: sent later, or NOT_ATTEMPTED when the job ends.
      if (outcome.kind === 'not-sent') return;
      if (outcome.kind === 'refused' && mayBeProcessed.has(index) && !(PAUSE_CODES.has(outcome.error.code) && failure === null)) {
        if (FATAL_CODES.has(outcome.error.code)) {
          failure ??= outcome.error;
          stop.abort();
        }
        await record(index, unknownBatch(outcome.ids, `${outcome.error.message.replace(/\.? The IDs were not deleted\.$/, '')}, when the facade resent this batch after a crash; the first attempt may have been processed: these IDs may or may not be deleted; check before retrying.`, outcome, outcome.upstreamCode));
        return;
      }
      if (outcome.kind === 'refused' && PAUSE_CODES.has(outcome.error.code) && failure === null) {
        (mayBeProcessed.has(index) ? uncertain : unsent).add(index);
        // The exact reset when the refusal knows it: `retryAfter` is rounded up to whole seconds.
        const { retryAt, retryAfter } = outcome.error;
        const until = retryAt ?? now() + (retryAfter === undefined ? UNAVAILABLE_PAUSE_MS : retryAfter * 1000);
        resumesAt = Math.max(resumesAt ?? 0, until);
        stop.abort();
        return;
      }
      if (outcome.kind === 'refused' && FATAL_CODES.has(outcome.error.code)) {
        failure ??= outcome.error;
        stop.abort();
      }
      if (inTurn) recordInTurn(index, outcome);
      else await record(index, outcome);
    }

    /** A sent batch's outcome, asked to be recorded in the turn its slot marks its next batch. */
    const recordOutcome = (outcome: BatchOutcome, index: number): Promise<void> => onOutcome(outcome, index, true);

    try {
      // 1. Batches left in flight: resend where that is safe, else record what is known.
      const inFlight = [...new Set([...claimed.inFlightBatches, ...knownUnsent, ...known.uncertain])].sort((a, b) => a - b);
      for (const index of inFlight) {
        if (lost) break;
        const ids = await store.readBatchIds(job.id, index);
        const certainlyUnsent = knownUnsent.has(index);
        if (certainlyUnsent && (cancelled || failure !== null)) {
          await record(index, notSentBatch(ids, cancelled ? 'Not sent: the job was cancelled.' : NOT_SENT));
        } else if (!certainlyUnsent && (!target.resendSafe || failure !== null)) {
          await record(index, unknownBatch(ids, crashMessage(target), NO_METADATA));
        } else if (stop.signal.aborted) {
          // Pausing or stopping before its turn came: it stays in flight for the next run.
          (certainlyUnsent ? unsent : uncertain).add(index);
        } else {
          // Sent again: certainly unprocessed before, or under the same key (a cancelled job's too, to learn what was done).
          if (!certainlyUnsent) mayBeProcessed.add(index);
          await onOutcome(await send(ids, index), index);
        }
      }

      // 2. The rest: each slot reads its next batch's IDs just before sending it, and goes on as
      // soon as its outcome is asked to be recorded. A slow batch holds up its own slot only (no
      // window to drain before the next is read), and only the batches in flight or being
      // recorded have their IDs in memory. Batches are marked in index order: runBatches starts
      // them in that order, and `send` asks for the mark before its first await.
      if (!stop.signal.aborted && !cancelled && failure === null && job.batchesSent < job.batchCount) {
        const jobId = job.id;
        try {
          await runBatches({ batchCount: job.batchCount, readBatch: (index) => store.readBatchIds(jobId, index) }, {
            concurrency: target.concurrency,
            startAt: job.batchesSent,
            signal: stop.signal,
            sendBatch: send,
            onOutcome: recordOutcome,
          });
        } catch (error) {
          // A read failed (recordInTurn never rejects: it sets storeFailure itself). The batches
          // in flight are still recorded; the run then fails with the store's error.
          storeFailure ??= { error };
          stop.abort();
        }
        await recorded();
      }
    } finally {
      stopRenewing();
      ctx.signal.removeEventListener('abort', onShutdown);
    }

    return end();

    async function end(): Promise<JobRunEnd> {
      if (lost) {
        observer.released(job);
        return { kind: 'lost' };
      }
      if (storeFailure !== null) throw storeFailure.error;
      const stillUnsent = [...unsent].sort((a, b) => a - b);
      if (ctx.signal.aborted && !cancelled && failure === null) {
        if ((stillUnsent.length > 0 || uncertain.size > 0) && ctx.handsOffPauses !== true) heldBack.set(job.id, { unsent, uncertain });
        observer.released(job);
        return { kind: 'stopped', job, held: { unsent: stillUnsent, uncertain: [...uncertain].sort((a, b) => a - b) } };
      }
      if (cancelled || failure !== null) {
        for (const index of stillUnsent) await record(index, notSentBatch(await store.readBatchIds(job.id, index), cancelled ? 'Not sent: the job was cancelled.' : NOT_SENT));
        for (const index of [...uncertain].sort((a, b) => a - b)) await record(index, unknownBatch(await store.readBatchIds(job.id, index), crashMessage(target), NO_METADATA));
        unsent.clear();
        uncertain.clear();
        if (lost) return end();
      }
      if (cancelled || isTerminal(job.status)) {
        const current = (await store.get(job.id, job.owner)) ?? job;
        track(current);
        observer.released(current);
        return { kind: 'ended', job: current };
      }
      try {
        if (failure !== null) {
          track(await store.finish(job.id, workerId, 'FAILED', `Not sent: the job failed: ${failure.message}`));
        } else if (resumesAt !== null) {
          if (ctx.handsOffPauses !== true) heldBack.set(job.id, { unsent, uncertain });
          track(await store.pause(job.id, workerId, resumesAt, leaseMs));
          // Handed off: no replica holds it while it waits (a queue's delayed set does).
          if (ctx.handsOffPauses === true) observer.released(job);
          return { kind: 'paused', job, resumesAt, held: { unsent: [...unsent].sort((a, b) => a - b), uncertain: [...uncertain].sort((a, b) => a - b) } };
        } else {
          track(await store.finish(job.id, workerId, 'COMPLETED'));
        }
      } catch (error) {
        if (onStoreError(error)) return end();
        // Cancelled between the last batch and now: the store refused the transition.
        const current = await store.get(job.id, job.owner);
        if (current?.status !== 'CANCELLED') throw error;
        cancelled = true;
        return end();
      }
      observer.released(job);
      return { kind: 'ended', job };
    }
  }

  return { runJob, resumeJob };
}
