import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliCancelJobDocument, CliCapabilitiesDocument } from '../__generated__/cli/graphql.ts';
import { ENV, parseCliArgs, USAGE, type CliArgs, type UploadCommand } from './args.ts';
import { CliError, EXIT, type ExitCode } from './exit-codes.ts';
import { createFacadeClient, type FacadeClient } from './graphql-client.ts';
import { openIdsSource, scanIds } from './ids-file.ts';
import { formatCount, isEnded, type JobState } from './job-state.ts';
import { createProgressView, type OutputStream, type ProgressView } from './progress.ts';
import { downloadResults } from './results.ts';
import { deriveIdempotencyKey, uploadJob } from './upload.ts';
import { readJob, watchUntilEnded } from './watch.ts';

/** What the CLI gets from its process (scripts/job.ts): nothing here touches `process` itself. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Standard input, opened only when the IDs come from it (`--ids-file -`). */
  readonly stdin: () => Readable;
  /** The summary alone, so a script can read it. */
  readonly stdout: Writable;
  /** Progress, notes and errors. */
  readonly stderr: OutputStream;
  readonly cwd: string;
  /** Where standard input is copied to be read twice. */
  readonly tmpDir: string;
  /** Aborted on Ctrl-C: stop watching, leave the job running. */
  readonly signal: AbortSignal;
  readonly now?: () => number;
}

/** Where the results go: --out (relative to the working directory), else `<jobId>.ndjson`. */
function resultsPath(args: CliArgs, cwd: string, jobId: string): string {
  return args.out === null ? join(cwd, `${jobId.replace(/[^A-Za-z0-9_-]/g, '_')}.ndjson`) : resolve(cwd, args.out);
}

function exitFor(job: JobState): ExitCode {
  switch (job.status) {
    case 'COMPLETED':
      return (job.result?.failedCount ?? job.progress.failedCount) === 0 ? EXIT.OK : EXIT.FAILURES;
    case 'CANCELLED':
      return EXIT.CANCELLED;
    case 'FAILED':
      return EXIT.FAILED;
    default:
      return EXIT.INTERNAL;
  }
}

/** The upload: capabilities (limits, scope), the file checked whole, then the job created, filled and started. */
async function upload(client: FacadeClient, command: UploadCommand, io: CliIo, view: ProgressView): Promise<JobState> {
  const source = await openIdsSource(command.idsFile, io.stdin, io.tmpDir);
  try {
    const { bulkDeleteCapabilities: caps } = await client.request(CliCapabilitiesDocument, {}, io.signal);
    const entry = caps.targets.find((t) => t.target === command.target);
    if (entry !== undefined && !entry.configured) throw new CliError(EXIT.FACADE, `${command.target} is not configured on this facade: nothing to delete from (NOT_CONFIGURED).`);
    if (entry !== undefined && !entry.allowed) throw new CliError(EXIT.FACADE, `This client may not delete ${command.target}: its credential lacks the ${entry.scope} scope (FORBIDDEN).`);
    view.note(`Checking ${source.name}…`);
    const scan = await scanIds(source, caps);
    const idempotencyKey = command.idempotencyKey ?? deriveIdempotencyKey(command.target, command.options, scan, caps.maxIdempotencyKeyLength);
    return await uploadJob(client, { target: command.target, options: command.options, source, scan, idempotencyKey }, caps, view, io.signal);
  } finally {
    await source.dispose();
  }
}

/** An ended job whose `result` is still null has a batch in flight (a cancel): wait for it to land. */
async function settled(client: FacadeClient, job: JobState, pollMs: number, view: ProgressView, signal: AbortSignal): Promise<JobState> {
  let current = job;
  if (current.result === null) view.note(`Job ${job.id} is ${job.status}; waiting for its batch in flight to land.`);
  while (current.result === null) {
    await sleep(pollMs, undefined, { signal });
    current = await readJob(client, job.id, signal);
  }
  return current;
}

