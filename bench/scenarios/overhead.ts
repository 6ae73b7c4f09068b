// Scenarios 1 and 2: what the facade costs per request, against the same simulator called
// directly and through the barest proxy our HTTP client allows.
import { spawnBenchChild, spawnFacade, type Child, type FacadeProcess } from '../lib/children.ts';
import { runLoad, type LoadResult, type RequestShape } from '../lib/load.ts';
import {
  SIM_KEYS, dealIds, directShape, facadeEnv, facadeShape, fmt, metricSum, procMemory, proxyShape, sendOnce, startSimulator,
  type Check, type RunSettings,
} from '../lib/setup.ts';
import { median, range } from '../lib/stats.ts';

/** Connections of scenario 1, and the upstream concurrency the facade and proxies are given for it. */
const CONNECTIONS = 32;
/** The facade's defaults that shape its HTTP client; the proxies use the same. */
const POLICY = { timeoutMs: 10_000, batchConcurrency: 4, upstreamConcurrency: CONNECTIONS };

/** Every run of one target, in the order made. */
export interface Series {
  readonly target: string;
  readonly runs: LoadResult[];
}

export interface OverheadResult {
  /** By ID count: each target's runs. */
  readonly cost: Array<{ ids: number; series: Series[] }>;
  /** By connection count: direct and facade runs at 50 ms. */
  readonly latency: Array<{ connections: number; series: Series[] }>;
  /** The facade's peak RSS over all of scenario 1 (bytes), null where /proc is missing. */
  readonly peakRssUnderLoad: number | null;
  readonly checks: Check[];
}

/** The facade for scenarios 1 and 2, in front of the given LeadLex simulator. */
function startFacadeFor(simulatorUrl: string, root?: string): Promise<FacadeProcess> {
  return spawnFacade(facadeEnv({
    LEADLEX_API_URL: simulatorUrl,
    LEADLEX_API_KEY: SIM_KEYS.leadlex,
    // 32 clients: the facade's deliberate queue in front of a vendor (UPSTREAM_CONCURRENCY,
    // 8 by default) would otherwise be what is measured.
    UPSTREAM_CONCURRENCY: String(POLICY.upstreamConcurrency),
  }), root === undefined ? {} : { root });
}

function startProxy(client: 'got' | 'undici', simulatorUrl: string): Promise<Child> {
  return spawnBenchChild('proxy', { BENCH_PROXY: JSON.stringify({ client, upstreamUrl: simulatorUrl, apiKey: SIM_KEYS.leadlex, ...POLICY }) });
}

/** Checks one target answers the deletion correctly before it is measured. */
async function verify(target: string, shape: RequestShape, ids: number): Promise<void> {
  const { status, json } = await sendOnce(shape);
  const answer = json as { data?: { deleted_count?: number; bulkDeleteDeals?: { deletedCount?: number } }; errors?: unknown };
  const deleted = answer.data?.deleted_count ?? answer.data?.bulkDeleteDeals?.deletedCount;
  if (status !== 200 || deleted !== ids || answer.errors !== undefined) {
    throw new Error(`${target} does not answer the ${ids}-ID deletion as expected: HTTP ${status} ${JSON.stringify(json).slice(0, 500)}`);
  }
}

