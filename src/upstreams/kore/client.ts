import type { KoreConfig } from '../../config/index.ts';
import { getValidStreamId } from '../../bulk-delete/ids.ts';
import { FacadeError } from '../../errors/index.ts';
import type { AdapterDeps, Upstream, VendorProfile } from '../upstream.ts';
import { createKoreTokenSource } from './jwt.ts';
import { buildKoreRequest, koreEndpoint } from './request.ts';
import { parseKoreResponse } from './response.ts';
import { normaliseKore } from './normalise.ts';

/** What `bulkDeleteContacts` asks of Kore.ai beyond its IDs (schema/contacts.graphql). */
export interface KoreInput {
  readonly streamId?: string | null | undefined;
}

/** Per-mutation options of a Kore.ai delete. */
export interface KoreOptions {
  /** The bot/stream, already defaulted to KORE_STREAM_ID and validated. */
  readonly streamId: string;
}

/** Kore.ai as the facade knows it, configured or not. No rate limit: it sends no X-RateLimit-* headers, so nothing is paced. */
export const KORE_PROFILE: VendorProfile = {
  name: 'kore',
  configHint: 'KORE_JWT or KORE_CLIENT_ID + KORE_CLIENT_SECRET, and KORE_ACCOUNT_ID',
  rateLimit: null,
  resendSafe: false,
};

/**
 * The Kore.ai adapter: batches of KORE_BATCH_SIZE, in the given stream or KORE_STREAM_ID, a
 * token per HTTP request (retries included), and no idempotency key, so only unprocessed
 * answers are retried.
 */
export function createKoreUpstream(config: KoreConfig, deps: AdapterDeps): Upstream<KoreInput, KoreOptions> {
  const { now } = deps;
  const token = createKoreTokenSource(config.auth, now, deps.mintedTokens);
  const endpoint = koreEndpoint(config);
  return {
    vendor: KORE_PROFILE,
    maxBatchSize: config.batchSize,
    prepare(input) {
      // KORE_STREAM_ID was checked the same way at start-up.
      const streamId = getValidStreamId(input.streamId) ?? config.defaultStreamId;
      if (streamId === null) {
        throw new FacadeError('BAD_USER_INPUT', '`streamId` is required: this facade has no default Kore.ai stream (KORE_STREAM_ID).');
      }
      return { options: { streamId }, fingerprint: { streamId }, dryRun: false };
    },
    async deleteBatch(ids, _batchIndex, options, trace) {
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
