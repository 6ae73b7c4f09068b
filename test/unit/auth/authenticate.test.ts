import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { ANONYMOUS, assertScope, buildApiKeyLine, createAuthenticator, generateApiKey, hashApiKey, parseAuthorization, type Authenticator } from '../../../src/auth/index.ts';
import { ConfigError, SCOPES, loadConfig, type AuthConfig } from '../../../src/config/index.ts';
import { FacadeError } from '../../../src/errors/index.ts';

const KEY = generateApiKey();
const SECRET = 'jwt-SECRET-shared-hs256-0123456789abcdef';
const JWT_ENV = { AUTH_JWT_SECRET: SECRET, AUTH_JWT_ISSUER: 'https://idp.example.test/', AUTH_JWT_AUDIENCE: 'bulk-delete-facade' };

function authConfig(env: Record<string, string>): AuthConfig {
  return loadConfig(env).auth;
}

function jwt(sub = 'svc'): Promise<string> {
  return new SignJWT({ scope: 'contacts:delete' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(JWT_ENV.AUTH_JWT_ISSUER).setAudience(JWT_ENV.AUTH_JWT_AUDIENCE).setSubject(sub)
    .setIssuedAt().setExpirationTime('5m')
    .sign(new TextEncoder().encode(SECRET));
}

async function refusal(authenticate: Authenticator, header: unknown): Promise<string> {
  const error: unknown = await authenticate(header).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FacadeError);
  expect((error as FacadeError).code).toBe('UNAUTHENTICATED');
  return (error as FacadeError).message;
}

describe('parseAuthorization', () => {
  it.each<[unknown, ReturnType<typeof parseAuthorization>]>([
    [undefined, { kind: 'none' }],
    [`Bearer ${KEY}`, { kind: 'bearer', token: KEY }],
    [`bearer ${KEY}`, { kind: 'bearer', token: KEY }],
    [`BEARER   ${KEY}  `, { kind: 'bearer', token: KEY }],
    ['Bearer aGVhZGVy.cGF5bG9hZA.c2ln', { kind: 'bearer', token: 'aGVhZGVy.cGF5bG9hZA.c2ln' }],
    ['Bearer abc+/de==', { kind: 'bearer', token: 'abc+/de==' }],
    ['', { kind: 'malformed' }],
    ['Bearer', { kind: 'malformed' }],
    ['Bearer ', { kind: 'malformed' }],
    [KEY, { kind: 'malformed' }],
    [`Basic ${Buffer.from(`user:${KEY}`).toString('base64')}`, { kind: 'malformed' }],
    [`Token ${KEY}`, { kind: 'malformed' }],
    [`Bearer ${KEY} ${KEY}`, { kind: 'malformed' }],
    [`Bearer ${KEY}, Bearer ${KEY}`, { kind: 'malformed' }],
    [`Bearer\t${KEY}`, { kind: 'malformed' }],
    [`Bearer ${KEY}\r\nX-Admin: 1`, { kind: 'malformed' }],
    ['Bearer ключ-доступа', { kind: 'malformed' }],
    ['Bearer 🔑🔑🔑🔑', { kind: 'malformed' }],
    ['Bearer \u0000bdf_x', { kind: 'malformed' }],
    [`Bearer ${'A'.repeat(20_000)}`, { kind: 'malformed' }],
    [[`Bearer ${KEY}`], { kind: 'malformed' }],
    [42, { kind: 'malformed' }],
  ])('reads %j', (header, expected) => {
    expect(parseAuthorization(header)).toEqual(expected);
  });
});

describe('createAuthenticator', () => {
  const keyLine = buildApiKeyLine('ops-console', ['deals:delete'], hashApiKey(KEY));

  it('lets a call without credentials act as the anonymous client with every scope when not required', async () => {
    const authenticate = createAuthenticator(authConfig({ AUTH_API_KEYS: keyLine, AUTH_REQUIRED: 'false' }));
    expect(await authenticate(undefined)).toBe(ANONYMOUS);
    expect(ANONYMOUS).toEqual({ client: 'anonymous', scopes: new Set(SCOPES) });
  });

  it('refuses a call without credentials when required, saying what to send', async () => {
    const authenticate = createAuthenticator(authConfig({ AUTH_API_KEYS: keyLine, NODE_ENV: 'production', LEADLEX_API_KEY: 'wbk_key' }));
    expect(await refusal(authenticate, undefined)).toMatch(/Send Authorization: Bearer <API key or JWT>/);
  });

  it.each([['required', 'true'], ['not required', 'false']])('verifies credentials that were sent, also when %s', async (_what, required) => {
    const authenticate = createAuthenticator(authConfig({ AUTH_API_KEYS: keyLine, AUTH_REQUIRED: required }));
    expect(await authenticate(`Bearer ${KEY}`)).toEqual({ client: 'ops-console', scopes: new Set(['deals:delete']) });
    expect(await refusal(authenticate, `Bearer ${generateApiKey()}`)).toMatch(/API key is not valid/);
    expect(await refusal(authenticate, 'Basic dXNlcjpwYXNz')).toMatch(/malformed/);
    expect(await refusal(authenticate, '')).toMatch(/malformed/);
    expect(await refusal(authenticate, 'Bearer opaque-token-of-some-other-kind')).toMatch(/neither an API key/);
  });

  it('tells a JWT from an API key by its form', async () => {
    const authenticate = createAuthenticator(authConfig({ AUTH_API_KEYS: keyLine, ...JWT_ENV }));
    expect(await authenticate(`Bearer ${KEY}`)).toEqual({ client: 'ops-console', scopes: new Set(['deals:delete']) });
    expect(await authenticate(`Bearer ${await jwt()}`)).toEqual({ client: 'jwt:svc', scopes: new Set(['contacts:delete']) });
  });

  it('refuses a JWT when none are accepted, and an API key when none are configured', async () => {
    const keysOnly = createAuthenticator(authConfig({ AUTH_API_KEYS: keyLine }));
    expect(await refusal(keysOnly, `Bearer ${await jwt()}`)).toMatch(/does not accept JWTs/);
    const jwtOnly = createAuthenticator(authConfig(JWT_ENV));
    await refusal(jwtOnly, `Bearer ${KEY}`);
  });

  it('never quotes the presented credential', async () => {
    const authenticate = createAuthenticator(authConfig({ AUTH_API_KEYS: keyLine }));
    const wrong = generateApiKey();
    for (const header of [`Bearer ${wrong}`, `Basic ${wrong}`, `Bearer ${wrong}x${wrong}.${wrong}`, `Bearer ${await jwt()}`]) {
      const message = await refusal(authenticate, header);
      expect(message).not.toContain(wrong.slice(4));
      expect(message).not.toContain(header.slice(7));
    }
  });
});

describe('assertScope', () => {
  const client = { client: 'ops-console', scopes: new Set(['deals:delete'] as const) };

  it('passes a client holding the mutation\'s scope', () => {
    expect(() => assertScope(client, 'deals:delete', 'bulkDeleteDeals')).not.toThrow();
    for (const scope of ['intents:delete', 'contacts:delete', 'deals:delete'] as const) expect(() => assertScope(ANONYMOUS, scope, 'any')).not.toThrow();
  });

  it.each([['intents:delete', 'bulkDeleteIntents'], ['contacts:delete', 'bulkDeleteContacts']] as const)(
    'refuses %s with FORBIDDEN naming the missing scope and the field',
    (scope, field) => {
      const error: unknown = (() => { try { assertScope(client, scope, field); } catch (e) { return e; } })();
      expect(error).toBeInstanceOf(FacadeError);
      expect((error as FacadeError).code).toBe('FORBIDDEN');
      expect((error as FacadeError).message).toContain(scope);
      expect((error as FacadeError).message).toContain(field);
    },
  );
});

describe('AUTH_API_KEYS', () => {
  it('reserves the anonymous client\'s name', () => {
    const line = buildApiKeyLine('anonymous', '*', hashApiKey(KEY));
    expect(() => loadConfig({ AUTH_API_KEYS: line })).toThrow(ConfigError);
    expect(() => loadConfig({ AUTH_API_KEYS: line })).toThrow(/reserved/);
  });

  it('accepts the lines buildApiKeyLine makes, ;- or newline-separated', () => {
    const other = buildApiKeyLine('ci', ['contacts:delete', 'intents:delete'], hashApiKey(generateApiKey()));
    const line = buildApiKeyLine('ops-console', '*', hashApiKey(KEY));
    expect(loadConfig({ AUTH_API_KEYS: `${line};${other}` }).auth.apiKeys.map((e) => [e.name, e.scopes])).toEqual([
      ['ops-console', SCOPES],
      ['ci', ['contacts:delete', 'intents:delete']],
    ]);
    expect(loadConfig({ AUTH_API_KEYS: `# clients\n${line}\n\n${other}\n` }).auth.apiKeys).toHaveLength(2);
  });
});
