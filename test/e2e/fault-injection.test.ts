import { mkdirSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/idempotency/index.ts';
import type { SimulatorFault, SimulatorHandle } from '../../src/simulators/index.ts';
import { SECRETS, accountingProblems, startFacade, type FacadeHarness, type GraphQLAnswer } from '../helpers/facade.ts';
import { mutate, simOf, type MutationInput, type MutationName } from '../helpers/e2e.ts';
import { createTally, expectCoverage, type Tally } from '../helpers/coverage.ts';

// docs/contract.md §3 and §4 end to end, under random IDs (existing, missing, sent or locked,
// duplicated, spanning two LeadLex batches), options, and fault schedules on all three
// upstreams at once: latency, hangs past the timeout, resets before and after the upstream
// processed, 5xx, 4xx, malformed, truncated and wrong-shaped bodies, 429 storms. After each
// schedule: every answer is a GraphQL error after which nothing was deleted, or a result that
// obeys the accounting rule and never claims an outcome the simulator contradicts; no secret
// reaches an answer or a log; the server is healthy. After all of them, the heap is back near
// where it stood after the warm-up.
//
// The suite proves its own coverage: it fails when fewer than a quarter of the upstream
// requests got a fault, when a fault kind was never injected, or when a kind of input was
// (almost) never generated. Its figures go to test-results/fault-injection.json.
//
// Size: FAULT_RUNS schedules (default 300, a few seconds) from FAULT_SEED. `npm run
// test:faults -- --runs N --seed S` runs long ones, and replays a failure.

const RUNS = readWholeNumber('FAULT_RUNS', 300, 100);
const SEED = readWholeNumber('FAULT_SEED', 20_261_122, 0);
/** Schedules run before the heap baseline is taken, so one-time allocations do not count as growth. */
const WARMUP = Math.min(50, Math.floor(RUNS / 10));
const MUTATIONS: readonly MutationName[] = ['intents', 'contacts', 'deals'];
const REPORT = 'test-results/fault-injection.json';

function readWholeNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,10}$/.test(raw) || Number(raw) < min || Number(raw) > 2 ** 31 - 1) {
    throw new Error(`${name} must be a whole number from ${min} to ${2 ** 31 - 1}; got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

const FAULTS = {
  none: undefined,
  latency: { delayMs: 40 },
  'hang-before': { hang: 'before' },
  'hang-after': { hang: 'after' },
  'reset-before': { reset: 'before' },
  'reset-after': { reset: 'after' },
  '500-unprocessed': { status: 500 },
  '500-processed': { status: 500, process: true },
  '502': { status: 502 },
  '503': { status: 503 },
  '429-bare': { status: 429 },
  '429-short': { status: 429, headers: { 'Retry-After': '0' } },
  '429-long': { status: 429, headers: { 'Retry-After': '3600' } },
  '400': { status: 400, body: { error: { code: 'validation_error', message: 'no' } } },
  '401': { status: 401 },
  malformed: { rawBody: '{"data": {"deleted_count": 1, "not_found' },
  truncated: { rawBody: '{"totalRequested": 2, "successful' },
  'empty-200': { rawBody: '' },
  'null-200': { rawBody: 'null' },
  'array-200': { rawBody: '[]' },
  'wrong-shape-200': { rawBody: '{"success": true}' },
  'html-200': { rawBody: '<html><body>Service temporarily moved</body></html>', contentType: 'text/html' },
} as const satisfies Record<string, SimulatorFault | undefined>;
type FaultKind = keyof typeof FAULTS;
const KINDS = Object.keys(FAULTS) as FaultKind[];

/** Half the schedule entries are faults, so well over a quarter of the requests get one. */
const kindArb = fc.oneof(
  { arbitrary: fc.constant<FaultKind>('none'), weight: 1 },
  { arbitrary: fc.constantFrom(...KINDS.filter((k) => k !== 'none')), weight: 1 },
);
/** The fault of each request an upstream receives for one mutation; bursts repeat one kind (a 503 outlasting the retries). */
const scheduleArb = fc.array(fc.oneof(kindArb.map((k) => [k]), kindArb.map((k) => [k, k, k, k])), { maxLength: 4 }).map((g) => g.flat());

/** Input options each mutation is run with. */
const VARIANTS = {
  intents: ['plain', 'skip-sent', 'idempotency-key'],
  contacts: ['plain', 'idempotency-key'],
  deals: ['plain', 'dry-run', 'idempotency-key'],
} as const satisfies Record<MutationName, readonly string[]>;
type Variant = (typeof VARIANTS)[MutationName][number];

type RecordKind = 'existing' | 'missing' | 'special';

/** One mutation's part of a schedule. Special records are sent intents, locked contacts and deals. */
interface MutationPlan {
  readonly kinds: RecordKind[];
  /** Positions of distinct IDs sent a second time. */
  readonly duplicates: number[];
  /** Deals only: 500 more (missing) IDs, so the input spans two LeadLex batches and a fault may hit the second after the first deleted. */
  readonly big: boolean;
  readonly variant: Variant;
  readonly schedule: FaultKind[];
}

const planArb = (m: MutationName): fc.Arbitrary<MutationPlan> => fc.record({
  kinds: fc.array(fc.constantFrom<RecordKind>('existing', 'existing', 'missing', 'special'), { minLength: 1, maxLength: 8 }),
  duplicates: fc.array(fc.nat({ max: 7 }), { maxLength: 3 }),
  big: m === 'deals' ? fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }) : fc.constant(false),
  variant: fc.constantFrom<Variant>(...VARIANTS[m]),
  schedule: scheduleArb,
});

/** What the suite generated and what happened, written to REPORT. */
const injected = createTally<FaultKind>(KINDS);
/** Kinds of input and answer each mutation must have met; `big` only deals can have. */
const casesOf = (m: MutationName) => ['duplicates', 'missing', 'special', 'fault-free', 'result', 'error', 'unknown', ...VARIANTS[m], ...(m === 'deals' ? ['big'] : [])];
const cases = Object.fromEntries(MUTATIONS.map((m) => [m, createTally<string>(casesOf(m))])) as Record<MutationName, Tally<string>>;
const outcomes = {
  schedules: 0, mutations: 0, requests: 0, results: 0, errors: 0, unknownIds: 0,
  /** OUTCOME_UNKNOWN IDs of unfaulted requests whose answer missed the timeout on a busy machine. */
  slowWithoutFault: 0,
  discrepancies: [] as string[],
  /** The first schedules with a discrepancy, by number (from 0), with their plans, to replay. */
  failedSchedules: [] as Array<{ schedule: number; plans: readonly MutationPlan[] }>,
};
/** Heap used after the warm-up, halfway and at the end (test records emptied, a full GC run): steady growth between the last two is a leak. */
const heap = { baselineMb: 0, halfwayMb: 0, endMb: 0, grownMb: 0 };

let facade: FacadeHarness;
let gc: () => void;
beforeAll(async () => {
  setFlagsFromString('--expose-gc');
  gc = runInNewContext('gc') as () => void;
  facade = await startFacade({
    env: {
      UPSTREAM_TIMEOUT_MS: '150', RATE_LIMIT_MAX_WAIT_MS: '20', BATCH_CONCURRENCY: '2', KORE_BATCH_SIZE: '3',
      CLIENT_RATE_LIMIT_PER_MINUTE: '0', CIRCUIT_OPEN_MS: '100', LOG_LEVEL: 'warn',
    },
    stoq: { rateLimit: { points: 1_000_000 } },
    // What the stores keep by design is bounded far under the heap check's allowance, so growth past it is a leak.
    leadlex: { quota: { limit: 1_000_000 }, idempotencyMaxKeys: 50 },
    // Records kept 10 s, not 24 h: a schedule replays its keys within milliseconds, and the store
    // (which never evicts) then holds a few hundred keys at most, however long the run.
    idempotency: createMemoryStore({ retentionMs: 10_000 }),
  });
});
afterAll(async () => {
  await facade?.close();
  mkdirSync('test-results', { recursive: true });
  const faulted = outcomes.requests - injected.counts.none;
  const report = {
    seed: SEED, runs: RUNS, injected: injected.counts, faultedShare: round(faulted / Math.max(1, outcomes.requests)),
    ...outcomes, cases: Object.fromEntries(MUTATIONS.map((m) => [m, cases[m].counts])), heap,
  };
  writeFileSync(REPORT, `${JSON.stringify(report, null, 2)}\n`);
  console.info(`fault injection: seed ${SEED}, ${outcomes.schedules} schedules, ${outcomes.mutations} mutations (${outcomes.results} results, ${outcomes.errors} errors, ${outcomes.unknownIds} IDs OUTCOME_UNKNOWN); ${faulted} of ${outcomes.requests} upstream requests faulted; discrepancies: ${outcomes.discrepancies.length}; figures in ${REPORT}`);
});

const round = (n: number) => Math.round(n * 1000) / 1000;
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
let run = 0;
/** Unlocked, unsent records still in each simulator after earlier schedules. */
const spare: Record<MutationName, string[]> = { intents: [], contacts: [], deals: [] };

interface Prepared {
  readonly m: MutationName;
  readonly plan: MutationPlan;
  readonly ids: string[];
  readonly distinct: string[];
  /** Existing and neither sent nor locked. */
  readonly deletable: Set<string>;
  readonly special: Set<string>;
  /** The fault kind of each request this mutation's upstream received. */
  readonly applied: FaultKind[];
}

/** Seeds this mutation's records and its fault schedule; returns what to send and what to expect. */
function prepare(m: MutationName, plan: MutationPlan): Prepared {
  const prefix = `f${++run}_${m}_`;
  // Records a schedule leaves behind (sent or locked ones, and those a fault kept from being
  // deleted) are reused by the next, so the simulators hold a bounded set rather than
  // thousands the heap check would count against the facade.
  const distinct = plan.kinds.map((kind, i) => (kind === 'special' ? `${m}_special${i}` : kind === 'existing' ? (spare[m].pop() ?? `${prefix}${i}`) : `${prefix}${i}`));
  if (plan.big) distinct.push(...Array.from({ length: 500 }, (_, i) => `${prefix}filler${i}`));
  const kindOf = (i: number): RecordKind => plan.kinds[i] ?? 'missing';
  const existing = distinct.filter((_, i) => kindOf(i) !== 'missing');
  const special = new Set(distinct.filter((_, i) => kindOf(i) === 'special'));
  if (m === 'intents') facade.stoq.addIntents(existing.map((id) => ({ id, sent: special.has(id) })));
  if (m === 'contacts') facade.kore.addContacts(existing.map((id) => ({ id, locked: special.has(id) })));
  if (m === 'deals') facade.leadlex.addDeals(existing.map((id) => ({ id, locked: special.has(id) })));
  const sim = simOf(facade, m);
  sim.received.length = 0;
  sim.deletedIds.length = 0;
  const applied: FaultKind[] = [];
  sim.faultPlan((_req, index) => {
    const kind = plan.schedule[index] ?? 'none';
    applied.push(kind);
    return FAULTS[kind];
  });
  const ids = [...distinct, ...plan.duplicates.map((i) => distinct[i % distinct.length] as string)];
  return { m, plan, ids, distinct, deletable: new Set(existing.filter((id) => !special.has(id))), special, applied };
}

function inputOf(p: Prepared): MutationInput {
  switch (p.plan.variant) {
    case 'plain': return { ids: p.ids };
    case 'skip-sent': return { ids: p.ids, skipSent: true };
    case 'dry-run': return { ids: p.ids, dryRun: true };
    case 'idempotency-key': return { ids: p.ids, idempotencyKey: `k${run}_${p.m}` };
  }
}

const REFUSAL_CODES = ['BAD_USER_INPUT', 'UPSTREAM_AUTH_FAILED', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_BAD_RESPONSE'];

/** Every discrepancy between the answer and what the simulator really did. */
function discrepancies(p: Prepared, answer: GraphQLAnswer, sim: SimulatorHandle): string[] {
  const { m } = p;
  const problems: string[] = [];
  const requested = new Set(p.distinct);
  const really = new Set(sim.deletedIds.filter((id) => requested.has(id)));
  const faultFree = p.applied.every((k) => k === 'none');
  cases[m].addWhere({
    duplicates: p.plan.duplicates.length > 0, missing: p.plan.kinds.includes('missing'), special: p.special.size > 0,
    ...(m === 'deals' ? { big: p.plan.big } : {}), 'fault-free': faultFree, [p.plan.variant]: true,
  });
  if (answer.status !== 200) problems.push(`${m}: HTTP ${answer.status}`);
  const error = answer.body.errors?.[0];
  if (error !== undefined) {
    outcomes.errors++;
    cases[m].add('error');
    // An error means nothing was deleted, and the facade knew it.
    if (answer.body.data?.result !== null) problems.push(`${m}: an error with a non-null result`);
    if (!REFUSAL_CODES.includes(error.extensions?.code)) problems.push(`${m}: an error with code ${error.extensions?.code}`);
    if (really.size > 0) problems.push(`${m}: error ${error.extensions?.code} although ${really.size} IDs were deleted`);
    return problems;
  }
  const result = answer.body.data?.result;
  if (result === null || typeof result !== 'object') return [...problems, `${m}: neither an error nor a result`];
  outcomes.results++;
  cases[m].add('result');
  problems.push(...accountingProblems(result).map((problem) => `${m}: ${problem}`));
  if (result.requestedCount !== p.distinct.length) problems.push(`${m}: requestedCount ${result.requestedCount} for ${p.distinct.length} distinct IDs`);
  const dryRun = p.plan.variant === 'dry-run';
  if (result.dryRun !== dryRun) problems.push(`${m}: dryRun ${result.dryRun}`);
  const failures = result.failures as Array<{ id: string; code: string; message: string }>;
  const unknown = new Set(failures.filter((f) => f.code === 'OUTCOME_UNKNOWN').map((f) => f.id));
  outcomes.unknownIds += unknown.size;
  if (unknown.size > 0) cases[m].add('unknown');
  for (const f of failures) {
    if (!requested.has(f.id)) problems.push(`${m}: a failure for ${f.id}, which was not requested`);
    // Every code but OUTCOME_UNKNOWN means "certainly not deleted".
    if (f.code !== 'OUTCOME_UNKNOWN' && really.has(f.id)) problems.push(`${m}: ${f.id} deleted but reported ${f.code} (${f.message}; ${sim.received.length} requests)`);
  }
  if (dryRun) {
    if (really.size > 0) problems.push(`${m}: a dry run deleted ${really.size} IDs`);
    for (const id of (result.deletedIds ?? []) as string[]) if (!p.deletable.has(id)) problems.push(`${m}: a dry run would delete ${id}, which is not deletable`);
    if (result.deletedCount > p.deletable.size) problems.push(`${m}: a dry run would delete ${result.deletedCount} of ${p.deletable.size} deletable`);
    return problems;
  }
  if (result.deletedIds !== null) {
    const reported = new Set<string>(result.deletedIds);
    for (const id of reported) if (!really.has(id)) problems.push(`${m}: ${id} reported deleted, not deleted`);
    for (const id of really) if (!reported.has(id) && !unknown.has(id)) problems.push(`${m}: ${id} deleted but reported otherwise`);
  } else if (result.deletedCount > really.size || really.size > result.deletedCount + unknown.size) {
    problems.push(`${m}: counts say ${result.deletedCount} deleted (${unknown.size} unknown), the upstream deleted ${really.size}`);
  }
  if (m === 'intents') for (const id of result.sentIntentIds as string[]) if (!p.special.has(id)) problems.push(`${m}: ${id} reported sent, is not`);
  // Without any fault the facade knows everything: no unknowns, and the counts are the upstream's.
  // The one exception is the machine's own speed: on a loaded machine an unfaulted answer can
  // miss UPSTREAM_TIMEOUT_MS, which is counted, not excused silently.
  const timedOut = failures.filter((f) => f.code === 'OUTCOME_UNKNOWN' && f.message.includes('no answer within UPSTREAM_TIMEOUT_MS'));
  if (faultFree && timedOut.length > 0 && timedOut.length === unknown.size) {
    outcomes.slowWithoutFault += unknown.size;
  } else if (faultFree && (unknown.size > 0 || result.deletedCount !== really.size)) {
    problems.push(`${m}: no fault, yet ${unknown.size} unknown and ${result.deletedCount} reported deleted of ${really.size}`);
  }
  return problems;
}

/** Heap used once the test's own request and log records are emptied, hung sockets and timers settle, and a full GC ran. */
async function heapUsedMb(): Promise<number> {
  for (const m of MUTATIONS) simOf(facade, m).received.length = 0;
  facade.logs.length = 0;
  await settle();
  gc();
  return round(process.memoryUsage().heapUsed / 1024 / 1024);
}

/** Any credential in what the facade answered or logged during this schedule. */
function leaks(answers: GraphQLAnswer[]): string[] {
  const seen = [...answers.map((a) => a.text), ...facade.logs].join('\n');
  return Object.entries(SECRETS).filter(([, secret]) => seen.includes(secret)).map(([name]) => `${name} leaked into an answer or a log`);
}

describe('fault injection', () => {
  it(`keeps the accounting rule and the truth over ${RUNS} random schedules (seed ${SEED}), and proves it injected faults`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(...MUTATIONS.map(planArb)), async (plans) => {
        if (outcomes.schedules === WARMUP) heap.baselineMb = await heapUsedMb();
        if (outcomes.schedules === Math.floor(RUNS / 2)) heap.halfwayMb = await heapUsedMb();
        outcomes.schedules++;
        facade.logs.length = 0;
        const prepared = MUTATIONS.map((m, i) => prepare(m, plans[i] as MutationPlan));
        const answers = await Promise.all(prepared.map((p) => mutate(facade, p.m, inputOf(p))));
        for (const m of MUTATIONS) simOf(facade, m).faultPlan(undefined);
        const problems = prepared.flatMap((p, i) => discrepancies(p, answers[i] as GraphQLAnswer, simOf(facade, p.m)));
        problems.push(...leaks(answers));
        for (const p of prepared) {
          for (const id of p.deletable) if (simOf(facade, p.m).has(id)) spare[p.m].push(id);
          for (const kind of p.applied) injected.add(kind);
          outcomes.requests += simOf(facade, p.m).received.length;
          // Every request the upstream received was planned, so the counts below are of real requests.
          if (p.applied.length !== simOf(facade, p.m).received.length) problems.push(`${p.m}: ${simOf(facade, p.m).received.length} requests, ${p.applied.length} planned`);
        }
        outcomes.mutations += prepared.length;
        const health = await fetch(`${facade.url}/healthz`);
        if (health.status !== 200) problems.push(`unhealthy: /healthz ${health.status}`);
        // Recorded rather than thrown: a long run counts every discrepancy instead of stopping
        // at the first, and the whole run is replayed from its seed (state carries over).
        outcomes.discrepancies.push(...problems.map((problem) => `schedule ${outcomes.schedules - 1}: ${problem}`));
        if (problems.length > 0 && outcomes.failedSchedules.length < 20) outcomes.failedSchedules.push({ schedule: outcomes.schedules - 1, plans });
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(outcomes.discrepancies, `replay with FAULT_SEED=${SEED} FAULT_RUNS=${RUNS}; the failing schedules' plans are in ${REPORT}`).toEqual([]);
    expect(outcomes.schedules).toBe(RUNS);

    // Coverage: a quarter of all upstream requests faulted, every fault kind injected, every kind of input generated.
    const faulted = outcomes.requests - injected.counts.none;
    expect(faulted / outcomes.requests, `${faulted} of ${outcomes.requests} upstream requests faulted`).toBeGreaterThanOrEqual(0.25);
    expectCoverage(injected, 1);
    const min = Math.max(3, Math.floor(RUNS / 100));
    for (const m of MUTATIONS) expectCoverage(cases[m], min);

    // The heap must be back near where it stood after the warm-up.
    heap.endMb = await heapUsedMb();
    heap.grownMb = round(heap.endMb - heap.baselineMb);
    expect(heap.grownMb).toBeLessThan(20);
  }, Math.max(240_000, RUNS * 1_000));
});
