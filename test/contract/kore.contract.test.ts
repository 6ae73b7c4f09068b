import { afterEach, describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import type { KoreOptions, Upstream } from '../../src/upstreams/index.ts';
import {
  startKoreSimulator, type KoreContact, type KoreFailedRecordShape, type KoreRecordedRequest, type KoreSimulator, type KoreSimulatorOptions,
} from '../../src/simulators/index.ts';
import { MUTATIONS, SECRETS, accountingProblems, startFacade, type FacadeHarness } from '../helpers/facade.ts';
import { createAdapter, defineUpstreamContract, failedWith } from '../helpers/upstream-contract.ts';
import { flat } from '../unit/bulk-delete/helpers.ts';

// docs/vendors/kore.md and docs/contract.md §5 "Kore.ai contacts".

const STREAM = 'st-test';
const ODD_STREAM = 'st/odd id?#%';
const ACCOUNT = 'acct-test';

function koreEnv(sim: KoreSimulator, env: Record<string, string> = {}): Record<string, string> {
  return {
    KORE_API_URL: sim.url,
    KORE_ACCOUNT_ID: ACCOUNT,
    KORE_STREAM_ID: STREAM,
    KORE_CLIENT_ID: SECRETS.koreClientId,
    KORE_CLIENT_SECRET: SECRETS.koreClientSecret,
    ...env,
  };
}

async function startKore(contacts: KoreContact[], env: Record<string, string> = {}, options: KoreSimulatorOptions = {}) {
  const sim = await startKoreSimulator({
    clientId: SECRETS.koreClientId,
    clientSecret: SECRETS.koreClientSecret,
    accountId: ACCOUNT,
    streamIds: [STREAM, ODD_STREAM],
    requestIds: true,
    contacts,
    ...options,
  });
  const upstream = createAdapter<KoreOptions>('kore', koreEnv(sim, env));
  return { sim, upstream, close: () => sim.close() };
}

/** Asserts a minted token: HS256 with the client secret, the claims docs/contract.md §5 lists. */
async function expectMintedJwt(token: string | undefined, subject: string = SECRETS.koreClientId): Promise<Record<string, unknown>> {
  expect(token).toBeDefined();
  const { payload } = await jwtVerify(token ?? '', new TextEncoder().encode(SECRETS.koreClientSecret), { algorithms: ['HS256'] });
  expect(decodeProtectedHeader(token ?? '').alg).toBe('HS256');
  expect(payload).toMatchObject({ appId: SECRETS.koreClientId, sub: subject });
  const { iat, exp, jti } = payload;
  expect(typeof iat).toBe('number');
  expect(typeof exp).toBe('number');
  expect(Math.abs((iat as number) - Date.now() / 1000)).toBeLessThan(30);
  expect(exp as number).toBeGreaterThan(iat as number);
  expect((exp as number) - (iat as number)).toBeLessThanOrEqual(300);
  expect(jti).toEqual(expect.any(String));
  expect((jti as string).length).toBeGreaterThan(0);
  return payload;
}

defineUpstreamContract<KoreOptions>({
  name: 'kore',
  start: (existing, env) => startKore(existing.map((id) => ({ id, streamId: ODD_STREAM })), env),
  urlVariable: 'KORE_API_URL',
  // A stream ID that needs encoding, so the audits check the path segment is URL-encoded.
  options: { streamId: ODD_STREAM },
  idempotent: false,
  method: 'DELETE',
  path: `/agentassist/api/v1/public/${encodeURIComponent(ODD_STREAM)}/contacts/bulk-delete`,
  body: (ids) => ({ ids }),
  expectCredentials(req) {
    expect(req.headers['accountid']).toBe(ACCOUNT);
    expect(req.headers['auth']).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(req.headers['authorization']).toBeUndefined();
  },
});

describe('kore adapter: Kore.ai specifics', () => {
  let sim: KoreSimulator | undefined;
  let upstream: Upstream<unknown, KoreOptions>;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
  async function start(contacts: KoreContact[], env: Record<string, string> = {}, options: KoreSimulatorOptions = {}) {
    ({ sim, upstream } = await startKore(contacts, env, options));
    return sim;
  }
  const run = async (ids: string[], streamId = STREAM) => flat(await upstream.deleteBatch(ids, 0, { streamId }));
  // Decoded from the header as received: the simulator decodes claims only for requests it processes.
  const claims = (s: KoreSimulator) => s.received.map((r: KoreRecordedRequest) => decodeJwt(r.headers['auth'] ?? ''));

  it('sends the stream ID in the path, percent-encoded', async () => {
    const s = await start([{ id: 'c1', streamId: ODD_STREAM }]);
    await run(['c1'], ODD_STREAM);
    expect(s.received[0]?.path).toBe('/agentassist/api/v1/public/st%2Fodd%20id%3F%23%25/contacts/bulk-delete');
    expect(s.deletedIds).toEqual(['c1']);
  });

  it('mints an HS256 JWT with appId, sub, iat, exp within 5 minutes and a jti', async () => {
    const s = await start([{ id: 'c1' }]);
    await run(['c1']);
    await expectMintedJwt(s.received[0]?.headers['auth']);
  });

  it('uses KORE_JWT_SUBJECT as sub when set', async () => {
    const s = await start([{ id: 'c1' }], { KORE_JWT_SUBJECT: 'svc-bulk-delete' });
    await run(['c1']);
    await expectMintedJwt(s.received[0]?.headers['auth'], 'svc-bulk-delete');
  });

  it('mints a fresh jti for every HTTP request, retries included, so apps that enforce JTI accept each', async () => {
    const s = await start([{ id: 'c1' }, { id: 'c2' }], {}, { enforceJti: true });
    s.fault({ status: 503 });
    s.fault({ status: 503 });
    const first = await run(['c1']);
    const second = await run(['c2']);
    expect(s.received).toHaveLength(4);
    const jtis = claims(s).map((c) => c.jti);
    expect(new Set(jtis).size).toBe(4);
    for (const req of s.received) await expectMintedJwt(req.headers['auth']);
    expect(first.deletedIds).toEqual(['c1']);
    expect(second.deletedIds).toEqual(['c2']);
  });

  it('sends a configured KORE_JWT verbatim on every request', async () => {
    const staticJwt = 'eyJhbGciOiJIUzI1NiJ9.eyJhcHBJZCI6InN0YXRpYyJ9.c2lnbmF0dXJlLVNFQ1JFVA';
    const s = await start([{ id: 'c1' }], { KORE_JWT: staticJwt, KORE_CLIENT_ID: '', KORE_CLIENT_SECRET: '' }, { staticJwt });
    s.fault({ status: 503 });
    const outcome = await run(['c1']);
    expect(s.received.map((r) => r.headers['auth'])).toEqual([staticJwt, staticJwt]);
    expect(outcome.deletedIds).toEqual(['c1']);
  });

  it('refuses with UPSTREAM_AUTH_FAILED when the simulator rejects a token signed with the wrong secret', async () => {
    const s = await start([{ id: 'c1' }], { KORE_CLIENT_SECRET: 'kore-SECRET-wrong-one' });
    const outcome = await run(['c1']);
    expect(outcome.refusal).toMatchObject({ code: 'UPSTREAM_AUTH_FAILED', upstream: 'kore', upstreamStatus: 401 });
    expect(s.has('c1')).toBe(true);
  });

  it('reports successfulRecords as deleted and each failedRecords entry as REJECTED with its reason', async () => {
    const s = await start([{ id: 'c1' }, { id: 'c2', locked: true }]);
    const outcome = await run(['c1', 'c2', 'ghost']);
    expect(s.deletedIds).toEqual(['c1']);
    expect(outcome).toMatchObject({ deletedCount: 1, deletedIds: ['c1'], notFoundCount: 0 });
    expect(outcome.failures).toEqual([
      { id: 'c2', code: 'REJECTED', message: expect.stringContaining('Contact is locked'), upstreamCode: null },
      { id: 'ghost', code: 'REJECTED', message: expect.stringContaining('Contact not found'), upstreamCode: null },
    ]);
  });

  it.each<[KoreFailedRecordShape, string]>([
    ['id-reason', 'Contact is locked'],
    ['id-message', 'Contact is locked'],
    ['_id-error', 'Contact is locked'],
    ['nested', 'Contact is locked'],
    ['string', 'no reason given'],
  ])('reads a failedRecords entry shaped %s', async (failedRecordShape, reason) => {
    await start([{ id: 'c1' }, { id: 'c2', locked: true }], {}, { failedRecordShape });
    const outcome = await run(['c1', 'c2']);
    expect(outcome.deletedIds).toEqual(['c1']);
    expect(outcome.failures).toEqual([expect.objectContaining({ id: 'c2', code: 'REJECTED', message: expect.stringContaining(reason) })]);
  });

  it('reports an ID in neither list as OUTCOME_UNKNOWN, never deleted', async () => {
    const s = await start([{ id: 'c1' }, { id: 'c2' }]);
    s.fault({ body: { totalRequested: 2, successful: 1, failed: 0, successfulRecords: [{ id: 'c1' }], failedRecords: [] } });
    const outcome = await run(['c1', 'c2']);
    expect(s.deletedIds).toEqual(['c1', 'c2']);
    expect(outcome.deletedIds).toEqual(['c1']);
    expect(failedWith(outcome, 'OUTCOME_UNKNOWN')).toEqual(['c2']);
  });

  it('reports an ID in both lists as OUTCOME_UNKNOWN', async () => {
    const s = await start([{ id: 'c1' }]);
    s.fault({ body: { successfulRecords: [{ id: 'c1' }], failedRecords: [{ id: 'c1', reason: 'hmm' }] } });
    const outcome = await run(['c1']);
    expect(outcome.deletedIds).toEqual([]);
    expect(failedWith(outcome, 'OUTCOME_UNKNOWN')).toEqual(['c1']);
  });

  it('refuses with BAD_USER_INPUT on the 400 for an accountId Kore.ai does not know', async () => {
    const s = await start([{ id: 'c1' }], { KORE_ACCOUNT_ID: 'acct-other' });
    const outcome = await run(['c1']);
    expect(s.received[0]?.headers['accountid']).toBe('acct-other');
    expect(outcome.refusal).toMatchObject({ code: 'BAD_USER_INPUT', upstream: 'kore', upstreamStatus: 400 });
  });

  it('sends no rate limit when Kore.ai sends no X-RateLimit-* headers', async () => {
    await start([{ id: 'c1' }]);
    expect((await run(['c1'])).rateLimit).toBeNull();
  });
});

describe('bulkDeleteContacts over the facade: Kore.ai wire format', () => {
  let facade: FacadeHarness | undefined;
  afterEach(async () => {
    await facade?.close();
    facade = undefined;
  });

  it('splits the distinct IDs into KORE_BATCH_SIZE calls, each with its own token, and sums them', async () => {
    const ids = ['c1', 'c2', 'c3', 'c4', 'c5'];
    facade = await startFacade({ env: { KORE_BATCH_SIZE: '2', BATCH_CONCURRENCY: '1' }, kore: { contacts: ids.map((id) => ({ id })) } });
    const answer = await facade.graphql(MUTATIONS.contacts, { input: { ids: [...ids, 'c1'] } });
    const result = answer.body.data?.result;
    expect(accountingProblems(result)).toEqual([]);
    expect(result).toMatchObject({ requestedCount: 5, deletedCount: 5, deletedIds: ids });
    expect(facade.kore.received.map((r) => r.json)).toEqual([{ ids: ['c1', 'c2'] }, { ids: ['c3', 'c4'] }, { ids: ['c5'] }]);
    expect(new Set(facade.kore.received.map((r) => decodeJwt(r.headers['auth'] ?? '').jti)).size).toBe(3);
    expect(facade.kore.received.every((r) => r.path === '/agentassist/api/v1/public/st-test/contacts/bulk-delete')).toBe(true);
  });

  it('uses the given streamId over KORE_STREAM_ID', async () => {
    facade = await startFacade({ kore: { streamIds: ['st-test', 'st-other'], contacts: [{ id: 'c1', streamId: 'st-other' }] } });
    const answer = await facade.graphql(MUTATIONS.contacts, { input: { ids: ['c1'], streamId: 'st-other' } });
    expect(answer.body.data?.result).toMatchObject({ deletedIds: ['c1'] });
    expect(facade.kore.received[0]?.path).toBe('/agentassist/api/v1/public/st-other/contacts/bulk-delete');
  });
});
