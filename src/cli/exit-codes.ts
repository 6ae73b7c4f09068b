/**
 * What `npm run job` exits with (README "Deleting from a file (operators)"). Scripts branch on
 * these, so each outcome has its own code and a code never changes meaning.
 */
export const EXIT = Object.freeze({
  /** The job COMPLETED and no ID failed (a dry run that would delete them all included). */
  OK: 0,
  /** Something this tool did not expect (a bug, or an answer it cannot read). */
  INTERNAL: 1,
  /** Bad arguments, an unreadable or invalid IDs file, or input the facade refused: nothing was created. */
  USAGE: 2,
  /** The job COMPLETED, but some IDs failed (or their outcome is unknown): see the results file. */
  FAILURES: 3,
  /** The job was CANCELLED. */
  CANCELLED: 4,
  /** The job FAILED (a refusal more waiting cannot cure, e.g. the vendor's 401). */
  FAILED: 5,
  /** The facade could not be reached, or refused this client (authentication, scope, not configured). */
  FACADE: 6,
  /** Interrupted (Ctrl-C): the job, if any, goes on; the message says how to resume. */
  INTERRUPTED: 130,
});

/** One of the exit codes above. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports as its message alone (no stack) and exits with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  /** True when asking again later may succeed (the facade unreachable or restarting), false for a refusal. */
  readonly retryable: boolean;
  constructor(exitCode: ExitCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.retryable = options.retryable ?? false;
  }
}
