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
 * Batches read as their turn comes instead of held in memory (a job's, from its store): each
 * slot holds the IDs of the batch it is sending, never the whole list.
 */
export interface BatchSource {
  readonly batchCount: number;
  /**
   * The IDs of batch `index`, read by the slot about to send it. Called in index order, each
   * call once the previous one has resolved. If it rejects, that batch and the later ones are
   * not sent, and `runBatches` rejects with its error once the batches in flight have been
   * reported.
   */
  readBatch(index: number): Promise<readonly string[]>;
}

/**
 * Sends the batches from `startAt` on, at most `concurrency` at a time, each batch starting in
 * index order (`sendBatch` is called for batch N before batch N+1, whatever order the calls
 * end in). It never rejects for a batch (see SendBatch), only for a rejecting `onOutcome` or
 * `readBatch`.
 *
 * Stopping: once an outcome says no more may be sent (docs/contract.md §5: 401/403, a 429 not
 * waited out) or `signal` aborts, batches not yet started are not sent; batches in flight finish.
 *
 * Each slot is a loop that takes the next batch index, gets its IDs, sends and reports it, and
 * goes on: a slow batch holds up its own slot only, never the others. No promise or closure per
 * ID.
 *
 * - From a plan (a mutation, run per request): one slice of the ID list per batch and nothing
 *   more. Resolves with every batch's outcome in batch order; batches not sent are `not-sent`,
 *   without a call, and reported to `onOutcome` too.
 * - From a source (a job): resolves with nothing, outcomes going to `onOutcome` only, so the
 *   job's IDs are never all in memory. Once stopped, no further batch is read or reported.
 */
export function runBatches(plan: Plan, options: RunBatchesOptions): Promise<BatchOutcome[]>;
export function runBatches(source: BatchSource, options: RunBatchesOptions): Promise<void>;
export async function runBatches(batches: Plan | BatchSource, options: RunBatchesOptions): Promise<BatchOutcome[] | void> {
  const { sendBatch, onOutcome, signal, onSendError } = options;
  const { batchCount } = batches;
  const plan = 'ids' in batches ? batches : null;
  const startAt = options.startAt ?? 0;
  if (!Number.isSafeInteger(startAt) || startAt < 0 || startAt > batchCount) throw new RangeError(`startAt ${startAt} is not a batch of this plan (0 to ${batchCount})`);
  if (!Number.isSafeInteger(options.concurrency) || options.concurrency < 1) throw new RangeError(`concurrency must be at least 1, not ${options.concurrency}`);
  const outcomes = plan === null ? null : new Array<BatchOutcome>(batchCount - startAt);
  let next = startAt;
  let stopped = false;
  let failure: { error: unknown } | null = null;
  /** A read that failed: nothing more is taken, but the batches in flight are still reported. */
  let unread: { error: unknown } | null = null;
  /** The last read asked of a source: the next one is chained onto it. */
  let reading: Promise<unknown> = Promise.resolve();

  async function send(ids: readonly string[], index: number): Promise<BatchOutcome> {
    try {
      return await sendBatch(ids, index);
    } catch (error) {
      onSendError?.(error, index);
      return unknownBatch(ids, SEND_FAILED, NO_METADATA);
    }
  }

  /**
   * Batch `index`'s IDs from the source, or null when the read failed. The slot awaits this read
   * before another slot can chain the next one onto it, so its continuation, and so its send,
   * runs before the next read has even started: sends go out in index order.
   */
  async function read(source: BatchSource, index: number): Promise<readonly string[] | null> {
    const ids = reading.then(() => source.readBatch(index));
    reading = ids;
    try {
      return await ids;
    } catch (error) {
      unread ??= { error };
      return null;
    }
  }

  async function slot(source: BatchSource | null): Promise<void> {
    while (next < batchCount) {
      if (source !== null && (failure !== null || unread !== null || stopped || signal?.aborted === true)) return;
      const index = next++;
      const ids = source === null ? batchIds(plan!, index) : await read(source, index);
      if (ids === null) return;
      const outcome = failure !== null
        ? notSentBatch(ids, STOPPED)
        : signal?.aborted ? notSentBatch(ids, CANCELLED)
        : stopped ? notSentBatch(ids, STOPPED)
        : await send(ids, index);
      if (outcomes !== null) outcomes[index - startAt] = outcome;
      if (stopsLaterBatches(outcome)) stopped = true;
      if (onOutcome === undefined || failure !== null) continue;
      try {
        await onOutcome(outcome, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  }

  const source = plan === null ? (batches as BatchSource) : null;
  const slots: Array<Promise<void>> = [];
  for (let count = Math.min(options.concurrency, batchCount - startAt); count > 0; count--) slots.push(slot(source));
  await Promise.all(slots);
  // Set by the slots: the narrowing from the declarations does not see them.
  const error = (failure ?? unread) as { error: unknown } | null;
  if (error !== null) throw error.error;
  return outcomes ?? undefined;
}
