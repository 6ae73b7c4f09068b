import type { BulkDeleteFailureCode } from '../../__generated__/enums.ts';
import type { Job, JobFailure, JobResultLine, JobResultOutcome, JobResultSummary } from '../job.ts';
import { NOT_SENT_REASON } from '../input.ts';
import { isTerminal } from '../status.ts';
import { RESULT_PAGE_SIZE } from '../store.ts';
import { ownedJobRow, type StoreContext } from './context.ts';
import { firstText, firstUnsentPosition, seqOf, toJob, type ArrayRow, type Row } from './rows.ts';
import { OUTCOME_DELETED, OUTCOME_DELETED_OR_NOT_FOUND, OUTCOME_FAILED, OUTCOME_NOT_FOUND } from './schema.ts';


/** The job when its result is final: owned, ended, and no batch still in flight. */
function finishedJob(ctx: StoreContext, jobId: string, owner: string): { job: Job; seq: number } | null {
  const row = ownedJobRow(ctx, jobId, owner);
  if (row === null) return null;
  const job = toJob(row);
  return isTerminal(job.status) && job.batchesInFlight === 0 ? { job, seq: seqOf(row) } : null;
}

function notAttempted(id: string, job: Job): JobFailure {
  return { id, code: 'NOT_ATTEMPTED', message: job.endReason ?? NOT_SENT_REASON, upstreamCode: null };
}

/**
 * The whole job as a BulkDeleteResult (docs/contract.md §3). The counts and the rate limit come from
 * the job's row, failures from the partial index of failed IDs plus the never-sent tail; only
 * `deletedIds`, when every batch knew them, reads the job's IDs.
 */
export function summarise(ctx: StoreContext, jobId: string, owner: string): JobResultSummary | null {
  const found = finishedJob(ctx, jobId, owner);
  if (found === null) return null;
  const { job, seq } = found;
  const failures: JobFailure[] = (ctx.st.failedIds.all(seq) as Row[]).map((row) => ({
    id: row.id as string,
    code: row.code as BulkDeleteFailureCode,
    message: row.message as string,
    upstreamCode: row.upstream_code as string | null,
  }));
  for (const row of ctx.st.idsFrom.iterate(seq, firstUnsentPosition(job)) as Iterable<ArrayRow>) failures.push(notAttempted(firstText(row), job));

  const unknownBatches = (ctx.st.jobById.get(jobId) as Row).unknown_deleted_batches;
  const deletedIds = unknownBatches === 0 ? (ctx.st.deletedIds.all({ seq, batchSize: job.batchSize }) as unknown as ArrayRow[]).map(firstText) : null;
  const requestIds = new Set<string>();
  for (const row of ctx.st.requestIds.iterate(seq) as Iterable<Row>) {
    for (const id of JSON.parse(row.upstream_request_ids as string) as string[]) requestIds.add(id);
  }
  const { progress } = job;
  return {
    requestedCount: progress.requested,
    deletedCount: progress.deleted,
    notFoundCount: progress.notFound,
    failedCount: progress.failed,
    deletedIds,
    failures,
    dryRun: job.options.dryRun,
    upstreamRequestIds: [...requestIds],
    rateLimit: job.rateLimit,
  };
}

const OUTCOMES: Readonly<Record<number, JobResultOutcome>> = {
  [OUTCOME_DELETED]: 'deleted',
  [OUTCOME_NOT_FOUND]: 'notFound',
  [OUTCOME_FAILED]: 'failed',
  [OUTCOME_DELETED_OR_NOT_FOUND]: 'deletedOrNotFound',
};

/** A `resultPage` row: [pos, id, outcome, code, message, upstream_code]. */
function toLine(row: ArrayRow, job: Job): JobResultLine {
  const [, id, stored, code, message, upstreamCode] = row as [number, string, number | null, BulkDeleteFailureCode | null, string | null, string | null];
  if (stored === null) {
    const failure = notAttempted(id, job);
    return { id, outcome: 'failed', code: failure.code, message: failure.message, upstreamCode: null };
  }
  const outcome = OUTCOMES[stored];
  if (outcome === undefined) throw new Error(`jobs database: outcome ${stored} for an ID of job ${job.id}`);
  return { id, outcome, code, message, upstreamCode };
}

/**
 * One line per distinct ID in the job's order, read RESULT_PAGE_SIZE rows at a time by
 * position (keyset, not OFFSET), so a million-ID job streams in constant memory and each page
 * is one index seek. No statement stays open between pages, so the worker's writes and a purge
 * never wait on a slow reader.
 */
export function streamResults(ctx: StoreContext, jobId: string, owner: string): AsyncGenerator<JobResultLine> | null {
  const found = finishedJob(ctx, jobId, owner);
  if (found === null) return null;
  const { job, seq } = found;
  return (async function* lines() {
    let sent = 0;
    for (let from = 0; ; ) {
      const rows = ctx.st.resultPage.all({ seq, batchSize: job.batchSize, from, limit: RESULT_PAGE_SIZE }) as unknown as ArrayRow[];
      for (const row of rows) yield toLine(row, job);
      sent += rows.length;
      if (rows.length < RESULT_PAGE_SIZE) break;
      from = (rows[rows.length - 1]![0] as number) + 1;
    }
    // Purged between two pages: fail the stream rather than end it as if it were complete.
    if (sent !== job.progress.requested) throw new Error(`Job ${job.id} was purged while its results were read (${sent} of ${job.progress.requested} lines).`);
  })();
}
