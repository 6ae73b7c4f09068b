import { createHash } from 'node:crypto';
import { fingerprintInput, type FingerprintOptions, type InputFingerprint } from '../bulk-delete/fingerprint.ts';

/**
 * The store key for a client's idempotency key: scoped to the client and the mutation
 * (docs/contract.md §6), so one client can never replay another's result. Hashed, so keys of any
 * content have one bounded, safe form in every store.
 */
export function idempotencyScope(client: string, mutation: string, idempotencyKey: string): string {
  return createHash('sha256').update(`${client}\u0000${mutation}\u0000${idempotencyKey}`).digest('base64url');
}

/** A call's input fingerprint alone (bulk-delete/fingerprint.ts). */
export function inputFingerprint(distinctIds: readonly string[], options: FingerprintOptions): string {
  return fingerprintInput(distinctIds, options).fingerprint;
}

/** The fingerprint and the sorted distinct IDs it was made from (bulk-delete/fingerprint.ts). */
export const idempotentInput: (distinctIds: readonly string[], options: FingerprintOptions) => InputFingerprint = fingerprintInput;
