import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { FacadeError } from '../../errors/index.ts';
import { inputFingerprint } from '../../idempotency/index.ts';
import { parseJobCursor, toJobCursor } from '../cursor.ts';
import type { Job, JobPage } from '../job.ts';
import { assertTransition, isJobStatus, JOB_STATUSES } from '../status.ts';
import { MAX_JOB_BATCH_SIZE, MAX_JOBS_PER_PAGE, type CreateJobInput, type CreatedJob, type JobLimits, type JobStore, type ListJobsInput } from '../store.ts';
import { assertJobTarget, normaliseJobOptions } from '../target.ts';
import { heldJobRow, inTransaction, ownedJobRow, reloadJobRow, type StoreContext } from './context.ts';
import { appendIds, assertIdChunk } from './ids.ts';
import { markBatchInFlight, recordBatch } from './record-batch.ts';
import { streamResults, summarise } from './results.ts';
import { firstText, firstUnsentPosition, seqOf, toBatch, toJob, type ArrayRow, type Row } from './rows.ts';
import { applySchema } from './schema.ts';
import { prepareStatements } from './statements.ts';

/** Dependencies of the SQLite store; tests inject the clock. */
export interface SqliteJobStoreOptions {
  /** Epoch milliseconds. @default Date.now */
  readonly now?: () => number;
  /** New job IDs. @default crypto.randomUUID */
  readonly newId?: () => string;
}

const DAY_MS = 86_400_000;
const CANCELLED_REASON = 'Not sent: the job was cancelled.';
const FAILED_REASON = 'Not sent: the job failed before this ID was sent.';

/**
 * Opens (creating it and its folder if needed) the jobs database at `path` (JOBS_DB_PATH).
 * `node:sqlite` is imported here, not at the top of the module, so a process that keeps its
 * jobs elsewhere never loads it, nor prints the ExperimentalWarning Node 22 gives on its load.
 */
export async function openSqliteJobStore(path: string, options: SqliteJobStoreOptions = {}): Promise<JobStore> {
  const { DatabaseSync } = await import('node:sqlite');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // timeout: another process on the same file (an operator's copy, a second replica by mistake)
  // makes a writer wait for the lock, not fail at once.
  const db = new DatabaseSync(path, { timeout: 5_000 });
  try {
    applySchema(db);
    const ctx: StoreContext = { db, st: prepareStatements(db), now: options.now ?? Date.now, newId: options.newId ?? randomUUID };
    return createSqliteJobStore(ctx);
  } catch (error) {
    db.close();
    throw error;
  }
}

function assertBatchSize(batchSize: number): void {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > MAX_JOB_BATCH_SIZE) {
    throw new RangeError(`A job's batch size must be an integer from 1 to ${MAX_JOB_BATCH_SIZE}, not ${batchSize}.`);
  }
}

function assertCanStart(job: Job): void {
  assertTransition(job.status, 'QUEUED');
  if (job.progress.requested === 0) {
    throw new FacadeError('BAD_USER_INPUT', 'A job with no IDs cannot start: send at least one ID, or create it with start: false and add IDs with addBulkDeleteJobIds first.');
  }
}

