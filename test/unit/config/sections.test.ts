import { describe, expect, it } from 'vitest';
import { ConfigError, configSecrets, loadConfig } from '../../../src/config/index.ts';

const HASH = `sha256:${'s'.repeat(22)}:${'d'.repeat(43)}`;
const SECRET = 'jwt-secret-0123456789abcdef0123456789abcdef';
/** Production with one upstream configured, the least it starts with. */
const PRODUCTION = { NODE_ENV: 'production', LEADLEX_API_KEY: 'wbk_key' };

/** The ConfigError problems for `env`, or [] when it loads. */
function problems(env: Record<string, string>, files: Record<string, string> = {}): string[] {
  try {
    loadConfig(env, { readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return text;
    } });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

describe('production needs a real upstream (docs/contract.md §7)', () => {
  const KEYS = { AUTH_API_KEYS: `crm * ${HASH}` };

  it('refuses production with API keys but no upstream credential, naming what to set', () => {
    const found = problems({ NODE_ENV: 'production', ...KEYS });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/NODE_ENV=production needs at least one upstream configured/);
    for (const name of ['STOQ_API_KEY', 'KORE_JWT', 'KORE_CLIENT_ID', 'KORE_CLIENT_SECRET', 'LEADLEX_API_KEY']) expect(found[0]).toContain(name);
  });

  it('refuses production whose only credential file failed to mount', () => {
    const found = problems({ NODE_ENV: 'production', ...KEYS, STOQ_API_KEY_FILE: '/run/secrets/stoq' });
    expect(found.join('\n')).toMatch(/STOQ_API_KEY_FILE names a file that cannot be read/);
    expect(found.join('\n')).toMatch(/needs at least one upstream configured/);
  });

  it.each([
    ['Stoq', { STOQ_API_KEY: 'stoq-key' }],
    ['Kore.ai', { KORE_CLIENT_ID: 'cs-1', KORE_CLIENT_SECRET: 'kore-secret', KORE_ACCOUNT_ID: 'acct' }],
    ['LeadLex', { LEADLEX_API_KEY: 'wbk_key' }],
  ])('starts production live with %s alone', (_name, upstream) => {
    const config = loadConfig({ NODE_ENV: 'production', ...KEYS, ...upstream });
    expect(config.demo).toBe(false);
  });

  it.each(['development', 'test'])('runs demo mode with no upstream when NODE_ENV=%s', (nodeEnv) => {
    expect(loadConfig({ NODE_ENV: nodeEnv }).demo).toBe(true);
  });
});

describe('secrets from *_FILE variables', () => {
  it('reads a credential from the named file, trimmed', () => {
    const config = loadConfig({ LEADLEX_API_KEY_FILE: '/run/secrets/leadlex' }, { readFile: () => 'wbk_from_file\n' });
    expect(config.upstreams.leadlex?.apiKey).toBe('wbk_from_file');
  });

  it.each([
    ['both the variable and the file', { STOQ_API_KEY: 'a-key', STOQ_API_KEY_FILE: '/s' }, { '/s': 'b' }, /Set either STOQ_API_KEY or STOQ_API_KEY_FILE, not both/],
    ['a file that cannot be read', { KORE_CLIENT_SECRET_FILE: '/nope', KORE_CLIENT_ID: 'c', KORE_ACCOUNT_ID: 'a' }, {}, /KORE_CLIENT_SECRET_FILE names a file that cannot be read \(ENOENT\)/],
    ['an empty file', { LEADLEX_API_KEY_FILE: '/empty' }, { '/empty': '  \n' }, /LEADLEX_API_KEY_FILE names an empty file/],
    ['a file with whitespace inside', { STOQ_API_KEY_FILE: '/s' }, { '/s': 'two words' }, /STOQ_API_KEY must not contain whitespace/],
  ])('refuses %s', (_name, env, files, message) => {
    const found = problems(env, files);
    expect(found.join('\n')).toMatch(message);
    expect(found.join('\n')).not.toContain('two words');
  });

  it('loads without any reader only when no *_FILE variable is set', () => {
    expect(() => loadConfig({ STOQ_API_KEY_FILE: '/s' })).toThrow(/STOQ_API_KEY_FILE names a file that cannot be read/);
  });
});

