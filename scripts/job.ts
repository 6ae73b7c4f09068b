// `npm run job -- --target deals --ids-file ids.txt [--dry-run]`: deletes the IDs of a file with a
// bulk-delete job on a running facade, shows its progress and writes its NDJSON results
// (src/cli/; README "Deleting from a file (operators)"). This file is the process's side alone:
// arguments, environment, streams, Ctrl-C and the exit code.
import { tmpdir } from 'node:os';
import { runJobCli } from '../src/cli/index.ts';

const interrupt = new AbortController();
// The first Ctrl-C stops watching (the job goes on) and prints how to resume; a second one
// leaves at once.
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort(new Error('interrupted'));
});

process.exitCode = await runJobCli(process.argv.slice(2), {
  env: process.env,
  stdin: () => process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  tmpDir: tmpdir(),
  signal: interrupt.signal,
});
