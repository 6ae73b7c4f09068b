// upstreams/: everything that talks HTTP to a vendor. http.ts is the one got factory and the
// shared retry policy; upstream.ts the adapter interface and the replies all vendors share;
// guard.ts what protects each upstream from the facade (semaphore.ts, circuit-breaker.ts,
// rate-limit-pacer.ts); stoq/, kore/, leadlex/ have the same four files: request, response,
// normalise, client.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProtectionConfig, UpstreamsConfig, UpstreamPolicy } from '../config/index.ts';
import { UPSTREAM_NAMES, type UpstreamName } from '../errors/index.ts';
import { createGot, createUpstreamCaller, upstreamSockets, type HttpDeps } from './http.ts';
import { createUpstreamGuard, type UpstreamGuard } from './guard.ts';
import { createKoreUpstream, type KoreOptions } from './kore/index.ts';
import { createLeadLexUpstream, type LeadLexOptions } from './leadlex/index.ts';
import { createStoqUpstream, STOQ_RATE_LIMIT_ROLLING, type StoqOptions } from './stoq/index.ts';
import type { Upstream } from './upstream.ts';

export type { Upstream } from './upstream.ts';
export type { KoreOptions, LeadLexOptions, StoqOptions };
export { leadLexKeyBase } from './leadlex/index.ts';
export type { AttemptTracer, CallObserver, HttpDeps } from './http.ts';
export type { ProtectionObserver } from './guard.ts';
export type { CircuitState } from './circuit-breaker.ts';

// How each vendor's X-RateLimit budget comes back: LeadLex's is a daily quota (a fixed window);
// Kore.ai sends no headers.
const ROLLING_WINDOW: Readonly<Record<UpstreamName, boolean>> = { stoq: STOQ_RATE_LIMIT_ROLLING, kore: false, leadlex: false };

/** The configured adapters; null where an upstream has no credentials. */
export interface Upstreams {
  readonly stoq: Upstream<StoqOptions> | null;
  readonly kore: Upstream<KoreOptions> | null;
  readonly leadlex: Upstream<LeadLexOptions> | null;
}

/**
 * Builds every adapter once, at start-up, sharing one HTTP client and its keep-alive agents,
 * and, with `protection`, one guard per configured upstream (a cap of UPSTREAM_CONCURRENCY
 * requests in flight across all mutations, a circuit breaker, X-RateLimit pacing) shared by
 * every request. Without `protection` calls are unguarded (tests of the bare adapters).
 */
export function createUpstreams(config: UpstreamsConfig, policy: UpstreamPolicy, deps: HttpDeps = {}, protection?: ProtectionConfig): Upstreams {
  const now = deps.now ?? Date.now;
  const guards: Partial<Record<UpstreamName, UpstreamGuard>> = {};
  if (protection) {
    const guardDeps = { now, sleep: deps.sleep ?? sleep, observer: deps.observer };
    for (const name of UPSTREAM_NAMES) {
      if (config[name]) guards[name] = createUpstreamGuard(name, protection, guardDeps, { rollingWindow: ROLLING_WINDOW[name] });
    }
  }
  // One HTTP client for every vendor, its agents sized to the guards' cap.
  const httpDeps = deps.got === undefined ? { ...deps, got: createGot(policy, upstreamSockets(policy, protection)) } : deps;
  const adapterDeps = { call: createUpstreamCaller(policy, httpDeps, guards), now, mintedTokens: deps.mintedTokens };
  return {
    stoq: config.stoq && createStoqUpstream(config.stoq, adapterDeps),
    kore: config.kore && createKoreUpstream(config.kore, adapterDeps),
    leadlex: config.leadlex && createLeadLexUpstream(config.leadlex, adapterDeps),
  };
}