/** Runs `targets` interleaved (A B C A B C …) after warming each up; every run counts only if it saw no error. */
async function interleave(targets: Array<{ name: string; shape: RequestShape; pid: number }>, connections: number, settings: RunSettings, log: (line: string) => void): Promise<Series[]> {
  for (const target of targets) await runLoad(target.shape, { connections, durationS: settings.warmupS });
  const series = targets.map((target) => ({ target: target.name, runs: [] as LoadResult[] }));
  for (let rep = 0; rep < settings.reps; rep++) {
    for (const [index, target] of targets.entries()) {
      const result = await runLoad(target.shape, { connections, durationS: settings.durationS, cpuPid: target.pid });
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target.name}: ${result.non2xx} non-2xx answers and ${result.errors} errors during a run`);
      series[index]!.runs.push(result);
      const cpu = result.cpuMsPerRequest === null ? '' : `  CPU ${fmt(result.cpuMsPerRequest * 1000, 0)} µs/req`;
      log(`    ${target.name.padEnd(16)} ${fmt(result.rps, 0).padStart(6)} req/s  p50 ${fmt(result.p50, 2)} ms  p99 ${fmt(result.p99, 2)} ms${cpu}`);
    }
  }
  return series;
}

const find = (series: Series[], target: string): LoadResult[] => series.find((s) => s.target === target)!.runs;
/** Median of a per-run quantity computed from the paired runs of two targets (same repetition). */
const pairedMedian = (a: LoadResult[], b: LoadResult[], f: (x: LoadResult, y: LoadResult) => number): number => median(a.map((x, i) => f(x, b[i]!)));

export async function runOverhead(settings: RunSettings, log: (line: string) => void, parts = { cost: true, latency: true }): Promise<OverheadResult> {
  const checks: Check[] = [];
  const cost: OverheadResult['cost'] = [];
  let peakRssUnderLoad: number | null = null;

  // Scenario 1: an instant-answer simulator, shared by every target.
  if (parts.cost) {
    const simulator = await startSimulator({ vendor: 'leadlex', apiKey: SIM_KEYS.leadlex, latencyMs: 0 });
    // For before/after comparisons of a change, in one run: BENCH_FACADE_ROOT starts the facade
    // from another checkout, BENCH_COMPARE_ROOT adds a second one as "facade (compare)".
    const [gotProxy, undiciProxy, facade] = await Promise.all([startProxy('got', simulator.url), startProxy('undici', simulator.url), startFacadeFor(simulator.url, process.env.BENCH_FACADE_ROOT)]);
    const compareRoot = process.env.BENCH_COMPARE_ROOT;
    const compare = compareRoot ? await startFacadeFor(simulator.url, compareRoot) : null;
    try {
      for (const ids of [2, 500]) {
        const list = dealIds(ids);
        const targets = [
          { name: 'direct', shape: directShape(simulator.url, list), pid: simulator.pid },
          { name: 'proxy (got)', shape: proxyShape(String(gotProxy.info.url), list), pid: gotProxy.pid },
          { name: 'proxy (undici)', shape: proxyShape(String(undiciProxy.info.url), list), pid: undiciProxy.pid },
          { name: 'facade', shape: facadeShape(facade.url, list), pid: facade.pid },
          ...(compare ? [{ name: 'facade (compare)', shape: facadeShape(compare.url, list), pid: compare.pid }] : []),
        ];
        for (const target of targets) await verify(target.name, target.shape, ids);
        log(`  scenario 1: ${ids} IDs per call, ${CONNECTIONS} connections`);
        const series = await interleave(targets, CONNECTIONS, settings, log);
        cost.push({ ids, series });
        const facadeRuns = find(series, 'facade');
        const gotRuns = find(series, 'proxy (got)');
        const rpsRatio = pairedMedian(facadeRuns, gotRuns, (f, g) => f.rps / g.rps);
        const p99Ratio = pairedMedian(facadeRuns, gotRuns, (f, g) => f.p99 / g.p99);
        checks.push(
          { scenario: '1', what: `facade req/s ÷ got proxy req/s, ${ids} IDs`, target: '≥ 0.80', measured: fmt(rpsRatio, 2), met: rpsRatio >= 0.8 },
          { scenario: '1', what: `facade p99 ÷ got proxy p99, ${ids} IDs`, target: '≤ 1.30', measured: fmt(p99Ratio, 2), met: p99Ratio <= 1.3 },
        );
      }
      const errors = await metricSum(facade.url, 'facade_bulk_delete_errors_total');
      if (errors > 0) throw new Error(`the facade reported ${errors} failed mutations during scenario 1`);
      peakRssUnderLoad = procMemory(facade.pid, 'VmHWM');
      if (peakRssUnderLoad !== null) log(`  the facade's peak RSS over scenario 1: ${fmt(peakRssUnderLoad / (1024 * 1024))} MB`);
    } finally {
      await Promise.all([gotProxy.stop(), undiciProxy.stop(), facade.stop(), compare?.stop(), simulator.stop()]);
    }
  }

  // Scenario 2: a simulator answering in 50 ms; how much the facade adds to a call. The
  // proxies show what one hop on each HTTP client adds by itself.
  const latency: OverheadResult['latency'] = [];
  if (parts.latency) {
    const simulator = await startSimulator({ vendor: 'leadlex', apiKey: SIM_KEYS.leadlex, latencyMs: 50 });
    const [gotProxy, undiciProxy, facade] = await Promise.all([startProxy('got', simulator.url), startProxy('undici', simulator.url), startFacadeFor(simulator.url)]);
    try {
      const list = dealIds(2);
      const targets = [
        { name: 'direct', shape: directShape(simulator.url, list), pid: simulator.pid },
        { name: 'proxy (got)', shape: proxyShape(String(gotProxy.info.url), list), pid: gotProxy.pid },
        { name: 'proxy (undici)', shape: proxyShape(String(undiciProxy.info.url), list), pid: undiciProxy.pid },
        { name: 'facade', shape: facadeShape(facade.url, list), pid: facade.pid },
      ];
      for (const target of targets) await verify(target.name, target.shape, 2);
      for (const connections of [1, 32]) {
        log(`  scenario 2: 50 ms upstream, ${connections} connection(s)`);
        const series = await interleave(targets, connections, settings, log);
        latency.push({ connections, series });
        const direct = find(series, 'direct');
        const viaFacade = find(series, 'facade');
        const addedP50 = pairedMedian(viaFacade, direct, (f, d) => f.p50 - d.p50);
        const addedP99 = pairedMedian(viaFacade, direct, (f, d) => f.p99 - d.p99);
        checks.push(
          { scenario: '2', what: `facade p50 − direct p50, ${connections} connection(s)`, target: '≤ 1 ms', measured: `${fmt(addedP50, 2)} ms`, met: addedP50 <= 1 },
          { scenario: '2', what: `facade p99 − direct p99, ${connections} connection(s)`, target: '≤ 5 ms', measured: `${fmt(addedP99, 2)} ms`, met: addedP99 <= 5 },
        );
      }
    } finally {
      await Promise.all([gotProxy.stop(), undiciProxy.stop(), facade.stop(), simulator.stop()]);
    }
  }
  return { cost, latency, peakRssUnderLoad, checks };
}

/** Median and spread of one quantity over a series' runs, e.g. "12,345 (12,001–12,700)". */
export function summarise(runs: LoadResult[], f: (r: LoadResult) => number, digits: number): string {
  const values = runs.map(f);
  const [low, high] = range(values);
  return values.length > 1 ? `${fmt(median(values), digits)} (${fmt(low, digits)}–${fmt(high, digits)})` : fmt(median(values), digits);
}

export { find as runsOf, pairedMedian };
