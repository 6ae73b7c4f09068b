import type { StoqConfig } from '../../config/index.ts';
import { joinCallOutcomes, type BatchOutcome } from '../../bulk-delete/outcome.ts';
import type { AdapterDeps, Upstream, VendorProfile } from '../upstream.ts';
import { buildStoqRequest, stoqEndpoint } from './request.ts';
import { parseStoqResponse } from './response.ts';
import { normaliseStoq } from './normalise.ts';

/** What `bulkDeleteIntents` asks of Stoq beyond its IDs (schema/intents.graphql). */
export interface StoqInput {
  readonly skipSent?: boolean | null | undefined;
}

/** Per-mutation options of a Stoq delete. */
export interface StoqOptions {
  /** Delete the unsent intents when some were already sent (docs/contract.md §2). */
  readonly skipSent: boolean;
}

/** How many times `skipSent` calls again after a 422: intents can be sent while we retry. */
export const SKIP_SENT_MAX_CALLS = 3;

/** Points a DELETE spends of Stoq's budget (360 per rolling minute; docs/contract.md §5). */
export const STOQ_RATE_LIMIT_COST = 2;

/**
 * Stoq's window rolls: each request's points come back one window after it, and its
 * X-RateLimit-Reset is when the whole budget is back (rate-limit-pacer.ts).
 */
export const STOQ_RATE_LIMIT_ROLLING = true;

/** Stoq as the facade knows it, configured or not. */
export const STOQ_PROFILE: VendorProfile = {
  name: 'stoq',
  configHint: 'STOQ_API_KEY',
  rateLimit: { cost: STOQ_RATE_LIMIT_COST, window: STOQ_RATE_LIMIT_ROLLING ? 'rolling' : 'fixed' },
  resendSafe: false,
};

/**
 * The Stoq adapter. All IDs go in one call (maxBatchSize Infinity): splitting would break
 * Stoq's all-or-nothing promise. No idempotency key, so only unprocessed answers are retried.
 */
export function createStoqUpstream(config: StoqConfig, deps: AdapterDeps): Upstream<StoqInput, StoqOptions> {
  const { now } = deps;
  const endpoint = stoqEndpoint(config);
  return {
    vendor: STOQ_PROFILE,
    maxBatchSize: Infinity,
    prepare(input) {
      const skipSent = input.skipSent ?? false;
      return { options: { skipSent }, fingerprint: { skipSent }, dryRun: false };
    },
    async deleteBatch(ids, _batchIndex, options, trace) {
      const parts: BatchOutcome[] = [];
      let remaining = ids;
      for (let call = 1; ; call++) {
        const result = await deps.call({ upstream: 'stoq', endpoint, idempotent: false, rateLimitCost: STOQ_RATE_LIMIT_COST, trace, buildRequest: () => buildStoqRequest(config, remaining) });
        const reply = parseStoqResponse(result, remaining, now());
        if (reply.kind === 'some-sent' && options.skipSent && call < SKIP_SENT_MAX_CALLS) {
          const sent = new Set(reply.sentIds);
          const sentIds = remaining.filter((id) => sent.has(id));
          parts.push(normaliseStoq(sentIds, reply, result.meta));
          remaining = remaining.filter((id) => !sent.has(id));
          if (remaining.length > 0) continue;
          return joinCallOutcomes(parts);
        }
        parts.push(normaliseStoq(remaining, reply, result.meta));
        return joinCallOutcomes(parts);
      }
    },
  };
}
