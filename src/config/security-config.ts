import type { ProtectionConfig, SecurityConfig } from './config.ts';
import type { EnvReader } from './reader.ts';

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
  };
}

/** Per-upstream protection: a concurrency cap and a circuit breaker. */
export function loadProtectionConfig(env: EnvReader): ProtectionConfig {
  return {
    upstreamConcurrency: env.int('UPSTREAM_CONCURRENCY', 8, 1, 1024),
    circuitFailureThreshold: env.int('CIRCUIT_FAILURE_THRESHOLD', 5, 1, 1000),
    circuitOpenMs: env.int('CIRCUIT_OPEN_MS', 30_000, 100, 3_600_000),
  };
}
