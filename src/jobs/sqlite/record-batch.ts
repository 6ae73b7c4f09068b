import { FacadeError } from '../../errors/index.ts';
import type { Job, JobBatch, JobBatchOutcome } from '../job.ts';
import { heldJobRow, inTransaction, reloadJobRow, type StoreContext } from './context.ts';
import { firstText, seqOf, toBatch, toJob, type ArrayRow, type Row } from './rows.ts';
import { OUTCOME_DELETED, OUTCOME_DELETED_OR_NOT_FOUND, OUTCOME_FAILED, OUTCOME_NOT_FOUND } from './schema.ts';

/**
 * Marks batch `index` in flight before it is sent, so that a crash between sending and
 * recording leaves a trace: the next holder finds the batch IN_FLIGHT and knows its IDs may
 * have reached the vendor (docs/contract.md §8, durability).
 */
export function markBatchInFlight(ctx: StoreContext, jobId: string, workerId: string, index: number): Promise<JobBatch> {
  return inTransaction(ctx, () => {
    const row = heldJobRow(ctx, jobId, workerId);
    const job = toJob(row);
    const seq = seqOf(row);
    const existing = ctx.st.batch.get(seq, index) as Row | undefined;
    if (existing !== undefined) {
      // A resend of a batch an earlier holder left in flight (LeadLex, same Idempotency-Key).
      if (existing.state !== 'IN_FLIGHT') throw new Error(`Job ${jobId}: batch ${index} is already recorded; it is never sent again.`);
      ctx.st.resendBatch.run(seq, index);
    } else {
      if (job.status !== 'RUNNING') throw new FacadeError('BAD_USER_INPUT', `Job ${jobId} is ${job.status}: no new batch may be sent.`);
      if (index !== job.batchesSent || index >= job.batchCount) {
        throw new Error(`Job ${jobId}: batch ${index} is not the next to send (batch ${job.batchesSent} of ${job.batchCount} is).`);
      }
      const first = index * job.batchSize;
      ctx.st.insertBatch.run(seq, index, first, Math.min(job.batchSize, job.progress.requested - first));
      ctx.st.setBatchSent.run(seq);
    }
    return toBatch(ctx.st.batch.get(seq, index) as Row);
  });
}

/**
 * Stores what the vendor said about batch `index` and adds it to the job's progress, in one
 * transaction: after a crash either both are there or neither. An outcome that does not account
 * for exactly the batch's IDs is refused whole (a misread answer must not become a claim).
 */
export function recordBatch(ctx: StoreContext, jobId: string, workerId: string, index: number, outcome: JobBatchOutcome): Promise<Job> {
  return inTransaction(ctx, () => {
    const row = heldJobRow(ctx, jobId, workerId);
    const seq = seqOf(row);
    const batchRow = ctx.st.batch.get(seq, index) as Row | undefined;
    if (batchRow?.state !== 'IN_FLIGHT') throw new Error(`Job ${jobId}: batch ${index} is not in flight, so there is no outcome to record.`);
    const batch = toBatch(batchRow);
    assertAccountsFor(jobId, batch, outcome);
    const { known, rest } = writeOutcomes(ctx, seq, batch, outcome);
    ctx.st.setBatchRecorded.run({
      seq,
      index,
      deleted: outcome.deletedCount,
      notFound: outcome.notFoundCount,
      failed: outcome.failures.length,
      known: known ? 1 : 0,
      requestIds: JSON.stringify(outcome.upstreamRequestIds),
      rateLimit: outcome.rateLimit === null ? null : JSON.stringify(outcome.rateLimit.rateLimit),
      rest,
    });
    ctx.st.addProgress.run({
      seq,
      size: batch.size,
      deleted: outcome.deletedCount,
      notFound: outcome.notFoundCount,
      failed: outcome.failures.length,
      unknown: known ? 0 : 1,
      rateLimit: outcome.rateLimit === null ? null : JSON.stringify(outcome.rateLimit.rateLimit),
      observedAt: outcome.rateLimit?.observedAt ?? null,
    });
    return toJob(reloadJobRow(ctx, jobId));
  });
}

