import { createHash } from 'node:crypto';
import { CliAddJobIdsDocument, CliCancelJobDocument, CliCreateJobDocument, CliStartJobDocument, type CreateBulkDeleteJobInput } from '../__generated__/cli/graphql.ts';
import type { JobOptions, JobTarget } from '../jobs/target.ts';
import { CliError, EXIT } from './exit-codes.ts';
import type { FacadeClient } from './graphql-client.ts';
import { readIdChunks, type IdsScan, type IdsSource } from './ids-file.ts';
import { formatCount, type JobState } from './job-state.ts';
import type { ProgressView } from './progress.ts';

/** The facade's limits the upload keeps to, read from `bulkDeleteCapabilities`. */
export interface UploadLimits {
  readonly maxIdsPerCall: number;
  readonly maxIdempotencyKeyLength: number;
}

/** What to upload, and where. */
export interface UploadPlan {
  readonly target: JobTarget;
  readonly options: JobOptions;
  readonly source: IdsSource;
  readonly scan: IdsScan;
  /** The key the job is created under: given, or `deriveIdempotencyKey`. */
  readonly idempotencyKey: string;
}

/**
 * The key a file's job is created under when the operator gives none: a digest of the IDs (in
 * order, blank lines and line endings aside), the target and the options. Run the same command
 * again after a crash, a lost connection or Ctrl-C during the upload, and createBulkDeleteJob
 * returns the job the first run created instead of a second one (docs/contract.md §8); the same
 * file for another target, or with --dry-run, is another job.
 */
export function deriveIdempotencyKey(target: JobTarget, options: JobOptions, scan: IdsScan, maxLength: number): string {
  const material = JSON.stringify({ v: 1, target, dryRun: options.dryRun, skipSent: options.skipSent, streamId: options.streamId, ids: scan.digest });
  return `job-file:${createHash('sha256').update(material).digest('base64url')}`.slice(0, maxLength);
}

/** Only the options of the job's own target: the facade refuses the others. */
function optionsInput(target: JobTarget, options: JobOptions): Partial<CreateBulkDeleteJobInput> {
  switch (target) {
    case 'DEALS':
      return options.dryRun ? { dryRun: true } : {};
    case 'INTENTS':
      return options.skipSent ? { skipSent: true } : {};
    case 'CONTACTS':
      return options.streamId === null ? {} : { streamId: options.streamId };
  }
}

/**
 * Creates the job OPEN with the file's first chunk (or finds the one this key created), adds the
 * other chunks of at most MAX_IDS_PER_CALL IDs one call at a time, then starts it. A job found
 * already started is only watched. Adding a chunk again is harmless (the job skips IDs it holds),
 * so a re-run after an interrupted upload sends the whole file again rather than guessing where
 * the first run stopped. A refusal of the IDs (MAX_IDS_PER_JOB) cancels the half-filled job: the
 * same file would be refused again, and a job left OPEN would hold its IDs for nothing.
 */
export async function uploadJob(client: FacadeClient, plan: UploadPlan, limits: UploadLimits, view: ProgressView, signal: AbortSignal): Promise<JobState> {
  const chunks = readIdChunks(plan.source, limits.maxIdsPerCall);
  let openJob: string | null = null;
  let sent = 0;
  try {
    const first = await chunks.next();
    if (first.done === true) throw new CliError(EXIT.USAGE, `${plan.source.name} holds no IDs: one ID per line.`);
    const input: CreateBulkDeleteJobInput = { target: plan.target, ids: first.value, start: false, idempotencyKey: plan.idempotencyKey, ...optionsInput(plan.target, plan.options) };
    const { createBulkDeleteJob: job } = await client.request(CliCreateJobDocument, { input }, signal);
    if (job === null) throw new CliError(EXIT.FACADE, 'The facade created no job and gave no reason.');
    if (job.status !== 'OPEN') {
      view.note(`Job ${job.id} was created from this file earlier and is ${job.status}: watching it.`);
      return job;
    }
    view.note(`Job ${job.id} (${plan.target}${plan.options.dryRun ? ', dry run' : ''}) is OPEN: uploading ${formatCount(plan.scan.count)} IDs in calls of at most ${formatCount(limits.maxIdsPerCall)}.`);
    openJob = job.id;
    view.uploadStarted(plan.scan.count);
    sent = first.value.length;
    view.uploaded(sent);
    for await (const chunk of { [Symbol.asyncIterator]: () => chunks }) {
      signal.throwIfAborted();
      try {
        await client.request(CliAddJobIdsDocument, { id: job.id, ids: chunk }, signal);
      } catch (error) {
        if (error instanceof CliError && error.exitCode === EXIT.USAGE) {
          await client.request(CliCancelJobDocument, { id: job.id }).catch(() => null);
          throw new CliError(EXIT.USAGE, `${error.message}\nJob ${job.id} was cancelled before sending anything: fix ${plan.source.name} and run again.`);
        }
        throw error;
      }
      sent += chunk.length;
      view.uploaded(sent);
    }
    let started: JobState | null;
    try {
      ({ startBulkDeleteJob: started } = await client.request(CliStartJobDocument, { id: job.id }, signal));
    } catch (error) {
      if (error instanceof CliError && error.exitCode === EXIT.USAGE) {
        throw new CliError(EXIT.USAGE, `${error.message}\nJob ${job.id} holds every ID but was not started. Run the same command again later: it finds this job and starts it.`);
      }
      throw error;
    }
    if (started === null) throw new CliError(EXIT.FACADE, `Job ${job.id} could not be started: the facade no longer shows it to this client.`);
    view.stop();
    return started;
  } catch (error) {
    view.stop();
    if (signal.aborted) {
      throw new CliError(EXIT.INTERRUPTED, openJob === null
        ? 'Interrupted before a job was created: nothing changed.'
        : `Upload interrupted: job ${openJob} is OPEN with ${formatCount(sent)} of ${formatCount(plan.scan.count)} IDs and sends nothing until started. Run the same command again to finish the upload: it finds this job instead of creating another.`);
    }
    throw error;
  } finally {
    await chunks.return(undefined);
  }
}