describe('auth configuration', () => {
  it('is not required in development on loopback', () => {
    expect(loadConfig({}).auth).toEqual({ required: false, apiKeys: [], jwt: null });
  });

  it.each([
    ['production', { NODE_ENV: 'production', LEADLEX_API_KEY: 'wbk_key' }],
    ['a non-loopback HOST', { HOST: '0.0.0.0' }],
  ])('is required in %s, and refuses to start with nothing configured', (_name, env) => {
    expect(problems(env).join('\n')).toMatch(/Client authentication is required .* neither AUTH_API_KEYS nor AUTH_JWT_SECRET/);
  });

  it('can be turned off on purpose with AUTH_REQUIRED=false', () => {
    expect(loadConfig({ ...PRODUCTION, AUTH_REQUIRED: 'false' }).auth.required).toBe(false);
  });

  it('parses API key lines separated by newlines or semicolons, with * for every scope', () => {
    const config = loadConfig({ AUTH_API_KEYS: `crm deals:delete ${HASH}\n# a comment\nops * ${HASH}; bot intents:delete,contacts:delete ${HASH}` });
    expect(config.auth.apiKeys.map((k) => [k.name, k.scopes])).toEqual([
      ['crm', ['deals:delete']],
      ['ops', ['intents:delete', 'contacts:delete', 'deals:delete']],
      ['bot', ['intents:delete', 'contacts:delete']],
    ]);
    expect(config.auth.apiKeys[0]).toMatchObject({ salt: 's'.repeat(22), digest: 'd'.repeat(43) });
  });

  it.each([
    ['a line without a hash', 'crm deals:delete', /entry 1 must be "<name> <scope,scope> sha256:<salt>:<digest>"/],
    ['a plain-text key instead of a hash', 'crm deals:delete bdf_plaintextkey', /entry 1 must be/],
    ['an unknown scope', `crm deals:destroy ${HASH}`, /unknown scopes \["deals:destroy"\]/],
    ['a duplicate name', `crm * ${HASH}\ncrm * ${HASH}`, /"crm" is used twice/],
    ['a bad name', `cr/m * ${HASH}`, /entry 1 must be/],
  ])('refuses %s in AUTH_API_KEYS', (_name, keys, message) => {
    expect(problems({ AUTH_API_KEYS: keys }).join('\n')).toMatch(message);
  });

  it('reads JWT settings, with scope and sub as default claims', () => {
    const config = loadConfig({ AUTH_JWT_SECRET: SECRET, AUTH_JWT_ISSUER: 'https://idp.example', AUTH_JWT_AUDIENCE: 'bulk-delete' });
    expect(config.auth.jwt).toEqual({ secret: SECRET, jwksUrl: null, issuer: 'https://idp.example', audience: 'bulk-delete', scopesClaim: 'scope', clientClaim: 'sub', maxLifetimeS: 86_400 });
  });

  it.each([
    ['a short secret', { AUTH_JWT_SECRET: 'short-secret', AUTH_JWT_ISSUER: 'i', AUTH_JWT_AUDIENCE: 'a' }, /at least 32 bytes/],
    ['no issuer', { AUTH_JWT_SECRET: SECRET, AUTH_JWT_AUDIENCE: 'a' }, /AUTH_JWT_ISSUER is required/],
    ['no audience', { AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_JWT_ISSUER: 'i' }, /AUTH_JWT_AUDIENCE is required/],
    ['both a secret and a JWKS URL', { AUTH_JWT_SECRET: SECRET, AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_JWT_ISSUER: 'i', AUTH_JWT_AUDIENCE: 'a' }, /either AUTH_JWT_SECRET or AUTH_JWKS_URL/],
    ['a JWKS URL that is not http(s)', { AUTH_JWKS_URL: 'file:///etc/keys', AUTH_JWT_ISSUER: 'i', AUTH_JWT_AUDIENCE: 'a' }, /AUTH_JWKS_URL must use http or https/],
  ])('refuses JWT settings with %s, without echoing the secret', (_name, env, message) => {
    const found = problems(env).join('\n');
    expect(found).toMatch(message);
    expect(found).not.toContain('short-secret');
    expect(found).not.toContain(SECRET);
  });
});

