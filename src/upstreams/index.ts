// upstreams/: everything that talks HTTP to a vendor. http.ts is the one got factory and the
// shared retry policy; upstream.ts the adapter interface and the replies all vendors share;
// guard.ts what protects each upstream from the facade (semaphore.ts, circuit-breaker.ts,
// rate-limit-pacer.ts); stoq/, kore/, leadlex/ have the same four files: request, response,
// normalise, client. Each client.ts also declares what is the vendor's own: its profile
// (configuration hint, rate-limit cost and window), its batch size and its `prepare`.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProtectionConfig, UpstreamsConfig, UpstreamPolicy } from '../config/index.ts';
import { UPSTREAM_NAMES, type UpstreamName } from '../errors/index.ts';
import { createGot, createUpstreamCaller, upstreamSockets, type HttpDeps } from './http.ts';
import { createUpstreamGuard, type UpstreamGuard } from './guard.ts';
import { createKoreUpstream, KORE_PROFILE, type KoreInput, type KoreOptions } from './kore/index.ts';
import { createLeadLexUpstream, LEADLEX_PROFILE, type LeadLexInput, type LeadLexOptions } from './leadlex/index.ts';
import { createStoqUpstream, STOQ_PROFILE, type StoqInput, type StoqOptions } from './stoq/index.ts';
import type { Upstream, VendorProfile } from './upstream.ts';

export type { Caller, Prepared, Upstream, VendorProfile } from './upstream.ts';
export type { KoreInput, KoreOptions, LeadLexInput, LeadLexOptions, StoqInput, StoqOptions };
export type { AttemptTracer, CallObserver, HttpDeps } from './http.ts';
export type { ProtectionObserver } from './guard.ts';
export type { CircuitState } from './circuit-breaker.ts';

/** What each vendor declares of itself, whether or not it is configured (its NOT_CONFIGURED hint). */
export const VENDOR_PROFILES: Readonly<Record<UpstreamName, VendorProfile>> = { stoq: STOQ_PROFILE, kore: KORE_PROFILE, leadlex: LEADLEX_PROFILE };

/** The configured adapters; null where an upstream has no credentials. */
export interface Upstreams {
  readonly stoq: Upstream<StoqInput, StoqOptions> | null;
  readonly kore: Upstream<KoreInput, KoreOptions> | null;
  readonly leadlex: Upstream<LeadLexInput, LeadLexOptions> | null;
}

/**
 * Builds every adapter once, at start-up, sharing one HTTP client and its keep-alive agents,
 * and, with `protection`, one guard per configured upstream (a cap of UPSTREAM_CONCURRENCY
 * requests in flight across all mutations, a circuit breaker, X-RateLimit pacing) shared by
 * every request. Without `protection` calls are unguarded (tests of the bare adapters).
 */
export function createUpstreams(config: UpstreamsConfig, policy: UpstreamPolicy, deps: HttpDeps = {}, protection?: ProtectionConfig): Upstreams {
  return createUpstreamSets(config, policy, deps, protection).upstreams;
}

/** The adapters mutations use, and the same adapters as the job runner uses them. */
export interface UpstreamSets {
  readonly upstreams: Upstreams;
  /**
   * Behind the same guards (one budget, one circuit, one cap per vendor), but spending at most
   * `jobRateShare` of each budget and never waiting it out: a spent budget or a 429 ends the
   * call at once as RATE_LIMITED, and the job pauses until the reset (docs/contract.md §8,
   * pacing). Waits shorter than JOB_BUDGET_MAX_WAIT_MS are still taken in the call.
   */
  readonly jobUpstreams: Upstreams;
}

/** The longest wait for budget or a 429's reset a job's call takes before the job pauses instead. */
export const JOB_BUDGET_MAX_WAIT_MS = 1_000;

/** {@link createUpstreams}, plus the job runner's adapters sharing its guards and HTTP client. */
export function createUpstreamSets(config: UpstreamsConfig, policy: UpstreamPolicy, deps: HttpDeps = {}, protection?: ProtectionConfig, jobRateShare = 1): UpstreamSets {
  const now = deps.now ?? Date.now;
  const guards: Partial<Record<UpstreamName, UpstreamGuard>> = {};
  if (protection) {
    const guardDeps = { now, sleep: deps.sleep ?? sleep, observer: deps.observer };
    for (const name of UPSTREAM_NAMES) {
      if (config[name]) guards[name] = createUpstreamGuard(name, protection, guardDeps, { rollingWindow: VENDOR_PROFILES[name].rateLimit?.window === 'rolling' });
    }
  }
  // One HTTP client for every vendor, its agents sized to the guards' cap.
  const httpDeps = deps.got === undefined ? { ...deps, got: createGot(policy, upstreamSockets(policy, protection)) } : deps;
  const build = (call: ReturnType<typeof createUpstreamCaller>): Upstreams => {
    const adapterDeps = { call, now, mintedTokens: deps.mintedTokens };
    return {
      stoq: config.stoq && createStoqUpstream(config.stoq, adapterDeps),
      kore: config.kore && createKoreUpstream(config.kore, adapterDeps),
      leadlex: config.leadlex && createLeadLexUpstream(config.leadlex, adapterDeps),
    };
  };
  const jobPolicy = { ...policy, rateLimitMaxWaitMs: Math.min(policy.rateLimitMaxWaitMs, JOB_BUDGET_MAX_WAIT_MS) };
  return {
    upstreams: build(createUpstreamCaller(policy, httpDeps, guards)),
    jobUpstreams: build(createUpstreamCaller(jobPolicy, httpDeps, guards, jobRateShare)),
  };
}
