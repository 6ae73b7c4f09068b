import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { createJwtVerifier, parseScopes, type JwtVerifier } from '../../../src/auth/index.ts';
import type { JwtAuthConfig } from '../../../src/config/index.ts';
import { FacadeError } from '../../../src/errors/index.ts';
import { closedPortUrl, startStubServer, type StubServer } from '../../helpers/stub-server.ts';

const SECRET = 'jwt-SECRET-shared-hs256-0123456789abcdef';
const NOW = new Date('2030-01-01T00:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'bulk-delete-facade';

const HS_CONFIG: JwtAuthConfig = { secret: SECRET, jwksUrl: null, issuer: ISSUER, audience: AUDIENCE, scopesClaim: 'scope', clientClaim: 'sub', maxLifetimeS: 86_400 };

/** A token as the identity provider would issue it, valid at NOW unless `claims` say otherwise. */
function claims(overrides: JWTPayload = {}): JWTPayload {
  return { iss: ISSUER, aud: AUDIENCE, sub: 'billing-service', iat: NOW_S - 10, exp: NOW_S + 300, scope: 'deals:delete', ...overrides };
}

function signHs(payload: JWTPayload, secret = SECRET, alg = 'HS256'): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

function verifierAt(config: JwtAuthConfig, now = NOW): JwtVerifier {
  return createJwtVerifier(config, { now: () => now });
}

/** The refusal `promise` rejects with: a FacadeError with `code`, and its message. */
async function refusal(promise: Promise<unknown>, code = 'UNAUTHENTICATED'): Promise<string> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FacadeError);
  expect((error as FacadeError).code).toBe(code);
  return (error as FacadeError).message;
}

