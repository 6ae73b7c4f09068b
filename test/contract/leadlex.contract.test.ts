import { afterEach, describe, expect, it } from 'vitest';
import type { LeadLexOptions, Upstream } from '../../src/upstreams/index.ts';
import { startLeadLexSimulator, type LeadLexDeal, type LeadLexSimulator, type LeadLexSimulatorOptions } from '../../src/simulators/index.ts';
import { MUTATIONS, SECRETS, accountingProblems, startFacade, type FacadeHarness } from '../helpers/facade.ts';
import { createAdapter, defineUpstreamContract, failedWith } from '../helpers/upstream-contract.ts';
import { flat } from '../unit/bulk-delete/helpers.ts';
import { expectResult } from '../helpers/e2e.ts';
import { UPSTREAM_TIMEOUT_MS, timingOut } from '../helpers/upstream-timer.ts';

// docs/vendors/leadlex.md and docs/contract.md §5 "LeadLex deals".

const PATH = '/functions/v1/api-gateway/v1/deals/bulk-delete';
const READ_ONLY_KEY = 'wbk_test-SECRET-readonly-5678';

async function startLeadLex(deals: LeadLexDeal[], env: Record<string, string> = {}, options: LeadLexSimulatorOptions = {}) {
  const sim = await startLeadLexSimulator({ apiKey: SECRETS.leadlexApiKey, deals, keys: { [READ_ONLY_KEY]: { permissions: ['read:deals'] } }, ...options });
  const upstream = createAdapter<LeadLexOptions>('leadlex', { LEADLEX_API_URL: sim.url, LEADLEX_API_KEY: SECRETS.leadlexApiKey, ...env });
  return { sim, upstream, close: () => sim.close() };
}

const keyOf = (sim: LeadLexSimulator, index: number): string | undefined => sim.received[index]?.headers['idempotency-key'];
const keysOf = (sim: LeadLexSimulator): Array<string | undefined> => sim.received.map((r) => r.headers['idempotency-key']);
const dealIds = (n: number, prefix = 'deal_'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
const nextUtcMidnight = (): string => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString();
};

defineUpstreamContract<LeadLexOptions>({
  name: 'leadlex',
  start: (existing, env) => startLeadLex(existing.map((id) => ({ id })), env),
  urlVariable: 'LEADLEX_API_URL',
  options: { dryRun: false, keyBase: 'contract-key-base' },
  idempotent: true,
  method: 'POST',
  path: PATH,
  body: (ids) => ({ deal_ids: ids, dry_run: false }),
  expectCredentials(req) {
    expect(req.headers['authorization']).toBe(`Bearer ${SECRETS.leadlexApiKey}`);
    expect(req.headers['idempotency-key']).toEqual(expect.stringMatching(/^\S{8,255}$/));
  },
});

