import type { Job, JobBatch } from '../job.ts';
import { FAILED_REASON } from '../input.ts';
import { assertTransition } from '../status.ts';
import type { ClaimedJob, JobStore } from '../store.ts';
import { heldJobRow, inTransaction, reloadJobRow, type StoreContext } from './context.ts';
import { markBatchInFlight, recordBatch } from './record-batch.ts';
import { firstText, firstUnsentPosition, seqOf, toBatch, toJob, type ArrayRow, type Row } from './rows.ts';

/** The calls the job runner makes: each names its worker, which must hold the job's lease. */
export type WorkerCalls = Pick<JobStore, 'claim' | 'renewLease' | 'pause' | 'resume' | 'finish' | 'readBatchIds' | 'markBatchInFlight' | 'recordBatch' | 'batches'>;

/** The worker-side calls of the SQLite store. */
export function createWorkerCalls(ctx: StoreContext): WorkerCalls {
  const { st } = ctx;

  async function claim(workerId: string, leaseMs: number): Promise<ClaimedJob | null> {
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

  async function renewLease(jobId: string, workerId: string, leaseMs: number): Promise<Job> {
    return inTransaction(ctx, () => {
      const row = heldJobRow(ctx, jobId, workerId);
      st.setLease.run(ctx.now() + leaseMs, seqOf(row));
      return toJob(reloadJobRow(ctx, jobId));
    });
  }

  async function pause(jobId: string, workerId: string, resumesAt: number, leaseMs: number): Promise<Job> {
    return inTransaction(ctx, () => {
      const row = heldJobRow(ctx, jobId, workerId);
      assertTransition(toJob(row).status, 'PAUSED');
      st.setPaused.run(resumesAt, resumesAt + leaseMs, seqOf(row));
      return toJob(reloadJobRow(ctx, jobId));
    });
  }

  async function resume(jobId: string, workerId: string, leaseMs: number): Promise<Job> {
    return inTransaction(ctx, () => {
      const row = heldJobRow(ctx, jobId, workerId);
      assertTransition(toJob(row).status, 'RUNNING');
      st.setResumed.run(ctx.now() + leaseMs, seqOf(row));
      return toJob(reloadJobRow(ctx, jobId));
    });
  }

  async function finish(jobId: string, workerId: string, status: 'COMPLETED' | 'FAILED', reason?: string): Promise<Job> {
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

  async function readBatchIds(jobId: string, batchIndex: number): Promise<string[]> {
    const row = st.jobById.get(jobId) as Row | undefined;
    if (row === undefined) return [];
    const job = toJob(row);
    const first = batchIndex * job.batchSize;
    const rows = st.batchIds.all(seqOf(row), first, Math.min(first + job.batchSize, job.progress.requested)) as unknown as ArrayRow[];
    return rows.map(firstText);
  }

  async function batches(jobId: string): Promise<JobBatch[]> {
    const row = st.jobById.get(jobId) as Row | undefined;
    return row === undefined ? [] : (st.batches.all(seqOf(row)) as Row[]).map(toBatch);
  }

  return {
    claim,
    renewLease,
    pause,
    resume,
    finish,
    readBatchIds,
    markBatchInFlight: async (jobId, workerId, batchIndex) => markBatchInFlight(ctx, jobId, workerId, batchIndex),
    recordBatch: async (jobId, workerId, batchIndex, outcome) => recordBatch(ctx, jobId, workerId, batchIndex, outcome),
    batches,
  };
}
