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

/** Per-request DataLoaders, one per upstream and option set (CONTRACT §5 batching). */
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

/** Creates a request's loader registry; loaders are made on first use only. */
export function createLoaderRegistry(config: Config): LoaderRegistry {
  const loaders = new Map<string, DataLoader<string, BatchOutcome>>();
  return {
    get(upstream, options, cacheKey) {
      const key = `${upstream.name}\u0000${cacheKey}`;
      let loader = loaders.get(key);
      if (loader === undefined) {
        loader = createBatchLoader({
          maxBatchSize: upstream.maxBatchSize,
          concurrency: config.policy.batchConcurrency,
          runBatch: (ids, batchIndex) => upstream.deleteBatch(ids, batchIndex, options),
        });
        loaders.set(key, loader);
      }
      return loader;
    },
  };
}
