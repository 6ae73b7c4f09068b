import type { BulkDeleteFailureCode } from '../../__generated__/enums.ts';
import { NOT_SENT_REASON } from '../input.ts';
import type { Job, JobFailure, JobResultLine, JobResultSummary } from '../job.ts';
import { RESULT_PAGE_SIZE } from '../store.ts';
import type { RestOutcome } from './outcome.ts';

/** A page as the result-page script answers it: IDs, their batches' JSON, failure members, named-deleted positions; empty once purged. */
export type ResultPage = readonly [readonly string[], readonly (string | null)[], readonly string[], readonly string[]] | readonly [];

/** Reads the page of IDs at positions [from, from + count). */
export type ReadPage = (from: number, count: number) => Promise<ResultPage>;

const REST: Readonly<Record<RestOutcome, JobResultLine['outcome']>> = { D: 'deleted', N: 'notFound', U: 'deletedOrNotFound' };

function notAttempted(id: string, job: Job): JobResultLine {
  return { id, outcome: 'failed', code: 'NOT_ATTEMPTED', message: job.endReason ?? NOT_SENT_REASON, upstreamCode: null };
}

/** One page's lines, in order: a failure or a named delete by position, else its batch's shared outcome, else (never sent) NOT_ATTEMPTED. */
function pageLines(job: Job, from: number, page: Exclude<ResultPage, readonly []>): JobResultLine[] {
  const [ids, batchJson, failedMembers, named] = page;
  const firstBatch = Math.floor(from / job.batchSize);
  // Only a recorded batch has `rest`; an unsent or unrecorded one has no shared outcome.
  const rests = batchJson.map((json) => (json === null ? undefined : (JSON.parse(json) as { rest?: RestOutcome }).rest));
  const failures = new Map<number, [BulkDeleteFailureCode, string, string | null]>();
  for (const member of failedMembers) {
    const [position, code, message, upstreamCode] = JSON.parse(member) as [number, BulkDeleteFailureCode, string, string | null];
    failures.set(position, [code, message, upstreamCode]);
  }
  const namedDeleted = new Set(named.map(Number));
  return ids.map((id, i) => {
    const position = from + i;
    const index = Math.floor(position / job.batchSize);
    if (index >= job.batchesSent) return notAttempted(id, job);
    const failure = failures.get(position);
    if (failure !== undefined) return { id, outcome: 'failed', code: failure[0], message: failure[1], upstreamCode: failure[2] };
    if (namedDeleted.has(position)) return { id, outcome: 'deleted', code: null, message: null, upstreamCode: null };
    const rest = rests[index - firstBatch];
    if (rest === undefined) throw new Error(`jobs store: batch ${index} of job ${job.id} has no recorded outcome`);
    return { id, outcome: REST[rest], code: null, message: null, upstreamCode: null };
  });
}

/**
 * One line per distinct ID of an ended job, in the job's order, RESULT_PAGE_SIZE IDs per round
 * trip (positions, not a server-side cursor), so a million-ID job streams in constant memory
 * and nothing is held open in Redis between pages. A job purged between two pages fails the
 * stream rather than end it as if it were complete.
 */
export async function* streamLines(job: Job, readPage: ReadPage): AsyncGenerator<JobResultLine> {
  let sent = 0;
  for (let from = 0; from < job.progress.requested; from += RESULT_PAGE_SIZE) {
    const page = await readPage(from, RESULT_PAGE_SIZE);
    if (page.length === 0) break;
    const lines = pageLines(job, from, page);
    for (const line of lines) yield line;
    sent += lines.length;
    if (lines.length < RESULT_PAGE_SIZE) break;
  }
  if (sent !== job.progress.requested) throw new Error(`Job ${job.id} was purged while its results were read (${sent} of ${job.progress.requested} lines).`);
}

/**
 * The ended job as a BulkDeleteResult (docs/contract.md §3), from one pass over its lines: the
 * counts and rate limit from the job, the failures (recorded ones and the never-sent tail) in
 * the job's order, and `deletedIds` when every batch said which IDs it deleted.
 */
export async function summarise(job: Job, deletedIdsKnown: boolean, readPage: ReadPage, requestIds: readonly string[]): Promise<JobResultSummary> {
  const failures: JobFailure[] = [];
  const deletedIds: string[] | null = deletedIdsKnown ? [] : null;
  for await (const line of streamLines(job, readPage)) {
    if (line.outcome === 'failed') failures.push({ id: line.id, code: line.code ?? 'OUTCOME_UNKNOWN', message: line.message ?? '', upstreamCode: line.upstreamCode });
    else if (line.outcome === 'deleted') deletedIds?.push(line.id);
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
    upstreamRequestIds: [...new Set(requestIds)],
    rateLimit: job.rateLimit,
  };
}
