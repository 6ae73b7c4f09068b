// Scenario 4: rate limits are paced, not hit. A stream of deletes from 8 concurrent clients
// against simulators enforcing a scaled-down budget: Stoq's rolling points window, and
// LeadLex's fixed quota window.
//
// One delete goes first, alone, so the facade has seen the X-RateLimit-* headers before the
// stream starts; from then on no 429 may reach the simulator, and the deletes must complete
// at ≥ 90 % of the rate the budget allows, measured from the simulator's admissions:
// - Stoq (rolling window, starting full): (N − B) / (t_N − t_1) over the N admitted requests,
//   B the requests one window allows. A client that spends the whole budget at once and again
//   at every refill scores exactly B per window, as does one that spreads it evenly.
// - LeadLex (fixed windows aligned to the epoch): admissions in the whole windows between
//   the first and the last, per second.
import { spawnFacade } from '../lib/children.ts';
import { runLoad, type RequestShape } from '../lib/load.ts';
import { FACADE_AUTH, DELETE_DEALS, DELETE_INTENTS, SIM_KEYS, facadeEnv, fmt, sendOnce, startSimulator, type Check, type RunSettings } from '../lib/setup.ts';
import type { SimulatorStats } from '../children/simulator.ts';

const CLIENTS = 8;
const IDS_PER_DELETE = 5;

export interface PacedRun {
  readonly vendor: 'stoq' | 'leadlex';
  readonly budget: string;
  /** Upstream requests the budget allows per window, and the window. */
  readonly perWindow: number;
  readonly windowMs: number;
  readonly durationS: number;
  /** Deletes the clients saw complete. */
  readonly completed: number;
  /** Deletes answered with an error (e.g. RATE_LIMITED: the facade would not wait that long). */
  readonly refused: number;
  readonly allowedPerS: number;
  readonly achievedPerS: number;
  readonly simulator: SimulatorStats;
}

export interface RateLimitResult {
  readonly runs: PacedRun[];
  readonly maxWaitMs: number;
  readonly checks: Check[];
}

/** Runs the stream; counts the deletes that did everything they were asked, and the others. */
async function stream(shape: Omit<RequestShape, 'body'>, nextBody: () => string, field: string, durationS: number, timeoutS: number) {
  let completed = 0;
  let refused = 0;
  const errors = new Map<string, number>();
  await runLoad({
    ...shape,
    body: nextBody(),
    nextBody,
    onResponse: (status, body) => {
      const answer = status === 200 ? (JSON.parse(body) as { data?: Record<string, { deletedCount?: number } | null>; errors?: Array<{ extensions?: { code?: string } }> }) : null;
      if (answer?.data?.[field]?.deletedCount === IDS_PER_DELETE) {
        completed++;
        return;
      }
      refused++;
      const code = answer?.errors?.[0]?.extensions?.code ?? `HTTP ${status}`;
      errors.set(code, (errors.get(code) ?? 0) + 1);
    },
  }, { connections: CLIENTS, durationS, timeoutS });
  return { completed, refused, errors };
}

/** Rolling window: (N − B) / (t_N − t_1). */
function rollingRate(admitted: number[], perWindow: number): number {
  if (admitted.length <= perWindow) return 0;
  const sorted = [...admitted].sort((a, b) => a - b);
  return (sorted.length - perWindow) / ((sorted.at(-1)! - sorted[0]!) / 1000);
}

/** Fixed windows: admissions in the whole windows between the first admission and the last, per second. */
function fixedWindowRate(admitted: number[], windowMs: number): number {
  if (admitted.length === 0) return 0;
  const sorted = [...admitted].sort((a, b) => a - b);
  const from = Math.floor(sorted[0]! / windowMs) * windowMs + windowMs;
  const to = Math.floor(sorted.at(-1)! / windowMs) * windowMs;
  if (to <= from) return 0;
  return sorted.filter((t) => t >= from && t < to).length / ((to - from) / 1000);
}

