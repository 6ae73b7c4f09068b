// idempotency/: docs/contract.md §6. A key per client and mutation; the same input within 24 hours
// gets the first result; the store is in-process by default, shared (Redis) across replicas.
import type { RedisStoreOptions } from './redis-store.ts';
import type { IdempotencyStore } from './store.ts';
export { createIdempotencyStore } from './create-store.ts';
export { idempotencyScope, idempotentInput, inputFingerprint } from './fingerprint.ts';
export { fromStoredRecord, toStoredResult, type StoredIds, type StoredRecord, type StoredResult } from './stored-result.ts';
export { createMemoryStore, type MemoryStoreOptions } from './memory-store.ts';
export { describeRedisUrl } from './redis-connection.ts';
export type { RedisStoreOptions, StoreLogger } from './redis-store.ts';
export { runIdempotent, type IdempotentCall } from './run-idempotent.ts';
export { DEFAULT_CLIENT_QUOTA, IDEMPOTENCY_RETENTION_MS, type Claim, type ClientQuota, type IdempotencyStore, type StoreHealth, type StoredCall } from './store.ts';

/** The store in Redis (redis-store.ts), its modules loaded at the first call, as createIdempotencyStore does. */
export async function createRedisStore(options: RedisStoreOptions): Promise<IdempotencyStore> {
  const { createRedisStore: create } = await import('./redis-store.ts');
  return create(options);
}
