import { createHash } from 'node:crypto';

/** The options that make two calls "the same input" besides their IDs (docs/contract.md §6). */
export type FingerprintOptions = Readonly<Record<string, string | boolean | null>>;

/** A digest of one input, and the sorted distinct IDs it was made from. */
export interface InputFingerprint {
  readonly fingerprint: string;
  /** A stored result keeps its IDs as positions in this list, which every call with the same fingerprint rebuilds identically. */
  readonly sortedIds: readonly string[];
}

/**
 * What "the same input" means (docs/contract.md §6): the same set of distinct IDs, whatever their
 * order, and the same options. Stable across processes and replicas. `sorted`, when given, is
 * `distinctIds` already in code-unit order (`getDistinctValidIds` sorts them for an idempotent call).
 */
export function fingerprintInput(distinctIds: readonly string[], options: FingerprintOptions, sorted: readonly string[] | null = null): InputFingerprint {
  const hash = createHash('sha256');
  for (const [name, value] of Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1))) {
    hash.update(`${name}=${JSON.stringify(value)}\u0000`);
  }
  // One update of "id\0id\0…id\0": the bytes, hence the digest, of one update per ID, which
  // replicas and the Redis entries of earlier versions agree on.
  const sortedIds = sorted ?? [...distinctIds].sort();
  if (sortedIds.length > 0) hash.update(`${sortedIds.join('\u0000')}\u0000`);
  return { fingerprint: hash.digest('base64url'), sortedIds };
}
