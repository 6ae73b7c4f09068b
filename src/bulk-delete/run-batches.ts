import { notSentBatch, stopsLaterBatches, unknownBatch, NO_METADATA, type BatchOutcome } from './outcome.ts';
import { batchIds, type Plan } from './plan.ts';

/**
 * Sends one batch and says what happened to each of its IDs. Expected to resolve with an
 * outcome (adapters turn transport and upstream problems into outcomes); if it rejects anyway,
 * the batch becomes OUTCOME_UNKNOWN: the call may have gone out before it failed.
 */
export type SendBatch = (ids: readonly string[], batchIndex: number) => Promise<BatchOutcome>;

/** How `runBatches` sends a plan's batches. */
export interface RunBatchesOptions {
  readonly sendBatch: SendBatch;
  /** Batches in flight at once (BATCH_CONCURRENCY), at least 1. */
  readonly concurrency: number;
  /** The first batch to send; earlier ones already have outcomes (a resumed run). @default 0 */
  readonly startAt?: number;
  /**
   * Told each batch's outcome, in completion order, before that batch's slot takes the next
   * batch: a caller that stores outcomes durably has stored one before another batch goes out.
   * If it rejects, no further batch is sent and `runBatches` rejects with its error once the
   * batches in flight have been reported.
   */
  readonly onOutcome?: (outcome: BatchOutcome, batchIndex: number) => void | Promise<void>;
  /** Once aborted, batches not yet sent are not sent (a cancelled run); those in flight finish. */
  readonly signal?: AbortSignal;
  /** Told when `sendBatch` rejected (a bug in an adapter): the batch is OUTCOME_UNKNOWN either way. */
  readonly onSendError?: (error: unknown, batchIndex: number) => void;
}

const STOPPED = 'Not sent: an earlier batch was refused, so the facade stopped before this one.';
const CANCELLED = 'Not sent: the run was cancelled before this batch.';
const SEND_FAILED = 'The facade failed while sending this batch: these IDs may or may not be deleted; check before retrying.';

/**
 * Sends the plan's batches from `startAt` on, at most `concurrency` at a time, each batch
 * starting in index order, and resolves with their outcomes in batch order. It never rejects
 * for a batch (see SendBatch), only for a rejecting `onOutcome`.
 *
 * Stopping: once an outcome says no more may be sent (docs/contract.md §5: 401/403, a 429 not waited
 * out) or `signal` aborts, batches not yet started are `not-sent`, without a call, and still
 * reported to `onOutcome`; batches in flight finish.
 *
 * Each slot is a loop that takes the next batch index: no promise or closure per ID, one slice
 * of the ID list per batch.
 */
export async function runBatches(plan: Plan, options: RunBatchesOptions): Promise<BatchOutcome[]> {
  const { sendBatch, onOutcome, signal, onSendError } = options;
  const startAt = options.startAt ?? 0;
  if (!Number.isSafeInteger(startAt) || startAt < 0 || startAt > plan.batchCount) throw new RangeError(`startAt ${startAt} is not a batch of this plan (0 to ${plan.batchCount})`);
  if (!Number.isSafeInteger(options.concurrency) || options.concurrency < 1) throw new RangeError(`concurrency must be at least 1, not ${options.concurrency}`);
  const outcomes = new Array<BatchOutcome>(plan.batchCount - startAt);
  let next = startAt;
  let stopped = false;
  let failure: { error: unknown } | null = null;

  async function send(ids: readonly string[], index: number): Promise<BatchOutcome> {
    try {
      return await sendBatch(ids, index);
    } catch (error) {
      onSendError?.(error, index);
      return unknownBatch(ids, SEND_FAILED, NO_METADATA);
    }
  }

  async function slot(): Promise<void> {
    while (next < plan.batchCount) {
      const index = next++;
      const ids = batchIds(plan, index);
      const outcome = failure !== null
        ? notSentBatch(ids, STOPPED)
        : signal?.aborted ? notSentBatch(ids, CANCELLED)
        : stopped ? notSentBatch(ids, STOPPED)
        : await send(ids, index);
      outcomes[index - startAt] = outcome;
      if (stopsLaterBatches(outcome)) stopped = true;
      if (onOutcome === undefined || failure !== null) continue;
      try {
        await onOutcome(outcome, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  }

  const slots: Array<Promise<void>> = [];
  for (let count = Math.min(options.concurrency, plan.batchCount - startAt); count > 0; count--) slots.push(slot());
  await Promise.all(slots);
  if (failure !== null) throw (failure as { error: unknown }).error;
  return outcomes;
}
