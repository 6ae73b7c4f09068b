// BENCHMARKS.md: the machine, the versions, the command, one table per scenario, the targets,
// the profile, and the hand-written notes on what was changed (bench/optimisations.md).
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { REPO_ROOT } from './children.ts';
import { MB, fmt, type Check, type RunSettings } from './setup.ts';
import { median, range } from './stats.ts';
import type { LoadResult } from './load.ts';
import { pairedMedian, runsOf, summarise, type OverheadResult } from '../scenarios/overhead.ts';
import type { LargeResult } from '../scenarios/large.ts';
import type { RateLimitResult } from '../scenarios/rate-limits.ts';
import type { FootprintResult } from '../scenarios/footprint.ts';
import type { ProfileResult } from '../scenarios/profile.ts';
import type { JobsResult } from '../scenarios/jobs.ts';

export interface ReportParts {
  readonly settings: RunSettings;
  readonly started: Date;
  finished?: Date;
  readonly command: string;
  readonly checks: Check[];
  loadAverage?: { before: number[]; after: number[] };
  overhead?: OverheadResult;
  large?: LargeResult;
  rateLimits?: RateLimitResult;
  footprint?: FootprintResult;
  profile?: ProfileResult;
  jobs?: JobsResult;
}

const PACKAGES = ['autocannon', 'got', 'undici', 'graphql', '@apollo/server', '@apollo/subgraph', 'pino', 'prom-client', 'dataloader'];

