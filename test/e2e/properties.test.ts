import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { SimulatorFault, SimulatorHandle } from '../../src/simulators/index.ts';
import { accountingProblems, startFacade, type FacadeHarness, type GraphQLAnswer } from '../helpers/facade.ts';
import { mutate, simOf, type MutationName } from '../helpers/e2e.ts';

// CONTRACT §3 and §4 as properties, end to end: for random IDs (existing, missing, sent or
// locked, duplicated) and random fault schedules, every answer is either a GraphQL error after
// which nothing was deleted, or a result that obeys the accounting rule and never claims an
// outcome the simulator contradicts.

const SEED = 20_251_122;
const RUNS = 30;

let facade: FacadeHarness;
beforeAll(async () => {
  facade = await startFacade({
    env: { UPSTREAM_TIMEOUT_MS: '250', RATE_LIMIT_MAX_WAIT_MS: '50', BATCH_CONCURRENCY: '2', KORE_BATCH_SIZE: '3' },
    stoq: { rateLimit: { points: 1_000_000 } },
    leadlex: { quota: { limit: 1_000_000 } },
  });
});
afterAll(async () => facade?.close());

type Kind = 'existing' | 'missing' | 'special';

/** One run's input: record kinds (special: sent for Stoq, locked for the others), duplicates, options, faults. */
interface Scenario {
  kinds: Kind[];
  duplicates: number[];
  faults: Array<SimulatorFault | undefined>;
  option: boolean;
  big: boolean;
}

const faultArb: fc.Arbitrary<SimulatorFault | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: fc.record({ status: fc.constant(500), process: fc.boolean() }), weight: 1 },
  { arbitrary: fc.constantFrom<SimulatorFault>({ status: 503 }, { status: 400 }, { status: 401 }), weight: 2 },
  { arbitrary: fc.constantFrom<SimulatorFault>({ status: 429 }, { status: 429, headers: { 'Retry-After': '0' } }, { status: 429, headers: { 'Retry-After': '3600' } }), weight: 2 },
  { arbitrary: fc.constantFrom<SimulatorFault>({ hang: 'before' }, { hang: 'after' }), weight: 1 },
  { arbitrary: fc.constantFrom<SimulatorFault>({ reset: 'before' }, { reset: 'after' }), weight: 1 },
  { arbitrary: fc.record({ rawBody: fc.constantFrom('<html>Bad gateway</html>', '{"data": {"deleted_', '', 'null', '[]', '{"success": true}') }), weight: 1 },
  { arbitrary: fc.record({ delayMs: fc.integer({ min: 1, max: 30 }) }), weight: 1 },
);

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  kinds: fc.array(fc.constantFrom<Kind>('existing', 'existing', 'missing', 'special'), { minLength: 1, maxLength: 8 }),
  duplicates: fc.array(fc.nat({ max: 7 }), { maxLength: 3 }),
  // Single faults and bursts of one fault on three requests in a row (a 503 outlasting the retries).
  faults: fc.array(fc.oneof(faultArb.map((f) => [f]), faultArb.map((f) => [f, f, f])), { maxLength: 3 }).map((groups) => groups.flat()),
  option: fc.boolean(),
  big: fc.boolean(),
});

let runNumber = 0;

/** Seeds the simulator with this run's records and plans its faults; returns the IDs and the ones that exist. */
function prepare(m: MutationName, s: Scenario): { ids: string[]; distinct: string[]; deletable: Set<string>; special: Set<string> } {
  const prefix = `run${++runNumber}_${m}_`;
  const distinct = s.kinds.map((_, i) => `${prefix}${i}`);
  // A large deals input spans two LeadLex batches (the second batch's faults then hit a call after one deleted).
  if (m === 'deals' && s.big) distinct.push(...Array.from({ length: 500 }, (_, i) => `${prefix}filler${i}`));
  const kindOf = (i: number): Kind => s.kinds[i] ?? 'existing';
  const existing = distinct.filter((_, i) => kindOf(i) !== 'missing');
  const special = new Set(distinct.filter((_, i) => kindOf(i) === 'special'));
  if (m === 'intents') facade.stoq.addIntents(existing.map((id) => ({ id, sent: special.has(id) })));
  if (m === 'contacts') facade.kore.addContacts(existing.map((id) => ({ id, locked: special.has(id) })));
  if (m === 'deals') facade.leadlex.addDeals(existing.map((id) => ({ id, locked: special.has(id) })));
  const ids = [...distinct, ...s.duplicates.map((i) => distinct[i % distinct.length] as string)];
  simOf(facade, m).faultPlan((_req, index) => s.faults[index]);
  return { ids, distinct, deletable: new Set(existing.filter((id) => !special.has(id))), special };
}

