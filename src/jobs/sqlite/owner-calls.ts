import { FacadeError } from '../../errors/index.ts';
import { inputFingerprint } from '../../idempotency/index.ts';
import { toJobCursor } from '../cursor.ts';
import type { Job, JobPage } from '../job.ts';
import { assertBatchSize, assertCanStart, assertIdChunk, assertSomeIds, CANCELLED_REASON, keyReused, notOpen, parseListInput, tooManyActiveJobs } from '../input.ts';
import { assertTransition } from '../status.ts';
import { type CreateJobInput, type CreatedJob, type JobLimits, type JobStore, type ListJobsInput } from '../store.ts';
import { assertJobTarget, normaliseJobOptions } from '../target.ts';
import { inTransaction, ownedJobRow, reloadJobRow, type StoreContext } from './context.ts';
import { appendIds } from './ids.ts';
import { firstUnsentPosition, seqOf, toJob, type Row } from './rows.ts';

/** The calls a client makes, through the API: each takes the owner and sees only the owner's jobs. */
export type OwnerCalls = Pick<JobStore, 'create' | 'addIds' | 'start' | 'cancel' | 'get' | 'getMany' | 'list' | 'countActive'>;

/** The owner-side calls of the SQLite store. */
export function createOwnerCalls(ctx: StoreContext): OwnerCalls {
  const { st } = ctx;
  const countActive = (owner: string): number => (st.countActive.get(owner) as { n: number }).n;

  // Inside the transaction that queues the job, so two calls at once cannot both take the last place.
  function assertActiveRoom(owner: string, limits: JobLimits | undefined): void {
    const max = limits?.maxActiveJobs;
    if (max === undefined) return;
    const active = countActive(owner);
    if (active >= max) throw tooManyActiveJobs(active, max);
  }

  async function create(input: CreateJobInput, limits: JobLimits): Promise<CreatedJob> {
    assertJobTarget(input.target);
    const options = normaliseJobOptions(input.target, input.options);
    assertBatchSize(input.batchSize);
    assertIdChunk(input.ids);
    const fingerprint = inputFingerprint([...new Set(input.ids)], { target: input.target, start: input.start, ...options });
    return inTransaction(ctx, () => {
      if (input.idempotencyKey !== null) {
        const existing = st.jobByKey.get(input.owner, input.idempotencyKey) as Row | undefined;
        if (existing !== undefined) {
          if (existing.input_fingerprint !== fingerprint) {
            throw keyReused();
          }
          return { job: toJob(existing), created: false };
        }
      }
      const id = ctx.newId();
      const { seq } = st.insertJob.get({
        id,
        owner: input.owner,
        target: input.target,
        dryRun: options.dryRun ? 1 : 0,
        skipSent: options.skipSent ? 1 : 0,
        streamId: options.streamId,
        idempotencyKey: input.idempotencyKey,
        fingerprint,
        batchSize: input.batchSize,
        now: ctx.now(),
      }) as { seq: number };
      appendIds(ctx, seq, 0, input.ids, limits);
      if (input.start) {
        assertCanStart(toJob(reloadJobRow(ctx, id)));
        assertActiveRoom(input.owner, limits);
        st.setQueued.run(seq);
      }
      return { job: toJob(reloadJobRow(ctx, id)), created: true };
    });
  }

  async function addIds(jobId: string, owner: string, ids: readonly string[], limits: JobLimits): Promise<Job | null> {
    assertIdChunk(ids);
    assertSomeIds(ids);
    return inTransaction(ctx, () => {
      const row = ownedJobRow(ctx, jobId, owner);
      if (row === null) return null;
      const job = toJob(row);
      if (job.status !== 'OPEN') {
        throw notOpen(jobId, job.status);
      }
      appendIds(ctx, seqOf(row), job.progress.requested, ids, limits);
      return toJob(reloadJobRow(ctx, jobId));
    });
  }

  async function start(jobId: string, owner: string, limits?: JobLimits): Promise<Job | null> {
    return inTransaction(ctx, () => {
      const row = ownedJobRow(ctx, jobId, owner);
      if (row === null) return null;
      assertCanStart(toJob(row));
      assertActiveRoom(owner, limits);
      st.setQueued.run(seqOf(row));
      return toJob(reloadJobRow(ctx, jobId));
    });
  }

  async function cancel(jobId: string, owner: string): Promise<Job | null> {
    return inTransaction(ctx, () => {
      const row = ownedJobRow(ctx, jobId, owner);
      if (row === null) return null;
      const job = toJob(row);
      assertTransition(job.status, 'CANCELLED');
      // Batches in flight keep their worker's lease and land later; everything after them
      // was never sent and is NOT_ATTEMPTED now.
      const notAttempted = job.progress.requested - firstUnsentPosition(job);
      st.setCancelled.run({ seq: seqOf(row), now: ctx.now(), reason: CANCELLED_REASON, notAttempted });
      return toJob(reloadJobRow(ctx, jobId));
    });
  }

  async function get(jobId: string, owner: string): Promise<Job | null> {
    const row = ownedJobRow(ctx, jobId, owner);
    return row === null ? null : toJob(row);
  }

  async function getMany(jobIds: readonly string[], owner: string): Promise<(Job | null)[]> {
    const byId = new Map<string, Job>();
    for (const row of st.jobsByIds.all({ owner, ids: JSON.stringify(jobIds) }) as Row[]) byId.set(row.id as string, toJob(row));
    return jobIds.map((id) => byId.get(id) ?? null);
  }

  async function list(owner: string, input: ListJobsInput): Promise<JobPage> {
    const { before, statuses } = parseListInput(input);
    const rows = st.listJobs.all({ owner, before, statuses: statuses.length === 0 ? null : JSON.stringify(statuses), limit: input.first + 1 }) as Row[];
    const edges = rows.slice(0, input.first).map((row) => ({ cursor: toJobCursor(seqOf(row)), node: toJob(row) }));
    return { edges, hasNextPage: rows.length > input.first, endCursor: edges.at(-1)?.cursor ?? null };
  }

  return { create, addIds, start, cancel, get, getMany, list, countActive: async (owner) => countActive(owner) };
}
