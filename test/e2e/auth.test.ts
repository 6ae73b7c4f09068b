import { afterEach, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import type { Scope } from '../../src/config/index.ts';
import { graphql } from '../../src/__generated__/e2e/index.ts';
import { TYPENAME } from '../helpers/documents.ts';
import type { FacadeHarness, GraphQLAnswer } from '../helpers/facade.ts';
import { SEED, expectError, expectNothingDeleted, expectResult, leakedSecrets, secretValues, simOf, startSeeded, mutationDocument, type MutationInput, type MutationName, type MutationResult } from '../helpers/e2e.ts';
import { closedPortUrl } from '../helpers/stub-server.ts';

// Client authentication (README, Security; docs/contract.md §4 UNAUTHENTICATED / FORBIDDEN, §6 keys
// scoped per client). A refused call reaches no upstream; credentials never leak.

let facade: FacadeHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

const ALL: MutationName[] = ['intents', 'contacts', 'deals'];
const SCOPE_OF: Record<MutationName, Scope> = { intents: 'intents:delete', contacts: 'contacts:delete', deals: 'deals:delete' };

/** A client's API key and its AUTH_API_KEYS line, made as `npm run apikey` makes them. */
function client(name: string, scopes: readonly Scope[] | '*'): { key: string; line: string } {
  const key = generateApiKey();
  return { key, line: buildApiKeyLine(name, scopes, hashApiKey(key)) };
}

const OPS = client('ops-console', ['intents:delete', 'deals:delete']);
const CRM = client('crm-sync', '*');
const KEYS_ENV = { AUTH_API_KEYS: `${OPS.line}\n${CRM.line}` };
const JWT_SECRET = 'jwt-SECRET-shared-hs256-0123456789abcdef';
const JWT_ENV = { AUTH_JWT_SECRET: JWT_SECRET, AUTH_JWT_ISSUER: 'https://idp.example.test/', AUTH_JWT_AUDIENCE: 'bulk-delete-facade' };

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

function call<M extends MutationName>(f: FacadeHarness, m: M, input: MutationInput<M>, headers: Record<string, string> = {}): Promise<GraphQLAnswer<{ result: MutationResult<M> | null }>> {
  return f.graphql(mutationDocument(m), { input }, headers);
}

const DEALS_AND_CONTACTS = graphql(`
  mutation DealsAndContacts {
    deals: bulkDeleteDeals(input: { ids: ["x1"] }) { deletedCount }
    contacts: bulkDeleteContacts(input: { ids: ["x1"] }) { deletedCount }
  }
`);

function signJwt(claims: Record<string, unknown>, secret = JWT_SECRET): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(JWT_ENV.AUTH_JWT_ISSUER).setAudience(JWT_ENV.AUTH_JWT_AUDIENCE)
    .setIssuedAt().setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));
}

