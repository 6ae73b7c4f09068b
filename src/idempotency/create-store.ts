import type { Config } from '../config/index.ts';
import { createMemoryStore } from './memory-store.ts';
import { describeRedisUrl } from './redis-connection.ts';
import type { StoreLogger } from './redis-store.ts';
import type { IdempotencyStore } from './store.ts';

/**
 * The one place the store is chosen (docs/contract.md §6): shared in Redis when REDIS_URL is set, so
 * every replica sees every key, else in process. Rejects when Redis cannot be reached, so a
 * replica never starts without the sharing it was configured for.
 */
export async function createIdempotencyStore(config: Pick<Config, 'redisUrl' | 'idempotencyQuota'>, deps: { readonly logger?: StoreLogger } = {}): Promise<IdempotencyStore> {
  const quota = config.idempotencyQuota;
  if (config.redisUrl === null) return createMemoryStore({ quota });
  // The Redis store's modules load only when it is used: a replica without REDIS_URL never runs them.
  const { createRedisStore } = await import('./redis-store.ts');
  const store = await createRedisStore({ url: config.redisUrl, quota, ...(deps.logger ? { logger: deps.logger } : {}) });
  deps.logger?.info({ redis: describeRedisUrl(config.redisUrl) }, 'idempotency keys are shared in Redis');
  return store;
}
