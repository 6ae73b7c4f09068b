import type { JobBatch, JobBatchOutcome, JobFailure } from '../job.ts';

/** What a batch's IDs without a mark of their own became: one code for the whole rest of the batch. */
export type RestOutcome = 'D' | 'N' | 'U';

/** A batch's outcome as the Redis store writes it: marks by position, one code for the rest. */
export interface BatchMarks {
  /** Failed IDs by position in the job, each with its failure. */
  readonly failures: readonly { readonly position: number; readonly failure: JobFailure }[];
  /** Positions the vendor named deleted in a batch where others were not found. */
  readonly named: readonly number[];
  /** The outcome of every other ID of the batch: deleted, not found, or deleted-or-not-found. */
  readonly rest: RestOutcome;
  /** False when the vendor only counted and both counts are non-zero. */
  readonly deletedIdsKnown: boolean;
}

/**
 * Checks a batch's outcome against the batch's own IDs (`ids`, its positions from
 * `batch.firstPosition`) and turns it into marks, refusing, with the SQLite store's words, an
 * outcome that does not account for exactly the batch's IDs: a misread answer must not become a
 * claim. Failures are marked per ID; the rest of the batch shares one code, except when the
 * vendor named its deletes and also did not find some (then the named ones are marked). When
 * the vendor only counted and both counts are non-zero, which IDs were deleted is unknown: they
 * become deleted-or-not-found, never deleted.
 */
export function toBatchMarks(jobId: string, batch: JobBatch, ids: readonly string[], outcome: JobBatchOutcome): BatchMarks {
  const counts = [outcome.deletedCount, outcome.notFoundCount];
  const sum = outcome.deletedCount + outcome.notFoundCount + outcome.failures.length;
  const deletedIdsFit = outcome.deletedIds === null || outcome.deletedIds.length === outcome.deletedCount;
  if (!counts.every((n) => Number.isSafeInteger(n) && n >= 0) || sum !== batch.size || !deletedIdsFit || ids.length !== batch.size) {
    throw new Error(`Job ${jobId}: the outcome of batch ${batch.index} accounts for ${sum} IDs, not its ${batch.size}.`);
  }
  const positions = new Map<string, number>();
  ids.forEach((id, i) => positions.set(id, batch.firstPosition + i));
  const marked = new Set<number>();
  /** The position of an ID of the batch not marked yet, or a throw worded as SQLite's "matched 0 rows". */
  const take = (id: string, what: string): number => {
    const position = positions.get(id);
    if (position === undefined || marked.has(position)) throw new Error(`Batch ${batch.index}: ${what} matched 0 of its IDs without an outcome, not 1.`);
    marked.add(position);
    return position;
  };
  const failures = outcome.failures.map((failure) => ({ position: take(failure.id, `failure ${JSON.stringify(failure.id)}`), failure }));
  const { deletedCount, notFoundCount, deletedIds } = outcome;
  if (deletedIds !== null && deletedCount > 0 && notFoundCount === 0) {
    // With no not-found, the deleted IDs are the batch less its failures: checked, so the
    // shared code cannot cover an ID the vendor did not name.
    const named = new Set(deletedIds);
    for (const failure of outcome.failures) named.add(failure.id);
    const missing = ids.find((id) => !named.has(id));
    if (named.size !== ids.length || missing !== undefined) {
      throw new Error(`Batch ${batch.index}: its deleted IDs and failures are not exactly its IDs${missing === undefined ? '' : ` (${JSON.stringify(missing)} is in neither)`}.`);
    }
  }
  if (deletedCount === 0 || notFoundCount === 0) return { failures, named: [], rest: deletedCount === 0 ? 'N' : 'D', deletedIdsKnown: true };
  if (deletedIds !== null) {
    const named = deletedIds.map((id) => take(id, `deleted ${JSON.stringify(id)}`));
    return { failures, named, rest: 'N', deletedIdsKnown: true };
  }
  return { failures, named: [], rest: 'U', deletedIdsKnown: false };
}
