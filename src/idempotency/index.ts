// idempotency/: docs/contract.md §6. A key per client and mutation; the same input within 24 hours
// gets the first result; the store is in-process by default, shared (Redis) across replicas.
export { createIdempotencyStore } from './create-store.ts';
export { idempotencyScope, idempotentInput, inputFingerprint } from './fingerprint.ts';
export { fromStoredRecord, toStoredResult, type StoredIds, type StoredRecord, type StoredResult } from './stored-result.ts';
export { createMemoryStore, type MemoryStoreOptions } from './memory-store.ts';
export { describeRedisUrl } from './redis-connection.ts';
export { createRedisStore, type RedisStoreOptions, type StoreLogger } from './redis-store.ts';
export { runIdempotent, type IdempotentCall } from './run-idempotent.ts';
export { DEFAULT_CLIENT_QUOTA, IDEMPOTENCY_RETENTION_MS, type Claim, type ClientQuota, type IdempotencyStore, type StoreHealth, type StoredCall } from './store.ts';
