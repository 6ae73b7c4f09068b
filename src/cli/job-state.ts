import type { BulkDeleteJobStatus, CliJobStateFragment } from '../__generated__/cli/graphql.ts';

/** A job as the CLI reads it: every operation that returns a job selects the same fields. */
export type JobState = CliJobStateFragment;

const ENDED: ReadonlySet<BulkDeleteJobStatus> = new Set(['COMPLETED', 'CANCELLED', 'FAILED']);

/** True once the job is COMPLETED, CANCELLED or FAILED: its status changes no more. */
export function isEnded(job: Pick<JobState, 'status'>): boolean {
  return ENDED.has(job.status);
}

/** "1,234": counts as an operator reads them. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** The job's status, with when it resumes while PAUSED. */
export function describeStatus(job: Pick<JobState, 'status' | 'resumesAt'>, now: number): string {
  if (job.status !== 'PAUSED' || job.resumesAt === null) return job.status;
  const seconds = Math.max(0, Math.ceil((Date.parse(job.resumesAt) - now) / 1000));
  return `PAUSED until ${job.resumesAt} (in ${seconds} s): the vendor's budget is spent`;
}
