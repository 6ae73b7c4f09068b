// npm run test:faults [-- --runs N] [-- --seed S]
//
// Runs the fault-injection suite (test/e2e/fault-injection.test.ts) at the size asked for:
// N random fault schedules (default 10,000; npm test runs 300) from seed S (default the
// suite's own, so a run is repeatable: the same seed and size replay a failure). It fails
// exactly as the suite fails, coverage included, then prints the figures the suite wrote to
// test-results/fault-injection.json. Bad arguments: a message and exit 2.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SUITE = 'test/e2e/fault-injection.test.ts';
const REPORT = `${ROOT}test-results/fault-injection.json`;
// vitest's own bin, run on this Node (the shell shim in node_modules/.bin would not be portable).
const VITEST = fileURLToPath(new URL('vitest.mjs', import.meta.resolve('vitest/package.json')));
const MIN_RUNS = 100;
const MAX_RUNS = 1_000_000;
const MAX_SEED = 2 ** 31 - 1;

const USAGE = `Usage: npm run test:faults [-- --runs N] [-- --seed S]

  --runs  random fault schedules to run, ${MIN_RUNS} to ${MAX_RUNS.toLocaleString('en')} (default 10,000); fewer than
          ${MIN_RUNS} cannot show that every fault kind was injected
  --seed  fast-check seed, 0 to ${MAX_SEED} (default the suite's own); the same seed and runs
          replay a failed run`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let values: { runs?: string | undefined; seed?: string | undefined; help?: boolean | undefined };
try {
  ({ values } = parseArgs({
    options: { runs: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

/** A whole number in [min, max] from an argument, or a message naming it and quoting the value. */
function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const value = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) fail(`--${name} must be a whole number from ${min} to ${max}; got ${JSON.stringify(raw)}.`);
  return value;
}

const runs = wholeNumber('runs', values.runs ?? '10000', MIN_RUNS, MAX_RUNS);
const seed = values.seed === undefined ? undefined : wholeNumber('seed', values.seed, 0, MAX_SEED);

// A report left by an earlier run must not pass for this one's.
rmSync(REPORT, { force: true });
const started = performance.now();
const child = spawn(process.execPath, [VITEST, 'run', SUITE], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, FAULT_RUNS: String(runs), ...(seed === undefined ? {} : { FAULT_SEED: String(seed) }) },
});
const code = await new Promise<number>((resolve) => child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal === null ? 1 : 128))));
const minutes = (performance.now() - started) / 60_000;

if (!existsSync(REPORT)) {
  process.stderr.write(`The suite wrote no ${REPORT.slice(ROOT.length)} (exit code ${code}).\n`);
  process.exit(code === 0 ? 1 : code);
}
const report = JSON.parse(readFileSync(REPORT, 'utf8')) as {
  seed: number; schedules: number; requests: number; faultedShare: number; injected: Record<string, number>;
  mutations: number; results: number; errors: number; unknownIds: number; slowWithoutFault: number; discrepancies: string[];
  heap: { baselineMb: number; halfwayMb: number; endMb: number; grownMb: number };
};
const faults = Object.entries(report.injected).filter(([kind]) => kind !== 'none').sort(([, a], [, b]) => b - a);
process.stdout.write(`
Fault injection: seed ${report.seed}, ${report.schedules.toLocaleString('en')} schedules in ${minutes.toFixed(1)} min
  upstream requests   ${report.requests.toLocaleString('en')}, ${(report.faultedShare * 100).toFixed(1)} % faulted (${report.injected.none?.toLocaleString('en')} without a fault)
  faults by kind      ${faults.map(([kind, n]) => `${kind} ${n.toLocaleString('en')}`).join(', ')}
  mutations           ${report.mutations.toLocaleString('en')}: ${report.results.toLocaleString('en')} results, ${report.errors.toLocaleString('en')} errors
  OUTCOME_UNKNOWN IDs ${report.unknownIds.toLocaleString('en')} (of which ${report.slowWithoutFault} unfaulted but past the timeout on a busy machine)
  discrepancies       ${report.discrepancies.length}${report.discrepancies.length > 0 ? `: ${report.discrepancies.slice(0, 5).join('; ')}` : ''}
  heap used           ${report.heap.baselineMb} MB after the warm-up, ${report.heap.halfwayMb} MB halfway, ${report.heap.endMb} MB at the end (+${report.heap.grownMb} MB)
  figures             ${REPORT.slice(ROOT.length)}
`);
process.exit(code);
