import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { startKoreSimulator } from '../../../src/simulators/index.ts';
import type { KoreFailedRecordShape, KoreSimulator, KoreSimulatorOptions } from '../../../src/simulators/index.ts';
import { createClock, send } from './http.ts';
import type { Answer } from './http.ts';

let sim: KoreSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const clock = createClock();
const nowS = (): number => Math.floor(clock.now() / 1000);

async function start(options: KoreSimulatorOptions = {}): Promise<KoreSimulator> {
  sim = await startKoreSimulator({
    now: clock.now,
    contacts: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }, { id: 'c_locked', locked: true }],
    ...options,
  });
  return sim;
}

/** A JWT as the facade mints it (docs/contract.md §5); a claim set to undefined is left out. */
function mint(
  s: KoreSimulator,
  claims: Record<string, unknown> = {},
  options: { secret?: string; alg?: string } = {},
): Promise<string> {
  const payload = { appId: s.clientId, sub: s.clientId, iat: nowS(), exp: nowS() + 300, jti: randomUUID(), ...claims };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(options.secret ?? s.clientSecret));
}

function unsignedJwt(payload: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}

function endpoint(s: KoreSimulator, streamId = s.streamId): string {
  return `${s.url}/agentassist/api/v1/public/${streamId}/contacts/bulk-delete`;
}