function assertAccountsFor(jobId: string, batch: JobBatch, outcome: JobBatchOutcome): void {
  const counts = [outcome.deletedCount, outcome.notFoundCount];
  const sum = outcome.deletedCount + outcome.notFoundCount + outcome.failures.length;
  const deletedIdsFit = outcome.deletedIds === null || outcome.deletedIds.length === outcome.deletedCount;
  if (!counts.every((n) => Number.isSafeInteger(n) && n >= 0) || sum !== batch.size || !deletedIdsFit) {
    throw new Error(`Job ${jobId}: the outcome of batch ${batch.index} accounts for ${sum} IDs, not its ${batch.size}.`);
  }
}

/**
 * Writes the outcomes of a batch's IDs: a mark on each failed ID, and on each ID named deleted
 * where others of the batch were not found; every other ID shares the batch's `rest` outcome,
 * stored once on its row instead of on each ID (a batch of 500 deleted IDs is one row written,
 * not 500: bench/optimisations.md, "Jobs: the store per batch"). When the vendor only counted
 * and both counts are non-zero, which IDs were deleted is unknown: the rest is
 * DELETED_OR_NOT_FOUND, never DELETED. Every ID named must be one of the batch's IDs without a
 * mark yet, or it throws; `assertAccountsFor` already made the counts add up to the batch.
 */
function writeOutcomes(ctx: StoreContext, seq: number, batch: JobBatch, outcome: JobBatchOutcome): { known: boolean; rest: number | null } {
  const range = { seq, from: batch.firstPosition, to: batch.firstPosition + batch.size };
  const expect = (changes: number | bigint, wanted: number, what: string): void => {
    if (Number(changes) !== wanted) throw new Error(`Batch ${batch.index}: ${what} matched ${changes} of its IDs without an outcome, not ${wanted}.`);
  };
  for (const failure of outcome.failures) {
    const changes = ctx.st.markIdFailed.run({ ...range, id: failure.id, outcome: OUTCOME_FAILED, code: failure.code, message: failure.message, upstreamCode: failure.upstreamCode }).changes;
    expect(changes, 1, `failure ${JSON.stringify(failure.id)}`);
  }
  const { deletedCount, notFoundCount, deletedIds } = outcome;
  if (deletedCount + notFoundCount === 0) return { known: true, rest: null };
  if (notFoundCount === 0) {
    // The deleted IDs are the batch less its failures: each one named must be such an ID (a
    // duplicate counts once, so it falls short too), or a shared outcome would claim an ID the vendor did not name.
    if (deletedIds !== null && (ctx.st.countUnmarked.get({ ...range, ids: JSON.stringify(deletedIds) }) as Row).n !== deletedCount) {
      refuseDeletedIds(ctx, seq, batch, outcome, deletedIds);
    }
    return { known: true, rest: OUTCOME_DELETED };
  }
  if (deletedCount === 0) return { known: true, rest: OUTCOME_NOT_FOUND };
  if (deletedIds !== null) {
    for (const id of deletedIds) expect(ctx.st.markIdOutcome.run({ ...range, id, outcome: OUTCOME_DELETED }).changes, 1, `deleted ${JSON.stringify(id)}`);
    return { known: true, rest: OUTCOME_NOT_FOUND };
  }
  return { known: false, rest: OUTCOME_DELETED_OR_NOT_FOUND };
}

/** Why the deleted IDs named are not the batch less its failures: read only once the cheap count said they are not. */
function refuseDeletedIds(ctx: StoreContext, seq: number, batch: JobBatch, outcome: JobBatchOutcome, deletedIds: readonly string[]): never {
  const named = new Set(deletedIds);
  for (const failure of outcome.failures) named.add(failure.id);
  const ids = (ctx.st.batchIds.all(seq, batch.firstPosition, batch.firstPosition + batch.size) as unknown as ArrayRow[]).map(firstText);
  const missing = ids.find((id) => !named.has(id));
  throw new Error(`Batch ${batch.index}: its deleted IDs and failures are not exactly its IDs${missing === undefined ? '' : ` (${JSON.stringify(missing)} is in neither)`}.`);
}
