import { describe, expect, it } from 'vitest';
import { ConfigError, configSecrets, loadConfig, type Config } from '../../../src/config/index.ts';

type Env = Record<string, string | undefined>;

const STOQ = { STOQ_API_KEY: 'stoq-key-1234' };
const LEADLEX = { LEADLEX_API_KEY: 'wbk_leadlex_key_5678' };
const KORE_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJhcHBJZCI6ImNzLTEifQ.c2lnbmF0dXJl';
const KORE = { KORE_JWT, KORE_ACCOUNT_ID: 'acct-1' };

/** The ConfigError loading `env` throws. */
function configError(env: Env): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, the configuration loaded');
}

describe('loadConfig', () => {
  it('fills in the contract\'s defaults', () => {
    const config = loadConfig({});
    expect(config.server).toMatchObject({ port: 4000, host: '127.0.0.1' });
    expect(config.limits.maxIdsPerCall).toBe(10_000);
    expect(config.policy).toEqual({ timeoutMs: 10_000, rateLimitMaxWaitMs: 5_000, maxAttempts: 3, batchConcurrency: 4, maxResponseBytes: 1024 * 1024 });
    expect(config.redisUrl).toBeNull();
    expect(config.idempotencyQuota).toEqual({ maxKeys: 10_000, maxBytes: 32 * 1024 * 1024 });
    expect(config.env).toBe('development');
  });

  it('reads how this replica runs jobs, defaulting to 0.8 of each budget and two jobs at once', () => {
    expect(loadConfig({}).jobRunner).toEqual({ rateShare: 0.8, workerConcurrency: 2, queuePrefix: 'bdf:queue', lockMs: 30_000 });
    expect(loadConfig({ JOB_RATE_SHARE: '1', JOB_WORKER_CONCURRENCY: '5' }).jobRunner).toMatchObject({ rateShare: 1, workerConcurrency: 5 });
    expect(loadConfig({ JOB_RATE_SHARE: '.5' }).jobRunner.rateShare).toBe(0.5);
  });

  it('reads the BullMQ queue\'s prefix and lock, and refuses a prefix with spaces or a lock under a second', () => {
    expect(loadConfig({ JOB_QUEUE_PREFIX: 'prod:{jobs}', JOB_LOCK_MS: '5000' }).jobRunner).toMatchObject({ queuePrefix: 'prod:{jobs}', lockMs: 5_000 });
    expect(() => loadConfig({ JOB_QUEUE_PREFIX: 'a b' })).toThrow(/JOB_QUEUE_PREFIX must be 1 to 64 letters, digits or _ \. : \{ \} -, not "a b"/);
    expect(() => loadConfig({ JOB_LOCK_MS: '999' })).toThrow(/JOB_LOCK_MS/);
  });

  it('reads each client\'s idempotency quota', () => {
    expect(loadConfig({ IDEMPOTENCY_MAX_KEYS_PER_CLIENT: '500', IDEMPOTENCY_MAX_BYTES_PER_CLIENT: '1048576' }).idempotencyQuota).toEqual({ maxKeys: 500, maxBytes: 1_048_576 });
  });

  it('uses the contract\'s default upstream URLs', () => {
    const config = loadConfig({ ...STOQ, ...KORE, ...LEADLEX });
    expect(config.upstreams.stoq?.url).toBe('https://app.stoqapp.com/api/v1/external');
    expect(config.upstreams.kore?.url).toBe('https://platform.kore.ai');
    expect(config.upstreams.leadlex?.url).toBe('https://data.leadlex.com/functions/v1/api-gateway');
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080', HOST: '0.0.0.0', MAX_IDS_PER_CALL: '50', UPSTREAM_TIMEOUT_MS: '2500', RATE_LIMIT_MAX_WAIT_MS: '0',
      UPSTREAM_MAX_ATTEMPTS: '1', BATCH_CONCURRENCY: '8', UPSTREAM_MAX_RESPONSE_BYTES: '65536', REDIS_URL: 'redis://cache:6379', NODE_ENV: 'production', AUTH_REQUIRED: 'false', ...LEADLEX,
    });
    expect(config.server).toMatchObject({ port: 8080, host: '0.0.0.0' });
    expect(config.limits.maxIdsPerCall).toBe(50);
    expect(config.policy).toEqual({ timeoutMs: 2500, rateLimitMaxWaitMs: 0, maxAttempts: 1, batchConcurrency: 8, maxResponseBytes: 65_536 });
    expect(config.redisUrl).toBe('redis://cache:6379');
    expect(config.env).toBe('production');
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: '  ', STOQ_API_KEY: '' }).server.port).toBe(4000);
    expect(loadConfig({ STOQ_API_KEY: '   ' }).upstreams.stoq).toBeNull();
  });

  it('is in demo mode only when no upstream has credentials', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig(STOQ).demo).toBe(false);
    expect(loadConfig(KORE).demo).toBe(false);
    expect(loadConfig(LEADLEX).demo).toBe(false);
  });

  it('configures only the upstreams with credentials', () => {
    const config = loadConfig(LEADLEX);
    expect(config.upstreams.stoq).toBeNull();
    expect(config.upstreams.kore).toBeNull();
    expect(config.upstreams.leadlex).toEqual({ url: 'https://data.leadlex.com/functions/v1/api-gateway', apiKey: LEADLEX.LEADLEX_API_KEY });
  });

  it('does not configure an upstream from its URL alone', () => {
    const config = loadConfig({ STOQ_API_URL: 'http://127.0.0.1:9000/api', KORE_API_URL: 'http://127.0.0.1:9001', LEADLEX_API_URL: 'http://127.0.0.1:9002' });
    expect(config.upstreams).toEqual({ stoq: null, kore: null, leadlex: null });
    expect(config.demo).toBe(true);
  });

  it('redirects a configured upstream to its URL, without trailing slashes', () => {
    expect(loadConfig({ ...STOQ, STOQ_API_URL: 'http://127.0.0.1:9000/api/v1/external//' }).upstreams.stoq?.url).toBe('http://127.0.0.1:9000/api/v1/external');
  });

  it('uses KORE_JWT as given', () => {
    const kore = loadConfig({ ...KORE, KORE_STREAM_ID: 'st-1' }).upstreams.kore;
    expect(kore).toMatchObject({ accountId: 'acct-1', defaultStreamId: 'st-1', auth: { kind: 'static', jwt: KORE_JWT } });
  });

  it('mints Kore.ai tokens from client credentials, with the client ID as default subject', () => {
    const env = { KORE_CLIENT_ID: 'cs-client', KORE_CLIENT_SECRET: 'client-secret-value', KORE_ACCOUNT_ID: 'acct-1' };
    expect(loadConfig(env).upstreams.kore?.auth).toEqual({ kind: 'minted', clientId: 'cs-client', clientSecret: 'client-secret-value', subject: 'cs-client' });
    expect(loadConfig({ ...env, KORE_JWT_SUBJECT: 'someone' }).upstreams.kore?.auth).toMatchObject({ subject: 'someone' });
  });

  it('leaves the default stream unset when KORE_STREAM_ID is', () => {
    expect(loadConfig(KORE).upstreams.kore?.defaultStreamId).toBeNull();
  });

  it('reads a KORE_STREAM_ID that is a plain token', () => {
    expect(loadConfig({ ...KORE, KORE_STREAM_ID: 'st-A_9' }).upstreams.kore?.defaultStreamId).toBe('st-A_9');
  });

  it('returns a deeply frozen config', () => {
    const config = loadConfig({ ...STOQ, ...KORE });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.policy)).toBe(true);
    expect(Object.isFrozen(config.upstreams.kore?.auth)).toBe(true);
    expect(() => {
      (config.policy as { maxAttempts: number }).maxAttempts = 99;
    }).toThrow(TypeError);
  });

  it.each<[string, Env, RegExp]>([
    ['PORT not a number', { PORT: 'eighty' }, /PORT must be a whole number from 0 to 65535; got "eighty"/],
    ['PORT out of range', { PORT: '70000' }, /PORT must be .*; got "70000"/],
    ['PORT negative', { PORT: '-1' }, /PORT must be .*; got "-1"/],
    ['MAX_IDS_PER_CALL zero', { MAX_IDS_PER_CALL: '0' }, /MAX_IDS_PER_CALL must be a whole number from 1 .*; got "0"/],
    ['MAX_IDS_PER_CALL fractional', { MAX_IDS_PER_CALL: '10.5' }, /MAX_IDS_PER_CALL .*; got "10.5"/],
    ['UPSTREAM_TIMEOUT_MS in exponent form', { UPSTREAM_TIMEOUT_MS: '1e4' }, /UPSTREAM_TIMEOUT_MS .*; got "1e4"/],
    ['UPSTREAM_TIMEOUT_MS with a unit', { UPSTREAM_TIMEOUT_MS: '10s' }, /UPSTREAM_TIMEOUT_MS .*; got "10s"/],
    ['RATE_LIMIT_MAX_WAIT_MS negative', { RATE_LIMIT_MAX_WAIT_MS: '-5' }, /RATE_LIMIT_MAX_WAIT_MS .*; got "-5"/],
    ['UPSTREAM_MAX_ATTEMPTS zero', { UPSTREAM_MAX_ATTEMPTS: '0' }, /UPSTREAM_MAX_ATTEMPTS must be a whole number from 1 to 20; got "0"/],
    ['BATCH_CONCURRENCY too high', { BATCH_CONCURRENCY: '1000' }, /BATCH_CONCURRENCY must be a whole number from 1 to 64; got "1000"/],
    ['UPSTREAM_MAX_RESPONSE_BYTES too small', { UPSTREAM_MAX_RESPONSE_BYTES: '10' }, /UPSTREAM_MAX_RESPONSE_BYTES must be a whole number from 1024 to 268435456; got "10"/],
    ['KORE_STREAM_ID a dot-dot segment', { ...KORE, KORE_STREAM_ID: '..' }, /KORE_STREAM_ID must be a plain token of at most 128 letters, digits, _ and -; got "\.\."/],
    ['KORE_STREAM_ID a path', { ...KORE, KORE_STREAM_ID: 'st/../x' }, /KORE_STREAM_ID must be a plain token.*; got "st\/\.\.\/x"/],
    ['KORE_STREAM_ID encoded', { ...KORE, KORE_STREAM_ID: '%2e%2e' }, /KORE_STREAM_ID must be a plain token/],
    ['KORE_STREAM_ID too long', { ...KORE, KORE_STREAM_ID: 's'.repeat(129) }, /KORE_STREAM_ID must be a plain token of at most 128/],
    ['JOB_RATE_SHARE zero', { JOB_RATE_SHARE: '0' }, /JOB_RATE_SHARE must be a number above 0 and at most 1 \(e\.g\. 0\.8\), not "0"/],
    ['JOB_RATE_SHARE above 1', { JOB_RATE_SHARE: '1.5' }, /JOB_RATE_SHARE must be .*, not "1\.5"/],
    ['JOB_RATE_SHARE a percentage', { JOB_RATE_SHARE: '80%' }, /JOB_RATE_SHARE must be .*, not "80%"/],
    ['JOB_WORKER_CONCURRENCY negative', { JOB_WORKER_CONCURRENCY: '-1' }, /JOB_WORKER_CONCURRENCY must be a whole number from 0 to 64; got "-1"/],
    ['IDEMPOTENCY_MAX_KEYS_PER_CLIENT zero', { IDEMPOTENCY_MAX_KEYS_PER_CLIENT: '0' }, /IDEMPOTENCY_MAX_KEYS_PER_CLIENT must be a whole number from 1 .*; got "0"/],
    ['IDEMPOTENCY_MAX_BYTES_PER_CLIENT with a unit', { IDEMPOTENCY_MAX_BYTES_PER_CLIENT: '32MB' }, /IDEMPOTENCY_MAX_BYTES_PER_CLIENT must be a whole number from 1024 .*; got "32MB"/],
    ['NODE_ENV unknown', { NODE_ENV: 'staging' }, /NODE_ENV must be one of production, development, test; got "staging"/],
    ['LOG_LEVEL unknown', { LOG_LEVEL: 'verbose' }, /LOG_LEVEL must be one of .*; got "verbose"/],
    ['a URL that does not parse', { STOQ_API_URL: 'not a url' }, /STOQ_API_URL must be an absolute http\(s\) URL; got "not a url"/],
    ['a non-http URL', { KORE_API_URL: 'ftp://platform.kore.ai' }, /KORE_API_URL must use http or https; got "ftp:"/],
    ['a URL with a query', { LEADLEX_API_URL: 'https://data.leadlex.com/api?region=eu' }, /LEADLEX_API_URL must be a base URL without \?query or #fragment/],
    ['KORE_JWT and client credentials together', { ...KORE, KORE_CLIENT_ID: 'cs-1', KORE_CLIENT_SECRET: 'secret-value' }, /Set either KORE_JWT or KORE_CLIENT_ID \+ KORE_CLIENT_SECRET, not both/],
    ['KORE_JWT and a client ID alone', { ...KORE, KORE_CLIENT_ID: 'cs-1' }, /not both/],
    ['a client ID without a secret', { KORE_CLIENT_ID: 'cs-1', KORE_ACCOUNT_ID: 'a' }, /KORE_CLIENT_ID and KORE_CLIENT_SECRET must be set together; only KORE_CLIENT_ID is set/],
    ['a client secret without an ID', { KORE_CLIENT_SECRET: 'secret-value', KORE_ACCOUNT_ID: 'a' }, /must be set together; only KORE_CLIENT_SECRET is set/],
    ['Kore.ai credentials without KORE_ACCOUNT_ID', { KORE_JWT }, /KORE_ACCOUNT_ID is required when Kore.ai credentials are set/],
  ])('refuses %s, naming the variable', (_what, env, message) => {
    expect(configError(env).message).toMatch(message);
  });

  it.each<[string, Env, string]>([
    ['a Stoq key with a space', { STOQ_API_KEY: 'stoq secret-key' }, 'stoq secret-key'],
    ['a LeadLex key with a newline', { LEADLEX_API_KEY: 'wbk_line\nbreak' }, 'wbk_line\nbreak'],
    ['a KORE_JWT that is not a JWT', { KORE_JWT: 'not-a-jwt-secret', KORE_ACCOUNT_ID: 'a' }, 'not-a-jwt-secret'],
    ['a client secret with a tab', { KORE_CLIENT_ID: 'cs', KORE_CLIENT_SECRET: 'tab\tsecret', KORE_ACCOUNT_ID: 'a' }, 'tab\tsecret'],
    ['a client secret without its ID', { KORE_CLIENT_SECRET: 'lonely-secret-value', KORE_ACCOUNT_ID: 'a' }, 'lonely-secret-value'],
    ['both Kore.ai credentials', { KORE_JWT: 'aaaa.bbbb.cccc', KORE_CLIENT_ID: 'cs', KORE_CLIENT_SECRET: 'both-secret-value', KORE_ACCOUNT_ID: 'a' }, 'both-secret-value'],
    ['a URL with user and password', { STOQ_API_URL: 'https://user:url-password@app.stoqapp.com/api' }, 'url-password'],
    ['a URL with a token in its query', { LEADLEX_API_URL: 'https://data.leadlex.com/api?api_key=query-token-value' }, 'query-token-value'],
    ['a URL with credentials that does not parse', { KORE_API_URL: 'https://user:broken-password@bad host' }, 'broken-password'],
    ['credentials without a scheme that do not parse', { STOQ_API_URL: 'user:bare password@app.stoqapp.com' }, 'bare password'],
    ['a URL missing the colon of its scheme', { STOQ_API_URL: 'http//user:s3cr3tpass@app.stoqapp.com/api' }, 's3cr3tpass'],
    ['a URL with a slash in its password', { KORE_API_URL: 'https://user:pa/ss@platform.kore.ai' }, 'pa/ss'],
    ['a URL with an @ in its password', { LEADLEX_API_URL: 'https//user:p@ss-word@data.leadlex.com' }, 'p@ss'],
    ['a JWKS URL missing its colon', { AUTH_JWKS_URL: 'https//svc:jwks-password@idp.example/keys' }, 'jwks-password'],
    ['a URL-like value in a number', { PORT: 'http://admin:port-password@host' }, 'port-password'],
    ['a URL-like trusted proxy', { TRUSTED_PROXIES: 'proxy:proxy-password@10.0.0.1' }, 'proxy-password'],
  ])('refuses %s without echoing the secret', (_what, env, secret) => {
    const error = configError(env);
    expect(error.problems.length).toBeGreaterThan(0);
    expect(error.message).not.toContain(secret);
    expect(Object.keys(env).filter((name) => error.message.includes(name))).not.toEqual([]);
  });

  it('quotes a malformed URL with what precedes its last @ masked', () => {
    expect(configError({ STOQ_API_URL: 'http//user:s3cr3tpass@app.stoqapp.com/api' }).message).toContain('STOQ_API_URL must be an absolute http(s) URL; got "…@app.stoqapp.com/api"');
    expect(configError({ KORE_API_URL: 'https://u:p@ss@bad host' }).message).toContain('got "https://…@bad host"');
  });

  it('names the variable of a secret it refuses', () => {
    expect(configError({ STOQ_API_KEY: 'two words' }).message).toMatch(/STOQ_API_KEY must not contain whitespace or control characters \(value not shown\)/);
    expect(configError({ STOQ_API_URL: 'https://u:p4ssword@x.example' }).message).toMatch(/STOQ_API_URL must not contain credentials/);
  });

  it('reports every problem at once', () => {
    const error = configError({ PORT: 'x', BATCH_CONCURRENCY: '0', NODE_ENV: 'qa' });
    expect(error.problems).toHaveLength(3);
    expect(error.message).toMatch(/PORT[\s\S]*BATCH_CONCURRENCY/);
  });
});

describe('configSecrets', () => {
  it('lists every credential the config holds, and the Redis password', () => {
    const config: Config = loadConfig({ ...STOQ, ...LEADLEX, KORE_CLIENT_ID: 'cs', KORE_CLIENT_SECRET: 'kore-client-secret', KORE_ACCOUNT_ID: 'a', REDIS_URL: 'redis://:redis-pass@cache:6379' });
    expect(configSecrets(config).sort()).toEqual(['kore-client-secret', 'redis-pass', STOQ.STOQ_API_KEY, LEADLEX.LEADLEX_API_KEY].sort());
  });

  it('lists a static KORE_JWT', () => {
    expect(configSecrets(loadConfig(KORE))).toEqual([KORE_JWT]);
  });

  it('is empty in demo mode', () => {
    expect(configSecrets(loadConfig({}))).toEqual([]);
  });
});