/** Asserts a 401 UNAUTHENTICATED answer, stopped before execution: no data, a Bearer challenge. */
function expectUnauthenticated(answer: GraphQLAnswer<unknown>, challenge: 'none' | 'invalid_token'): string {
  expect(answer.status).toBe(401);
  expect(answer.headers.get('www-authenticate')).toBe(challenge === 'none' ? 'Bearer realm="bulk-delete-facade"' : 'Bearer realm="bulk-delete-facade", error="invalid_token"');
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toHaveLength(1);
  const [error] = answer.body.errors ?? [];
  expect(error?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  expect(error?.message).toMatch(/Authorization: Bearer/);
  expect(error?.message).not.toMatch(/Context creation failed/);
  return error?.message ?? '';
}

/** Asserts no simulator received anything. */
function expectNothingReceived(f: FacadeHarness): void {
  expect([f.stoq.received, f.kore.received, f.leadlex.received]).toEqual([[], [], []]);
  for (const m of ALL) expectNothingDeleted(simOf(f, m));
}

describe('client authentication, required (NODE_ENV=production)', () => {
  it.each(ALL)('%s: refuses a call without credentials with 401 UNAUTHENTICATED, before any upstream call', async (m) => {
    facade = await startSeeded({ env: { NODE_ENV: 'production', ...KEYS_ENV } });
    expect(facade.config.auth.required).toBe(true);
    expect(expectUnauthenticated(await call(facade, m, { ids: [...SEED] }), 'none')).toMatch(/requires authentication/);
    expectNothingReceived(facade);
  });

  it('refuses queries too, introspection and federation\'s _service included', async () => {
    facade = await startSeeded({ env: { NODE_ENV: 'production', INTROSPECTION: 'true', ...KEYS_ENV } });
    expectUnauthenticated(await facade.graphql(TYPENAME, {}), 'none');
    // Raw: `_service` is added by the federation build, so codegen's schema (schema/*.graphql) lacks it.
    expectUnauthenticated(await facade.graphql('{ _service { sdl } }'), 'none');
    expect((await facade.graphql('{ _service { sdl } }', undefined, bearer(OPS.key))).body.data?._service.sdl).toContain('bulkDeleteDeals');
  });

  it.each(ALL)('%s: refuses a wrong API key (right form, not configured) with 401', async (m) => {
    facade = await startSeeded({ env: { AUTH_REQUIRED: 'true', ...KEYS_ENV } });
    expect(expectUnauthenticated(await call(facade, m, { ids: [...SEED] }, bearer(generateApiKey())), 'invalid_token')).toMatch(/API key is not valid/);
    expectNothingReceived(facade);
  });

  it.each([
    ['another scheme', `Basic ${Buffer.from(`ops:${OPS.key}`).toString('base64')}`],
    ['no scheme', OPS.key],
    ['the scheme alone', 'Bearer'],
    ['empty', ''],
    ['two tokens', `Bearer ${OPS.key} ${CRM.key}`],
    ['a key one character short', `Bearer ${OPS.key.slice(0, -1)}`],
    ['a key without its prefix', `Bearer ${OPS.key.slice(4)}`],
    ['a configured hash as the key', `Bearer ${OPS.line.split(' ')[2] ?? ''}`],
    ['a JWT on a facade that accepts none', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'],
  ])('refuses a malformed or unknown credential (%s) with 401, before any upstream call', async (_what, authorization) => {
    facade = await startSeeded({ env: { AUTH_REQUIRED: 'true', ...KEYS_ENV } });
    expectUnauthenticated(await call(facade, 'deals', { ids: [...SEED] }, { authorization }), 'invalid_token');
    expectNothingReceived(facade);
  });

  it.each(['intents', 'deals'] as const)('%s: accepts a key holding its scope', async (m) => {
    facade = await startSeeded({ env: { NODE_ENV: 'production', ...KEYS_ENV } });
    expect(expectResult(await call(facade, m, { ids: ['x1', 'x2'] }, bearer(OPS.key)))).toMatchObject({ requestedCount: 2, deletedCount: 2 });
    expect(simOf(facade, m).deletedIds).toEqual(['x1', 'x2']);
  });

  it('refuses a key lacking the mutation\'s scope with FORBIDDEN, before validation and any upstream call', async () => {
    facade = await startSeeded({ env: { NODE_ENV: 'production', ...KEYS_ENV } });
    const { message } = expectError(await call(facade, 'contacts', { ids: [...SEED] }, bearer(OPS.key)), { code: 'FORBIDDEN' });
    expect(message).toContain('contacts:delete');
    expect(message).toContain('ops-console');
    // Invalid input is not even looked at: the scope comes first.
    expectError(await call(facade, 'contacts', { ids: [] }, bearer(OPS.key)), { code: 'FORBIDDEN' });
    expectError(await call(facade, 'contacts', { ids: ['x1'], streamId: 'st-unknown', idempotencyKey: ' ' }, bearer(OPS.key)), { code: 'FORBIDDEN' });
    expectNothingReceived(facade);
    // The same call with a key holding the scope does reach Kore.ai.
    expectResult(await call(facade, 'contacts', { ids: ['x1'] }, bearer(CRM.key)));
    expect(facade.kore.received).toHaveLength(1);
  });

  it('audits and counts a FORBIDDEN attempt like any refused delete, its input described by size only', async () => {
    facade = await startSeeded({ env: { NODE_ENV: 'production', ...KEYS_ENV } });
    expectError(await call(facade, 'contacts', { ids: ['x1', 'x2'], streamId: 'st-1', idempotencyKey: 'k-1' }, bearer(OPS.key)), { code: 'FORBIDDEN' });
    const audit = facade.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.audit === 'bulk-delete');
    expect(audit).toMatchObject([{ client: 'ops-console', mutation: 'contacts', outcome: 'error', code: 'FORBIDDEN', idsInInput: 2, idempotencyKey: null }]);
    const metrics = await (await fetch(`${facade.url}/metrics`)).text();
    expect(metrics).toMatch(/^facade_bulk_delete_errors_total\{mutation="contacts",code="FORBIDDEN"\} 1$/m);
    expectNothingReceived(facade);
  });

  it('answers each mutation of one document for itself: the permitted one runs, the other is FORBIDDEN', async () => {
    facade = await startSeeded({ env: { NODE_ENV: 'production', ...KEYS_ENV } });
    const answer = await facade.graphql(DEALS_AND_CONTACTS, {}, bearer(OPS.key));
    expect(answer.body.data).toEqual({ deals: { deletedCount: 1 }, contacts: null });
    expect(answer.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['contacts'], 'FORBIDDEN']]);
    expect(facade.kore.received).toEqual([]);
  });
});

