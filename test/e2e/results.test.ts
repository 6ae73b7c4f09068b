import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedRequest, SimulatorFault } from '../../src/simulators/index.ts';
import type { FacadeHarness } from '../helpers/facade.ts';
import { UPSTREAM_TIMEOUT_MS, advancingWhen, timingOut } from '../helpers/upstream-timer.ts';
import { expectResult, failed, mutate, simOf, startSeeded, type FailureCode, type MutationName } from '../helpers/e2e.ts';
import { startStubServer, type StubServer } from '../helpers/stub-server.ts';

// docs/contract.md §3 and §5: whenever anything was or may have been deleted, the mutation returns a
// result that accounts for every ID; partial success and uncertainty are data, not errors.

let facade: FacadeHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const dealIds = (n: number): string[] => Array.from({ length: n }, (_, i) => `deal_${String(i).padStart(4, '0')}`);
const firstDealOf = (req: RecordedRequest): string | undefined => (req.json as { deal_ids?: string[] } | undefined)?.deal_ids?.[0];
const nextUtcMidnight = (): string => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString();
};

describe('bulkDeleteDeals: a refusal on a later batch after an earlier one deleted', () => {
  // Three batches sent one at a time (BATCH_CONCURRENCY=1): 0-499, 500-999, 1000-1199.
  const ids = dealIds(1200);
  const second = ids.slice(500, 1000);
  const third = ids.slice(1000);

  /** Runs the mutation with `fault` on every request for the second batch. */
  async function withSecondBatchFault(fault: SimulatorFault, env: Record<string, string> = {}) {
    facade = await startSeeded({ env: { BATCH_CONCURRENCY: '1', ...env }, leadlex: { deals: ids.map((id) => ({ id })) } }, []);
    facade.leadlex.faultPlan((req) => (firstDealOf(req) === second[0] ? fault : undefined));
    return expectResult(await mutate(facade, 'deals', { ids }));
  }

  // [case, fault, row code for the second batch, what happens to the third batch, LeadLex's own code]
  it.each<[string, SimulatorFault, FailureCode, 'deleted' | 'NOT_ATTEMPTED', string | undefined]>([
    ['a 400', { status: 400, body: { error: { code: 'validation_error', message: 'x' } } }, 'REJECTED', 'deleted', 'validation_error'],
    ['a 401', { status: 401, body: { error: { code: 'invalid_key', message: 'x' } } }, 'REJECTED', 'NOT_ATTEMPTED', 'invalid_key'],
    ['a 403', { status: 403, body: { error: { code: 'insufficient_permissions', message: 'x' } } }, 'REJECTED', 'NOT_ATTEMPTED', 'insufficient_permissions'],
    ['a 429 that cannot be waited out', { status: 429, headers: { 'Retry-After': '3600' }, body: { error: { code: 'rate_limited', message: 'x' } } }, 'RATE_LIMITED', 'NOT_ATTEMPTED', 'rate_limited'],
    ['a 503 on every attempt', { status: 503 }, 'UPSTREAM_ERROR', 'deleted', undefined],
    ['an unexpected 418', { status: 418 }, 'REJECTED', 'deleted', undefined],
  ])('turns %s on the second batch into %s rows, never an error', async (_case, fault, code, thirdBatch, upstreamCode) => {
    const result = await withSecondBatchFault(fault);
    const sim = (facade as FacadeHarness).leadlex;
    expect(failed(result, code)).toEqual(second);
    if (upstreamCode !== undefined) expect(result.failures.find((f: { id: string }) => f.id === second[0])?.upstreamCode).toBe(upstreamCode);
    for (const id of second) expect(sim.has(id)).toBe(true);
    if (thirdBatch === 'deleted') {
      expect(result).toMatchObject({ deletedCount: 700, failedCount: 500 });
      expect(new Set(sim.deletedIds)).toEqual(new Set([...ids.slice(0, 500), ...third]));
    } else {
      expect(failed(result, 'NOT_ATTEMPTED')).toEqual(third);
      expect(result).toMatchObject({ deletedCount: 500, failedCount: 700 });
      expect(new Set(sim.deletedIds)).toEqual(new Set(ids.slice(0, 500)));
      expect(sim.received.some((r) => firstDealOf(r) === third[0])).toBe(false);
    }
    expect(new Set(result.deletedIds)).toEqual(new Set(sim.deletedIds));
  });

  it('makes the rest RATE_LIMITED and NOT_ATTEMPTED when the daily quota runs out after the first batch', async () => {
    facade = await startSeeded({ env: { BATCH_CONCURRENCY: '1' }, leadlex: { deals: ids.map((id) => ({ id })), quota: { limit: 100, remaining: 1 } } }, []);
    const result = expectResult(await mutate(facade, 'deals', { ids }));
    expect(result).toMatchObject({ deletedCount: 500, rateLimit: { limit: 100, remaining: 0, resetAt: nextUtcMidnight() } });
    expect(failed(result, 'RATE_LIMITED')).toEqual(second);
    expect(failed(result, 'NOT_ATTEMPTED')).toEqual(third);
    // The first answer said the quota is spent, so the facade refuses the second batch itself.
    expect(facade.leadlex.received).toHaveLength(1);
  });

  it('returns a result when the first batch is refused with a 503 but a later one deleted', async () => {
    facade = await startSeeded({ env: { BATCH_CONCURRENCY: '1' }, leadlex: { deals: ids.map((id) => ({ id })) } }, []);
    facade.leadlex.faultPlan((req) => (firstDealOf(req) === ids[0] ? { status: 503 } : undefined));
    const result = expectResult(await mutate(facade, 'deals', { ids }));
    expect(failed(result, 'UPSTREAM_ERROR')).toEqual(ids.slice(0, 500));
    expect(result.deletedCount).toBe(700);
  });
});

