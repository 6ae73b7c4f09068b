import type { Config } from './config.ts';
import { loadAuthConfig } from './auth-config.ts';
import { loadJobsConfig } from './jobs-config.ts';
import { loadSubscriptionsConfig } from './subscriptions-config.ts';
import { createEnvReader, quoteValue, type EnvReader, type ReadSecretFile } from './reader.ts';
import { loadConnectionLimits, loadSecurityConfig, loadProtectionConfig } from './security-config.ts';
import { loadTracingConfig } from './tracing-config.ts';
import { loadUpstreamsConfig } from './upstreams-config.ts';

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
const UPSTREAM_CREDENTIALS = 'STOQ_API_KEY, KORE_JWT or KORE_CLIENT_ID + KORE_CLIENT_SECRET (with KORE_ACCOUNT_ID), or LEADLEX_API_KEY';

/** Where loadConfig reads `*_FILE` secrets from; main.ts passes the file system. */
export interface LoadConfigOptions {
  readonly readFile?: ReadSecretFile;
}

/**
 * Parses the environment into a Config. Pure apart from `readFile` (for `*_FILE` secrets).
 * Collects every problem and throws one ConfigError, so an operator fixes them all in one go;
 * secrets are never echoed.
 */
export function loadConfig(env: Env, options: LoadConfigOptions = {}): Config {
  const reader = createEnvReader(env, options.readFile ?? refuseFiles);
  const { read, int, oneOf } = reader;
  const fraction = (name: string, fallback: number): number => share(reader, name, fallback);

  const nodeEnv = oneOf('NODE_ENV', ENVS, 'development');
  const production = nodeEnv === 'production';
  const host = read('HOST') ?? '127.0.0.1';
  const upstreams = loadUpstreamsConfig(reader);
  const noUpstream = upstreams.stoq === null && upstreams.kore === null && upstreams.leadlex === null;
  if (production && noUpstream) {
    // docs/contract.md §7: demo mode reports simulated deletions as real ones, the worst failure a
    // deletion service can have; in production a credential that failed to mount must stop it.
    reader.problems.push(`NODE_ENV=production needs at least one upstream configured, and none is: set ${UPSTREAM_CREDENTIALS} (or their *_FILE variants). Demo mode runs only outside production.`);
  }

  const demo = noUpstream && !production;
  const config: Config = {
    env: nodeEnv,
    demo,
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    server: {
      host,
      port: int('PORT', 4000, 0, 65535),
      maxRequestBytes: int('MAX_REQUEST_BYTES', 5 * 1024 * 1024, 1024, 512 * 1024 * 1024),
      ...loadConnectionLimits(reader),
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
      maxResponseBytes: int('UPSTREAM_MAX_RESPONSE_BYTES', 1024 * 1024, 1024, 256 * 1024 * 1024),
    },
    upstreams,
    redisUrl: loadRedisUrl(reader),
    idempotencyQuota: {
      maxKeys: int('IDEMPOTENCY_MAX_KEYS_PER_CLIENT', 10_000, 1, 10_000_000),
      maxBytes: int('IDEMPOTENCY_MAX_BYTES_PER_CLIENT', 32 * 1024 * 1024, 1024, 64 * 1024 * 1024 * 1024),
    },
    auth: loadAuthConfig(reader, production, host),
    security: loadSecurityConfig(reader, production),
    protection: loadProtectionConfig(reader),
    tracing: loadTracingConfig(reader),
    jobRunner: {
      rateShare: fraction('JOB_RATE_SHARE', 0.8),
      workerConcurrency: int('JOB_WORKER_CONCURRENCY', 2, 0, 64),
      queuePrefix: queuePrefix(reader),
      lockMs: int('JOB_LOCK_MS', 30_000, 1_000, 600_000),
    },
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', 30_000, 0, 3_600_000),
    jobs: loadJobsConfig(reader, demo),
    subscriptions: loadSubscriptionsConfig(reader),
  };
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  return deepFreeze(config);
}

function refuseFiles(path: string): never {
  throw Object.assign(new Error(`No file reader to read ${path}`), { code: 'ENOTSUP' });
}

/** A fraction in (0, 1], written as a decimal (`0.8`); anything else is a problem quoting the value. */
function share(env: EnvReader, name: string, fallback: number): number {
  const raw = env.read(name);
  if (raw === undefined) return fallback;
  const value = /^\s*(0(\.\d+)?|1(\.0+)?|\.\d+)\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value > 0 && value <= 1)) {
    env.problems.push(`${name} must be a number above 0 and at most 1 (e.g. 0.8), not ${quoteValue(raw)}`);
    return fallback;
  }
  return value;
}

/** JOB_QUEUE_PREFIX: BullMQ's key prefix (its keys are `<prefix>:bulk-delete-jobs:…`). */
function queuePrefix(env: EnvReader): string {
  const raw = env.read('JOB_QUEUE_PREFIX');
  if (raw === undefined) return 'bdf:queue';
  if (!/^[A-Za-z0-9_.:{}-]{1,64}$/.test(raw)) {
    env.problems.push(`JOB_QUEUE_PREFIX must be 1 to 64 letters, digits or _ . : { } -, not ${quoteValue(raw)}`);
    return 'bdf:queue';
  }
  return raw;
}

function loadRedisUrl(env: EnvReader): string | null {
  // A secret: the URL may carry the Redis password.
  const raw = env.secret('REDIS_URL');
  if (raw === undefined) return null;
  let protocol = '';
  try {
    protocol = new URL(raw).protocol;
  } catch {
    // Fall through to the message below; the value is not echoed, it may hold a password.
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    env.problems.push('REDIS_URL must be a redis:// or rediss:// URL (value not shown: it may hold a password)');
    return null;
  }
  return raw;
}

/** Every secret in a config, for the redactor. */
export function configSecrets(config: Config): string[] {
  const { stoq, kore, leadlex } = config.upstreams;
  const secrets = [stoq?.apiKey, leadlex?.apiKey];
  if (kore?.auth.kind === 'static') secrets.push(kore.auth.jwt);
  if (kore?.auth.kind === 'minted') secrets.push(kore.auth.clientSecret);
  if (config.auth.jwt?.secret) secrets.push(config.auth.jwt.secret);
  if (config.security.metricsToken) secrets.push(config.security.metricsToken);
  if (config.tracing) secrets.push(...Object.values(config.tracing.headers));
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