describe('leadlex adapter: LeadLex specifics', () => {
  let sim: LeadLexSimulator | undefined;
  let upstream: Upstream<unknown, LeadLexOptions>;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
  async function start(deals: LeadLexDeal[], env: Record<string, string> = {}, options: LeadLexSimulatorOptions = {}) {
    ({ sim, upstream } = await startLeadLex(deals, env, options));
    return sim;
  }
  const run = async (ids: string[], options: Partial<LeadLexOptions> = {}, batchIndex = 0) =>
    flat(await upstream.deleteBatch(ids, batchIndex, { dryRun: false, keyBase: 'kb-1', ...options }));

  it.each<[string, Parameters<LeadLexSimulator['fault']>[0]]>([
    ['a 503', { status: 503 }],
    ['a 500 after processing', { status: 500, process: true }],
    ['a timeout after processing', { hang: 'after' }],
    ['a reset after processing', { reset: 'after' }],
  ])('keeps the Idempotency-Key across retries after %s, and LeadLex processes the batch once', async (_case, fault) => {
    const s = await start([{ id: 'd1' }, { id: 'd2' }], { UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS) });
    s.fault(fault);
    // A hung attempt times out once LeadLex has processed it (test/helpers/upstream-timer.ts).
    const outcome = await timingOut(() => run(['d1', 'd2']), fault.hang ? [() => s.processedCount === 1] : []);
    expect(s.received).toHaveLength(2);
    expect(keyOf(s, 1)).toBe(keyOf(s, 0));
    expect(s.received[1]?.body).toBe(s.received[0]?.body);
    expect(s.processedCount).toBe(1);
    expect(outcome).toMatchObject({ deletedCount: 2, deletedIds: ['d1', 'd2'], failures: [] });
  });

  it('uses a different Idempotency-Key for each batch, and for each key base', async () => {
    const s = await start([]);
    await run(['d1'], {}, 0);
    await run(['d2'], {}, 1);
    await run(['d1'], { keyBase: 'kb-2' }, 0);
    expect(new Set(keysOf(s)).size).toBe(3);
  });

  it('under a fresh key base, keys each batch by the base and its index alone, the same on a retry', async () => {
    const s = await start([{ id: 'd1' }]);
    s.fault({ status: 503 });
    await run(['d1'], { keyBase: 'fresh-1', freshKeyBase: true }, 0);
    await run(['d2'], { keyBase: 'fresh-1', freshKeyBase: true }, 1);
    expect(keysOf(s)).toEqual(['fresh-1.0', 'fresh-1.0', 'fresh-1.1']);
  });

  it('uses a different Idempotency-Key for other IDs or another dryRun under the same key base and index', async () => {
    const s = await start([]);
    await run(['d1']);
    await run(['d2']);
    await run(['d1'], { dryRun: true });
    expect(new Set(keysOf(s)).size).toBe(3);
  });

  it('sends dry_run: true and deletes nothing, reporting what would happen', async () => {
    const s = await start([{ id: 'd1' }, { id: 'd2', locked: true }]);
    const outcome = await run(['d1', 'd2', 'ghost'], { dryRun: true });
    expect(s.received[0]?.json).toEqual({ deal_ids: ['d1', 'd2', 'ghost'], dry_run: true });
    expect(s.deletedIds).toEqual([]);
    expect(s.has('d1')).toBe(true);
    expect(outcome).toMatchObject({ deletedCount: 1, notFoundCount: 1, deletedIds: null });
  });

  it('maps data.errors rows to REJECTED with upstreamCode, and deletedIds to the rest when nothing was not found', async () => {
    const s = await start([{ id: 'd1' }, { id: 'd2', locked: true }]);
    const outcome = await run(['d1', 'd2']);
    expect(s.deletedIds).toEqual(['d1']);
    expect(outcome).toMatchObject({ deletedCount: 1, notFoundCount: 0, deletedIds: ['d1'] });
    expect(outcome.failures).toEqual([{ id: 'd2', code: 'REJECTED', message: expect.stringContaining('Deal is locked'), upstreamCode: 'deal_locked' }]);
  });

  it('leaves deletedIds null when LeadLex counted some deals not found', async () => {
    await start([{ id: 'd1' }]);
    const outcome = await run(['d1', 'ghost']);
    expect(outcome).toMatchObject({ deletedCount: 1, notFoundCount: 1, deletedIds: null, failures: [] });
  });

  it('makes every ID OUTCOME_UNKNOWN when the counts do not add up to the deals sent', async () => {
    const s = await start([{ id: 'd1' }, { id: 'd2' }]);
    s.fault({ body: { data: { deleted_count: 5, not_found_count: 0, errors: [] } } });
    const outcome = await run(['d1', 'd2']);
    expect(failedWith(outcome, 'OUTCOME_UNKNOWN')).toEqual(['d1', 'd2']);
    expect(outcome.deletedCount).toBe(0);
  });

  it('refuses with UPSTREAM_AUTH_FAILED on the 403 for a key without write:deals', async () => {
    const s = await start([{ id: 'd1' }], { LEADLEX_API_KEY: READ_ONLY_KEY });
    const outcome = await run(['d1']);
    expect(s.received[0]?.headers['authorization']).toBe(`Bearer ${READ_ONLY_KEY}`);
    expect(outcome.refusal).toMatchObject({ code: 'UPSTREAM_AUTH_FAILED', upstreamStatus: 403 });
    expect(s.has('d1')).toBe(true);
  });

  it('refuses with RATE_LIMITED when the daily quota is spent, retryAfter reaching the next UTC midnight', async () => {
    const s = await start([{ id: 'd1' }]);
    s.setQuotaRemaining(0);
    const outcome = await run(['d1']);
    expect(s.received).toHaveLength(1);
    const untilMidnight = (Date.parse(nextUtcMidnight()) - Date.now()) / 1000;
    expect(outcome.refusal).toMatchObject({ code: 'RATE_LIMITED', upstreamStatus: 429 });
    expect(Math.abs((outcome.refusal?.retryAfter ?? 0) - untilMidnight)).toBeLessThanOrEqual(5);
    expect(outcome.rateLimit?.rateLimit).toEqual({ limit: 10_000, remaining: 0, resetAt: nextUtcMidnight() });
  });

  it('reports the quota after the call with resetAt at the next UTC midnight', async () => {
    await start([{ id: 'd1' }], {}, { quota: { limit: 50, remaining: 20 } });
    const outcome = await run(['d1']);
    expect(outcome.rateLimit?.rateLimit).toEqual({ limit: 50, remaining: 19, resetAt: nextUtcMidnight() });
  });
});