const REFUSAL_CODES = ['BAD_USER_INPUT', 'UPSTREAM_AUTH_FAILED', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_BAD_RESPONSE'];

/** Checks one answer against what the simulator really did. */
function check(m: MutationName, s: Scenario, answer: GraphQLAnswer, sim: SimulatorHandle, run: ReturnType<typeof prepare>, dryRun: boolean): void {
  const requested = new Set(run.distinct);
  const simDeleted = sim.deletedIds.filter((id) => requested.has(id));
  expect(answer.status).toBe(200);
  if (answer.body.errors !== undefined) {
    // An error: nothing was deleted, and the facade knew it.
    expect(answer.body.data).toEqual({ result: null });
    expect(REFUSAL_CODES).toContain(answer.body.errors[0]?.extensions?.code);
    expect(simDeleted).toEqual([]);
    return;
  }
  const result = answer.body.data?.result;
  expect(accountingProblems(result)).toEqual([]);
  expect(result.requestedCount).toBe(run.distinct.length);
  expect(result.dryRun).toBe(dryRun);
  const failures = result.failures as Array<{ id: string; code: string }>;
  for (const f of failures) expect(requested.has(f.id)).toBe(true);
  const certainlyNotDeleted = failures.filter((f) => f.code !== 'OUTCOME_UNKNOWN').map((f) => f.id);
  // Every code but OUTCOME_UNKNOWN means "certainly not deleted".
  for (const id of certainlyNotDeleted) expect(simDeleted).not.toContain(id);
  if (dryRun) {
    expect(simDeleted).toEqual([]);
    for (const id of result.deletedIds ?? []) expect(run.deletable.has(id)).toBe(true);
    expect(result.deletedCount).toBeLessThanOrEqual(run.deletable.size);
    return;
  }
  const unknown = new Set(failures.filter((f) => f.code === 'OUTCOME_UNKNOWN').map((f) => f.id));
  if (result.deletedIds !== null) {
    // Every ID reported deleted really was; every ID really deleted is reported deleted or unknown.
    for (const id of result.deletedIds as string[]) expect(simDeleted).toContain(id);
    const reported = new Set<string>(result.deletedIds);
    for (const id of simDeleted) expect(reported.has(id) || unknown.has(id)).toBe(true);
  } else {
    expect(result.deletedCount).toBeLessThanOrEqual(simDeleted.length);
  }
  if (m === 'intents') for (const id of result.sentIntentIds as string[]) expect(run.special.has(id)).toBe(true);
  // Without any fault the facade knows everything: no unknowns, and the counts are the simulator's.
  if (s.faults.every((f) => f === undefined)) {
    expect(unknown.size).toBe(0);
    expect(result.deletedCount).toBe(simDeleted.length);
  }
}

describe.each<[MutationName, string]>([['intents', 'skipSent'], ['contacts', ''], ['deals', 'dryRun']])('%s under random IDs and faults', (m, optionName) => {
  test.prop([scenarioArb], { seed: SEED, numRuns: RUNS })('answers an error with nothing deleted, or a result that accounts for every ID truthfully', async (s) => {
    const run = prepare(m, s);
    const sim = simOf(facade, m);
    const option = optionName === '' ? {} : { [optionName]: s.option };
    try {
      const answer = await mutate(facade, m, { ids: run.ids, ...option });
      check(m, s, answer, sim, run, optionName === 'dryRun' && s.option);
    } finally {
      sim.faultPlan(undefined);
    }
  }, 60_000);
});
