import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `npm run test:faults` (scripts/faults.ts) as a developer runs it. Only its argument checks run
// here: a real run is the fault-injection suite itself, which npm test already runs.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run { code: number; stdout: string; stderr: string }

function faults(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/faults.ts', ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run test:faults', () => {
  it.each<[string[], RegExp]>([
    [['--runs', 'many'], /--runs must be a whole number from 100 to 1000000; got "many"/],
    [['--runs', '99'], /--runs must be a whole number from 100 to 1000000; got "99"/],
    [['--runs', '1e4'], /--runs must be a whole number .*got "1e4"/],
    [['--runs', '2000000'], /--runs must be a whole number .*got "2000000"/],
    [['--seed=-1'], /--seed must be a whole number from 0 to 2147483647; got "-1"/],
    [['--seed', '4294967296'], /--seed must be a whole number .*got "4294967296"/],
    [['--runs'], /--runs/],
    [['--rnus', '100'], /Unknown option '--rnus'/],
    [['100'], /positional argument/],
  ])('refuses %j with a clear message, the usage, and exit code 2, running nothing', async (args, message) => {
    const run = await faults(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Usage: npm run test:faults');
    expect(run.stdout).toBe('');
  });

  it('prints its usage with --help', async () => {
    const run = await faults('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--runs .*--seed/s);
  });
});
