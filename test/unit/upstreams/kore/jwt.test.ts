import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { createMintedTokens, createRedactor } from '../../../../src/errors/index.ts';
import { createKoreTokenSource, MINTED_JWT_TTL_SECONDS } from '../../../../src/upstreams/kore/index.ts';

const SECRET = 'kore-client-secret-0123456789abcdef';
const KEY = new TextEncoder().encode(SECRET);
const NOW = Date.parse('2030-06-01T12:00:00.500Z');
const minted = (subject = 'cs-client') => ({ kind: 'minted' as const, clientId: 'cs-client', clientSecret: SECRET, subject });

describe('createKoreTokenSource', () => {
  it('mints an HS256 token signed with the client secret', async () => {
    const token = await createKoreTokenSource(minted(), () => NOW)();
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const { payload } = await jwtVerify(token, KEY, { algorithms: ['HS256'], currentDate: new Date(NOW) });
    expect(payload.appId).toBe('cs-client');
    expect(payload.sub).toBe('cs-client');
  });

  it('dates the token from the injected clock and expires it within 5 minutes', async () => {
    const { payload } = await jwtVerify(await createKoreTokenSource(minted(), () => NOW)(), KEY, { currentDate: new Date(NOW) });
    const iat = Math.floor(NOW / 1000);
    expect(payload.iat).toBe(iat);
    expect(payload.exp).toBe(iat + MINTED_JWT_TTL_SECONDS);
    expect((payload.exp ?? Infinity) - iat).toBeLessThanOrEqual(300);
    expect((payload.exp ?? 0) - iat).toBeGreaterThan(0);
  });

  it('uses the configured subject', async () => {
    const { payload } = await jwtVerify(await createKoreTokenSource(minted('agent-bot'), () => NOW)(), KEY, { currentDate: new Date(NOW) });
    expect(payload).toMatchObject({ sub: 'agent-bot', appId: 'cs-client' });
  });

  it('gives every token a fresh jti, even at the same instant', async () => {
    const source = createKoreTokenSource(minted(), () => NOW);
    const tokens = await Promise.all([source(), source(), source()]);
    const jtis = await Promise.all(tokens.map(async (token) => (await jwtVerify(token, KEY, { currentDate: new Date(NOW) })).payload.jti));
    expect(jtis.every((jti) => typeof jti === 'string' && jti.length > 0)).toBe(true);
    expect(new Set(jtis).size).toBe(3);
  });

  it('mints a token that another secret does not verify', async () => {
    const token = await createKoreTokenSource(minted(), () => NOW)();
    await expect(jwtVerify(token, new TextEncoder().encode('some-other-secret-0123456789'), { currentDate: new Date(NOW) })).rejects.toThrow();
  });

  it('mints a token that has expired once its lifetime has passed', async () => {
    const token = await createKoreTokenSource(minted(), () => NOW)();
    await expect(jwtVerify(token, KEY, { currentDate: new Date(NOW + (MINTED_JWT_TTL_SECONDS + 1) * 1000) })).rejects.toThrow(/exp/);
  });

  it('returns a static KORE_JWT as it is, every time', async () => {
    const source = createKoreTokenSource({ kind: 'static', jwt: 'aaa.bbb.ccc' });
    expect([await source(), await source()]).toEqual(['aaa.bbb.ccc', 'aaa.bbb.ccc']);
  });
});

describe('createKoreTokenSource and the redactor', () => {
  it('registers each minted token for the redactor before handing it out, for its lifetime and a margin', async () => {
    let now = NOW;
    const registry = createMintedTokens(() => now);
    const redact = createRedactor([], registry);
    const source = createKoreTokenSource(minted(), () => now, registry);
    const first = await source();
    const second = await source();
    expect(redact(`echo ${first} and ${second}`)).toBe('echo [REDACTED] and [REDACTED]');
    now += MINTED_JWT_TTL_SECONDS * 1000;
    expect(redact(first)).toBe('[REDACTED]');
    now += 60_000;
    expect(redact(first)).toBe(first);
  });

  it('registers nothing for a static KORE_JWT, which is a configured secret', async () => {
    const registry = createMintedTokens(() => NOW);
    await createKoreTokenSource({ kind: 'static', jwt: 'eyJa.eyJb.c' }, () => NOW, registry)();
    expect(registry.size).toBe(0);
  });
});
