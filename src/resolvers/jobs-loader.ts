import DataLoader from 'dataloader';
import type { Scope } from '../config/index.ts';
import type { Job } from '../jobs/index.ts';
import type { RequestContext } from '../server/context.ts';
import type { JobTargets } from './jobs-targets.ts';

/** Reads of the caller's jobs by ID, batched per request: null for a job the caller may not see. */
export type JobLoader = DataLoader<string, Job | null>;

// Longer than any ID this facade hands out (a UUID): such an ID names no job, so it is not looked up.
const MAX_JOB_ID_LENGTH = 128;
// IDs per store read: a document naming hundreds of jobs still makes a few bounded queries.
const MAX_BATCH = 100;

/**
 * Whether the caller may see `job`: its own (the store already answers only the owner's), and
 * with the delete scope of its target (docs/contract.md §8, "Who sees a job"). A job whose
 * scope the client lost reads as unknown, not FORBIDDEN: its existence is not told either.
 */
export function isVisibleJob(job: Job, caller: { readonly client: string; readonly scopes: ReadonlySet<Scope> }, targets: JobTargets): boolean {
  const info = targets.get(job.target);
  return job.owner === caller.client && info !== undefined && caller.scopes.has(info.scope);
}

/**
 * The request's job loader, made on its first use only (most requests never read a job) and
 * kept with the request's context, so every read of a job by ID in one document (fields,
 * `_entities`, lists of IDs) is one `store.getMany` per tick, and a job read twice is read once.
 */
export function createJobLoaderCache(targets: JobTargets): (ctx: RequestContext) => JobLoader {
  const loaders = new WeakMap<RequestContext, JobLoader>();
  return (ctx) => {
    let loader = loaders.get(ctx);
    if (loader === undefined) {
      const { store } = ctx.services.jobs;
      loader = new DataLoader<string, Job | null>(
        async (ids) => {
          const lookable = ids.filter((id) => id.length <= MAX_JOB_ID_LENGTH);
          const found = lookable.length === 0 ? [] : await store.getMany(lookable, ctx.client);
          const byId = new Map<string, Job | null>(lookable.map((id, index) => [id, found[index] ?? null]));
          return ids.map((id) => {
            const job = byId.get(id) ?? null;
            return job !== null && isVisibleJob(job, ctx, targets) ? job : null;
          });
        },
        { maxBatchSize: MAX_BATCH },
      );
      loaders.set(ctx, loader);
    }
    return loader;
  };
}
