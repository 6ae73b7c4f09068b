import { tooManyIds } from '../input.ts';
import type { JobLimits } from '../store.ts';
import type { StoreContext } from './context.ts';

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
  if (next > limits.maxIdsPerJob) throw tooManyIds(next, limits.maxIdsPerJob);
  ctx.st.setRequested.run(next, seq);
  return next;
}
