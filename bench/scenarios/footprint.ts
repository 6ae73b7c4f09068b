// Scenario 5: footprint. Time from spawn to the first /readyz 200 (polled every 5 ms), and
// resident memory once started, for `node src/main.ts` as deployed (live, the scenario 1
// environment) and in demo mode, and for `npm start`. Memory under load is the facade's peak
// RSS over scenario 1 (VmHWM).
import { spawnFacade, type FacadeLaunch } from '../lib/children.ts';
import { MB, SIM_KEYS, facadeEnv, fmt, procMemory, startSimulator, type Check, type RunSettings } from '../lib/setup.ts';
import { median, range } from '../lib/stats.ts';

export interface StartRun {
  readonly name: string;
  readonly readyMs: number[];
  /** RSS 1 s after ready (bytes); empty for npm start, whose process is npm's. */
  readonly rss: number[];
}

export interface FootprintResult {
  readonly starts: StartRun[];
  readonly peakRssUnderLoad: number | null;
  readonly checks: Check[];
}

export async function runFootprint(settings: RunSettings, peakRssUnderLoad: number | null, log: (line: string) => void): Promise<FootprintResult> {
  const simulator = await startSimulator({ vendor: 'leadlex', apiKey: SIM_KEYS.leadlex, latencyMs: 0 });
  const live = facadeEnv({ LEADLEX_API_URL: simulator.url, LEADLEX_API_KEY: SIM_KEYS.leadlex });
  const variants: Array<{ name: string; env: Record<string, string>; launch: FacadeLaunch; memory: boolean }> = [
    { name: 'node src/main.ts (live)', env: live, launch: {}, memory: true },
    { name: 'node src/main.ts (demo mode)', env: {}, launch: {}, memory: true },
    { name: 'npm start (live)', env: live, launch: { via: 'npm' }, memory: false },
  ];
  const starts = variants.map((variant) => ({ name: variant.name, readyMs: [] as number[], rss: [] as number[] }));
  try {
    const reps = settings.smoke ? 1 : 5;
    for (let rep = 0; rep < reps; rep++) {
      for (const [index, variant] of variants.entries()) {
        const facade = await spawnFacade(variant.env, variant.launch);
        try {
          starts[index]!.readyMs.push(facade.readyMs);
          if (variant.memory) {
            await new Promise((resolve) => setTimeout(resolve, 1_000));
            const rss = procMemory(facade.pid, 'VmRSS');
            if (rss !== null) starts[index]!.rss.push(rss);
          }
        } finally {
          await facade.stop();
        }
        const rss = starts[index]!.rss.at(-1);
        log(`    ${variant.name.padEnd(30)} ready in ${fmt(facade.readyMs, 0)} ms${variant.memory && rss !== undefined ? `, RSS ${fmt(rss / MB)} MB` : ''}`);
      }
    }
  } finally {
    await simulator.stop();
  }

  const checks: Check[] = [];
  const spread = (values: number[], digits: number, scale = 1) => {
    const [low, high] = range(values.map((v) => v / scale));
    return values.length > 1 ? ` (${fmt(low, digits)}–${fmt(high, digits)})` : '';
  };
  const main = starts[0]!;
  if (main.rss.length > 0) {
    checks.push({ scenario: '5', what: 'RSS after start, node src/main.ts (live)', target: '≤ 120 MB', measured: `${fmt(median(main.rss) / MB)} MB${spread(main.rss, 1, MB)}`, met: median(main.rss) <= 120 * MB });
  }
  if (peakRssUnderLoad !== null) {
    checks.push({ scenario: '5', what: 'peak RSS under the load of scenario 1', target: '≤ 150 MB', measured: `${fmt(peakRssUnderLoad / MB)} MB`, met: peakRssUnderLoad <= 150 * MB });
  }
  checks.push({ scenario: '5', what: 'spawn to /readyz 200, node src/main.ts (live)', target: '≤ 1000 ms', measured: `${fmt(median(main.readyMs), 0)} ms${spread(main.readyMs, 0)}`, met: median(main.readyMs) <= 1_000 });
  for (const other of starts.slice(1)) {
    checks.push({ scenario: '5', what: `spawn to /readyz 200, ${other.name}`, target: 'reported', measured: `${fmt(median(other.readyMs), 0)} ms${spread(other.readyMs, 0)}`, met: null });
  }
  return { starts, peakRssUnderLoad, checks };
}
