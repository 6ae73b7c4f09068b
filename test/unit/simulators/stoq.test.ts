import { afterEach, describe, expect, it } from 'vitest';
import { startStoqSimulator } from '../../../src/simulators/index.ts';
import type { StoqSimulator, StoqSimulatorOptions } from '../../../src/simulators/index.ts';
import { createClock, send } from './http.ts';
import type { Answer } from './http.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let sim: StoqSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: StoqSimulatorOptions = {}): Promise<StoqSimulator> {
  sim = await startStoqSimulator({
    intents: [{ id: 'int_1' }, { id: 'int_2' }, { id: 'int_3' }, { id: 'int_sent', sent: true }],
    ...options,
  });
  return sim;
}

/** DELETE bulk_destroy as the doc shows it; `headers` override (undefined removes one). */
function destroy(s: StoqSimulator, body: unknown, headers: Record<string, string | undefined> = {}): Promise<Answer> {
  return send(`${s.url}/intents/bulk_destroy`, {
    method: 'DELETE',
    headers: { 'X-Auth-Token': s.apiKey, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('startStoqSimulator', () => {
  it('serves under /api/v1/external, the base URL the facade is configured with', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/external$/);
  });

  it('deletes every requested intent and answers 200 with deleted_count', async () => {
    const s = await start();
    const answer = await destroy(s, { intent_ids: ['int_1', 'int_2'] });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ success: true, deleted_count: 2 });
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(s.deletedIds).toEqual(['int_1', 'int_2']);
    expect([s.has('int_1'), s.has('int_2'), s.has('int_3')]).toEqual([false, false, true]);
  });

  it('counts only the intents it found when some IDs do not exist', async () => {
    const s = await start();
    const answer = await destroy(s, { intent_ids: ['int_1', 'ghost', 'int_1'] });
    expect(answer.json).toEqual({ success: true, deleted_count: 1 });
    expect(s.deletedIds).toEqual(['int_1']);
  });

  it('answers 404 "No valid intents found" when none of the IDs exists', async () => {
    const s = await start();
    const answer = await destroy(s, { intent_ids: ['ghost_1', 'ghost_2'] });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ error: 'No valid intents found' });
  });

  it('refuses the whole call with 422 and the sent IDs when any found intent was already sent', async () => {
    const s = await start({ intents: [{ id: 'a' }, { id: 'b', sent: true }, { id: 'c', sent: true }] });
    const answer = await destroy(s, { intent_ids: ['a', 'c', 'ghost', 'b'] });
    expect(answer.status).toBe(422);
    expect(answer.json).toEqual({
      error: 'Cannot delete intents that have already been sent',
      sent_intent_ids: ['c', 'b'],
    });
    expect(s.deletedIds).toEqual([]);
    expect(s.has('a')).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['wrong', 'not-the-key'],
    ['empty', ''],
    ['given twice', undefined],
  ])('answers 401 {"error":"Unauthorized"} when X-Auth-Token is %s', async (name, token) => {
    const s = await start();
    const headers = name === 'given twice' ? { 'X-Auth-Token': `${s.apiKey}, ${s.apiKey}` } : { 'X-Auth-Token': token };
    const answer = await destroy(s, { intent_ids: ['int_1'] }, headers);
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ error: 'Unauthorized' });
    expect(s.deletedIds).toEqual([]);
  });

  it.each([
    ['no Content-Type', undefined, '{"intent_ids":["int_1"]}', 'Content-Type must be application/json'],
    ['a form Content-Type', 'application/x-www-form-urlencoded', 'intent_ids[]=int_1', 'Content-Type must be application/json'],
    ['unparseable JSON', 'application/json', '{"intent_ids": [', 'Invalid JSON in request body'],
    ['a JSON array', 'application/json', '["int_1"]', 'Request body must be a JSON object'],
    ['a JSON string', 'application/json', '"int_1"', 'Request body must be a JSON object'],
    ['an empty body', 'application/json', '', 'param is missing or the value is empty: intent_ids'],
    ['no intent_ids', 'application/json', '{"ids":["int_1"]}', 'param is missing or the value is empty: intent_ids'],
    ['empty intent_ids', 'application/json', '{"intent_ids":[]}', 'param is missing or the value is empty: intent_ids'],
    ['null intent_ids', 'application/json', '{"intent_ids":null}', 'param is missing or the value is empty: intent_ids'],
    ['a string intent_ids', 'application/json', '{"intent_ids":"int_1"}', 'intent_ids must be an array of strings'],
    ['numeric IDs', 'application/json', '{"intent_ids":[1001]}', 'intent_ids must be an array of strings'],
    ['an unknown field', 'application/json', '{"intent_ids":["int_1"],"force":true}', 'found unpermitted parameter: :force'],
  ])('answers 400 for %s and deletes nothing', async (_name, contentType, body, error) => {
    const s = await start();
    const answer = await destroy(s, body, { 'Content-Type': contentType });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error });
    expect(s.deletedIds).toEqual([]);
  });

  it('accepts a charset parameter on the Content-Type', async () => {
    const s = await start();
    const answer = await destroy(s, { intent_ids: ['int_1'] }, { 'Content-Type': 'Application/JSON; charset=utf-8' });
    expect(answer.status).toBe(200);
  });

  it.each([
    ['POST on the endpoint', 'POST', '/api/v1/external/intents/bulk_destroy'],
    ['GET on the endpoint', 'GET', '/api/v1/external/intents/bulk_destroy'],
    ['the base URL itself', 'DELETE', '/api/v1/external'],
    ['a doubled base path', 'DELETE', '/api/v1/external/api/v1/external/intents/bulk_destroy'],
    ['a double slash', 'DELETE', '/api/v1/external//intents/bulk_destroy'],
    ['a trailing slash', 'DELETE', '/api/v1/external/intents/bulk_destroy/'],
    ['the host root', 'DELETE', '/intents/bulk_destroy'],
  ])('answers 404 with an HTML page for %s', async (_name, method, path) => {
    const s = await start();
    const answer = await send(new URL(s.url).origin + path, {
      method,
      headers: { 'X-Auth-Token': s.apiKey, 'Content-Type': 'application/json' },
      body: method === 'GET' ? undefined : JSON.stringify({ intent_ids: ['int_1'] }),
    });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.text).toContain("The page you were looking for doesn't exist");
    expect(s.deletedIds).toEqual([]);
  });

  it('ignores a query string when routing', async () => {
    const s = await start();
    const answer = await send(`${s.url}/intents/bulk_destroy?trace=1`, {
      method: 'DELETE',
      headers: { 'X-Auth-Token': s.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ intent_ids: ['int_1'] }),
    });
    expect(answer.status).toBe(200);
    expect(s.received[0]?.path).toBe('/api/v1/external/intents/bulk_destroy?trace=1');
  });

  it('records each request exactly as received', async () => {
    const clock = createClock();
    const s = await start({ now: clock.now });
    await destroy(s, { intent_ids: ['int_1'] }, { 'X-Extra': 'Yes' });
    expect(s.received).toHaveLength(1);
    const [request] = s.received;
    expect(request).toMatchObject({
      method: 'DELETE',
      path: '/api/v1/external/intents/bulk_destroy',
      body: '{"intent_ids":["int_1"]}',
      json: { intent_ids: ['int_1'] },
      receivedAt: clock.now(),
    });
    expect(request?.headers).toMatchObject({ 'x-auth-token': s.apiKey, 'x-extra': 'Yes', 'content-type': 'application/json' });
  });

  it('sends a fresh X-Request-ID with every answer, errors and 404 pages included', async () => {
    const s = await start();
    const answers = [
      await destroy(s, { intent_ids: ['int_1'] }),
      await destroy(s, { intent_ids: ['int_1'] }, { 'X-Auth-Token': 'wrong' }),
      await send(`${s.url}/nowhere`, { method: 'GET' }),
    ];
    const ids = answers.map((a) => a.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(3);
  });

  it('answers 413 in its error shape for a body over maxBodyBytes, and nothing is deleted', async () => {
    const s = await start({ maxBodyBytes: 1024 });
    const answer = await destroy(s, { intent_ids: ['int_1', 'x'.repeat(2000)] });
    expect(answer.status).toBe(413);
    expect(answer.json).toEqual({ error: 'Request body exceeds 1024 bytes' });
    expect(s.received[0]?.body).toBe('');
    expect(s.deletedIds).toEqual([]);
  });

  it('caps bodies at 10 MiB by default', async () => {
    const s = await start();
    const answer = await destroy(s, `{"intent_ids":["${'x'.repeat(10 * 1024 * 1024)}"]}`);
    expect(answer.status).toBe(413);
  });

  it('survives a binary body and answers the next request normally', async () => {
    const s = await start();
    const garbage = await destroy(s, '\u0000\u00ff\ud800{{{');
    expect(garbage.status).toBe(400);
    expect((await destroy(s, { intent_ids: ['int_1'] })).status).toBe(200);
  });

  it('adds and replaces intents through addIntents', async () => {
    const s = await start();
    s.addIntents([{ id: 'int_new' }, { id: 'int_1', sent: true }]);
    expect(s.has('int_new')).toBe(true);
    expect((await destroy(s, { intent_ids: ['int_1'] })).status).toBe(422);
  });
});