describe('batches', () => {
  let stub: StubServer | undefined;
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
  });

  it.each([1, 2, 3])('deals: keeps at most BATCH_CONCURRENCY (%i) LeadLex calls in flight at once', async (concurrency) => {
    stub = await startStubServer();
    stub.fallback((req) => {
      const sent = (JSON.parse(req.body) as { deal_ids: string[] }).deal_ids.length;
      return { status: 200, delayMs: 40, body: JSON.stringify({ data: { deleted_count: sent, not_found_count: 0, errors: [] } }) };
    });
    const f = facade = await startSeeded({ env: { BATCH_CONCURRENCY: String(concurrency), LEADLEX_API_URL: `${stub.url}/gw` } }, []);
    // The stub's 40 ms is a faked timer: each round of answers comes only once BATCH_CONCURRENCY
    // calls (or the last ones) are in flight, however slowly a loaded machine sends them.
    const s = stub;
    const rounds = Array.from({ length: Math.ceil(4 / concurrency) }, (_, i) => () => s.received.length >= Math.min(4, (i + 1) * concurrency));
    const result = expectResult(await advancingWhen(() => mutate(f, 'deals', { ids: dealIds(2000) }), rounds, 40));
    expect(result.deletedCount).toBe(2000);
    expect(stub.received).toHaveLength(4);
    expect(stub.received.every((r) => r.path === '/gw/v1/deals/bulk-delete')).toBe(true);
    expect(stub.maxInFlight).toBe(concurrency);
  });

  it('contacts: a 401 on a later Kore.ai batch makes its rows REJECTED and the batches after it NOT_ATTEMPTED', async () => {
    const ids = ['c1', 'c2', 'c3', 'c4', 'c5'];
    facade = await startSeeded({ env: { KORE_BATCH_SIZE: '2', BATCH_CONCURRENCY: '1' }, kore: { contacts: ids.map((id) => ({ id })) } }, []);
    facade.kore.faultPlan((_req, index) => (index === 1 ? { status: 401 } : undefined));
    const result = expectResult(await mutate(facade, 'contacts', { ids }));
    expect(result).toMatchObject({ deletedCount: 2, deletedIds: ['c1', 'c2'] });
    expect(failed(result, 'REJECTED')).toEqual(['c3', 'c4']);
    expect(failed(result, 'NOT_ATTEMPTED')).toEqual(['c5']);
    expect(facade.kore.received).toHaveLength(2);
  });

  it('deals: a 429 whose X-RateLimit-Reset is already due is waited out and retried', async () => {
    facade = await startSeeded();
    facade.leadlex.fault({ status: 429, headers: { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000) - 1) } });
    const result = expectResult(await mutate(facade, 'deals', { ids: ['x1'] }));
    expect(facade.leadlex.received).toHaveLength(2);
    expect(result).toMatchObject({ deletedCount: 1, failedCount: 0 });
  });
});

