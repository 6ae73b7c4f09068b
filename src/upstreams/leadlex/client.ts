import type { LeadLexConfig } from '../../config/index.ts';
import type { AdapterDeps, Upstream, VendorProfile } from '../upstream.ts';
import { LEADLEX_MAX_BATCH_SIZE, leadLexBatchKey, leadLexKeyBase } from './batches.ts';
import { buildLeadLexRequest, leadLexEndpoint } from './request.ts';
import { parseLeadLexResponse } from './response.ts';
import { normaliseLeadLex } from './normalise.ts';

/** What `bulkDeleteDeals` asks of LeadLex beyond its IDs (schema/deals.graphql). */
export interface LeadLexInput {
  readonly dryRun?: boolean | null | undefined;
}

/** Per-mutation options of a LeadLex delete. */
export interface LeadLexOptions {
  readonly dryRun: boolean;
  /** From `leadLexKeyBase`: one per mutation call, or derived from the client's key. */
  readonly keyBase: string;
}

/** Requests a call spends of LeadLex's daily quota (docs/vendors/leadlex.md). */
export const LEADLEX_RATE_LIMIT_COST = 1;

/** LeadLex as the facade knows it, configured or not: its budget is a daily quota, a fixed window. */
export const LEADLEX_PROFILE: VendorProfile = {
  name: 'leadlex',
  configHint: 'LEADLEX_API_KEY',
  rateLimit: { cost: LEADLEX_RATE_LIMIT_COST, window: 'fixed' },
  resendSafe: true,
};

/**
 * The LeadLex adapter: batches of 500, each with its own Idempotency-Key that stays the same
 * across retries, so timeouts, lost answers and any 5xx are retried safely.
 */
export function createLeadLexUpstream(config: LeadLexConfig, deps: AdapterDeps): Upstream<LeadLexInput, LeadLexOptions> {
  const { now } = deps;
  const endpoint = leadLexEndpoint(config);
  return {
    vendor: LEADLEX_PROFILE,
    maxBatchSize: LEADLEX_MAX_BATCH_SIZE,
    prepare(input, caller) {
      const dryRun = input.dryRun ?? false;
      // The key base is not part of the input: a replay with the same key derives the same one.
      return { options: { dryRun, keyBase: leadLexKeyBase(caller.client, caller.idempotencyKey) }, fingerprint: { dryRun }, dryRun };
    },
    async deleteBatch(ids, batchIndex, options, trace) {
      const key = leadLexBatchKey(options.keyBase, batchIndex, ids, options.dryRun);
      const result = await deps.call({ upstream: 'leadlex', endpoint, idempotent: true, rateLimitCost: LEADLEX_RATE_LIMIT_COST, trace, buildRequest: () => buildLeadLexRequest(config, ids, options.dryRun, key) });
      return normaliseLeadLex(ids, parseLeadLexResponse(result, ids, now()), result.meta);
    },
  };
}