describe('createJwtVerifier with an HS256 secret', () => {
  const verify = verifierAt(HS_CONFIG);

  it('accepts a valid token: the client is jwt:<sub>, the scopes come from `scope`', async () => {
    expect(await verify(await signHs(claims({ scope: 'deals:delete intents:delete' })))).toEqual({
      client: 'jwt:billing-service',
      scopes: new Set(['deals:delete', 'intents:delete']),
    });
  });

  it('refuses a token signed with another secret', async () => {
    expect(await refusal(verify(await signHs(claims(), `${SECRET}-other`)))).toMatch(/signature does not verify/);
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const [header, , signature] = (await signHs(claims())).split('.');
    const payload = Buffer.from(JSON.stringify(claims({ scope: 'intents:delete contacts:delete deals:delete' }))).toString('base64url');
    expect(await refusal(verify(`${header}.${payload}.${signature}`))).toMatch(/signature/);
  });

  it('refuses an expired token', async () => {
    expect(await refusal(verify(await signHs(claims({ exp: NOW_S - 60 }))))).toMatch(/expired/);
  });

  it('allows a few seconds of clock skew on exp and nbf, not more', async () => {
    expect((await verify(await signHs(claims({ exp: NOW_S - 3 })))).client).toBe('jwt:billing-service');
    expect((await verify(await signHs(claims({ nbf: NOW_S + 3 })))).client).toBe('jwt:billing-service');
    await refusal(verify(await signHs(claims({ exp: NOW_S - 6 }))));
    await refusal(verify(await signHs(claims({ nbf: NOW_S + 6 }))));
  });

  it('refuses a token living longer than AUTH_JWT_MAX_LIFETIME_SECONDS (exp - iat), however far its exp', async () => {
    expect(await refusal(verify(await signHs(claims({ exp: 1e20 }))))).toMatch(/lifetime \(exp - iat\) is over 86400 s \(AUTH_JWT_MAX_LIFETIME_SECONDS\)/);
    await refusal(verify(await signHs(claims({ iat: NOW_S - 10, exp: NOW_S - 10 + 86_401 }))));
    expect((await verify(await signHs(claims({ iat: NOW_S - 10, exp: NOW_S - 10 + 86_400 })))).client).toBe('jwt:billing-service');
  });

  it('bounds a token without iat from now: exp at most AUTH_JWT_MAX_LIFETIME_SECONDS ahead', async () => {
    const { iat: _iat, ...rest } = claims();
    expect((await verify(await signHs({ ...rest, exp: NOW_S + 3600 }))).client).toBe('jwt:billing-service');
    expect(await refusal(verify(await signHs({ ...rest, exp: 1e20 })))).toMatch(/expires more than 86400 s from now/);
    await refusal(verify(await signHs({ ...rest, exp: NOW_S + 86_400 + 60 })));
  });

  it('bounds a token whose iat is in the future from now too', async () => {
    await refusal(verify(await signHs(claims({ iat: NOW_S + 1e9, exp: NOW_S + 1e9 + 60 }))));
  });

  it('reads the lifetime bound from the config', async () => {
    const strict = verifierAt({ ...HS_CONFIG, maxLifetimeS: 60 });
    await refusal(strict(await signHs(claims())));
    expect((await strict(await signHs(claims({ exp: NOW_S + 40 })))).client).toBe('jwt:billing-service');
  });

  it('refuses a token that is not valid yet (nbf in the future)', async () => {
    expect(await refusal(verify(await signHs(claims({ nbf: NOW_S + 600 }))))).toMatch(/not valid yet/);
  });

  it('refuses a token without exp (it would never expire)', async () => {
    const { exp: _exp, ...rest } = claims();
    expect(await refusal(verify(await signHs(rest)))).toMatch(/"exp"/);
  });

  it('refuses a token from another issuer, or without one', async () => {
    expect(await refusal(verify(await signHs(claims({ iss: 'https://evil.example.test/' }))))).toMatch(/issuer/);
    const { iss: _iss, ...rest } = claims();
    await refusal(verify(await signHs(rest)));
  });

  it('refuses a token meant for another audience, or without one', async () => {
    expect(await refusal(verify(await signHs(claims({ aud: 'another-service' }))))).toMatch(/audience/);
    expect((await verify(await signHs(claims({ aud: ['another-service', AUDIENCE] })))).client).toBe('jwt:billing-service');
    const { aud: _aud, ...rest } = claims();
    await refusal(verify(await signHs(rest)));
  });

  it('refuses alg "none" (an unsigned token)', async () => {
    const unsigned = new UnsecuredJWT(claims()).encode();
    expect(unsigned.endsWith('.')).toBe(true);
    expect(await refusal(verify(unsigned))).toMatch(/algorithm/);
  });

  it('refuses HS384 and HS512 even with the right secret: the algorithm is pinned', async () => {
    await refusal(verify(await signHs(claims(), SECRET, 'HS384')));
    await refusal(verify(await signHs(claims(), SECRET, 'HS512')));
  });

  it('refuses a token without a usable client claim', async () => {
    const { sub: _sub, ...rest } = claims();
    expect(await refusal(verify(await signHs(rest)))).toMatch(/"sub" claim/);
    await refusal(verify(await signHs(claims({ sub: '' }))));
    await refusal(verify(await signHs(claims({ sub: 'line\nbreak' }))));
  });

  it.each(['', 'not-a-jwt', 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9.e30.', '....'])('refuses garbage %j', async (token) => {
    await refusal(verify(token));
  });

  it('holds no scope when the token has no scopes claim (authenticated, but FORBIDDEN for every mutation)', async () => {
    const { scope: _scope, ...rest } = claims();
    expect(await verify(await signHs(rest))).toEqual({ client: 'jwt:billing-service', scopes: new Set() });
  });

  it('reads scopes as a list, ignores ones it does not know, and falls back to `scp`', async () => {
    expect((await verify(await signHs(claims({ scope: ['contacts:delete', 'admin', 42] })))).scopes).toEqual(new Set(['contacts:delete']));
    const { scope: _scope, ...rest } = claims();
    expect((await verify(await signHs({ ...rest, scp: ['intents:delete'] }))).scopes).toEqual(new Set(['intents:delete']));
    expect((await verify(await signHs({ ...rest, scp: 'deals:delete contacts:delete' }))).scopes).toEqual(new Set(['deals:delete', 'contacts:delete']));
  });

  it('reads the configured scopes and client claims', async () => {
    const custom = verifierAt({ ...HS_CONFIG, scopesClaim: 'permissions', clientClaim: 'azp' });
    const token = await signHs(claims({ azp: 'crm-sync', permissions: ['intents:delete'], scope: 'deals:delete' }));
    expect(await custom(token)).toEqual({ client: 'jwt:crm-sync', scopes: new Set(['intents:delete']) });
  });

  it('never quotes the token or the secret in a refusal', async () => {
    const token = await signHs(claims({ exp: NOW_S - 60 }));
    const message = await refusal(verify(token));
    expect(message).not.toContain(token.split('.')[2]);
    expect(message).not.toContain(SECRET);
  });
});

