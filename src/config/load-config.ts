import type { Config, KoreAuth, KoreConfig, LeadLexConfig, StoqConfig } from './config.ts';

/** Thrown at start-up with every bad variable at once, each named and (unless secret) quoted. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ENVS = ['production', 'development', 'test'] as const;

/**
 * Parses the environment into a Config. Pure: reads only `env`. Collects every problem and
 * throws one ConfigError, so an operator fixes them all in one go; secrets are never echoed.
 */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}; got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return Number(raw);
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(raw)}`);
    return fallback;
  };
  const url = (name: string, fallback: string): string => {
    const raw = read(name) ?? fallback;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      // Mask what could be user:password@ before quoting: a URL that does not parse may still hold credentials.
      problems.push(`${name} must be an absolute http(s) URL; got ${JSON.stringify(raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, '$1…@'))}`);
      return fallback;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      problems.push(`${name} must use http or https; got ${JSON.stringify(parsed.protocol)}`);
    } else if (parsed.username || parsed.password) {
      // Credentials in a URL end up in logs and error texts; they belong in the *_API_KEY variables.
      problems.push(`${name} must not contain credentials (user:password@); set them in their own variable`);
    } else if (parsed.search || parsed.hash) {
      // The query or fragment is not quoted: it is where a token would be (`?api_key=`).
      problems.push(`${name} must be a base URL without ?query or #fragment; got ${JSON.stringify(`${parsed.origin}${parsed.pathname}${parsed.search ? '?…' : ''}${parsed.hash ? '#…' : ''}`)}`);
    }
    return raw.replace(/\/+$/, '');
  };
  const secret = (name: string): string | undefined => {
    const value = read(name);
    if (value !== undefined && /[\s\u0000-\u001f]/.test(value)) {
      problems.push(`${name} must not contain whitespace or control characters (value not shown)`);
    }
    return value;
  };

  const nodeEnv = oneOf('NODE_ENV', ENVS, 'development');
  const stoq = loadStoq();
  const kore = loadKore();
  const leadlex = loadLeadLex();

  const config: Config = {
    env: nodeEnv,
    demo: stoq === null && kore === null && leadlex === null,
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    server: {
      host: read('HOST') ?? '127.0.0.1',
      port: int('PORT', 4000, 0, 65535),
      maxRequestBytes: int('MAX_REQUEST_BYTES', 5 * 1024 * 1024, 1024, 512 * 1024 * 1024),
    },
    limits: {
      maxIdsPerCall: int('MAX_IDS_PER_CALL', 10_000, 1, 10_000_000),
      maxIdLength: int('MAX_ID_LENGTH', 256, 1, 65_536),
    },
    policy: {
      timeoutMs: int('UPSTREAM_TIMEOUT_MS', 10_000, 1, 600_000),
      maxAttempts: int('UPSTREAM_MAX_ATTEMPTS', 3, 1, 20),
      rateLimitMaxWaitMs: int('RATE_LIMIT_MAX_WAIT_MS', 5_000, 0, 600_000),
      batchConcurrency: int('BATCH_CONCURRENCY', 4, 1, 64),
    },
    upstreams: { stoq, kore, leadlex },
    redisUrl: read('REDIS_URL') ?? null,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);

  function loadStoq(): StoqConfig | null {
    const apiUrl = url('STOQ_API_URL', 'https://app.stoqapp.com/api/v1/external');
    const apiKey = secret('STOQ_API_KEY');
    return apiKey === undefined ? null : { url: apiUrl, apiKey };
  }

  function loadLeadLex(): LeadLexConfig | null {
    const apiUrl = url('LEADLEX_API_URL', 'https://data.leadlex.com/functions/v1/api-gateway');
    const apiKey = secret('LEADLEX_API_KEY');
    return apiKey === undefined ? null : { url: apiUrl, apiKey };
  }

  function loadKore(): KoreConfig | null {
    const apiUrl = url('KORE_API_URL', 'https://platform.kore.ai');
    const jwt = secret('KORE_JWT');
    const clientId = read('KORE_CLIENT_ID');
    const clientSecret = secret('KORE_CLIENT_SECRET');
    const batchSize = int('KORE_BATCH_SIZE', 100, 1, 10_000);
    let auth: KoreAuth | null = null;
    if (jwt !== undefined && (clientId !== undefined || clientSecret !== undefined)) {
      problems.push('Set either KORE_JWT or KORE_CLIENT_ID + KORE_CLIENT_SECRET, not both');
    } else if (jwt !== undefined) {
      if (jwt.split('.').length !== 3) problems.push('KORE_JWT must be a JWT (three dot-separated parts; value not shown)');
      auth = { kind: 'static', jwt };
    } else if (clientId !== undefined && clientSecret !== undefined) {
      auth = { kind: 'minted', clientId, clientSecret, subject: read('KORE_JWT_SUBJECT') ?? clientId };
    } else if (clientId !== undefined || clientSecret !== undefined) {
      problems.push(`KORE_CLIENT_ID and KORE_CLIENT_SECRET must be set together; only ${clientId === undefined ? 'KORE_CLIENT_SECRET' : 'KORE_CLIENT_ID'} is set`);
    }
    if (auth === null) return null;
    const accountId = read('KORE_ACCOUNT_ID');
    if (accountId === undefined) {
      problems.push('KORE_ACCOUNT_ID is required when Kore.ai credentials are set (Kore.ai needs the accountId header)');
    }
    return { url: apiUrl, accountId: accountId ?? '', defaultStreamId: read('KORE_STREAM_ID') ?? null, auth, batchSize };
  }
}

/** Every secret in a config, for the redactor. */
export function configSecrets(config: Config): string[] {
  const { stoq, kore, leadlex } = config.upstreams;
  const secrets = [stoq?.apiKey, leadlex?.apiKey];
  if (kore?.auth.kind === 'static') secrets.push(kore.auth.jwt);
  if (kore?.auth.kind === 'minted') secrets.push(kore.auth.clientSecret);
  if (config.redisUrl) {
    try {
      secrets.push(new URL(config.redisUrl).password || undefined);
    } catch {
      // An unparseable REDIS_URL fails later with its own message; nothing to mask here.
    }
  }
  return secrets.filter((s): s is string => typeof s === 'string');
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