function version(name: string): string {
  try {
    return (JSON.parse(readFileSync(`${REPO_ROOT}node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? `${os.type()} ${os.release()}`;
  } catch {
    return `${os.type()} ${os.release()}`;
  }
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: os.totalmem() / 1024 ** 3,
    os: `${osName()}, kernel ${os.release()} (${os.arch()})`,
    node: process.version,
    loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
  };
}

const table = (head: string[], rows: string[][], align?: string[]) => [
  `| ${head.join(' | ')} |`,
  `| ${(align ?? head.map(() => '---')).join(' | ')} |`,
  ...rows.map((row) => `| ${row.join(' | ')} |`),
].join('\n');

const verdict = (check: Check) => (check.met === null ? 'reported' : check.met ? 'met' : '**missed**');

function overheadSection(result: OverheadResult, settings: RunSettings): string {
  const lines: string[] = result.cost.length > 0 ? ['## 1. The cost of the facade', ''] : [];
  if (result.cost.length > 0) lines.push(
    `The instant-answer LeadLex simulator, ${32} connections, ${settings.reps} interleaved runs of ${settings.durationS} s per target after a ${settings.warmupS} s warm-up each.`,
    'Medians, with the range over runs in brackets; ratios are taken per pair of runs made one after the other, then the median of those. CPU µs per request: user + system time of the server under test only (the simulator\'s for the direct call), from /proc, per 2xx answer: steadier than req/s when the processes share the cores, though JIT warm-up and how many requests each event-loop turn batches still move it.',
    '',
  );
  for (const { ids, series } of result.cost) {
    const got = runsOf(series, 'proxy (got)');
    lines.push(`### ${ids} IDs per call`, '');
    lines.push(table(
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'req/s ÷ got proxy', 'p99 ÷ got proxy', 'CPU µs per request'],
      series.map(({ target, runs }) => [
        target,
        summarise(runs, (r) => r.rps, 0),
        summarise(runs, (r) => r.p50, 2),
        summarise(runs, (r) => r.p99, 2),
        fmt(pairedMedian(runs, got, (a, b) => a.rps / b.rps), 2),
        fmt(pairedMedian(runs, got, (a, b) => a.p99 / b.p99), 2),
        runs.every((r) => r.cpuMsPerRequest !== null) ? fmt(median(runs.map((r) => r.cpuMsPerRequest! * 1000)), 0) : 'n/a',
      ]),
      ['---', '---:', '---:', '---:', '---:', '---:', '---:'],
    ), '');
  }
  if (result.latency.length > 0) {
    lines.push(
      '## 2. Added latency',
      '',
      `The simulator answers in 50 ms; 2 IDs per call; ${settings.reps} interleaved runs of ${settings.durationS} s. "Added" is a target's percentile minus the direct call's, per run pair, median. The bare proxies show what one hop on each HTTP client adds by itself.`,
      '',
    );
    const rows: string[][] = [];
    for (const { connections, series } of result.latency) {
      const direct = runsOf(series, 'direct');
      for (const { target, runs } of series) {
        const med = (f: (r: LoadResult) => number) => fmt(median(runs.map(f)), 2);
        rows.push([
          String(connections), target, fmt(median(runs.map((r) => r.rps)), 0),
          med((r) => r.p50), target === 'direct' ? '—' : fmt(pairedMedian(runs, direct, (f, d) => f.p50 - d.p50), 2),
          med((r) => r.p99), target === 'direct' ? '—' : fmt(pairedMedian(runs, direct, (f, d) => f.p99 - d.p99), 2),
          runs.every((r) => r.cpuMsPerRequest !== null) ? fmt(median(runs.map((r) => r.cpuMsPerRequest! * 1000)), 0) : 'n/a',
        ]);
      }
    }
    lines.push(table(
      ['connections', 'target', 'req/s', 'p50', 'added p50', 'p99', 'added p99', 'CPU µs per request'],
      rows,
      ['---:', '---', '---:', '---:', '---:', '---:', '---:', '---:'],
    ), '', 'Times in ms.', '');
  }
  return lines.join('\n');
}

function largeSection(result: LargeResult): string {
  const lines = ['## 3. Large deletes', '', 'The simulator answers in 50 ms; LeadLex takes 500 IDs per call; `BATCH_CONCURRENCY=4`, `MAX_IDS_PER_CALL=50000`. Each call is timed end to end by a bare `node:http` client on a kept-alive connection (request sent to answer read); the ideal is the number of waves of 4 batches × 50 ms.', ''];
  lines.push(table(
    ['IDs', 'batches', 'waves', 'ideal ms', 'median ms (range)', '÷ ideal'],
    result.sizes.map((size) => {
      const [low, high] = range(size.times);
      return [size.ids.toLocaleString('en'), String(size.batches), String(size.waves), String(size.idealMs), `${fmt(median(size.times), 0)} (${fmt(low, 0)}–${fmt(high, 0)})`, fmt(median(size.times) / size.idealMs, 2)];
    }),
    ['---:', '---:', '---:', '---:', '---:', '---:'],
  ), '');
  if (result.memory.length > 0) {
    const rss = result.memory.map((m) => (m.rssPeak - m.rssBefore) / MB);
    const heap = result.memory.map((m) => (m.heapPeak - m.heapBefore) / MB);
    lines.push(
      `Memory of the facade around each 50,000-ID call, after a forced GC (peak RSS from ${result.memory[0]!.source === 'VmHWM' ? 'the kernel\'s high-water mark, reset before the call' : 'sampling every 2 ms'}; heap = V8 heap used + external, sampled every 2 ms):`,
      '',
      table(['', 'before (median)', 'growth (median)', 'growth range'], [
        ['RSS', `${fmt(median(result.memory.map((m) => m.rssBefore / MB)))} MB`, `${fmt(median(rss))} MB`, `${fmt(range(rss)[0])}–${fmt(range(rss)[1])} MB`],
        ['heap', `${fmt(median(result.memory.map((m) => m.heapBefore / MB)))} MB`, `${fmt(median(heap))} MB`, `${fmt(range(heap)[0])}–${fmt(range(heap)[1])} MB`],
      ], ['---', '---:', '---:', '---:']),
      '',
    );
  }
  return lines.join('\n');
}

function rateLimitSection(result: RateLimitResult): string {
  const lines = [
    '## 4. Rate limits are paced, not hit',
    '',
    `8 concurrent clients send a stream of deletes (5 IDs each) through the facade to a simulator enforcing a scaled-down budget. One delete goes first, alone, so the facade has seen the X-RateLimit-* headers; then every 429 the simulator answers counts. \`RATE_LIMIT_MAX_WAIT_MS=${result.maxWaitMs}\` (twice the longest window) so the facade waits for the budget instead of refusing. The achieved rate comes from the simulator's admissions: for Stoq's rolling window (N − B) / (t_last − t_first), B the requests one window allows, so a client spending the budget at each refill, in a burst or evenly, scores exactly the allowed rate; for LeadLex's fixed windows, the admissions in the whole windows between the first and the last.`,
    '',
  ];
  lines.push(table(
    ['vendor', 'budget', 'run', 'deletes completed', 'refused', 'allowed /s', 'achieved /s', 'ratio', '429s'],
    result.runs.map((run) => [
      run.vendor, run.budget, `${run.durationS} s`, String(run.completed), String(run.refused),
      fmt(run.allowedPerS, 2), fmt(run.achievedPerS, 2), fmt(run.achievedPerS / run.allowedPerS, 2),
      String(run.simulator.byStatus['429'] ?? 0),
    ]),
    ['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:'],
  ), '');
  return lines.join('\n');
}

function jobsSection(result: JobsResult): string {
  const { large, largeInManifestLimit: limited, paced } = result;
  const row = (name: string, run: JobsResult['large']) => [name, run.ids.toLocaleString('en'), String(run.batches), `${run.latencyMs} ms`, `${fmt(run.elapsedMs / 1000, 2)} s`, `${fmt(run.idealMs / 1000, 2)} s`, `${fmt(run.elapsedMs / run.idealMs, 2)}×`, `${fmt(run.rssBeforeMb)} → ${fmt(run.rssPeakMb)}`, `${fmt(run.heapBeforeMb)} → ${fmt(run.heapPeakMb)}`];
  const lines = [
    '## 6. Jobs',
    '',
    `The facade (bench/children/facade.ts, as main.ts builds it, its embedded SQLite store on a file, each commit synced before it is answered) runs LeadLex jobs of 500-ID batches, \`BATCH_CONCURRENCY=4\`, \`JOB_WORKER_CONCURRENCY=1\`. The IDs get in before the facade starts: the job is written OPEN into its database directly (uploading through \`addBulkDeleteJobIds\` is not what is measured), then \`startBulkDeleteJob\` starts it; its time is its own \`finishedAt − startedAt\`. The simulators run in processes of their own on the same shared machine.`,
    '',
    table(
      ['job', 'IDs', 'batches', 'latency', 'time', 'ideal (waves × latency)', 'ratio', 'RSS before → peak (MB)', 'heap before → peak (MB)'],
      [row('unpaced', large), ...(limited === null ? [] : [row(`unpaced, in ${fmt(limited.limitBytes / MB, 0)} MiB`, limited)])],
      ['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:'],
    ),
    '',
    ...(limited === null ? [] : [`"in ${fmt(limited.limitBytes / MB, 0)} MiB": the same job with the facade in a cgroup limited to its Kubernetes manifest's memory limit, from which Node sizes V8's heap as it does in the container.`, '']),
    `Paced: a LeadLex quota of ${paced.limit} requests per ${paced.windowMs / 1000} s window (X-RateLimit-* headers), ${paced.latencyMs} ms per call, a job of ${paced.batches} batches; jobs may spend \`JOB_RATE_SHARE\` × limit = ${paced.allowedPerWindow} per window. Job requests per whole window (the simulator's admissions less the synchronous deletes sent in it): ${paced.jobPerWindow.join(', ')}. The job went PAUSED ${paced.pauses} times. 429s: ${paced.simulator.byStatus['429'] ?? 0}. Synchronous deletes (one ID) sent during the job, ms: ${paced.syncMs.map((ms) => fmt(ms, 0)).join(', ')}; on the idle facade: ${fmt(paced.idleSyncMs, 0)} ms.`,
    '',
  ];
  return lines.join('\n');
}

const loadRuns = (runs: FootprintResult['defaults']['runs']): string =>
  runs.map((run) => `${fmt(run.rps, 0)} req/s at ${run.ids} IDs${run.cpuUs === null ? '' : `, ${fmt(run.cpuUs, 0)} µs CPU each`}`).join('; ');

function footprintSection(result: FootprintResult): string {
  const lines = ['## 5. Footprint', '', 'Spawn to the first `/readyz` 200 (polled every 5 ms from the spawn), and resident memory (`VmRSS`) 1 s after ready. Live: the scenario 1 environment, LeadLex configured. Demo mode starts the three simulators in the process too. `npm start` adds npm\'s own start-up.', ''];
  lines.push(table(
    ['start', 'ready ms (median, range)', 'RSS MB (median)'],
    result.starts.map((start) => {
      const [low, high] = range(start.readyMs);
      return [start.name, `${fmt(median(start.readyMs), 0)} (${fmt(low, 0)}–${fmt(high, 0)})`, start.rss.length > 0 ? fmt(median(start.rss) / MB) : '—'];
    }),
    ['---', '---:', '---:'],
  ), '');
  const defaults = result.defaults;
  if (defaults.peakRss !== null) {
    lines.push(`Peak RSS (\`VmHWM\`) under scenario 1's load at the default settings: ${fmt(defaults.peakRss / MB)} MB. Scenario 1's environment, but the idempotency store keeps its default quota (10,000 keys, 32 MiB per client): the one client first fills it with 500-ID results until the facade refuses a key (${defaults.storedResults} results), then 32 connections send 2-ID and 500-ID calls without keys, as long as scenario 1 runs each (${loadRuns(defaults.runs)}), so every call makes the whole delete.`, '');
  }
  const limited = result.inManifestLimit;
  if (limited?.peakRss != null) {
    lines.push(`The same inside the memory limit of the facade's Kubernetes manifest (${fmt(limited.limitBytes / MB, 0)} MiB, a cgroup made for the run), from which Node sizes V8's heap as it does in the container: ${fmt(limited.peakRss / MB)} MB (${limited.storedResults} results stored; ${loadRuns(limited.runs)}).`, '');
  }
  if (result.peakRssUnderLoad !== null) lines.push(`Peak RSS over the whole of scenario 1, whose idempotency quota is raised to 1 GiB so that none of its ~100,000 fresh keys is refused: ${fmt(result.peakRssUnderLoad / MB)} MB. Most of the difference is the results it stores and the heap V8 grows around them.`, '');
  return lines.join('\n');
}

export function renderReport(parts: ReportParts): string {
  const machine = machineInfo();
  const minutes = parts.finished ? ((parts.finished.getTime() - parts.started.getTime()) / 60_000).toFixed(1) : '?';
  const lines: string[] = [
    '# Benchmarks',
    '',
    `Written by \`${parts.command}\` (bench/run.ts) on ${parts.started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${minutes} minutes${parts.settings.smoke ? ' — a **smoke run**: seconds per scenario, the figures mean nothing' : ''}. Regenerate it with \`npm run bench\`; edit bench/optimisations.md, not this file.`,
    '',
    '## Targets',
    '',
    table(['scenario', 'what', 'target', 'measured', 'verdict'], parts.checks.map((check) => [check.scenario, check.what, check.target, check.measured, verdict(check)])),
    '',
    '## Machine and method',
    '',
    `- CPU: ${machine.cpu}, ${machine.cores} cores; memory ${machine.memoryGb.toFixed(0)} GB; ${machine.os}`,
    `- Node ${machine.node}; ${PACKAGES.map((name) => `${name} ${version(name)}`).join(', ')}`,
    `- Load average (1, 5, 15 min) at start ${parts.loadAverage?.before.join(', ') ?? '?'}, at the end ${parts.loadAverage?.after.join(', ') ?? '?'}`,
    `- Command: \`${parts.command}\``,
    '- Every server runs in a process of its own, started with the same Node: each simulator, each proxy, the facade (`node src/main.ts`, or in scenario 3 bench/children/facade.ts, which builds the app the same way and measures its own memory). autocannon runs in the parent. They share the machine\'s cores, so absolute figures depend on it: compare within a run.',
    '- The facade has every feature on: `NODE_ENV=production`, an API key per request (`AUTH_API_KEYS`), a fresh `idempotencyKey` per call (in-process store), `LOG_LEVEL=info` (request and audit lines, stdout to /dev/null), metrics. `CLIENT_RATE_LIMIT_PER_MINUTE=0`: the default 120 per minute would throttle the load generator. In scenarios 1 and 2 `UPSTREAM_CONCURRENCY=32`, matching the 32 clients, so its deliberate queue is not what is measured; the proxies get the same 32 sockets.',
    '- The LeadLex simulator treats every ID as an existing deal that deleting does not remove, keeps no request log, and bounds its idempotency store, so every target gets the same answer all run long. Clients send the same JSON to the simulator and to the proxies, which forward it with the headers the facade sends (authorization, content type, accept, idempotency key, request ID).',
    '',
  ];
  if (parts.overhead) lines.push(overheadSection(parts.overhead, parts.settings));
  if (parts.large) lines.push(largeSection(parts.large));
  if (parts.rateLimits) lines.push(rateLimitSection(parts.rateLimits));
  if (parts.footprint) lines.push(footprintSection(parts.footprint));
  if (parts.jobs) lines.push(jobsSection(parts.jobs));
  if (parts.profile) {
    lines.push('## Profile', '', 'The facade under scenario 1\'s load with `node --cpu-prof` (`npm run bench -- --profile`): self time by package and the top functions. The profiles are in test-results/bench/profiles/ (open them in Chrome DevTools or speedscope for flame graphs).', '', parts.profile.text);
  }
  const notes = `${REPO_ROOT}bench/optimisations.md`;
  if (existsSync(notes)) lines.push(readFileSync(notes, 'utf8').trim(), '');
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
