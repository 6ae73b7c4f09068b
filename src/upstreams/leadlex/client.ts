import type { LeadLexConfig } from '../../config/index.ts';
import type { AdapterDeps, Upstream } from '../upstream.ts';
import { LEADLEX_MAX_BATCH_SIZE, leadLexBatchKey } from './batches.ts';
import { buildLeadLexRequest, leadLexEndpoint } from './request.ts';
import { parseLeadLexResponse } from './response.ts';
import { normaliseLeadLex } from './normalise.ts';

/** Per-mutation options of a LeadLex delete. */
export interface LeadLexOptions {
  readonly dryRun: boolean;
  /** From `leadLexKeyBase`: one per mutation call, or derived from the client's key. */
  readonly keyBase: string;
}

/** Requests a call spends of LeadLex's daily quota (upstream-apis/leadlex-deals-bulk-delete.md). */
export const LEADLEX_RATE_LIMIT_COST = 1;

/**
 * The LeadLex adapter: batches of 500, each with its own Idempotency-Key that stays the same
 * across retries, so timeouts, lost answers and any 5xx are retried safely.
 */
export function createLeadLexUpstream(config: LeadLexConfig, deps: AdapterDeps): Upstream<LeadLexOptions> {
  const { now } = deps;
  const endpoint = leadLexEndpoint(config);
  return {
    name: 'leadlex',
    maxBatchSize: LEADLEX_MAX_BATCH_SIZE,
    async deleteBatch(ids, batchIndex, options, trace) {
      const key = leadLexBatchKey(options.keyBase, batchIndex, ids, options.dryRun);
      const result = await deps.call({ upstream: 'leadlex', endpoint, idempotent: true, rateLimitCost: LEADLEX_RATE_LIMIT_COST, trace, buildRequest: () => buildLeadLexRequest(config, ids, options.dryRun, key) });
      return normaliseLeadLex(ids, parseLeadLexResponse(result, ids, now()), result.meta);
    },
  };
}