/** DELETE bulk-delete as the doc's curl sample; `headers` override (undefined removes one). */
async function bulkDelete(
  s: KoreSimulator,
  body: unknown,
  headers: Record<string, string | undefined> = {},
  url = endpoint(s),
): Promise<Answer> {
  return send(url, {
    method: 'DELETE',
    headers: { 'Content-Type': 'application/json', accountId: s.accountId, auth: await mint(s), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('startKoreSimulator', () => {
  it('answers exactly like the doc sample when every contact is deleted', async () => {
    const s = await start();
    const answer = await bulkDelete(s, { ids: ['c1', 'c2'] });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      totalRequested: 2,
      successful: 2,
      failed: 0,
      successfulRecords: [{ id: 'c1' }, { id: 'c2' }],
      failedRecords: [],
    });
    expect(Object.keys(answer.json as object)).toEqual(['totalRequested', 'successful', 'failed', 'successfulRecords', 'failedRecords']);
    expect(s.deletedIds).toEqual(['c1', 'c2']);
    expect(s.has('c1')).toBe(false);
  });

  it('lists missing, locked and repeated IDs in failedRecords and deletes the rest', async () => {
    const s = await start();
    const answer = await bulkDelete(s, { ids: ['c1', 'ghost', 'c_locked', 'c1'] });
    expect(answer.json).toEqual({
      totalRequested: 4,
      successful: 1,
      failed: 3,
      successfulRecords: [{ id: 'c1' }],
      failedRecords: [
        { id: 'ghost', reason: 'Contact not found' },
        { id: 'c_locked', reason: 'Contact is locked' },
        { id: 'c1', reason: 'Contact not found' },
      ],
    });
    expect(s.deletedIds).toEqual(['c1']);
    expect(s.has('c_locked')).toBe(true);
  });

  it.each<[KoreFailedRecordShape, unknown[]]>([
    ['id-reason', [{ id: 'ghost', reason: 'Contact not found' }, { id: 'c_locked', reason: 'Contact is locked' }]],
    ['id-message', [{ id: 'ghost', message: 'Contact not found' }, { id: 'c_locked', message: 'Contact is locked' }]],
    ['_id-error', [{ _id: 'ghost', error: 'Contact not found' }, { _id: 'c_locked', error: 'Contact is locked' }]],
    ['string', ['ghost', 'c_locked']],
    [
      'nested',
      [
        { record: { id: 'ghost' }, error: { code: 404, message: 'Contact not found' } },
        { record: { id: 'c_locked' }, error: { code: 423, message: 'Contact is locked' } },
      ],
    ],
  ])('shapes failedRecords as %s when configured so', async (failedRecordShape, failedRecords) => {
    const s = await start({ failedRecordShape });
    const answer = await bulkDelete(s, { ids: ['ghost', 'c_locked'] });
    expect(answer.json).toMatchObject({ failed: 2, failedRecords });
  });

  it('keeps streams apart and creates a stream for contacts added to it', async () => {
    const s = await start({ streamIds: ['st-one', 'st-two'] });
    s.addContacts([{ id: 'other', streamId: 'st-two' }, { id: 'third', streamId: 'st-three' }]);
    expect(s.streamId).toBe('st-one');
    expect((await bulkDelete(s, { ids: ['other'] })).json).toMatchObject({ successful: 0, failed: 1 });
    expect((await bulkDelete(s, { ids: ['other'] }, {}, endpoint(s, 'st-two'))).json).toMatchObject({ successful: 1 });
    expect((await bulkDelete(s, { ids: ['third'] }, {}, endpoint(s, 'st-three'))).status).toBe(200);
    expect(s.deletedIds).toEqual(['other', 'third']);
  });

  it('answers 404 "Stream not found" for an unknown stream', async () => {
    const s = await start();
    const answer = await bulkDelete(s, { ids: ['c1'] }, {}, endpoint(s, 'st-unknown'));
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ errors: [{ msg: 'Stream not found', code: 404 }] });
  });

  it.each([
    ['POST on the endpoint', 'POST', '/agentassist/api/v1/public/st-test-stream/contacts/bulk-delete'],
    ['GET on the endpoint', 'GET', '/agentassist/api/v1/public/st-test-stream/contacts/bulk-delete'],
    ['no stream segment', 'DELETE', '/agentassist/api/v1/public/contacts/bulk-delete'],
    ['a trailing slash', 'DELETE', '/agentassist/api/v1/public/st-test-stream/contacts/bulk-delete/'],
    ['a path under /api', 'DELETE', '/api/v1/public/st-test-stream/contacts/bulk-delete'],
    ['the host root', 'DELETE', '/'],
  ])('answers 404 Not Found in its errors shape for %s', async (_name, method, path) => {
    const s = await start();
    const answer = await send(s.url + path, {
      method,
      headers: { 'Content-Type': 'application/json', accountId: s.accountId, auth: await mint(s) },
      body: method === 'GET' ? undefined : JSON.stringify({ ids: ['c1'] }),
    });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ errors: [{ msg: 'Not Found', code: 404 }] });
  });

  it.each([
    ['no accountId', { accountId: undefined }, 'accountId header is required'],
    ['another accountId', { accountId: 'someone-else' }, 'accountId does not match this app'],
    ['no Content-Type', { 'Content-Type': undefined }, 'Content-Type must be application/json'],
    ['a text Content-Type', { 'Content-Type': 'text/plain' }, 'Content-Type must be application/json'],
  ])('answers 400 for %s', async (_name, headers, msg) => {
    const s = await start();
    const answer = await bulkDelete(s, { ids: ['c1'] }, headers);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errors: [{ msg, code: 400 }] });
    expect(s.deletedIds).toEqual([]);
  });

  it.each([
    ['an empty body', '', 'Request body must be valid JSON'],
    ['unparseable JSON', '{"ids": ["c1"', 'Request body must be valid JSON'],
    ['a JSON array', '["c1"]', 'Request body must be a JSON object'],
    ['no ids', '{}', '"ids" must be a non-empty array of strings'],
    ['the doc table\'s "id" field', '{"id":["c1"]}', '"ids" must be a non-empty array of strings'],
    ['empty ids', '{"ids":[]}', '"ids" must be a non-empty array of strings'],
    ['a string ids', '{"ids":"c1"}', '"ids" must be a non-empty array of strings'],
    ['numeric ids', '{"ids":[1,2]}', '"ids" must be a non-empty array of strings'],
    ['an unknown field', '{"ids":["c1"],"hard":true}', '"hard" is not allowed'],
  ])('answers 400 for %s and deletes nothing', async (_name, body, msg) => {
    const s = await start();
    const answer = await bulkDelete(s, body);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errors: [{ msg, code: 400 }] });
    expect(s.deletedIds).toEqual([]);
  });

  it('sends no rate-limit or request-ID headers, unless requestIds is set', async () => {
    const plain = await start();
    const answer = await bulkDelete(plain, { ids: ['c1'] });
    expect([...answer.headers.keys()].filter((name) => name.startsWith('x-'))).toEqual([]);
    await plain.close();
    const withIds = await start({ requestIds: true });
    expect((await bulkDelete(withIds, { ids: ['c1'] })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('Kore.ai JWT auth', () => {
  it('accepts a minted JWT and records its decoded claims', async () => {
    const s = await start();
    const token = await mint(s, { jti: 'jti-1' });
    expect((await bulkDelete(s, { ids: ['c1'] }, { auth: token })).status).toBe(200);
    expect(s.received[0]?.headers['auth']).toBe(token);
    expect(s.received[0]?.jwtClaims).toEqual({
      appId: s.clientId,
      sub: s.clientId,
      iat: nowS(),
      exp: nowS() + 300,
      jti: 'jti-1',
    });
  });

  it('accepts the configured static JWT verbatim', async () => {
    const s = await start({ staticJwt: 'pre-issued-kore-token' });
    expect((await bulkDelete(s, { ids: ['c1'] }, { auth: 'pre-issued-kore-token' })).status).toBe(200);
    expect((await bulkDelete(s, { ids: ['c2'] }, { auth: 'pre-issued-kore-token' })).status).toBe(200);
    expect(s.received[0]?.jwtClaims).toBeUndefined();
  });

  it.each<[string, (s: KoreSimulator) => Promise<string | undefined>, string]>([
    ['no auth header', async () => undefined, 'auth header is required'],
    ['an empty auth header', async () => '', 'auth header is required'],
    ['a token that is not a JWT', async () => 'not-a-jwt', 'Invalid Compact JWS'],
    ['a token signed with another secret', (s) => mint(s, {}, { secret: 'someone-elses-secret' }), 'signature verification failed'],
    ['an unsigned token (alg none)', async (s) => unsignedJwt({ appId: s.clientId, sub: 'x', iat: nowS(), exp: nowS() + 60, jti: 'j' }), '"alg" (Algorithm) Header Parameter value not allowed'],
    ['a token signed HS512', (s) => mint(s, {}, { alg: 'HS512' }), '"alg" (Algorithm) Header Parameter value not allowed'],
    ['another appId', (s) => mint(s, { appId: 'cs-other-app' }), 'appId does not match this app'],
    ['no appId', (s) => mint(s, { appId: undefined }), 'appId does not match this app'],
    ['no sub', (s) => mint(s, { sub: undefined }), 'missing required "sub" claim'],
    ['an empty sub', (s) => mint(s, { sub: '' }), 'sub must be a non-empty string'],
    ['no jti', (s) => mint(s, { jti: undefined }), 'missing required "jti" claim'],
    ['no iat', (s) => mint(s, { iat: undefined }), 'missing required "iat" claim'],
    ['no exp', (s) => mint(s, { exp: undefined }), 'missing required "exp" claim'],
    ['an expired token', (s) => mint(s, { iat: nowS() - 300, exp: nowS() }), '"exp" claim timestamp check failed'],
    ['exp more than 5 minutes after iat', (s) => mint(s, { exp: nowS() + 301 }), 'exp is more than 5 minutes after iat'],
    ['iat far in the future', (s) => mint(s, { iat: nowS() + 3600, exp: nowS() + 3700 }), 'iat is in the future'],
    ['a static JWT when none is configured', async () => 'pre-issued-kore-token', 'Invalid Compact JWS'],
  ])('answers 401 for %s and deletes nothing', async (_name, token, reason) => {
    const s = await start();
    const answer = await bulkDelete(s, { ids: ['c1'] }, { auth: await token(s) });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ errors: [{ msg: expect.stringContaining(reason), code: 401 }] });
    expect(s.deletedIds).toEqual([]);
  });

  it('refuses a jti it has seen before', async () => {
    const s = await start();
    const token = await mint(s);
    expect((await bulkDelete(s, { ids: ['c1'] }, { auth: token })).status).toBe(200);
    const replay = await bulkDelete(s, { ids: ['c2'] }, { auth: token });
    expect(replay.status).toBe(401);
    expect(replay.json).toEqual({ errors: [{ msg: 'Invalid JWT: jti has already been used', code: 401 }] });
    expect(s.has('c2')).toBe(true);
  });

  it('accepts a repeated jti when enforceJti is false', async () => {
    const s = await start({ enforceJti: false });
    const token = await mint(s);
    expect((await bulkDelete(s, { ids: ['c1'] }, { auth: token })).status).toBe(200);
    expect((await bulkDelete(s, { ids: ['c2'] }, { auth: token })).status).toBe(200);
  });

  it('judges expiry by the injected clock', async () => {
    const s = await start();
    const token = await mint(s);
    clock.advance(301_000);
    try {
      expect((await bulkDelete(s, { ids: ['c1'] }, { auth: token })).status).toBe(401);
    } finally {
      clock.advance(-301_000);
    }
  });

  it('checks auth before the accountId and the stream', async () => {
    const s = await start();
    const answer = await bulkDelete(s, { ids: ['c1'] }, { auth: undefined, accountId: undefined }, endpoint(s, 'st-unknown'));
    expect(answer.status).toBe(401);
  });
});