describe('OUTCOME_UNKNOWN: the answer was lost or unreadable', () => {
  const ids = ['x1', 'x2'];

  it.each<[MutationName, SimulatorFault]>([
    ['intents', { hang: 'after' }],
    ['contacts', { hang: 'after' }],
    ['intents', { reset: 'after' }],
    ['contacts', { reset: 'after' }],
    ['intents', { status: 500, process: true }],
    ['contacts', { status: 502, process: true }],
  ])('%s: after %j the deleted IDs are OUTCOME_UNKNOWN, never reported deleted, and not retried', async (m, fault) => {
    facade = await startSeeded({ env: { UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS) } });
    const sim = simOf(facade, m);
    sim.fault(fault);
    const f = facade;
    // The simulator deletes, then never answers: the attempt times out once the IDs are gone.
    const result = expectResult(await timingOut(() => mutate(f, m, { ids }), fault.hang ? [() => sim.deletedIds.length === ids.length] : []));
    expect(simOf(facade, m).deletedIds).toEqual(ids);
    expect(simOf(facade, m).received).toHaveLength(1);
    expect(result).toMatchObject({ deletedCount: 0, notFoundCount: 0, failedCount: 2 });
    expect(result.deletedIds ?? []).toEqual([]);
    expect(failed(result, 'OUTCOME_UNKNOWN')).toEqual(ids);
  });

  it.each<[MutationName, string]>([
    ['intents', '<html><body>Gateway says hi</body></html>'],
    ['contacts', '<html><body>Gateway says hi</body></html>'],
    ['deals', '<html><body>Gateway says hi</body></html>'],
    ['intents', '{"success": true, "deleted_co'],
    ['contacts', '{"totalRequested": 2, "successfulRecords": [{"id": "x1"'],
    ['deals', '{"data": {"deleted_count": 2, "not_fo'],
  ])('%s: a 2xx body the facade cannot read (%s) makes OUTCOME_UNKNOWN rows, not an error', async (m, rawBody) => {
    facade = await startSeeded();
    simOf(facade, m).fault({ rawBody });
    const result = expectResult(await mutate(facade, m, { ids }));
    expect(simOf(facade, m).deletedIds).toEqual(ids);
    expect(result.deletedCount).toBe(0);
    expect(failed(result, 'OUTCOME_UNKNOWN')).toEqual(ids);
  });

  it.each<[string, SimulatorFault]>([
    ['a timeout after processing', { hang: 'after' }],
    ['a reset after processing', { reset: 'after' }],
    ['a 500 after processing', { status: 500, process: true }],
  ])('deals: %s is retried with the same Idempotency-Key and LeadLex replays its answer (no double processing)', async (_case, fault) => {
    const f = facade = await startSeeded({ env: { UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS) } });
    f.leadlex.fault(fault);
    const result = expectResult(await timingOut(() => mutate(f, 'deals', { ids }), fault.hang ? [() => f.leadlex.processedCount === 1] : []));
    const keys = facade.leadlex.received.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(facade.leadlex.processedCount).toBe(1);
    expect(facade.leadlex.replayedCount).toBe(1);
    expect(result).toMatchObject({ deletedCount: 2, deletedIds: ids, failedCount: 0 });
  });

  it('deals: a timeout on every attempt leaves the batch OUTCOME_UNKNOWN', async () => {
    const f = facade = await startSeeded({ env: { UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS) } });
    f.leadlex.faultPlan(() => ({ hang: 'after' }));
    // The first attempt is processed and the next two replayed, each then left unanswered.
    const result = expectResult(await timingOut(() => mutate(f, 'deals', { ids }), [
      () => f.leadlex.processedCount === 1, () => f.leadlex.replayedCount === 1, () => f.leadlex.replayedCount === 2,
    ]));
    expect(facade.leadlex.received).toHaveLength(3);
    expect(facade.leadlex.processedCount).toBe(1);
    expect(failed(result, 'OUTCOME_UNKNOWN')).toEqual(ids);
  });

  it('deals: a 503 after a lost attempt is OUTCOME_UNKNOWN, not an error: the lost attempt may have deleted', async () => {
    const f = facade = await startSeeded({ env: { UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS), UPSTREAM_MAX_ATTEMPTS: '2' } });
    f.leadlex.fault({ hang: 'after' });
    f.leadlex.fault({ status: 503 });
    const result = expectResult(await timingOut(() => mutate(f, 'deals', { ids }), [() => f.leadlex.processedCount === 1]));
    expect(facade.leadlex.deletedIds).toEqual(ids);
    expect(failed(result, 'OUTCOME_UNKNOWN')).toEqual(ids);
  });
});

