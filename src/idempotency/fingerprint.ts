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
  const hash = createHash('sha256');
  for (const [name, value] of Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1))) {
    hash.update(`${name}=${JSON.stringify(value)}\u0000`);
  }
  for (const id of [...distinctIds].sort()) hash.update(`${id}\u0000`);
  return hash.digest('base64url');
}
