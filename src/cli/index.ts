// cli/: `npm run job` (scripts/job.ts is its entry), the operators' tool for deleting from a file
// with a bulk-delete job (docs/contract.md §8; README "Deleting from a file (operators)"). It is a
// client of a running facade like any other: GraphQL over HTTP, the subscription over graphql-ws,
// GET /jobs/{id}/results; it never opens the job store. It shares with the server only the pure
// check of which option belongs to which target (jobs/target.ts), so it refuses a wrong option
// before any call in the facade's own words.
//
//   args.ts           the command line (and FACADE_URL); usage errors before any call
//   ids-file.ts       the IDs file streamed: checked and digested in one pass, sent in chunks in another
//   upload.ts         create OPEN under a key derived from the file, add chunks, start
//   watch.ts          the subscription, or polling when it is unavailable, until the job ends
//   progress.ts       a cli-progress bar in a terminal, one line per change elsewhere
//   results.ts        GET /jobs/{id}/results streamed to a file
//   run.ts            the whole run, and its exit code (exit-codes.ts)
export { parseCliArgs, DEFAULT_URL, ENV, USAGE, type CliArgs } from './args.ts';
export { CliError, EXIT, type ExitCode } from './exit-codes.ts';
export { deriveIdempotencyKey } from './upload.ts';
export { runJobCli, type CliIo } from './run.ts';