describe('bulkDeleteIntents: Stoq\'s all-or-nothing 422', () => {
  const intents = [{ id: 'i1' }, { id: 'i2', sent: true }, { id: 'i3' }, { id: 'i4', sent: true }];
  const ids = ['i1', 'i2', 'i3', 'i4'];

  it('without skipSent: ALREADY_SENT and NOT_ATTEMPTED rows, sentIntentIds, nothing deleted', async () => {
    facade = await startSeeded({ stoq: { intents } });
    const result = expectResult(await mutate(facade, 'intents', { ids }));
    expect(result).toMatchObject({ requestedCount: 4, deletedCount: 0, notFoundCount: 0, failedCount: 4, sentIntentIds: ['i2', 'i4'] });
    expect(failed(result, 'ALREADY_SENT')).toEqual(['i2', 'i4']);
    expect(failed(result, 'NOT_ATTEMPTED')).toEqual(['i1', 'i3']);
    expect(facade.stoq.deletedIds).toEqual([]);
    expect(facade.stoq.received).toHaveLength(1);
  });

  it('with skipSent: calls again without the sent intents and reports both parts', async () => {
    facade = await startSeeded({ stoq: { intents } });
    const result = expectResult(await mutate(facade, 'intents', { ids, skipSent: true }));
    expect(facade.stoq.received.map((r) => r.json)).toEqual([{ intent_ids: ids }, { intent_ids: ['i1', 'i3'] }]);
    expect(result).toMatchObject({ deletedCount: 2, deletedIds: ['i1', 'i3'], failedCount: 2, sentIntentIds: ['i2', 'i4'] });
    expect(failed(result, 'ALREADY_SENT')).toEqual(['i2', 'i4']);
    expect(facade.stoq.deletedIds).toEqual(['i1', 'i3']);
    expect(result.upstreamRequestIds).toHaveLength(2);
  });

  it('with skipSent and only sent intents: one call, every ID ALREADY_SENT', async () => {
    facade = await startSeeded({ stoq: { intents } });
    const result = expectResult(await mutate(facade, 'intents', { ids: ['i2', 'i4'], skipSent: true }));
    expect(facade.stoq.received).toHaveLength(1);
    expect(failed(result, 'ALREADY_SENT')).toEqual(['i2', 'i4']);
  });

  it('with skipSent, a refused second call still returns a result: the 422 said something about specific IDs', async () => {
    facade = await startSeeded({ stoq: { intents } });
    facade.stoq.faultPlan((_req, index) => (index >= 1 ? { status: 503 } : undefined));
    const result = expectResult(await mutate(facade, 'intents', { ids, skipSent: true }));
    expect(failed(result, 'ALREADY_SENT')).toEqual(['i2', 'i4']);
    expect(failed(result, 'UPSTREAM_ERROR')).toEqual(['i1', 'i3']);
    expect(facade.stoq.deletedIds).toEqual([]);
  });
});