describe('hardening, protection and shutdown settings', () => {
  it('defaults: introspection and playground on outside production, limits set', () => {
    const config = loadConfig({});
    expect(config.security).toEqual({ introspection: true, playground: true, maxDepth: 10, maxAliases: 10, maxMutationFields: 3, maxCost: 1000, maxTokens: 2000, clientRateLimitPerMinute: 120, authFailuresPerMinute: 30, trustedProxies: [], allowedHosts: [], metricsToken: null });
    expect(config.protection).toEqual({ upstreamConcurrency: 8, circuitFailureThreshold: 5, circuitOpenMs: 30_000 });
    expect(config.shutdownGraceMs).toBe(30_000);
  });

  it('turns introspection and the playground off in production unless asked', () => {
    const off = loadConfig({ ...PRODUCTION, AUTH_REQUIRED: 'false' }).security;
    expect([off.introspection, off.playground]).toEqual([false, false]);
    const on = loadConfig({ ...PRODUCTION, AUTH_REQUIRED: 'false', INTROSPECTION: 'yes', PLAYGROUND: '1' }).security;
    expect([on.introspection, on.playground]).toEqual([true, true]);
  });

  it.each([
    ['INTROSPECTION', 'maybe', /INTROSPECTION must be true or false; got "maybe"/],
    ['MAX_QUERY_DEPTH', '1', /MAX_QUERY_DEPTH must be a whole number from 2/],
    ['MAX_MUTATIONS_PER_REQUEST', '0', /MAX_MUTATIONS_PER_REQUEST must be a whole number from 1/],
    ['UPSTREAM_CONCURRENCY', 'many', /UPSTREAM_CONCURRENCY must be a whole number/],
    ['CIRCUIT_OPEN_MS', '5', /CIRCUIT_OPEN_MS must be a whole number from 100/],
    ['SHUTDOWN_GRACE_MS', '-1', /SHUTDOWN_GRACE_MS must be a whole number/],
  ])('refuses %s=%s', (name, value, message) => {
    expect(problems({ [name]: value }).join('\n')).toMatch(message);
  });

  it('defaults the connection limits so a trickle is closed within 10 to 30 s', () => {
    expect(loadConfig({}).server).toMatchObject({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 65_000, maxConnections: 1000 });
  });

  it('refuses HEADERS_TIMEOUT_MS above REQUEST_TIMEOUT_MS (Node would refuse to start)', () => {
    expect(problems({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '4000' }).join('\n')).toMatch(/HEADERS_TIMEOUT_MS \(5000\) must not exceed REQUEST_TIMEOUT_MS \(4000\)/);
  });

  it('reads ALLOWED_HOSTS as lower-case names and addresses, IPv6 in brackets as in Host', () => {
    expect(loadConfig({ ALLOWED_HOSTS: 'Facade.Internal, 10.0.0.7,::1' }).security.allowedHosts).toEqual(['facade.internal', '10.0.0.7', '[::1]']);
    expect(problems({ ALLOWED_HOSTS: 'facade.internal:4000, *.example' }).join('\n')).toMatch(/ALLOWED_HOSTS must list host names .*"facade.internal:4000", "\*.example"/);
  });

  it('keeps METRICS_TOKEN secret: never echoed, and masked like every configured secret', () => {
    expect(problems({ METRICS_TOKEN: 'two words' }).join('\n')).not.toContain('two words');
    expect(configSecrets(loadConfig({ METRICS_TOKEN: 'metrics-token-1234' }))).toContain('metrics-token-1234');
  });

  it('refuses a REDIS_URL that is not redis://, without echoing it', () => {
    const found = problems({ REDIS_URL: 'http://user:hunter2@cache:6379' }).join('\n');
    expect(found).toMatch(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(found).not.toContain('hunter2');
  });
});