export async function runRateLimits(settings: RunSettings, log: (line: string) => void): Promise<RateLimitResult> {
  // More requests per window than clients, so every client gets in each window.
  const stoqBudget = settings.smoke ? { points: 20, windowMs: 2_000, cost: 2 } : { points: 36, windowMs: 6_000, cost: 2 };
  const leadlexQuota = settings.smoke ? { limit: 10, windowMs: 2_000 } : { limit: 30, windowMs: 5_000 };
  const windows = settings.smoke ? 2 : 6;
  const [stoq, leadlex] = await Promise.all([
    startSimulator({ vendor: 'stoq', apiKey: SIM_KEYS.stoq, latencyMs: 0, rateLimit: stoqBudget, intents: 50_000, keepAdmittedTimes: true }),
    startSimulator({ vendor: 'leadlex', apiKey: SIM_KEYS.leadlex, latencyMs: 0, quota: leadlexQuota, keepAdmittedTimes: true }),
  ]);
  const maxWaitMs = 2 * Math.max(stoqBudget.windowMs, leadlexQuota.windowMs);
  const facade = await spawnFacade(facadeEnv({
    STOQ_API_URL: stoq.url,
    STOQ_API_KEY: SIM_KEYS.stoq,
    LEADLEX_API_URL: leadlex.url,
    LEADLEX_API_KEY: SIM_KEYS.leadlex,
    // Wait for the budget rather than refuse: the default 5 s is shorter than a 6 s window.
    RATE_LIMIT_MAX_WAIT_MS: String(maxWaitMs),
  }));
  const runs: PacedRun[] = [];
  try {
    const shape = { url: facade.url, method: 'POST' as const, path: '/graphql', headers: { authorization: FACADE_AUTH, 'content-type': 'application/json' } };
    let intent = 0;
    let request = 0;
    const cases = [
      {
        vendor: 'stoq' as const, simulator: stoq, field: 'bulkDeleteIntents', windowMs: stoqBudget.windowMs, rolling: true,
        perWindow: Math.floor(stoqBudget.points / stoqBudget.cost), budget: `${stoqBudget.points} points per rolling ${stoqBudget.windowMs / 1000} s, ${stoqBudget.cost} per delete`,
        body: () => JSON.stringify({ query: DELETE_INTENTS, operationName: 'DeleteIntents', variables: { input: { ids: Array.from({ length: IDS_PER_DELETE }, () => `int_${++intent}`) } } }),
      },
      {
        vendor: 'leadlex' as const, simulator: leadlex, field: 'bulkDeleteDeals', windowMs: leadlexQuota.windowMs, rolling: false,
        perWindow: leadlexQuota.limit, budget: `${leadlexQuota.limit} requests per fixed ${leadlexQuota.windowMs / 1000} s window`,
        body: () => JSON.stringify({ query: DELETE_DEALS, operationName: 'DeleteDeals', variables: { input: { ids: Array.from({ length: IDS_PER_DELETE }, (_, i) => `deal_${i}`), idempotencyKey: `bench-paced-${++request}` } } }),
      },
    ];
    for (const c of cases) {
      const durationS = (windows * c.windowMs) / 1000 + 1;
      // The priming delete: afterwards the facade knows the budget.
      const primed = await sendOnce({ ...shape, body: c.body() });
      if ((primed.json as { data?: Record<string, { deletedCount?: number } | null> }).data?.[c.field]?.deletedCount !== IDS_PER_DELETE) {
        throw new Error(`${c.vendor}: the priming delete failed: ${JSON.stringify(primed.json).slice(0, 300)}`);
      }
      // A rolling window starts the stream full; a fixed one is counted in whole windows anyway.
      if (c.rolling) await new Promise((resolve) => setTimeout(resolve, c.windowMs));
      await c.simulator.request('reset');
      log(`  ${c.vendor}: ${c.budget}, ${CLIENTS} clients for ${durationS} s`);
      const { completed, refused, errors } = await stream(shape, c.body, c.field, durationS, maxWaitMs / 1000 + 10);
      const simulator = await c.simulator.request<SimulatorStats>('stats');
      if (completed <= c.perWindow) throw new Error(`${c.vendor}: only ${completed} deletes completed (${[...errors].map(([code, n]) => `${n} ${code}`).join(', ')}); the harness is broken`);
      const allowedPerS = c.perWindow / (c.windowMs / 1000);
      const achievedPerS = c.rolling ? rollingRate(simulator.admittedAt, c.perWindow) : fixedWindowRate(simulator.admittedAt, c.windowMs);
      runs.push({ vendor: c.vendor, budget: c.budget, perWindow: c.perWindow, windowMs: c.windowMs, durationS, completed, refused, allowedPerS, achievedPerS, simulator });
      const refusals = [...errors].map(([code, n]) => `${n} ${code}`).join(', ');
      log(`    ${completed} deletes${refusals ? `, refused: ${refusals}` : ''}; ${fmt(achievedPerS, 2)}/s of ${fmt(allowedPerS, 2)}/s allowed; 429s at the simulator: ${simulator.byStatus['429'] ?? 0}`);
    }
  } finally {
    await Promise.all([facade.stop(), stoq.stop(), leadlex.stop()]);
  }
  const checks: Check[] = [];
  for (const run of runs) {
    const label = run.vendor === 'stoq' ? 'Stoq' : 'LeadLex';
    const rateLimited = run.simulator.byStatus['429'] ?? 0;
    checks.push(
      { scenario: '4', what: `${label}: 429s reaching the simulator once the facade has seen the headers`, target: '0', measured: String(rateLimited), met: rateLimited === 0 },
      { scenario: '4', what: `${label}: deletes per second ÷ the rate the budget allows`, target: '≥ 0.90', measured: `${fmt(run.achievedPerS / run.allowedPerS, 2)} (${fmt(run.achievedPerS, 2)}/s of ${fmt(run.allowedPerS, 2)}/s)`, met: run.achievedPerS / run.allowedPerS >= 0.9 },
    );
  }
  return { runs, maxWaitMs, checks };
}