describe('Stoq rate limit', () => {
  const small = { points: 4, windowMs: 60_000, cost: 2 };

  it('reports the default budget of 360 points, 2 per DELETE, on every authenticated answer', async () => {
    const clock = createClock();
    const s = await start({ now: clock.now });
    const ok = await destroy(s, { intent_ids: ['int_1'] });
    const notFound = await destroy(s, { intent_ids: ['ghost'] });
    expect(ok.headers.get('x-ratelimit-limit')).toBe('360');
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('358');
    expect(ok.headers.get('x-ratelimit-reset')).toBe(String((clock.now() + 60_000) / 1000));
    expect(notFound.headers.get('x-ratelimit-remaining')).toBe('356');
  });

  it('answers 429 with Retry-After and processes nothing once the budget is spent', async () => {
    const clock = createClock();
    const s = await start({ now: clock.now, rateLimit: small });
    expect((await destroy(s, { intent_ids: ['int_1'] })).status).toBe(200);
    clock.advance(10_000);
    expect((await destroy(s, { intent_ids: ['int_2'] })).status).toBe(200);
    const limited = await destroy(s, { intent_ids: ['int_3'] });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ error: 'Rate limit exceeded' });
    expect(limited.headers.get('retry-after')).toBe('50');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset')).toBe(String((clock.now() + 50_000) / 1000));
    expect(limited.headers.get('x-request-id')).toMatch(UUID);
    expect(s.has('int_3')).toBe(true);
  });

  it('gives each request its points back one window after it was made (a rolling window)', async () => {
    const clock = createClock();
    const s = await start({ now: clock.now, rateLimit: small });
    await destroy(s, { intent_ids: ['int_1'] });
    clock.advance(30_000);
    await destroy(s, { intent_ids: ['int_2'] });
    clock.advance(29_999);
    expect((await destroy(s, { intent_ids: ['int_3'] })).status).toBe(429);
    clock.advance(1);
    const admitted = await destroy(s, { intent_ids: ['int_3'] });
    expect(admitted.status).toBe(200);
    expect(admitted.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('rounds Retry-After up to at least one second', async () => {
    const clock = createClock();
    const s = await start({ now: clock.now, rateLimit: { points: 2, windowMs: 1_000, cost: 2 } });
    await destroy(s, { intent_ids: ['int_1'] });
    clock.advance(999);
    expect((await destroy(s, { intent_ids: ['int_2'] })).headers.get('retry-after')).toBe('1');
  });

  it('charges a refused 400 but neither a 401 (no store to charge) nor a 429', async () => {
    const clock = createClock();
    const s = await start({ now: clock.now, rateLimit: small });
    const unauthorized = await destroy(s, { intent_ids: ['int_1'] }, { 'X-Auth-Token': 'wrong' });
    expect(unauthorized.headers.get('x-ratelimit-remaining')).toBeNull();
    expect((await destroy(s, 'not json')).headers.get('x-ratelimit-remaining')).toBe('2');
    expect((await destroy(s, { intent_ids: ['int_1'] })).headers.get('x-ratelimit-remaining')).toBe('0');
    expect((await destroy(s, { intent_ids: ['int_2'] })).status).toBe(429);
    clock.advance(60_000);
    expect((await destroy(s, { intent_ids: ['int_2'] })).status).toBe(200);
  });
});
