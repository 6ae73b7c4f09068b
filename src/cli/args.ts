import { parseArgs } from 'node:util';
import { JOB_TARGETS, normaliseJobOptions, type JobOptions, type JobTarget } from '../jobs/target.ts';
import { FacadeError } from '../errors/index.ts';
import { CliError, EXIT } from './exit-codes.ts';

/** Where the facade is when neither --url nor FACADE_URL says: `npm start` on this machine. */
export const DEFAULT_URL = 'http://127.0.0.1:4000/graphql';
/** How often the job is read when it is watched by polling (no WebSocket, or --poll). */
export const DEFAULT_POLL_MS = 2_000;

/** The environment variables the CLI reads; the token is never taken from the command line. */
export const ENV = Object.freeze({ url: 'FACADE_URL', token: 'FACADE_TOKEN' });

/** Upload IDs from a file into a new job (or the job an earlier run of the same command created). */
export interface UploadCommand {
  readonly kind: 'upload';
  readonly target: JobTarget;
  /** A path, or '-' for standard input. */
  readonly idsFile: string;
  readonly options: JobOptions;
  /** Null: derived from the file's content, the target and the options. */
  readonly idempotencyKey: string | null;
}

/** Watch (and, with --cancel, cancel) a job that exists, then collect its results. */
export interface ResumeCommand {
  readonly kind: 'resume';
  readonly jobId: string;
  readonly cancel: boolean;
}

/** A parsed command line: what to do, and where and how to talk to the facade. */
export interface CliArgs {
  readonly command: UploadCommand | ResumeCommand | { readonly kind: 'help' };
  readonly url: URL;
  /** Null: `<jobId>.ndjson` in the working directory. */
  readonly out: string | null;
  /** True: never open a WebSocket, read the job every `pollMs`. */
  readonly pollOnly: boolean;
  readonly pollMs: number;
}

export const USAGE = `Usage:
  npm run job -- --target intents|contacts|deals --ids-file <path|-> [options]
  npm run job -- --job <id> [--cancel] [--out <file>]

  --target <t>             which records: intents (Stoq), contacts (Kore.ai), deals (LeadLex)
  --ids-file <path>        one ID per line ('-' reads standard input); blank lines are skipped
  --dry-run                deals only: LeadLex validates and counts, deletes nothing
  --skip-sent              intents only: per batch, delete the intents not yet sent
  --stream-id <id>         contacts only: the Kore.ai bot/stream (default: the facade's)
  --idempotency-key <key>  default: derived from the file's content, the target and the options,
                           so the same command run again finds the same job
  --job <id>               watch an existing job and collect its results
  --cancel                 with --job: cancel the job, then collect what it did
  --out <file>             where the NDJSON results go (default: <jobId>.ndjson)
  --url <url>              the facade's GraphQL endpoint (default: $FACADE_URL, else ${DEFAULT_URL})
  --poll                   watch by reading the job every --poll-interval, without a WebSocket
  --poll-interval <ms>     default ${DEFAULT_POLL_MS}

Credentials: FACADE_TOKEN (an API key bdf_… or a JWT), from the environment only.
Exit codes: 0 completed, no failures; 2 usage or refused input; 3 completed with failures;
4 cancelled; 5 failed; 6 facade unreachable or refused; 130 interrupted (the job goes on).`;

const OPTIONS = {
  url: { type: 'string' },
  target: { type: 'string' },
  'ids-file': { type: 'string' },
  'dry-run': { type: 'boolean' },
  'skip-sent': { type: 'boolean' },
  'stream-id': { type: 'string' },
  'idempotency-key': { type: 'string' },
  job: { type: 'string' },
  cancel: { type: 'boolean' },
  out: { type: 'string' },
  poll: { type: 'boolean' },
  'poll-interval': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function usage(message: string): CliError {
  return new CliError(EXIT.USAGE, `${message}\n\n${USAGE}`);
}

/**
 * Reads the command line (and FACADE_URL). Everything that can be refused without the facade is
 * refused here, before any call: a missing or unknown target, an option of another target (in
 * the facade's own words: the same check as its createBulkDeleteJob), a bad URL. Messages never
 * quote a free argument, which might be a secret pasted in the wrong place.
 */
export function parseCliArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliArgs {
  let values: { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw usage('This command takes no positional arguments: every value follows its option.');
    const message = error instanceof Error ? error.message : String(error);
    const credentialHint = /'--(token|api-key|apikey|key|password|authorization)'/.test(message)
      ? ` Credentials are read from ${ENV.token}, never from the command line.`
      : '';
    throw usage(`${message}.${credentialHint}`);
  }
  const url = parseUrl(values.url ?? env[ENV.url] ?? DEFAULT_URL, values.url !== undefined ? '--url' : env[ENV.url] !== undefined ? ENV.url : 'the default URL');
  const pollMs = values['poll-interval'] === undefined ? DEFAULT_POLL_MS : Number(values['poll-interval']);
  if (!Number.isSafeInteger(pollMs) || pollMs < 50 || pollMs > 600_000) throw usage('--poll-interval must be a whole number of milliseconds from 50 to 600000.');
  const common = { url, out: values.out ?? null, pollOnly: values.poll === true, pollMs };
  if (values.out === '') throw usage('--out is empty: give a file name, or leave it out for <jobId>.ndjson.');
  if (values.help === true) return { ...common, command: { kind: 'help' } };

  const uploadFlags = (['target', 'ids-file', 'dry-run', 'skip-sent', 'stream-id', 'idempotency-key'] as const).filter((name) => values[name] !== undefined);
  if (values.job !== undefined) {
    if (uploadFlags.length > 0) throw usage(`--job watches a job that exists; leave out ${uploadFlags.map((f) => `--${f}`).join(', ')}.`);
    if (values.job.trim() === '') throw usage('--job is empty: give the job\'s ID.');
    return { ...common, command: { kind: 'resume', jobId: values.job, cancel: values.cancel === true } };
  }
  if (values.cancel === true) throw usage('--cancel needs --job <id>: it cancels a job that exists.');
  if (values.target === undefined) throw usage('--target is missing: intents, contacts or deals.');
  const target = values.target.toUpperCase();
  if (!(JOB_TARGETS as readonly string[]).includes(target)) {
    throw usage(`Unknown target: use one of ${JOB_TARGETS.map((t) => t.toLowerCase()).join(', ')}.`);
  }
  if (values['ids-file'] === undefined || values['ids-file'] === '') throw usage('--ids-file is missing: a file with one ID per line, or - for standard input.');
  let options: JobOptions;
  try {
    options = normaliseJobOptions(target as JobTarget, { dryRun: values['dry-run'] ?? null, skipSent: values['skip-sent'] ?? null, streamId: values['stream-id'] ?? null });
  } catch (error) {
    if (error instanceof FacadeError) throw usage(error.message);
    throw error;
  }
  const key = values['idempotency-key'] ?? null;
  if (key !== null && key.trim() === '') throw usage('--idempotency-key is empty: leave it out to derive one from the file.');
  return {
    ...common,
    command: { kind: 'upload', target: target as JobTarget, idsFile: values['ids-file'], options, idempotencyKey: key },
  };
}

function parseUrl(text: string, source: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usage(`${source} is not a URL: give the facade's GraphQL endpoint, e.g. ${DEFAULT_URL}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usage(`${source} must be an http:// or https:// URL (the facade's GraphQL endpoint), not ${url.protocol}//.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw usage(`${source} carries credentials: put them in ${ENV.token}, never in the URL.`);
  }
  return url;
}