describe('client authentication, not required (AUTH_REQUIRED=false)', () => {
  it('is required by default once keys are configured, even on loopback in development', async () => {
    facade = await startSeeded({ env: KEYS_ENV });
    expect(facade.config.auth.required).toBe(true);
    expectUnauthenticated(await call(facade, 'deals', { ids: ['x1'] }), 'none');
    expectNothingReceived(facade);
  });

  it.each(ALL)('%s: a call without credentials acts as the anonymous client with every scope', async (m) => {
    facade = await startSeeded({ env: { ...KEYS_ENV, AUTH_REQUIRED: 'false' } });
    expect(facade.config.auth.required).toBe(false);
    expect(expectResult(await call(facade, m, { ids: ['x1'] }))).toMatchObject({ deletedCount: 1 });
  });

  it('still verifies credentials that were sent: a bad key is UNAUTHENTICATED, never anonymous', async () => {
    facade = await startSeeded({ env: { ...KEYS_ENV, AUTH_REQUIRED: 'false' } });
    expectUnauthenticated(await call(facade, 'deals', { ids: ['x1'] }, bearer(generateApiKey())), 'invalid_token');
    expectUnauthenticated(await call(facade, 'deals', { ids: ['x1'] }, { authorization: 'Bearer undefined' }), 'invalid_token');
    expectNothingReceived(facade);
  });

  it('applies a sent key\'s scopes, not the anonymous client\'s', async () => {
    facade = await startSeeded({ env: KEYS_ENV });
    expectError(await call(facade, 'contacts', { ids: ['x1'] }, bearer(OPS.key)), { code: 'FORBIDDEN' });
    expect(facade.kore.received).toEqual([]);
  });
});

describe('idempotency keys per client (docs/contract.md §6)', () => {
  it.each(ALL)('%s: one client\'s idempotencyKey never replays another client\'s result', async (m) => {
    const other = client('other-client', '*');
    facade = await startSeeded({ env: { AUTH_REQUIRED: 'true', AUTH_API_KEYS: `${CRM.line}\n${other.line}`, ...JWT_ENV } });
    const sim = simOf(facade, m);
    const input = { ids: ['x1'], idempotencyKey: 'shared-key' };
    const first = expectResult(await call(facade, m, input, bearer(CRM.key)));
    expect(first).toMatchObject({ deletedCount: 1, notFoundCount: 0 });
    expect(sim.received).toHaveLength(1);

    // Another API key, then a JWT client, with the same key and input: each runs for itself
    // (x1 is gone by then, so Stoq, Kore.ai and LeadLex report it otherwise), never the first result.
    const jwt = await signJwt({ sub: 'crm-sync', scope: SCOPE_OF[m] });
    for (const headers of [bearer(other.key), bearer(jwt)]) {
      const result = expectResult(await call(facade, m, input, headers));
      expect(result.deletedCount).toBe(0);
      expect(result).not.toEqual(first);
    }
    expect(sim.received).toHaveLength(3);
    // The first client's own repeat is still a replay.
    expect(expectResult(await call(facade, m, input, bearer(CRM.key)))).toEqual(first);
    expect(sim.received).toHaveLength(3);
  });

  it('deals: the Idempotency-Key LeadLex receives differs per client, so LeadLex cannot replay across clients either', async () => {
    const other = client('other-client', ['deals:delete']);
    facade = await startSeeded({ env: { AUTH_REQUIRED: 'true', AUTH_API_KEYS: `${CRM.line}\n${other.line}` } });
    const input = { ids: ['x1', 'x2'], idempotencyKey: 'shared-key', dryRun: true };
    const a = expectResult(await call(facade, 'deals', input, bearer(CRM.key)));
    const b = expectResult(await call(facade, 'deals', input, bearer(other.key)));
    expect(b.deletedCount).toBe(a.deletedCount);
    const keys = facade.leadlex.received.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
  });
});

