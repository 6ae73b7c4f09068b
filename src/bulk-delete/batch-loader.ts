import DataLoader from 'dataloader';
import { isConsistent, notSentBatch, type BatchOutcome } from './outcome.ts';

/** Runs one upstream call for one batch; must resolve (never reject) with an outcome for exactly `ids`. */
export type RunBatch = (ids: readonly string[], batchIndex: number) => Promise<BatchOutcome>;

/** How a loader cuts and schedules batches. */
export interface BatchLoaderOptions {
  /** IDs per upstream call; Infinity sends all IDs in one call (Stoq's all-or-nothing). */
  readonly maxBatchSize: number;
  /** Upstream calls in flight at once (BATCH_CONCURRENCY). */
  readonly concurrency: number;
  readonly runBatch: RunBatch;
}

/**
 * A DataLoader for one mutation call to one upstream, whose value for an ID is the outcome of the batch
 * that carried it. DataLoader de-duplicates IDs and cuts batches of `maxBatchSize` in load
 * order; this adds the two things it does not do:
 *
 * - Bounded concurrency: DataLoader dispatches every batch at once; a slot queue here lets
 *   only `concurrency` calls run, in batch order.
 * - Stopping: once a batch's answer says no more may be sent (401/403, a 429 that cannot be
 *   waited out; CONTRACT §5), batches that have not started yet are not sent (NOT_ATTEMPTED).
 */
export function createBatchLoader(options: BatchLoaderOptions): DataLoader<string, BatchOutcome> {
  let stopped = false;
  let nextIndex = 0;
  const slots = createSlots(options.concurrency);
  return new DataLoader<string, BatchOutcome>(
    async (ids) => {
      const batchIndex = nextIndex++;
      const outcome = await slots.run(async () => {
        if (stopped) return notSentBatch(ids, 'Not sent: an earlier batch was refused, so the facade stopped before this one.');
        const result = await options.runBatch(ids, batchIndex);
        if (result.stopsLaterBatches) stopped = true;
        // Checked now, while other batches are in flight, not after the last one answers.
        isConsistent(result);
        return result;
      });
      return ids.map(() => outcome);
    },
    { maxBatchSize: options.maxBatchSize, cache: true },
  );
}

/**
 * Loads every ID and returns each distinct batch outcome once, in batch order. runBatch
 * never rejects, so a rejection is a bug: it surfaces instead of dropping IDs. (Promise.all
 * of `load`, not `loadMany`, which would wrap every ID's promise once more to catch it.)
 *
 * The IDs of the first `concurrency` batches are loaded first and dispatched at once; the
 * rest follow one batch at a time, a turn of the event loop apart, while those calls are in
 * flight. Loading 10,000 IDs takes milliseconds that the first calls need not wait for.
 * Batches are cut exactly as one synchronous pass would cut them: each chunk fills whole
 * batches of `maxBatchSize`.
 */
export async function loadBatchOutcomes(loader: DataLoader<string, BatchOutcome>, ids: readonly string[], batching: Pick<BatchLoaderOptions, 'maxBatchSize' | 'concurrency'>): Promise<BatchOutcome[]> {
  const chunks: Array<Promise<BatchOutcome[]>> = [];
  let failed = false;
  let size = batching.maxBatchSize * batching.concurrency;
  for (let start = 0; start < ids.length; start += size, size = batching.maxBatchSize) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    if (failed) break;
    const chunk = Promise.all(ids.slice(start, start + size).map((id) => loader.load(id)));
    // Handled at once: a batch that rejects while later IDs are still being loaded is not an
    // unhandled rejection; it stops the loading and surfaces from the await below.
    chunk.catch(() => (failed = true));
    chunks.push(chunk);
  }
  const outcomes = (await Promise.all(chunks)).flat();
  const distinct = new Set<BatchOutcome>();
  let previous: BatchOutcome | undefined;
  for (const outcome of outcomes) {
    // The IDs of one batch are neighbours: one Set lookup per batch, not per ID.
    if (outcome === previous) continue;
    previous = outcome;
    distinct.add(outcome);
  }
  return [...distinct];
}

function createSlots(limit: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      try {
        return await task();
      } finally {
        active--;
        waiting.shift()?.();
      }
    },
  };
}