describe('bulkDeleteDeals over the facade: LeadLex batches and keys', () => {
  const facades: FacadeHarness[] = [];
  let shared: LeadLexSimulator | undefined;
  afterEach(async () => {
    await Promise.all(facades.splice(0).map((f) => f.close()));
    await shared?.close();
    shared = undefined;
  });
  async function facade(options: Parameters<typeof startFacade>[0] = {}): Promise<FacadeHarness> {
    const f = await startFacade(options);
    facades.push(f);
    return f;
  }
  async function sharedLeadLex(deals: LeadLexDeal[]): Promise<LeadLexSimulator> {
    shared = await startLeadLexSimulator({ apiKey: SECRETS.leadlexApiKey, deals });
    return shared;
  }

  it('cuts batches of at most 500 from the distinct IDs in first-seen order, each with its own key', async () => {
    const ids = dealIds(1200);
    const f = await facade({ leadlex: { deals: ids.map((id) => ({ id })) } });
    const input = [...ids.slice(0, 10), ...ids]; // duplicates up front must not shift the batches
    const answer = await f.graphql(MUTATIONS.deals, { input: { ids: input } });
    expect(accountingProblems(answer.body.data?.result)).toEqual([]);
    expect(answer.body.data?.result).toMatchObject({ requestedCount: 1200, deletedCount: 1200 });
    const batches = f.leadlex.received.map((r) => (r.json as { deal_ids: string[] }).deal_ids);
    expect([...batches].sort((a, b) => a.length - b.length).map((b) => b.length)).toEqual([200, 500, 500]);
    expect(batches.flat().sort()).toEqual([...ids].sort());
    for (const batch of batches) expect(batch).toEqual(ids.slice(ids.indexOf(batch[0] ?? ''), ids.indexOf(batch[0] ?? '') + batch.length));
    expect(new Set(keysOf(f.leadlex)).size).toBe(3);
  });

  it('sends a fresh Idempotency-Key for each mutation call when the client gave no key', async () => {
    const f = await facade({ leadlex: { deals: [{ id: 'd1' }] } });
    await f.graphql(MUTATIONS.deals, { input: { ids: ['d1'] } });
    const second = await f.graphql(MUTATIONS.deals, { input: { ids: ['d1'] } });
    expect(keyOf(f.leadlex, 0)).not.toBe(keyOf(f.leadlex, 1));
    expect(f.leadlex.processedCount).toBe(2);
    expect(second.body.data?.result).toMatchObject({ deletedCount: 0, notFoundCount: 1 });
  });

  it('derives the Idempotency-Key from the client key: a replay reaching LeadLex (a restarted facade) gets the stored answer', async () => {
    const ids = dealIds(600);
    const leadlex = await sharedLeadLex(ids.map((id) => ({ id })));
    const first = await (await facade({ simulators: { leadlex } })).graphql(MUTATIONS.deals, { input: { ids, idempotencyKey: 'client-key-1' } });
    expect(leadlex.processedCount).toBe(2);
    // A second replica or a restart: its own idempotency store is empty, so the call reaches LeadLex.
    const replay = await (await facade({ simulators: { leadlex } })).graphql(MUTATIONS.deals, { input: { ids, idempotencyKey: 'client-key-1' } });
    expect(leadlex.received).toHaveLength(4);
    expect(keysOf(leadlex).slice(2).sort()).toEqual(keysOf(leadlex).slice(0, 2).sort());
    expect(leadlex.processedCount).toBe(2);
    expect(leadlex.replayedCount).toBe(2);
    expect(leadlex.deletedIds).toHaveLength(600);
    const { upstreamRequestIds: _a, rateLimit: _b, ...firstResult } = expectResult(first);
    const { upstreamRequestIds: _c, rateLimit: _d, ...replayResult } = expectResult(replay);
    expect(replayResult).toEqual({ ...firstResult, deletedIds: expect.any(Array) });
    expect(new Set(replayResult.deletedIds)).toEqual(new Set(ids));
    expect(replayResult).toMatchObject({ deletedCount: 600, notFoundCount: 0 });
  });

  it('never lets a replay with other IDs under the same client key receive LeadLex\'s stored answer', async () => {
    const leadlex = await sharedLeadLex([{ id: 'd1' }, { id: 'd2' }]);
    await (await facade({ simulators: { leadlex } })).graphql(MUTATIONS.deals, { input: { ids: ['d1'], idempotencyKey: 'client-key-2' } });
    const other = await (await facade({ simulators: { leadlex } })).graphql(MUTATIONS.deals, { input: { ids: ['d2'], idempotencyKey: 'client-key-2' } });
    expect(keyOf(leadlex, 1)).not.toBe(keyOf(leadlex, 0));
    expect(leadlex.replayedCount).toBe(0);
    expect(other.body.data?.result).toMatchObject({ deletedIds: ['d2'] });
    expect(leadlex.has('d2')).toBe(false);
  });

  it('derives the same Idempotency-Key for the same client and key on every replica, without sending the client key itself', async () => {
    const leadlex = await sharedLeadLex([{ id: 'd1' }]);
    const clientKey = 'client-visible-key-7Q';
    await (await facade({ simulators: { leadlex } })).graphql(MUTATIONS.deals, { input: { ids: ['d1'], idempotencyKey: clientKey } });
    await (await facade({ simulators: { leadlex } })).graphql(MUTATIONS.deals, { input: { ids: ['d1'], idempotencyKey: clientKey } });
    expect(keyOf(leadlex, 1)).toBe(keyOf(leadlex, 0));
    expect(keyOf(leadlex, 0)).not.toContain(clientKey);
  });
});
