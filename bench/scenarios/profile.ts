// Where a request's time goes: the facade under scenario 1's load with node --cpu-prof, one
// profile per ID count, and the bare got proxy under the same load for the floor of one hop,
// summarised by package and function (start-up and warm-up left out). The .cpuprofile files
// stay in test-results/bench/profiles/ (open them in Chrome DevTools or speedscope).
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { START_NODE_OPTIONS, WORK_DIR, spawnBenchChild, spawnFacade, type Child } from '../lib/children.ts';
import { renderProfile, summariseProfile, type ProfileSummary } from '../lib/cpuprofile.ts';
import { runLoad, type RequestShape } from '../lib/load.ts';
import { SIM_KEYS, dealIds, facadeEnv, facadeShape, proxyShape, startSimulator, type RunSettings } from '../lib/setup.ts';

export const PROFILE_DIR = `${WORK_DIR}profiles/`;

export interface ProfileResult {
  readonly summaries: Array<{ name: string; ids: number; rps: number; file: string; summary: ProfileSummary }>;
  /** Markdown. */
  readonly text: string;
}

function freshDir(name: string): string {
  const dir = `${PROFILE_DIR}${name}/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function runProfile(settings: RunSettings, log: (line: string) => void): Promise<ProfileResult> {
  const durationS = settings.smoke ? 2 : 10;
  const summaries: ProfileResult['summaries'] = [];
  const simulator = await startSimulator({ vendor: 'leadlex', apiKey: SIM_KEYS.leadlex, latencyMs: 0 });

  /** Starts a profiled server, loads it, stops it (a clean exit writes the profile), summarises. */
  async function profile(name: string, ids: number, start: (dir: string) => Promise<{ child: Child; shape: RequestShape; startedMs: number }>): Promise<void> {
    const dir = freshDir(name);
    const { child, shape, startedMs } = await start(dir);
    let rps = 0;
    try {
      await runLoad(shape, { connections: 32, durationS: settings.warmupS });
      rps = (await runLoad(shape, { connections: 32, durationS })).rps;
    } finally {
      await child.stop(15_000);
    }
    const file = readdirSync(dir).find((entry) => entry.endsWith('.cpuprofile'));
    if (file === undefined) throw new Error(`no .cpuprofile written in ${dir}`);
    const skipMs = startedMs + settings.warmupS * 1000;
    summaries.push({ name, ids, rps, file: `${dir}${file}`, summary: summariseProfile(`${dir}${file}`, 25, skipMs) });
    log(`  profiled ${name}: ${rps.toFixed(0)} req/s under the profiler`);
  }

  try {
    for (const ids of [2, 500]) {
      await profile(`facade-${ids}-ids`, ids, async (dir) => {
        const facade = await spawnFacade(
          facadeEnv({ LEADLEX_API_URL: simulator.url, LEADLEX_API_KEY: SIM_KEYS.leadlex, UPSTREAM_CONCURRENCY: '32' }),
          { execArgv: [...START_NODE_OPTIONS, '--cpu-prof', `--cpu-prof-dir=${dir}`], ...(process.env.BENCH_FACADE_ROOT ? { root: process.env.BENCH_FACADE_ROOT } : {}) },
        );
        return { child: facade, shape: facadeShape(facade.url, dealIds(ids)), startedMs: facade.readyMs };
      });
    }
    await profile('got-proxy-2-ids', 2, async (dir) => {
      const started = performance.now();
      const proxy = await spawnBenchChild('proxy', {
        BENCH_PROXY: JSON.stringify({ client: 'got', upstreamUrl: simulator.url, apiKey: SIM_KEYS.leadlex, timeoutMs: 10_000, batchConcurrency: 4, upstreamConcurrency: 32 }),
      }, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
      return { child: proxy, shape: proxyShape(String(proxy.info.url), dealIds(2)), startedMs: performance.now() - started };
    });
  } finally {
    await simulator.stop();
  }
  const text = summaries
    .map(({ name, rps, summary }) => renderProfile(`${name}, 32 connections (${rps.toFixed(0)} req/s under the profiler)`, summary))
    .join('\n');
  return { summaries, text };
}
