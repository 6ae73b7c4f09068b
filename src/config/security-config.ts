import type { ProtectionConfig, SecurityConfig, ServerConfig } from './config.ts';
import { BlockList, isIP } from 'node:net';
import { quoteValue, type EnvReader } from './reader.ts';

/** Hardening of the GraphQL endpoint; production turns introspection and the playground off. */
export function loadSecurityConfig(env: EnvReader, production: boolean): SecurityConfig {
  return {
    introspection: env.bool('INTROSPECTION', !production),
    playground: env.bool('PLAYGROUND', !production),
    maxDepth: env.int('MAX_QUERY_DEPTH', 10, 2, 100),
    maxAliases: env.int('MAX_ALIASES', 10, 0, 1000),
    maxMutationFields: env.int('MAX_MUTATIONS_PER_REQUEST', 3, 1, 100),
    maxCost: env.int('MAX_QUERY_COST', 1000, 10, 1_000_000),
    maxTokens: env.int('MAX_QUERY_TOKENS', 2000, 100, 1_000_000),
    clientRateLimitPerMinute: env.int('CLIENT_RATE_LIMIT_PER_MINUTE', 120, 0, 1_000_000),
    authFailuresPerMinute: env.int('AUTH_FAILURES_PER_MINUTE', 30, 0, 1_000_000),
    trustedProxies: loadTrustedProxies(env),
    allowedHosts: loadAllowedHosts(env),
    metricsToken: env.secret('METRICS_TOKEN') ?? null,
  };
}

/** Node's limits on slow and idle connections, so a trickle cannot hold a connection for minutes. */
export function loadConnectionLimits(env: EnvReader): Pick<ServerConfig, 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs' | 'maxConnections'> {
  const headersTimeoutMs = env.int('HEADERS_TIMEOUT_MS', 10_000, 10, 600_000);
  const requestTimeoutMs = env.int('REQUEST_TIMEOUT_MS', 30_000, 10, 3_600_000);
  if (headersTimeoutMs > requestTimeoutMs) {
    env.problems.push(`HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${requestTimeoutMs}): the headers are part of the request`);
  }
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: env.int('KEEP_ALIVE_TIMEOUT_MS', 65_000, 1, 3_600_000),
    maxConnections: env.int('MAX_CONNECTIONS', 1000, 1, 1_000_000),
  };
}

const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** ALLOWED_HOSTS: comma-separated host names or IP addresses, without ports (`facade.internal, 10.0.0.7`). */
function loadAllowedHosts(env: EnvReader): string[] {
  const raw = env.read('ALLOWED_HOSTS');
  if (raw === undefined) return [];
  const entries = raw.split(',').map((entry) => entry.trim().toLowerCase()).filter((entry) => entry !== '');
  const bad = entries.filter((entry) => isIP(entry) === 0 && !HOST_NAME.test(entry));
  if (bad.length > 0) {
    env.problems.push(`ALLOWED_HOSTS must list host names or IP addresses without ports (e.g. facade.internal, 10.0.0.7); not valid: ${bad.map((entry) => JSON.stringify(entry)).join(', ')}`);
    return [];
  }
  // An IPv6 address arrives in Host in brackets.
  return entries.map((entry) => (isIP(entry) === 6 ? `[${entry}]` : entry));
}

/** TRUSTED_PROXIES: comma-separated IPs or CIDR ranges (`10.0.0.0/8`, `::1`). */
function loadTrustedProxies(env: EnvReader): string[] {
  const raw = env.read('TRUSTED_PROXIES');
  if (raw === undefined) return [];
  const entries = raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const bad = entries.filter((entry) => !isAddressOrRange(entry));
  if (bad.length > 0) {
    env.problems.push(`TRUSTED_PROXIES must list IP addresses or CIDR ranges (e.g. 10.0.0.0/8, ::1); not valid: ${bad.map((entry) => quoteValue(entry)).join(', ')}`);
    return [];
  }
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return false;
  // BlockList is what reads these later; it must accept them too.
  new BlockList().addSubnet(address, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
  return true;
}

/** Per-upstream protection: a concurrency cap and a circuit breaker. */
export function loadProtectionConfig(env: EnvReader): ProtectionConfig {
  return {
    upstreamConcurrency: env.int('UPSTREAM_CONCURRENCY', 8, 1, 1024),
    circuitFailureThreshold: env.int('CIRCUIT_FAILURE_THRESHOLD', 5, 1, 1000),
    circuitOpenMs: env.int('CIRCUIT_OPEN_MS', 30_000, 100, 3_600_000),
  };
}
