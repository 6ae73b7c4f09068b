import type { KoreConfig } from '../../config/index.ts';
import type { AdapterDeps, Upstream } from '../upstream.ts';
import { createKoreTokenSource } from './jwt.ts';
import { buildKoreRequest, koreEndpoint } from './request.ts';
import { parseKoreResponse } from './response.ts';
import { normaliseKore } from './normalise.ts';

/** Per-mutation options of a Kore.ai delete. */
export interface KoreOptions {
  /** The bot/stream, already defaulted to KORE_STREAM_ID and validated. */
  readonly streamId: string;
}

/**
 * The Kore.ai adapter: batches of KORE_BATCH_SIZE, a token per HTTP request (retries
 * included), and no idempotency key, so only unprocessed answers are retried.
 */
export function createKoreUpstream(config: KoreConfig, deps: AdapterDeps): Upstream<KoreOptions> {
  const { now } = deps;
  const token = createKoreTokenSource(config.auth, now, deps.mintedTokens);
  const endpoint = koreEndpoint(config);
  return {
    name: 'kore',
    maxBatchSize: config.batchSize,
    async deleteBatch(ids, _batchIndex, options, trace) {
      // No rateLimitCost: Kore.ai sends no X-RateLimit-* headers, so nothing is paced.
      const result = await deps.call({
        upstream: 'kore',
        endpoint,
        idempotent: false,
        trace,
        buildRequest: async () => buildKoreRequest(config, options.streamId, ids, await token()),
      });
      return normaliseKore(ids, parseKoreResponse(result, now()), result.meta);
    },
  };
}