function createSqliteJobStore(ctx: StoreContext): JobStore {
  const { st } = ctx;

  function create(input: CreateJobInput, limits: JobLimits): CreatedJob {
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
            throw new FacadeError('IDEMPOTENCY_KEY_REUSED', 'This idempotencyKey already created a job with a different input: use a new key for a new job.');
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
        st.setQueued.run(seq);
      }
      return { job: toJob(reloadJobRow(ctx, id)), created: true };
    });
  }

  function addIds(jobId: string, owner: string, ids: readonly string[], limits: JobLimits): Job | null {
    assertIdChunk(ids);
    if (ids.length === 0) throw new FacadeError('BAD_USER_INPUT', 'ids is empty: send at least one ID.');
    return inTransaction(ctx, () => {
      const row = ownedJobRow(ctx, jobId, owner);
      if (row === null) return null;
      const job = toJob(row);
      if (job.status !== 'OPEN') {
        throw new FacadeError('BAD_USER_INPUT', `Job ${jobId} is ${job.status}: IDs can be added only while it is OPEN (create it with start: false).`);
      }
      appendIds(ctx, seqOf(row), job.progress.requested, ids, limits);
      return toJob(reloadJobRow(ctx, jobId));
    });
  }

  function start(jobId: string, owner: string): Job | null {
    return inTransaction(ctx, () => {
      const row = ownedJobRow(ctx, jobId, owner);
      if (row === null) return null;
      assertCanStart(toJob(row));
      st.setQueued.run(seqOf(row));
      return toJob(reloadJobRow(ctx, jobId));
    });
  }

  function cancel(jobId: string, owner: string): Job | null {
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

  function get(jobId: string, owner: string): Job | null {
    const row = ownedJobRow(ctx, jobId, owner);
    return row === null ? null : toJob(row);
  }

  function getMany(jobIds: readonly string[], owner: string): (Job | null)[] {
    const byId = new Map<string, Job>();
    for (const row of st.jobsByIds.all({ owner, ids: JSON.stringify(jobIds) }) as Row[]) byId.set(row.id as string, toJob(row));
    return jobIds.map((id) => byId.get(id) ?? null);
  }

  function list(owner: string, input: ListJobsInput): JobPage {
    if (!Number.isSafeInteger(input.first) || input.first < 0 || input.first > MAX_JOBS_PER_PAGE) {
      throw new FacadeError('BAD_USER_INPUT', `first must be an integer from 0 to ${MAX_JOBS_PER_PAGE}, not ${input.first}.`);
    }
    const statuses = input.statuses ?? [];
    const unknown = statuses.find((status) => !isJobStatus(status));
    if (unknown !== undefined) throw new FacadeError('BAD_USER_INPUT', `Unknown job status ${JSON.stringify(unknown)}: use ${JOB_STATUSES.join(', ')}.`);
    const before = input.after === null ? Number.MAX_SAFE_INTEGER : parseJobCursor(input.after);
    const rows = st.listJobs.all({ owner, before, statuses: statuses.length === 0 ? null : JSON.stringify(statuses), limit: input.first + 1 }) as Row[];
    const edges = rows.slice(0, input.first).map((row) => ({ cursor: toJobCursor(seqOf(row)), node: toJob(row) }));
    return { edges, hasNextPage: rows.length > input.first, endCursor: edges.at(-1)?.cursor ?? null };
  }

  function claim(workerId: string, leaseMs: number) {
    return inTransaction(ctx, () => {
      const now = ctx.now();
      const row = st.claimable.get({ now }) as Row | undefined;
      if (row === undefined) return null;
      const job = toJob(row);
      // A cancelled job is claimed only to settle the batches its dead worker left in flight.
      const status = job.status === 'CANCELLED' ? 'CANCELLED' : 'RUNNING';
      if (status === 'RUNNING') assertTransition(job.status, 'RUNNING');
      const seq = seqOf(row);
      st.setClaimed.run({ seq, status, worker: workerId, expires: now + leaseMs, now });
      const inFlightBatches = (st.inFlightBatches.all(seq) as Row[]).map((batch) => batch.batch_index as number);
      return { job: toJob(reloadJobRow(ctx, job.id)), inFlightBatches };
    });
  }

  function renewLease(jobId: string, workerId: string, leaseMs: number): Job {
    return inTransaction(ctx, () => {
      const row = heldJobRow(ctx, jobId, workerId);
      st.setLease.run(ctx.now() + leaseMs, seqOf(row));
      return toJob(reloadJobRow(ctx, jobId));
    });
  }

  function pause(jobId: string, workerId: string, resumesAt: number, leaseMs: number): Job {
    return inTransaction(ctx, () => {
      const row = heldJobRow(ctx, jobId, workerId);
      assertTransition(toJob(row).status, 'PAUSED');
      st.setPaused.run(resumesAt, resumesAt + leaseMs, seqOf(row));
      return toJob(reloadJobRow(ctx, jobId));
    });
  }

  function resume(jobId: string, workerId: string, leaseMs: number): Job {
    return inTransaction(ctx, () => {
      const row = heldJobRow(ctx, jobId, workerId);
      assertTransition(toJob(row).status, 'RUNNING');
      st.setResumed.run(ctx.now() + leaseMs, seqOf(row));
      return toJob(reloadJobRow(ctx, jobId));
    });
  }

  function finish(jobId: string, workerId: string, status: 'COMPLETED' | 'FAILED', reason?: string): Job {
    return inTransaction(ctx, () => {
      const row = heldJobRow(ctx, jobId, workerId);
      const job = toJob(row);
      assertTransition(job.status, status);
      if (job.batchesInFlight > 0) throw new Error(`Job ${jobId}: ${job.batchesInFlight} batches are in flight; record them before it ends.`);
      if (status === 'COMPLETED' && job.progress.processed !== job.progress.requested) {
        throw new Error(`Job ${jobId}: ${job.progress.requested - job.progress.processed} IDs have no outcome yet, so it has not completed.`);
      }
      const notAttempted = job.progress.requested - firstUnsentPosition(job);
      st.setFinished.run({ seq: seqOf(row), status, now: ctx.now(), reason: status === 'FAILED' ? (reason ?? FAILED_REASON) : null, notAttempted });
      return toJob(reloadJobRow(ctx, jobId));
    });
  }

  function readBatchIds(jobId: string, batchIndex: number): string[] {
    const row = st.jobById.get(jobId) as Row | undefined;
    if (row === undefined) return [];
    const job = toJob(row);
    const first = batchIndex * job.batchSize;
    const rows = st.batchIds.all(seqOf(row), first, Math.min(first + job.batchSize, job.progress.requested)) as unknown as ArrayRow[];
    return rows.map(firstText);
  }

  function batches(jobId: string) {
    const row = st.jobById.get(jobId) as Row | undefined;
    return row === undefined ? [] : (st.batches.all(seqOf(row)) as Row[]).map(toBatch);
  }

  function purge(retentionDays: number): number {
    if (!(retentionDays >= 0)) throw new RangeError(`Retention must be zero or more days, not ${retentionDays}.`);
    const cutoff = ctx.now() - retentionDays * DAY_MS;
    const seqs = (st.purgeable.all(cutoff) as Row[]).map(seqOf);
    // One transaction per job: a million-ID job's delete holds the write lock once, not
    // every expired job's at the same time.
    for (const seq of seqs) inTransaction(ctx, () => st.deleteJob.run(seq));
    if (seqs.length > 0) st.incrementalVacuum.all();
    return seqs.length;
  }

  return {
    create,
    addIds,
    start,
    cancel,
    get,
    getMany,
    list,
    countActive: (owner) => (st.countActive.get(owner) as { n: number }).n,
    claim,
    renewLease,
    pause,
    resume,
    finish,
    readBatchIds,
    markBatchInFlight: (jobId, workerId, batchIndex) => markBatchInFlight(ctx, jobId, workerId, batchIndex),
    recordBatch: (jobId, workerId, batchIndex, outcome) => recordBatch(ctx, jobId, workerId, batchIndex, outcome),
    batches,
    summary: (jobId, owner) => summarise(ctx, jobId, owner),
    results: (jobId, owner) => streamResults(ctx, jobId, owner),
    purge,
    close: () => ctx.db.close(),
  };
}
