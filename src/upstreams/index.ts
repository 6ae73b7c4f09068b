// upstreams/: everything that talks HTTP to a vendor. http.ts is the one got factory and the
// shared retry policy; upstream.ts the adapter interface and the replies all vendors share;
// stoq/, kore/, leadlex/ have the same four files: request, response, normalise, client.
import type { UpstreamsConfig, UpstreamPolicy } from '../config/index.ts';
import { createUpstreamCaller, type HttpDeps } from './http.ts';
import { createKoreUpstream, type KoreOptions } from './kore/index.ts';
import { createLeadLexUpstream, type LeadLexOptions } from './leadlex/index.ts';
import { createStoqUpstream, type StoqOptions } from './stoq/index.ts';
import type { Upstream } from './upstream.ts';

export type { Upstream } from './upstream.ts';
export type { KoreOptions, LeadLexOptions, StoqOptions };
export { leadLexKeyBase } from './leadlex/index.ts';
export type { CallObserver, HttpDeps } from './http.ts';

/** The configured adapters; null where an upstream has no credentials. */
export interface Upstreams {
  readonly stoq: Upstream<StoqOptions> | null;
  readonly kore: Upstream<KoreOptions> | null;
  readonly leadlex: Upstream<LeadLexOptions> | null;
}

/** Builds every adapter once, at start-up, sharing one HTTP client and its keep-alive agents. */
export function createUpstreams(config: UpstreamsConfig, policy: UpstreamPolicy, deps: HttpDeps = {}): Upstreams {
  const adapterDeps = { call: createUpstreamCaller(policy, deps), now: deps.now ?? Date.now };
  return {
    stoq: config.stoq && createStoqUpstream(config.stoq, adapterDeps),
    kore: config.kore && createKoreUpstream(config.kore, adapterDeps),
    leadlex: config.leadlex && createLeadLexUpstream(config.leadlex, adapterDeps),
  };
}