function summaryOf(job: JobState, path: string, lines: number): string {
  const r = job.result ?? { requestedCount: job.progress.requestedCount, deletedCount: job.progress.deletedCount, notFoundCount: job.progress.notFoundCount, failedCount: job.progress.failedCount };
  const deleted = job.dryRun ? 'would be deleted (dry run)' : 'deleted';
  return [
    `Job ${job.id} ${job.status}: ${formatCount(r.requestedCount)} requested | ${formatCount(r.deletedCount)} ${deleted} | ${formatCount(r.notFoundCount)} not found | ${formatCount(r.failedCount)} failed`,
    `Results: ${path} (${formatCount(lines)} lines)`,
  ].join('\n');
}

/**
 * `npm run job`: reads the command line, talks to a running facade over GraphQL as any client
 * does (never its store), and resolves with the exit code (src/cli/exit-codes.ts). Errors are
 * reported as one message; the token, if it ever appeared in one, is masked.
 */
export async function runJobCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const token = io.env[ENV.token]?.trim() || null;
  const redact = (text: string): string => (token === null ? text : text.replaceAll(token, '[redacted]'));
  const print = (stream: Writable, text: string): void => void stream.write(`${redact(text)}\n`);
  const now = io.now ?? Date.now;
  const base = createProgressView(io.stderr, now);
  const view: ProgressView = { ...base, note: (text) => base.note(redact(text)) };
  let jobId: string | null = null;
  let args: CliArgs | null = null;
  try {
    args = parseCliArgs(argv, io.env);
    if (args.command.kind === 'help') {
      print(io.stdout, USAGE);
      return EXIT.OK;
    }
    const client = createFacadeClient(args.url, token);
    const command = args.command;
    let job: JobState;
    if (command.kind === 'upload') {
      job = await upload(client, command, io, view);
    } else {
      jobId = command.jobId;
      if (command.cancel) {
        const { cancelBulkDeleteJob } = await client.request(CliCancelJobDocument, { id: command.jobId }, io.signal);
        if (cancelBulkDeleteJob === null) await readJob(client, command.jobId, io.signal);
        view.note(`Job ${command.jobId}: cancel requested; a batch in flight still lands, IDs never sent become NOT_ATTEMPTED.`);
      }
      job = await readJob(client, command.jobId, io.signal);
      if (job.status === 'OPEN') {
        throw new CliError(EXIT.USAGE, `Job ${job.id} is OPEN: its upload did not finish, so it sends nothing. Run the upload command again (same file, target and options) to finish and start it.`);
      }
    }
    jobId = job.id;
    if (!isEnded(job)) {
      job = await watchUntilEnded(client, job.id, { pollOnly: args.pollOnly, pollMs: args.pollMs, signal: io.signal, onState: (state) => view.job(state), note: view.note });
    } else {
      view.job(job);
    }
    job = await settled(client, job, args.pollMs, view, io.signal);
    view.job(job);
    view.stop();
    const { path, lines } = await downloadResults(client, job.id, resultsPath(args, io.cwd, job.id), { retryMs: args.pollMs, signal: io.signal });
    if (lines !== job.progress.requestedCount) {
      print(io.stderr, `Warning: ${path} has ${formatCount(lines)} lines but the job holds ${formatCount(job.progress.requestedCount)} IDs.`);
    }
    print(io.stdout, summaryOf(job, path, lines));
    return exitFor(job);
  } catch (error) {
    view.stop();
    if (io.signal.aborted && !(error instanceof CliError && error.exitCode === EXIT.INTERRUPTED)) {
      const urlFlag = args !== null && argv.some((arg) => arg === '--url' || arg.startsWith('--url=')) ? ` --url ${args.url.href}` : '';
      print(io.stderr, jobId === null
        ? 'Interrupted: nothing was created.'
        : `Stopped watching job ${jobId}. It was not cancelled and goes on. Watch it again and collect its results with:\n  npm run job -- --job ${jobId}${urlFlag}\nor cancel it with:\n  npm run job -- --job ${jobId} --cancel${urlFlag}`);
      return EXIT.INTERRUPTED;
    }
    if (error instanceof CliError) {
      print(io.stderr, error.message);
      return error.exitCode;
    }
    print(io.stderr, `Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.INTERNAL;
  }
}
