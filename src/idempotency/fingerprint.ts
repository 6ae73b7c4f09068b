import { createHash } from 'node:crypto';

/**
 * The store key for a client's idempotency key: scoped to the client and the mutation
 * (CONTRACT §6), so one client can never replay another's result. Hashed, so keys of any
 * content have one bounded, safe form in every store.
 */
export function idempotencyScope(client: string, mutation: string, idempotencyKey: string): string {
  return createHash('sha256').update(`${client}\u0000${mutation}\u0000${idempotencyKey}`).digest('base64url');
}

/**
 * What "the same input" means (CONTRACT §6): the same set of distinct IDs, whatever their
 * order, and the same options. Stable across processes and replicas.
 */
export function inputFingerprint(distinctIds: readonly string[], options: Readonly<Record<string, string | boolean | null>>): string {
  return idempotentInput(distinctIds, options).fingerprint;
}

/**
 * The fingerprint and the sorted distinct IDs it was made from: a stored result keeps its IDs
 * as positions in that list, which every call with the same fingerprint rebuilds identically.
 */
export function idempotentInput(distinctIds: readonly string[], options: Readonly<Record<string, string | boolean | null>>): { fingerprint: string; sortedIds: readonly string[] } {
  const hash = createHash('sha256');
  for (const [name, value] of Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1))) {
    hash.update(`${name}=${JSON.stringify(value)}\u0000`);
  }
  // One update of "id\0id\0…id\0": the bytes, hence the digest, of one update per ID, which
  // replicas and the Redis entries of earlier versions agree on.
  const sorted = [...distinctIds].sort();
  if (sorted.length > 0) hash.update(`${sorted.join('\u0000')}\u0000`);
  return { fingerprint: hash.digest('base64url'), sortedIds: sorted };
}
