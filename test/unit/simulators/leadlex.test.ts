import { afterEach, describe, expect, it } from 'vitest';
import { startLeadLexSimulator } from '../../../src/simulators/index.ts';
import type { LeadLexSimulator, LeadLexSimulatorOptions } from '../../../src/simulators/index.ts';
import { createClock, send } from './http.ts';
import type { Answer } from './http.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

let sim: LeadLexSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: LeadLexSimulatorOptions = {}): Promise<LeadLexSimulator> {
  sim = await startLeadLexSimulator({
    deals: [{ id: 'd1' }, { id: 'd2' }, { id: 'd3' }, { id: 'd_locked', locked: true }],
    keys: { 'read-only-key': { permissions: ['read:deals'] } },
    ...options,
  });
  return sim;
}

/** POST bulk-delete as the doc's samples; `headers` override (undefined removes one). */
function bulkDelete(s: LeadLexSimulator, body: unknown, headers: Record<string, string | undefined> = {}): Promise<Answer> {
  return send(`${s.url}/v1/deals/bulk-delete`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${s.apiKey}`, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `deal_${i}`);

describe('startLeadLexSimulator', () => {
  it('serves under /functions/v1/api-gateway, the base URL the facade is configured with', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/functions\/v1\/api-gateway$/);
  });

  it('deletes the deals and answers the doc example shape', async () => {
    const s = await start();
    const answer = await bulkDelete(s, { deal_ids: ['d1', 'd2'] });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ data: { deleted_count: 2, not_found_count: 0, errors: [] } });
    expect(s.deletedIds).toEqual(['d1', 'd2']);
    expect(s.processedCount).toBe(1);
  });

  it('counts missing and repeated IDs as not found and reports locked deals in errors', async () => {
    const s = await start();
    const answer = await bulkDelete(s, { deal_ids: ['d1', 'ghost', 'd_locked', 'd1'] });
    expect(answer.json).toEqual({
      data: {
        deleted_count: 1,
        not_found_count: 2,
        errors: [{ deal_id: 'd_locked', code: 'deal_locked', message: 'Deal is locked by an open approval' }],
      },
    });
    expect(s.deletedIds).toEqual(['d1']);
    expect(s.has('d_locked')).toBe(true);
  });

  it('reports what would happen and deletes nothing in a dry run', async () => {
    const s = await start();
    const answer = await bulkDelete(s, { deal_ids: ['d1', 'd1', 'ghost', 'd_locked'], dry_run: true });
    expect(answer.json).toEqual({
      data: {
        deleted_count: 1,
        not_found_count: 2,
        errors: [{ deal_id: 'd_locked', code: 'deal_locked', message: 'Deal is locked by an open approval' }],
      },
    });
    expect(s.deletedIds).toEqual([]);
    expect(s.has('d1')).toBe(true);
    expect((await bulkDelete(s, { deal_ids: ['d1'], dry_run: false })).json).toMatchObject({ data: { deleted_count: 1 } });
  });

  it('accepts exactly 500 IDs', async () => {
    const s = await start();
    s.addDeals(ids(500).map((id) => ({ id })));
    const answer = await bulkDelete(s, { deal_ids: ids(500) });
    expect(answer.json).toEqual({ data: { deleted_count: 500, not_found_count: 0, errors: [] } });
  });

  it.each([
    ['no Authorization header', undefined, 401, 'invalid_key'],
    ['an unknown key', 'Bearer not-a-key', 401, 'invalid_key'],
    ['a Basic scheme', 'Basic dGVzdDp0ZXN0', 401, 'invalid_key'],
    ['a bare key without Bearer', 'test-leadlex-key', 401, 'invalid_key'],
    ['a key without write:deals', 'Bearer read-only-key', 403, 'insufficient_permissions'],
  ])('refuses %s', async (_name, authorization, status, code) => {
    const s = await start();
    const answer = await bulkDelete(s, { deal_ids: ['d1'] }, { Authorization: authorization });
    expect(answer.status).toBe(status);
    expect(answer.json).toEqual({ error: { code, message: expect.any(String) } });
    expect(s.deletedIds).toEqual([]);
  });

  it('says "Invalid or expired API key" for an unknown key and accepts a lower-case scheme', async () => {
    const s = await start();
    const refused = await bulkDelete(s, { deal_ids: ['d1'] }, { Authorization: 'Bearer nope' });
    expect(refused.json).toEqual({ error: { code: 'invalid_key', message: 'Invalid or expired API key' } });
    expect((await bulkDelete(s, { deal_ids: ['d1'] }, { Authorization: `bearer ${s.apiKey}` })).status).toBe(200);
  });

  it.each([
    ['no Content-Type', undefined, '{"deal_ids":["d1"]}', 'Content-Type must be application/json'],
    ['a text Content-Type', 'text/plain', '{"deal_ids":["d1"]}', 'Content-Type must be application/json'],
    ['an empty body', 'application/json', '', 'Request body must be valid JSON'],
    ['unparseable JSON', 'application/json', '{"deal_ids":', 'Request body must be valid JSON'],
    ['a JSON array', 'application/json', '["d1"]', 'Request body must be a JSON object'],
    ['no deal_ids', 'application/json', '{"dry_run":true}', 'deal_ids is required'],
    ['a string deal_ids', 'application/json', '{"deal_ids":"d1"}', 'deal_ids must be an array of strings'],
    ['numeric deal_ids', 'application/json', '{"deal_ids":[1]}', 'deal_ids must be an array of strings'],
    ['empty deal_ids', 'application/json', '{"deal_ids":[]}', 'deal_ids must contain at least 1 ID'],
    ['501 deal_ids', 'application/json', JSON.stringify({ deal_ids: ids(501) }), 'deal_ids must contain at most 500 IDs'],
    ['a string dry_run', 'application/json', '{"deal_ids":["d1"],"dry_run":"true"}', 'dry_run must be a boolean'],
    ['camelCase dryRun', 'application/json', '{"deal_ids":["d1"],"dryRun":true}', 'Unknown field: dryRun'],
  ])('answers 400 validation_error for %s and deletes nothing', async (_name, contentType, body, message) => {
    const s = await start();
    const answer = await bulkDelete(s, body, { 'Content-Type': contentType });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: { code: 'validation_error', message } });
    expect(s.deletedIds).toEqual([]);
    expect(s.processedCount).toBe(0);
  });

  it.each([
    ['DELETE on the endpoint', 'DELETE', '/functions/v1/api-gateway/v1/deals/bulk-delete'],
    ['GET on the endpoint', 'GET', '/functions/v1/api-gateway/v1/deals/bulk-delete'],
    ['a path without /v1', 'POST', '/functions/v1/api-gateway/deals/bulk-delete'],
    ['a doubled /v1', 'POST', '/functions/v1/api-gateway/v1/v1/deals/bulk-delete'],
    ['a trailing slash', 'POST', '/functions/v1/api-gateway/v1/deals/bulk-delete/'],
    ['the host root', 'POST', '/v1/deals/bulk-delete'],
  ])('answers 404 not_found for %s', async (_name, method, path) => {
    const s = await start();
    const answer = await send(new URL(s.url).origin + path, {
      method,
      headers: { Authorization: `Bearer ${s.apiKey}`, 'Content-Type': 'application/json' },
      body: method === 'GET' ? undefined : JSON.stringify({ deal_ids: ['d1'] }),
    });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    expect(answer.headers.get('x-request-id')).not.toBeNull();
  });

  it('answers 413 payload_too_large over maxBodyBytes', async () => {
    const s = await start({ maxBodyBytes: 100 });
    const answer = await bulkDelete(s, { deal_ids: ids(50) });
    expect(answer.status).toBe(413);
    expect(answer.json).toMatchObject({ error: { code: 'payload_too_large' } });
  });
});

describe('LeadLex Idempotency-Key', () => {
  it('replays the first answer for the same key and body without processing again', async () => {
    const s = await start();
    const first = await bulkDelete(s, { deal_ids: ['d1', 'ghost'] }, { 'Idempotency-Key': 'key-1' });
    s.addDeals([{ id: 'd1' }]); // recreated: a second processing would delete it again
    const replay = await bulkDelete(s, { deal_ids: ['d1', 'ghost'] }, { 'Idempotency-Key': 'key-1' });
    expect(replay.status).toBe(first.status);
    expect(replay.json).toEqual(first.json);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(replay.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(s.has('d1')).toBe(true);
    expect([s.processedCount, s.replayedCount]).toEqual([1, 1]);
  });

  it('treats the same IDs with different whitespace as the same body', async () => {
    const s = await start();
    await bulkDelete(s, '{"deal_ids":["d1"]}', { 'Idempotency-Key': 'key-1' });
    const replay = await bulkDelete(s, '{ "deal_ids" : [ "d1" ], "dry_run": false }', { 'Idempotency-Key': 'key-1' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it.each([
    ['other IDs', { deal_ids: ['d2'] }],
    ['a dry run', { deal_ids: ['d1'], dry_run: true }],
  ])('answers 422 idempotency_key_reused for the same key with %s', async (_name, body) => {
    const s = await start();
    await bulkDelete(s, { deal_ids: ['d1'] }, { 'Idempotency-Key': 'key-1' });
    const reused = await bulkDelete(s, body, { 'Idempotency-Key': 'key-1' });
    expect(reused.status).toBe(422);
    expect(reused.json).toEqual({ error: { code: 'idempotency_key_reused', message: expect.any(String) } });
    expect(s.deletedIds).toEqual(['d1']);
  });

  it('stores nothing for a refused request, so the key can be used once the body is fixed', async () => {
    const s = await start();
    expect((await bulkDelete(s, { deal_ids: [] }, { 'Idempotency-Key': 'key-1' })).status).toBe(400);
    const fixed = await bulkDelete(s, { deal_ids: ['d1'] }, { 'Idempotency-Key': 'key-1' });
    expect([fixed.status, fixed.headers.get('idempotent-replayed')]).toEqual([200, null]);
  });

  it('forgets a key after 24 hours', async () => {
    const clock = createClock();
    const s = await start({ now: clock.now });
    await bulkDelete(s, { deal_ids: ['d1'] }, { 'Idempotency-Key': 'key-1' });
    clock.advance(DAY_MS - 1);
    expect((await bulkDelete(s, { deal_ids: ['d1'] }, { 'Idempotency-Key': 'key-1' })).headers.get('idempotent-replayed')).toBe('true');
    clock.advance(1);
    const fresh = await bulkDelete(s, { deal_ids: ['d1'] }, { 'Idempotency-Key': 'key-1' });
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
    expect(fresh.json).toEqual({ data: { deleted_count: 0, not_found_count: 1, errors: [] } });
    expect(s.processedCount).toBe(2);
  });

  it('refuses an empty Idempotency-Key', async () => {
    const s = await start();
    const answer = await bulkDelete(s, { deal_ids: ['d1'] }, { 'Idempotency-Key': ' ' });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: { code: 'validation_error' } });
  });

  it('processes every request without a key', async () => {
    const s = await start();
    await bulkDelete(s, { deal_ids: ['d1'] });
    await bulkDelete(s, { deal_ids: ['d1'] });
    expect([s.processedCount, s.replayedCount]).toEqual([2, 0]);
  });
});

describe('LeadLex daily quota', () => {
  it('sends X-RateLimit-* and X-Request-ID with every answer from a known key', async () => {
    const clock = createClock(Date.UTC(2025, 0, 15, 12, 0, 0));
    const s = await start({ now: clock.now, quota: { limit: 100 } });
    const answers = [
      await bulkDelete(s, { deal_ids: ['d1'] }),
      await bulkDelete(s, { deal_ids: [] }),
      await bulkDelete(s, { deal_ids: ['d2'] }, { Authorization: 'Bearer read-only-key' }),
    ];
    expect(answers.map((a) => a.headers.get('x-ratelimit-remaining'))).toEqual(['99', '98', '97']);
    for (const answer of answers) {
      expect(answer.headers.get('x-ratelimit-limit')).toBe('100');
      expect(answer.headers.get('x-ratelimit-reset')).toBe(String(Date.UTC(2025, 0, 16) / 1000));
      expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('charges nothing to an unknown key and sends it no quota headers', async () => {
    const s = await start();
    const refused = await bulkDelete(s, { deal_ids: ['d1'] }, { Authorization: 'Bearer nope' });
    expect(refused.headers.get('x-ratelimit-remaining')).toBeNull();
    expect(refused.headers.get('x-request-id')).not.toBeNull();
    expect(s.quotaRemaining()).toBe(10_000);
  });

  it('answers 429 rate_limited with the quota headers and no Retry-After once the day is spent', async () => {
    const clock = createClock(Date.UTC(2025, 0, 15, 23, 59, 0));
    const s = await start({ now: clock.now });
    s.setQuotaRemaining(1);
    expect((await bulkDelete(s, { deal_ids: ['d1'] })).headers.get('x-ratelimit-remaining')).toBe('0');
    const limited = await bulkDelete(s, { deal_ids: ['d2'] });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect(limited.headers.get('x-ratelimit-limit')).toBe('10000');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset')).toBe(String(Date.UTC(2025, 0, 16) / 1000));
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(s.has('d2')).toBe(true);
  });

  it('refills the quota at midnight UTC', async () => {
    const clock = createClock(Date.UTC(2025, 0, 15, 23, 59, 59));
    const s = await start({ now: clock.now, quota: { limit: 5, remaining: 0 } });
    expect((await bulkDelete(s, { deal_ids: ['d1'] })).status).toBe(429);
    clock.set(Date.UTC(2025, 0, 16));
    const next = await bulkDelete(s, { deal_ids: ['d1'] });
    expect(next.status).toBe(200);
    expect(next.headers.get('x-ratelimit-remaining')).toBe('4');
    expect(next.headers.get('x-ratelimit-reset')).toBe(String(Date.UTC(2025, 0, 17) / 1000));
  });

  it('charges replays too, since each is a request', async () => {
    const s = await start({ quota: { limit: 10 } });
    await bulkDelete(s, { deal_ids: ['d1'] }, { 'Idempotency-Key': 'k' });
    await bulkDelete(s, { deal_ids: ['d1'] }, { 'Idempotency-Key': 'k' });
    expect(s.quotaRemaining()).toBe(8);
  });
});
