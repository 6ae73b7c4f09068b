// npm run bench [-- --smoke] [-- --profile] [-- --only=1,3]
//
// Runs every scenario of the benchmark side by side, each server in a process of its own and
// autocannon in this one, and writes BENCHMARKS.md: the machine, the versions, the command,
// one table per scenario (medians of interleaved repeated runs, ratios per run pair) and
// whether each target was met. Exits 1 when a target is missed.
//   --smoke    seconds per scenario: proves the harness works, writes test-results/bench/
//              BENCHMARKS.smoke.md, exits 0 unless something broke (missed targets do not count)
//   --profile  only profiles the facade under scenario 1's load (node --cpu-prof) and prints
//              the top self-time functions grouped by package
//   --only     a subset of scenarios (1-6, "profile"); written to test-results/bench/, not BENCHMARKS.md
//   --reps, --duration  override the repeats and seconds per measurement (quick comparisons;
//              the report is then written to test-results/bench/, not BENCHMARKS.md)
// Before/after a change, in one run: BENCH_FACADE_ROOT=<checkout> runs the facade (scenario 1
// and the profile) from another checkout of the project, BENCH_COMPARE_ROOT=<checkout> adds one
// as "facade (compare)" to scenario 1; the report then goes to test-results/bench/ too.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { REPO_ROOT, WORK_DIR } from './lib/children.ts';
import { FULL, SMOKE, type Check } from './lib/setup.ts';
import { machineInfo, renderReport, type ReportParts } from './lib/report.ts';
import { runOverhead } from './scenarios/overhead.ts';
import { runLarge } from './scenarios/large.ts';
import { runRateLimits } from './scenarios/rate-limits.ts';
import { runFootprint } from './scenarios/footprint.ts';
import { runProfile } from './scenarios/profile.ts';
import { runJobs } from './scenarios/jobs.ts';

const { values } = readArgs();

function readArgs() {
  try {
    return parseArgs({
      options: { smoke: { type: 'boolean' }, profile: { type: 'boolean' }, only: { type: 'string' }, reps: { type: 'string' }, duration: { type: 'string' } },
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nUsage: npm run bench [-- --smoke | --profile | --only=1,3 | --reps N | --duration S]\n`);
    process.exit(2);
  }
}
for (const name of ['reps', 'duration'] as const) {
  const raw = values[name];
  if (raw !== undefined && !/^[1-9]\d{0,3}$/.test(raw)) {
    process.stderr.write(`--${name} must be a whole number from 1 to 9999; got ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
}
const base = values.smoke ? SMOKE : FULL;
const overridden = values.reps !== undefined || values.duration !== undefined || process.env.BENCH_FACADE_ROOT !== undefined || process.env.BENCH_COMPARE_ROOT !== undefined;
const settings = {
  ...base,
  ...(values.reps === undefined ? {} : { reps: Number(values.reps) }),
  ...(values.duration === undefined ? {} : { durationS: Number(values.duration) }),
};
const log = (line: string) => process.stdout.write(`${line}\n`);
mkdirSync(WORK_DIR, { recursive: true });

if (values.profile) {
  const profile = await runProfile(settings, log);
  log(profile.text);
  process.exit(0);
}

const only = values.only === undefined ? null : new Set(values.only.split(',').map((s) => s.trim()));
const wanted = (name: string) => only === null || only.has(name);
const started = new Date();
const loadBefore = machineInfo().loadAverage;
const parts: ReportParts = { settings, started, command: commandLine(), checks: [] };

try {
  if (wanted('1') || wanted('2')) {
    log('Scenarios 1 and 2: the cost of the facade, added latency');
    parts.overhead = await runOverhead(settings, log, { cost: wanted('1'), latency: wanted('2') });
    parts.checks.push(...parts.overhead.checks);
  }
  if (wanted('3')) {
    log('Scenario 3: large deletes');
    parts.large = await runLarge(settings, log);
    parts.checks.push(...parts.large.checks);
  }
  if (wanted('4')) {
    log('Scenario 4: rate limits');
    parts.rateLimits = await runRateLimits(settings, log);
    parts.checks.push(...parts.rateLimits.checks);
  }
  if (wanted('5')) {
    log('Scenario 5: footprint');
    parts.footprint = await runFootprint(settings, parts.overhead?.peakRssUnderLoad ?? null, log);
    parts.checks.push(...parts.footprint.checks);
  }
  if (wanted('6')) {
    log('Scenario 6: bulk-delete jobs');
    parts.jobs = await runJobs(settings, log);
    parts.checks.push(...parts.jobs.checks);
  }
  if (wanted('profile') && !settings.smoke && only === null) {
    log('Profile: the facade under scenario 1 load');
    parts.profile = await runProfile(settings, log);
  }
} catch (error) {
  process.stderr.write(`The benchmark broke: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
}

parts.finished = new Date();
parts.loadAverage = { before: loadBefore, after: machineInfo().loadAverage };
const report = renderReport(parts);
const file = settings.smoke || only !== null || overridden ? `${WORK_DIR}BENCHMARKS${settings.smoke ? '.smoke' : '.partial'}.md` : `${REPO_ROOT}BENCHMARKS.md`;
writeFileSync(file, report);
log('');
log(renderChecks(parts.checks));
log(`\nWritten to ${file.startsWith(REPO_ROOT) ? file.slice(REPO_ROOT.length) : file}`);
const missed = parts.checks.filter((check) => check.met === false);
if (missed.length > 0) log(`${missed.length} target(s) missed${settings.smoke ? ' (a smoke run does not fail on targets)' : ''}.`);
process.exit(!settings.smoke && missed.length > 0 ? 1 : 0);

function renderChecks(checks: Check[]): string {
  return checks.map((c) => `${c.met === null ? '  info ' : c.met ? '  met  ' : 'MISSED '} [${c.scenario}] ${c.what}: ${c.measured} (target ${c.target})`).join('\n');
}

function commandLine(): string {
  const args = process.argv.slice(2);
  return `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
}