describe('dry runs, duplicates and deletedIds', () => {
  it('deals: a dry run deletes nothing and reports what would happen', async () => {
    facade = await startSeeded({ leadlex: { deals: [{ id: 'locked', locked: true }] } });
    const result = expectResult(await mutate(facade, 'deals', { ids: ['x1', 'x2', 'ghost', 'locked'], dryRun: true }));
    expect(result).toMatchObject({ dryRun: true, requestedCount: 4, deletedCount: 2, notFoundCount: 1, failedCount: 1, deletedIds: null });
    expect(failed(result, 'REJECTED')).toEqual(['locked']);
    expect(facade.leadlex.received[0]?.json).toEqual({ deal_ids: ['x1', 'x2', 'ghost', 'locked'], dry_run: true });
    expect(facade.leadlex.deletedIds).toEqual([]);
    expect(facade.leadlex.has('x1')).toBe(true);
  });

  it('deals: a dry run where all would be deleted lists them, still deleting nothing', async () => {
    facade = await startSeeded();
    const result = expectResult(await mutate(facade, 'deals', { ids: ['x1', 'x2'], dryRun: true }));
    expect(result).toMatchObject({ dryRun: true, deletedCount: 2, deletedIds: ['x1', 'x2'] });
    expect(facade.leadlex.deletedIds).toEqual([]);
  });

  it.each<MutationName>(['intents', 'contacts', 'deals'])('%s: counts duplicates once and sends each ID once', async (m) => {
    facade = await startSeeded();
    const result = expectResult(await mutate(facade, m, { ids: ['x1', 'x2', 'x1', 'x2', 'x1'] }));
    expect(result).toMatchObject({ requestedCount: 2, deletedCount: 2, dryRun: false });
    const sent = simOf(facade, m).received.map((r) => Object.values(r.json as object)[0]);
    expect(sent).toEqual([['x1', 'x2']]);
  });

  // [mutation, existing seed used, ids, deletedIds, deletedCount, notFoundCount]
  it.each<[string, MutationName, string[], string[] | null, number, number]>([
    ['Stoq deleted all: listed', 'intents', ['x1', 'x2'], ['x1', 'x2'], 2, 0],
    ['Stoq counted only: null', 'intents', ['x1', 'ghost'], null, 1, 1],
    ['Stoq found none (404): empty list', 'intents', ['ghost1', 'ghost2'], [], 0, 2],
    ['LeadLex found all: listed', 'deals', ['x1', 'x2'], ['x1', 'x2'], 2, 0],
    ['LeadLex found some: null', 'deals', ['x1', 'ghost'], null, 1, 1],
    ['Kore.ai always says which', 'contacts', ['x1', 'ghost'], ['x1'], 1, 0],
  ])('deletedIds: %s', async (_case, m, ids, deletedIds, deletedCount, notFoundCount) => {
    facade = await startSeeded();
    const result = expectResult(await mutate(facade, m, { ids }));
    expect(result).toMatchObject({ deletedIds, deletedCount, notFoundCount });
  });

  it('deals: deletedIds is null when any batch counted a deal not found', async () => {
    const ids = dealIds(600);
    facade = await startSeeded({ leadlex: { deals: ids.slice(0, 599).map((id) => ({ id })) } }, []);
    const result = expectResult(await mutate(facade, 'deals', { ids }));
    expect(result).toMatchObject({ deletedCount: 599, notFoundCount: 1, deletedIds: null });
  });

  it('contacts: a missing contact is a REJECTED row from Kore.ai, with its reason, not not-found', async () => {
    facade = await startSeeded();
    const result = expectResult(await mutate(facade, 'contacts', { ids: ['x1', 'ghost'] }));
    expect(result.failures).toEqual([{ id: 'ghost', code: 'REJECTED', message: expect.stringContaining('Contact not found'), upstreamCode: null }]);
  });
});

describe('rateLimit and upstreamRequestIds', () => {
  it('intents: rateLimit from Stoq\'s X-RateLimit-* headers, resetAt ISO-8601; its X-Request-ID', async () => {
    facade = await startSeeded();
    const before = Date.now();
    const result = expectResult(await mutate(facade, 'intents', { ids: ['x1'] }));
    expect(result.rateLimit).toMatchObject({ limit: 360, remaining: 358, resetAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
    expect(Date.parse(result.rateLimit?.resetAt ?? '')).toBeGreaterThan(before + 50_000);
    expect(result.upstreamRequestIds).toEqual([expect.stringMatching(UUID)]);
  });

  it('deals: rateLimit is the daily quota after the call; every batch\'s X-Request-ID is listed', async () => {
    const ids = dealIds(1200);
    facade = await startSeeded({ leadlex: { deals: ids.map((id) => ({ id })), quota: { limit: 500, remaining: 400 } } }, []);
    const result = expectResult(await mutate(facade, 'deals', { ids }));
    expect(result.rateLimit).toEqual({ limit: 500, remaining: 397, resetAt: nextUtcMidnight() });
    expect(result.upstreamRequestIds).toHaveLength(3);
    expect(new Set(result.upstreamRequestIds).size).toBe(3);
  });

  it('contacts: rateLimit is null and upstreamRequestIds empty when Kore.ai sends no such headers', async () => {
    facade = await startSeeded();
    const result = expectResult(await mutate(facade, 'contacts', { ids: ['x1'] }));
    expect(result).toMatchObject({ rateLimit: null, upstreamRequestIds: [] });
  });

  it('contacts: upstreamRequestIds lists Kore.ai\'s X-Request-ID when it sends one', async () => {
    facade = await startSeeded({ kore: { requestIds: true } });
    const result = expectResult(await mutate(facade, 'contacts', { ids: ['x1'] }));
    expect(result.upstreamRequestIds).toEqual([expect.stringMatching(UUID)]);
  });

  it('intents: upstreamRequestIds include the request IDs of retried attempts', async () => {
    facade = await startSeeded();
    facade.stoq.fault({ status: 503, headers: { 'X-Request-ID': 'stoq-req-503' } });
    const result = expectResult(await mutate(facade, 'intents', { ids: ['x1'] }));
    expect(result.upstreamRequestIds).toEqual(['stoq-req-503', expect.stringMatching(UUID)]);
  });
});
