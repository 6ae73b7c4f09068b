import { afterEach, describe, expect, it } from 'vitest';
import { startLeadLexSimulator, startStoqSimulator } from '../../../src/simulators/index.ts';
import type { LeadLexSimulator, LeadLexSimulatorOptions, RecordedRequest, RepliedStatus, StoqSimulator } from '../../../src/simulators/index.ts';
import { createClock, send } from './http.ts';
import type { Answer } from './http.ts';

// The options a benchmark needs: answer every request alike however often it repeats, keep
// no per-request state, and see several quota windows in one run. Defaults stay as they were.

let sims: Array<LeadLexSimulator | StoqSimulator> = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

async function leadlex(options: LeadLexSimulatorOptions = {}): Promise<LeadLexSimulator> {
  const s = await startLeadLexSimulator(options);
  sims.push(s);
  return s;
}

function bulkDelete(s: LeadLexSimulator, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send(`${s.url}/v1/deals/bulk-delete`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${s.apiKey}`, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('simulator record and onReply options', () => {
  it('records every request by default', async () => {
    const s = await leadlex();
    await bulkDelete(s, { deal_ids: ['d1'] });
    expect(s.received).toHaveLength(1);
  });

  it('keeps no request with record: false, and still numbers them for fault plans', async () => {
    const s = await leadlex({ record: false, deals: [{ id: 'd1' }, { id: 'd2' }] });
    const indexes: number[] = [];
    s.faultPlan((_req, index) => {
      indexes.push(index);
      return undefined;
    });
    expect((await bulkDelete(s, { deal_ids: ['d1'] })).status).toBe(200);
    expect((await bulkDelete(s, { deal_ids: ['d2'] })).status).toBe(200);
    expect(s.received).toEqual([]);
    expect(indexes).toEqual([0, 1]);
    expect(s.deletedIds).toEqual(['d1', 'd2']);
  });

  it('tells onReply the status and headers of each answer written, faulted ones included', async () => {
    const replies: Array<{ path: string; reply: RepliedStatus }> = [];
    const onReply = (req: RecordedRequest, reply: RepliedStatus) => replies.push({ path: req.path, reply });
    const s = await leadlex({ onReply, quota: { limit: 5 } });
    await bulkDelete(s, { deal_ids: ['ghost'] });
    s.fault({ status: 503 });
    await bulkDelete(s, { deal_ids: ['ghost'] });
    expect(replies.map((r) => r.reply.status)).toEqual([200, 503]);
    expect(replies[0]?.reply.headers['x-ratelimit-limit']).toBe('5');
    expect(replies[0]?.reply.headers['content-type']).toMatch(/^application\/json/);
    expect(replies[0]?.path).toBe('/functions/v1/api-gateway/v1/deals/bulk-delete');
  });

  it('does not call onReply for a request that hangs or is reset', async () => {
    const statuses: number[] = [];
    const s = await leadlex({ onReply: (_req, reply) => statuses.push(reply.status) });
    s.fault({ reset: 'before' });
    await bulkDelete(s, { deal_ids: ['x'] }).catch(() => undefined);
    await bulkDelete(s, { deal_ids: ['x'] });
    expect(statuses).toEqual([200]);
  });

  it('works for every vendor, as it lives in the shared server', async () => {
    const statuses: number[] = [];
    const s = await startStoqSimulator({ record: false, onReply: (_req, reply) => statuses.push(reply.status), intents: [{ id: 'i1' }] });
    sims.push(s);
    const answer = await send(`${s.url}/intents/bulk_destroy`, {
      method: 'DELETE',
      headers: { 'X-Auth-Token': s.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ intent_ids: ['i1'] }),
    });
    expect(answer.status).toBe(200);
    expect(statuses).toEqual([200]);
    expect(s.received).toEqual([]);
  });
});

describe('LeadLex everyDealExists', () => {
  it('answers the same deletion alike however often it is repeated', async () => {
    const s = await leadlex({ everyDealExists: true });
    const body = { deal_ids: ['a', 'b', 'c'] };
    for (let i = 0; i < 3; i++) {
      const answer = await bulkDelete(s, body);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ data: { deleted_count: 3, not_found_count: 0, errors: [] } });
    }
    expect(s.deletedIds).toEqual([]);
    expect(s.has('a')).toBe(false);
  });

  it('keeps seeded deals as they are: deleted once, locked ones refused; a repeated ID is not found', async () => {
    const s = await leadlex({ everyDealExists: true, deals: [{ id: 'seeded' }, { id: 'held', locked: true }] });
    const first = await bulkDelete(s, { deal_ids: ['seeded', 'held', 'any', 'any'] });
    expect(first.json).toEqual({
      data: { deleted_count: 2, not_found_count: 1, errors: [{ deal_id: 'held', code: 'deal_locked', message: 'Deal is locked by an open approval' }] },
    });
    expect(s.deletedIds).toEqual(['seeded']);
    // Once deleted, a seeded deal is an ordinary unknown ID, which now exists.
    expect((await bulkDelete(s, { deal_ids: ['seeded'] })).json).toEqual({ data: { deleted_count: 1, not_found_count: 0, errors: [] } });
  });

  it('stays strict about the wire format', async () => {
    const s = await leadlex({ everyDealExists: true });
    expect((await bulkDelete(s, { deal_ids: [] })).status).toBe(400);
    expect((await bulkDelete(s, { deal_ids: ['a'], dryRun: true })).status).toBe(400);
    expect((await bulkDelete(s, { deal_ids: ['a'] }, { Authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('is off by default: unknown IDs are not found', async () => {
    const s = await leadlex();
    expect((await bulkDelete(s, { deal_ids: ['a'] })).json).toEqual({ data: { deleted_count: 0, not_found_count: 1, errors: [] } });
  });
});

describe('LeadLex idempotencyMaxKeys', () => {
  it('forgets the oldest key once more than the limit are stored', async () => {
    const s = await leadlex({ everyDealExists: true, idempotencyMaxKeys: 2 });
    for (const key of ['k1', 'k2', 'k3']) await bulkDelete(s, { deal_ids: ['a'] }, { 'Idempotency-Key': key });
    const forgotten = await bulkDelete(s, { deal_ids: ['a'] }, { 'Idempotency-Key': 'k1' });
    const kept = await bulkDelete(s, { deal_ids: ['a'] }, { 'Idempotency-Key': 'k3' });
    expect(forgotten.headers.get('idempotent-replayed')).toBeNull();
    expect(kept.headers.get('idempotent-replayed')).toBe('true');
    expect([s.processedCount, s.replayedCount]).toEqual([4, 1]);
  });

  it('remembers every key by default', async () => {
    const s = await leadlex({ everyDealExists: true });
    for (let i = 0; i < 20; i++) await bulkDelete(s, { deal_ids: ['a'] }, { 'Idempotency-Key': `k${i}` });
    expect((await bulkDelete(s, { deal_ids: ['a'] }, { 'Idempotency-Key': 'k0' })).headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('LeadLex quota windowMs', () => {
  it('uses fixed windows aligned to the epoch, with Reset at the window end', async () => {
    const clock = createClock(Date.UTC(2025, 0, 15, 12, 0, 7));
    const s = await leadlex({ everyDealExists: true, now: clock.now, quota: { limit: 2, windowMs: 10_000 } });
    const first = await bulkDelete(s, { deal_ids: ['a'] });
    expect(first.headers.get('x-ratelimit-reset')).toBe(String(Date.UTC(2025, 0, 15, 12, 0, 10) / 1000));
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    await bulkDelete(s, { deal_ids: ['a'] });
    expect((await bulkDelete(s, { deal_ids: ['a'] })).status).toBe(429);
    clock.set(Date.UTC(2025, 0, 15, 12, 0, 10));
    const next = await bulkDelete(s, { deal_ids: ['a'] });
    expect(next.status).toBe(200);
    expect(next.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(next.headers.get('x-ratelimit-reset')).toBe(String(Date.UTC(2025, 0, 15, 12, 0, 20) / 1000));
  });

  it.each([0, 500, 1500, Number.NaN])('refuses a window of %s ms, which the Reset header cannot express', async (windowMs) => {
    await expect(leadlex({ quota: { windowMs } })).rejects.toThrow(/whole number of seconds/);
  });
});
