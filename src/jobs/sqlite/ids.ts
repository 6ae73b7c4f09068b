import { FacadeError } from '../../errors/index.ts';
import { MAX_IDS_PER_CHUNK, type JobLimits } from '../store.ts';
import type { StoreContext } from './context.ts';

/**
 * Throws BAD_USER_INPUT unless `ids` is a list of at most MAX_IDS_PER_CHUNK non-empty strings.
 * The vendor-specific ID rules are the caller's (bulk-delete/ids.ts); this guards the store.
 */
export function assertIdChunk(ids: readonly unknown[]): asserts ids is readonly string[] {
  if (ids.length > MAX_IDS_PER_CHUNK) {
    throw new FacadeError('BAD_USER_INPUT', `${ids.length} IDs in one call is more than ${MAX_IDS_PER_CHUNK}: send them in chunks of at most ${MAX_IDS_PER_CHUNK} with addBulkDeleteJobIds.`);
  }
  const bad = ids.findIndex((id) => typeof id !== 'string' || id.length === 0);
  if (bad !== -1) throw new FacadeError('BAD_USER_INPUT', `ids[${bad}] is not a non-empty ID: remove it and send the chunk again.`);
}

/**
 * Appends the IDs the job does not hold yet at positions `requested`, `requested + 1`, …, in
 * first-seen order, and returns the new count of distinct IDs. The unique (job, id) index
 * does the de-duplication, within the chunk and across chunks, without reading earlier chunks.
 * Throws BAD_USER_INPUT past `limits.maxIdsPerJob`; run inside a transaction, that refuses the
 * whole chunk.
 */
export function appendIds(ctx: StoreContext, seq: number, requested: number, ids: readonly string[], limits: JobLimits): number {
  let next = requested;
  for (const id of ids) {
    if (ctx.st.insertId.run(seq, next, id).changes === 1) next += 1;
  }
  if (next > limits.maxIdsPerJob) {
    throw new FacadeError(
      'BAD_USER_INPUT',
      `This chunk would bring the job to ${next} distinct IDs, more than MAX_IDS_PER_JOB (${limits.maxIdsPerJob}); nothing was added. Start this job and put the remaining ${next - limits.maxIdsPerJob} or more IDs in another.`,
    );
  }
  ctx.st.setRequested.run(next, seq);
  return next;
}