describe('parseScopes', () => {
  it.each<[unknown, string[]]>([
    ['deals:delete', ['deals:delete']],
    ['  deals:delete   intents:delete ', ['deals:delete', 'intents:delete']],
    [['contacts:delete', 'deals:delete'], ['contacts:delete', 'deals:delete']],
    ['deals:delete,intents:delete', []],
    ['*', []],
    [['DEALS:DELETE'], []],
    [null, []],
    [{ 'deals:delete': true }, []],
    [undefined, []],
  ])('reads %j as %j', (claim, expected) => {
    expect(parseScopes(claim)).toEqual(new Set(expected));
  });
});

describe('createJwtVerifier with a JWKS URL', () => {
  let rsa: { privateKey: CryptoKey; publicKey: CryptoKey };
  let ec: { privateKey: CryptoKey; publicKey: CryptoKey };
  let jwks: JWK[];
  let idp: StubServer | undefined;

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256', { extractable: true });
    ec = await generateKeyPair('ES256', { extractable: true });
    jwks = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
  });
  afterEach(async () => {
    await idp?.close();
    idp = undefined;
  });

  /** An identity provider on loopback serving `keys` as its JWKS. */
  async function startIdp(keys: JWK[] = jwks): Promise<JwtVerifier> {
    idp = await startStubServer();
    idp.fallback(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ keys }) }));
    return verifierAt({ ...HS_CONFIG, secret: null, jwksUrl: `${idp.url}/.well-known/jwks.json` });
  }

  function sign(payload: JWTPayload, alg: 'RS256' | 'ES256', kid: string, key: CryptoKey): Promise<string> {
    return new SignJWT(payload).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(key);
  }

  it('accepts RS256 and ES256 tokens signed by the provider\'s keys, fetching the key set once', async () => {
    const verify = await startIdp();
    expect(await verify(await sign(claims(), 'RS256', 'rsa-1', rsa.privateKey))).toEqual({ client: 'jwt:billing-service', scopes: new Set(['deals:delete']) });
    expect((await verify(await sign(claims({ sub: 'other' }), 'ES256', 'ec-1', ec.privateKey))).client).toBe('jwt:other');
    expect((await verify(await sign(claims(), 'RS256', 'rsa-1', rsa.privateKey))).client).toBe('jwt:billing-service');
    expect(idp?.received.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /.well-known/jwks.json']);
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    const verify = await startIdp();
    const stranger = await generateKeyPair('RS256');
    expect(await refusal(verify(await sign(claims(), 'RS256', 'rsa-1', stranger.privateKey)))).toMatch(/signature/);
    expect(await refusal(verify(await sign(claims(), 'RS256', 'rsa-unknown', stranger.privateKey)))).toMatch(/kid/);
  });

  it('checks iss, aud and exp as with a secret', async () => {
    const verify = await startIdp();
    await refusal(verify(await sign(claims({ iss: 'https://evil.example.test/' }), 'ES256', 'ec-1', ec.privateKey)));
    await refusal(verify(await sign(claims({ aud: 'another-service' }), 'ES256', 'ec-1', ec.privateKey)));
    await refusal(verify(await sign(claims({ exp: NOW_S - 60 }), 'ES256', 'ec-1', ec.privateKey)));
  });

  it('refuses an HS256 token, even one "signed" with a published public key', async () => {
    const verify = await startIdp();
    const publicJwk = JSON.stringify(jwks[0]);
    expect(await refusal(verify(await signHs(claims(), publicJwk)))).toMatch(/algorithm/);
    expect(await refusal(verify(new UnsecuredJWT(claims()).encode()))).toMatch(/algorithm/);
  });

  it('answers IDENTITY_PROVIDER_UNAVAILABLE, not UNAUTHENTICATED, when the key set cannot be fetched', async () => {
    const verify = verifierAt({ ...HS_CONFIG, secret: null, jwksUrl: `${await closedPortUrl()}/jwks.json` });
    expect(await refusal(verify(await sign(claims(), 'RS256', 'rsa-1', rsa.privateKey)), 'IDENTITY_PROVIDER_UNAVAILABLE')).toMatch(/JWKS\) are unavailable/);
  });

  it('answers IDENTITY_PROVIDER_UNAVAILABLE when the key set URL answers something else than a key set', async () => {
    idp = await startStubServer();
    idp.fallback(() => ({ status: 404, body: 'not found' }));
    const verify = verifierAt({ ...HS_CONFIG, secret: null, jwksUrl: `${idp.url}/jwks.json` });
    await refusal(verify(await sign(claims(), 'RS256', 'rsa-1', rsa.privateKey)), 'IDENTITY_PROVIDER_UNAVAILABLE');
  });
});
