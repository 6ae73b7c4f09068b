import { hash, randomUUID } from 'node:crypto';

/** LeadLex takes at most 500 deal IDs per call (docs/vendors/leadlex.md). */
export const LEADLEX_MAX_BATCH_SIZE = 500;

/**
 * The base every batch's Idempotency-Key is derived from (docs/contract.md §5): from the client's
 * `idempotencyKey` when it gave one, scoped to the client so two clients' keys never meet at
 * LeadLex; fresh for each mutation call otherwise.
 */
export function leadLexKeyBase(clientScope: string, clientKey: string | null): string {
  if (clientKey === null) return randomUUID();
  return hash('sha256', `${clientScope}\n${clientKey}`, 'base64url').slice(0, 32);
}

/**
 * One batch's Idempotency-Key, stable across retries of that batch: the base, a digest of
 * what the batch asks (so a replay with other IDs or another dryRun can never receive
 * LeadLex's stored answer for different deals), and the batch's index.
 */
export function leadLexBatchKey(base: string, batchIndex: number, ids: readonly string[], dryRun: boolean): string {
  const digest = hash('sha256', `${dryRun}\n${ids.join('\n')}`, 'base64url').slice(0, 16);
  return `${base}.${digest}.${batchIndex}`;
}

/**
 * One batch's Idempotency-Key under a fresh base (random, one per mutation call): no other
 * input can ever share that base, so the base and the batch's index identify the batch alone,
 * and the digest of its IDs (a SHA-256 over 500 IDs) is not needed.
 */
export function leadLexFreshBatchKey(base: string, batchIndex: number): string {
  return `${base}.${batchIndex}`;
}
