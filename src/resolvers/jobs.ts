// The jobs API (docs/contract.md §8, schema/jobs.graphql): thin glue from the generated resolver
// types to the job store (jobs/). Every read of a job by ID goes through the request's loader
// (jobs-loader.ts), which also decides visibility: the caller's own jobs, with their target's scope.
import type { BulkDeleteJobConnectionResolvers, BulkDeleteJobProgressResolvers, BulkDeleteJobResolvers, MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types.ts';
import { assertScope } from '../auth/index.ts';
import { getValidIds, getValidToken, type BulkDeleteResultModel, type ResultKind } from '../bulk-delete/index.ts';
import { FacadeError } from '../errors/index.ts';
import { isTerminal, normaliseJobOptions, type Job, type JobPage, type JobTarget } from '../jobs/index.ts';
import type { RequestContext } from '../server/context.ts';
import { createJobLoaderCache, isVisibleJob, type JobLoader } from './jobs-loader.ts';
import type { JobTargets } from './jobs-targets.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from './run-bulk-delete.ts';

const KIND_OF_TARGET: Readonly<Record<JobTarget, ResultKind>> = { INTENTS: 'intents', CONTACTS: 'contacts', DEALS: 'deals' };

/** `first` when the client gives none (the SDL's default, for a client that sends null). */
const DEFAULT_FIRST = 20;
// Store pages read at most for one `bulkDeleteJobs` page, when jobs of targets the client has no
// scope for are skipped: bounds the work of one request whatever the mix of its jobs.
const MAX_PAGES_SCANNED = 10;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The resolvers of the jobs API, over the targets' table built at start-up. */
export interface JobResolvers {
  readonly Query: Pick<QueryResolvers, 'bulkDeleteJob' | 'bulkDeleteJobs'>;
  readonly Mutation: Pick<MutationResolvers, 'createBulkDeleteJob' | 'addBulkDeleteJobIds' | 'startBulkDeleteJob' | 'cancelBulkDeleteJob'>;
  readonly BulkDeleteJob: BulkDeleteJobResolvers;
  readonly BulkDeleteJobProgress: BulkDeleteJobProgressResolvers;
  readonly BulkDeleteJobConnection: BulkDeleteJobConnectionResolvers;
}

/**
 * Every resolver of the jobs API. The mutations: FORBIDDEN without the target's delete scope
 * (create), BAD_USER_INPUT with what to fix for bad input, NOT_CONFIGURED for a vendor without
 * credentials, all before anything is stored; a job the caller may not see is answered as an
 * unknown one (reads: null; mutations: BAD_USER_INPUT "no job"), so its existence is never told.
 */
export function createJobResolvers(targets: JobTargets): JobResolvers {
  const loaderOf = createJobLoaderCache(targets);

  /** The caller's job for a mutation; BAD_USER_INPUT, the same for unknown and not-yours, otherwise. */
  async function ownJob(id: string, ctx: RequestContext): Promise<{ job: Job; loader: JobLoader }> {
    const loader = loaderOf(ctx);
    const job = await loader.load(id);
    if (job === null) throw new FacadeError('BAD_USER_INPUT', `No job ${JSON.stringify(id.slice(0, 80))} for this client: check the ID (bulkDeleteJobs lists yours).`);
    return { job, loader };
  }

  /** After a change: later reads in the same document see it, and watchers are told. */
  function changed(ctx: RequestContext, loader: JobLoader, job: Job, publish: boolean): Job {
    loader.clear(job.id).prime(job.id, job);
    if (publish) ctx.services.jobs.events.publish(job);
    return job;
  }

  function logChange(ctx: RequestContext, job: Job, what: string): void {
    ctx.services.logger.info({ jobId: job.id, client: ctx.client, target: job.target, status: job.status, requested: job.progress.requested, requestId: ctx.requestId }, what);
  }

  const createBulkDeleteJob: NonNullable<MutationResolvers['createBulkDeleteJob']> = async (_parent, { input }, ctx) => {
    const info = targets.get(input.target);
    if (info === undefined) throw new FacadeError('BAD_USER_INPUT', `Unknown job target ${JSON.stringify(input.target)}.`);
    assertScope(ctx, info.scope, 'createBulkDeleteJob');
    const { config, jobs } = ctx.services;
    // An empty list is fine for a job created OPEN; the store refuses to start a job with no IDs.
    const ids = input.ids.length === 0 ? [] : getValidIds(input.ids, config.limits);
    const idempotencyKey = getValidToken('idempotencyKey', input.idempotencyKey, MAX_IDEMPOTENCY_KEY_LENGTH);
    const options = info.prepare(normaliseJobOptions(input.target, input), { client: ctx.client, idempotencyKey });
    if (info.batchSize === null) throw new Error(`${input.target} is configured without a batch size`);
    const { job, created } = await jobs.store.create(
      { owner: ctx.client, target: input.target, options, ids, start: input.start ?? true, batchSize: info.batchSize, idempotencyKey },
      jobs.limits,
    );
    if (created) logChange(ctx, job, 'job created');
    return changed(ctx, loaderOf(ctx), job, false);
  };

  const addBulkDeleteJobIds: NonNullable<MutationResolvers['addBulkDeleteJobIds']> = async (_parent, args, ctx) => {
    const { config, jobs } = ctx.services;
    const ids = getValidIds(args.ids, config.limits);
    const { job, loader } = await ownJob(args.id, ctx);
    const updated = await jobs.store.addIds(job.id, ctx.client, ids, jobs.limits);
    if (updated === null) throw new FacadeError('BAD_USER_INPUT', `No job ${JSON.stringify(args.id.slice(0, 80))} for this client.`);
    return changed(ctx, loader, updated, true);
  };

  const startBulkDeleteJob: NonNullable<MutationResolvers['startBulkDeleteJob']> = async (_parent, args, ctx) => {
    const { job, loader } = await ownJob(args.id, ctx);
    const updated = await ctx.services.jobs.store.start(job.id, ctx.client, ctx.services.jobs.limits);
    if (updated === null) throw new FacadeError('BAD_USER_INPUT', `No job ${JSON.stringify(args.id.slice(0, 80))} for this client.`);
    logChange(ctx, updated, 'job started');
    return changed(ctx, loader, updated, true);
  };

  const cancelBulkDeleteJob: NonNullable<MutationResolvers['cancelBulkDeleteJob']> = async (_parent, args, ctx) => {
    const { job, loader } = await ownJob(args.id, ctx);
    const updated = await ctx.services.jobs.store.cancel(job.id, ctx.client);
    if (updated === null) throw new FacadeError('BAD_USER_INPUT', `No job ${JSON.stringify(args.id.slice(0, 80))} for this client.`);
    logChange(ctx, updated, 'job cancelled');
    return changed(ctx, loader, updated, true);
  };

  const bulkDeleteJobs: NonNullable<QueryResolvers['bulkDeleteJobs']> = async (_parent, args, ctx) => {
    const first = args.first ?? DEFAULT_FIRST;
    const statuses = args.status ?? null;
    const { store } = ctx.services.jobs;
    const edges: { cursor: string; node: Job }[] = [];
    let after = args.after ?? null;
    for (let pages = 1; ; pages++) {
      const page: JobPage = await store.list(ctx.client, { first, after, statuses });
      for (let index = 0; index < page.edges.length; index++) {
        const edge = page.edges[index]!;
        if (!isVisibleJob(edge.node, ctx, targets)) continue;
        edges.push(edge);
        if (edges.length === first) {
          return { edges, hasNextPage: index < page.edges.length - 1 || page.hasNextPage, endCursor: edge.cursor };
        }
      }
      // Short of `first` only because jobs of a target without scope were skipped: read on, within bounds.
      if (!page.hasNextPage || first === 0 || pages === MAX_PAGES_SCANNED) {
        return { edges, hasNextPage: page.hasNextPage, endCursor: page.endCursor ?? edges.at(-1)?.cursor ?? null };
      }
      after = page.endCursor;
    }
  };

  return {
    Query: {
      bulkDeleteJob: (_parent, { id }, ctx) => loaderOf(ctx).load(id),
      bulkDeleteJobs,
    },
    Mutation: { createBulkDeleteJob, addBulkDeleteJobIds, startBulkDeleteJob, cancelBulkDeleteJob },
    BulkDeleteJob: {
      // A router's fetch of a job by its key: the same loader, so the same visibility, as bulkDeleteJob.
      __resolveReference: (reference, ctx) => (typeof reference.id === 'string' ? loaderOf(ctx).load(reference.id) : null),
      dryRun: (job) => job.options.dryRun,
      createdAt: (job) => new Date(job.createdAt).toISOString(),
      startedAt: (job) => iso(job.startedAt),
      finishedAt: (job) => iso(job.finishedAt),
      resumesAt: (job) => (job.status === 'PAUSED' ? iso(job.resumesAt) : null),
      result: async (job, _args, ctx): Promise<BulkDeleteResultModel | null> => {
        // Final only once ended with no batch in flight: a cancelled job's last batch still lands.
        if (!isTerminal(job.status) || job.batchesInFlight > 0) return null;
        const summary = await ctx.services.jobs.store.summary(job.id, job.owner);
        if (summary === null) return null;
        const kind = KIND_OF_TARGET[job.target];
        const sentIntentIds = kind === 'intents' ? summary.failures.filter((failure) => failure.code === 'ALREADY_SENT').map((failure) => failure.id) : [];
        return { kind, ...summary, sentIntentIds };
      },
    },
    BulkDeleteJobProgress: {
      requestedCount: (progress) => progress.requested,
      processedCount: (progress) => progress.processed,
      deletedCount: (progress) => progress.deleted,
      notFoundCount: (progress) => progress.notFound,
      failedCount: (progress) => progress.failed,
    },
    BulkDeleteJobConnection: {
      pageInfo: (page) => ({ hasNextPage: page.hasNextPage, hasPreviousPage: false, startCursor: page.edges[0]?.cursor ?? null, endCursor: page.endCursor }),
    },
  };
}