describe('JWT authentication (AUTH_JWT_SECRET)', () => {
  it('accepts a valid HS256 JWT end to end; its scopes decide', async () => {
    facade = await startSeeded({ env: { NODE_ENV: 'production', ...JWT_ENV } });
    const token = await signJwt({ sub: 'billing-service', scope: 'deals:delete' });
    expect(expectResult(await call(facade, 'deals', { ids: ['x1'] }, bearer(token)))).toMatchObject({ deletedCount: 1 });
    expectError(await call(facade, 'intents', { ids: ['x1'] }, bearer(token)), { code: 'FORBIDDEN' });
    expect(facade.stoq.received).toEqual([]);
  });

  it('refuses a JWT signed with another secret, expired, or for another audience', async () => {
    facade = await startSeeded({ env: { NODE_ENV: 'production', ...JWT_ENV } });
    const tokens = [
      await signJwt({ sub: 'svc', scope: 'deals:delete' }, `${JWT_SECRET}-other`),
      await new SignJWT({ sub: 'svc', scope: 'deals:delete' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(JWT_ENV.AUTH_JWT_ISSUER)
        .setAudience(JWT_ENV.AUTH_JWT_AUDIENCE).setIssuedAt(Math.floor(Date.now() / 1000) - 3600).setExpirationTime(Math.floor(Date.now() / 1000) - 1800)
        .sign(new TextEncoder().encode(JWT_SECRET)),
      await new SignJWT({ sub: 'svc', scope: 'deals:delete' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(JWT_ENV.AUTH_JWT_ISSUER)
        .setAudience('another-service').setExpirationTime('5m').sign(new TextEncoder().encode(JWT_SECRET)),
    ];
    for (const token of tokens) expectUnauthenticated(await call(facade, 'deals', { ids: ['x1'] }, bearer(token)), 'invalid_token');
    expectNothingReceived(facade);
  });

  it('answers 503 IDENTITY_PROVIDER_UNAVAILABLE, not 401, when the JWKS cannot be fetched', async () => {
    facade = await startSeeded({ env: { NODE_ENV: 'production', AUTH_JWKS_URL: `${await closedPortUrl()}/jwks.json`, AUTH_JWT_ISSUER: JWT_ENV.AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE: JWT_ENV.AUTH_JWT_AUDIENCE } });
    const token = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJzdmMifQ.c2lnbmF0dXJl';
    const answer = await call(facade, 'deals', { ids: ['x1'] }, bearer(token));
    expect(answer.status).toBe(503);
    expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'IDENTITY_PROVIDER_UNAVAILABLE' });
    expect(answer.body.errors?.[0]?.message).toMatch(/JWKS/);
    expectNothingReceived(facade);
  });
});

describe('credentials in responses and logs', () => {
  it('never shows an API key, the JWT secret or a presented token, at LOG_LEVEL=trace', async () => {
    const stranger = generateApiKey();
    facade = await startSeeded({ env: { LOG_LEVEL: 'trace', AUTH_REQUIRED: 'true', ...KEYS_ENV, ...JWT_ENV } });
    const good = await signJwt({ sub: 'svc', scope: 'deals:delete intents:delete' });
    const forged = await signJwt({ sub: 'svc', scope: 'deals:delete' }, `${JWT_SECRET}-forged`);
    const answers: GraphQLAnswer[] = [];
    for (const headers of [bearer(OPS.key), bearer(CRM.key), bearer(stranger), bearer(good), bearer(forged), { authorization: `Basic ${stranger}` }, {}]) {
      for (const m of ALL) answers.push(await call(facade, m, { ids: ['x1', 'ghost'], idempotencyKey: 'k' }, headers));
    }
    // The paths were refusals and results of every kind.
    const codes = new Set(answers.map((a) => a.body.errors?.[0]?.extensions?.code ?? 'result'));
    expect(codes).toEqual(new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'result']));
    expect(facade.logs.some((line) => line.includes('client authentication refused'))).toBe(true);
    const credentials = [OPS.key, CRM.key, stranger, JWT_SECRET, good, forged, ...[good, forged].map((t) => t.split('.')[2] ?? t), ...[OPS, CRM, { key: stranger }].map((c) => c.key.slice(4))];
    expect(leakedSecrets([...answers.map((a) => a.text), ...facade.logs], [...secretValues(), ...credentials])).toEqual([]);
  });
});
