import type DataLoader from 'dataloader';
import { createBatchLoader } from '../bulk-delete/batch-loader.ts';
import type { BatchOutcome } from '../bulk-delete/outcome.ts';
import type { Config } from '../config/index.ts';
import type { IdempotencyStore } from '../idempotency/index.ts';
import type { Logger, Metrics } from '../observability/index.ts';
import type { Upstream, Upstreams } from '../upstreams/index.ts';

/** Everything built once at start-up and shared by all requests. */
export interface Services {
  readonly config: Config;
  readonly upstreams: Upstreams;
  readonly idempotency: IdempotencyStore;
  readonly metrics: Metrics;
  readonly logger: Logger;
}

/** DataLoaders that cut a mutation call's IDs into batches (CONTRACT §5 batching); one per call. */
export interface LoaderRegistry {
  get<Options>(upstream: Upstream<Options>, options: Options, cacheKey: string): DataLoader<string, BatchOutcome>;
}

/** The GraphQL context: the shared services plus what belongs to this request alone. */
export interface RequestContext {
  readonly services: Services;
  /** Who is calling; scopes idempotency keys. All unauthenticated callers are one client. */
  readonly client: string;
  readonly requestId: string;
  readonly loaders: LoaderRegistry;
}

/**
 * Creates a request's loader registry. Every `get` makes a fresh loader: one per mutation call,
 * never shared. Mutations in a document run one after another, and a loader shared by two would
 * answer the second from the first's cache (an ID reported deleted twice, or batches that do not
 * cover its request) and carry over its stop-after-refusal state.
 */
export function createLoaderRegistry(config: Config): LoaderRegistry {
  return {
    get(upstream, options) {
      return createBatchLoader({
        maxBatchSize: upstream.maxBatchSize,
        concurrency: config.policy.batchConcurrency,
        runBatch: (ids, batchIndex) => upstream.deleteBatch(ids, batchIndex, options),
      });
    },
  };
}
