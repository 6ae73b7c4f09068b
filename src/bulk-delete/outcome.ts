import type { BulkDeleteFailure, BulkDeleteFailureCode, BulkDeleteRateLimit } from '../__generated__/schema-types.ts';
import { assertNever, type FacadeError } from '../errors/index.ts';

/** A failed ID, as the schema's `BulkDeleteFailure` (the generated type is the one definition). */
export type Failure = Required<Omit<BulkDeleteFailure, '__typename'>>;

/** A rate-limit budget as reported by an upstream, and when we learnt it (to keep the newest). */
export interface RateLimitObservation {
  readonly rateLimit: Omit<BulkDeleteRateLimit, '__typename'>;
  readonly observedAt: number;
}

/**
 * What happened to one batch of distinct IDs. Invariant (checked by `isConsistent`):
 * `ids.length == deletedCount + notFoundCount + failures.length`, every failure's ID is in
 * `ids` once, and `deletedIds` is null or holds exactly `deletedCount` IDs of `ids`.
 */
export interface BatchOutcome {
  readonly ids: readonly string[];
  readonly deletedCount: number;
  /** Which IDs were deleted; null when the upstream only counted them. */
  readonly deletedIds: readonly string[] | null;
  readonly notFoundCount: number;
  readonly failures: readonly Failure[];
  /**
   * Set when the upstream refused the whole batch before processing it: the error the
   * mutation raises if every batch was refused (CONTRACT §4). Null once an upstream answered.
   */
  readonly refusal: FacadeError | null;
  /** True when the facade must send no further batch after this one (CONTRACT §5: 401/403, 429). */
  readonly stopsLaterBatches: boolean;
  /** True when the facade never sent this batch (it stopped first): no answer about its IDs. */
  readonly notSent: boolean;
  readonly sentIntentIds: readonly string[];
  readonly upstreamRequestIds: readonly string[];
  readonly rateLimit: RateLimitObservation | null;
}

/** Upstream metadata gathered across the attempts of one call. */
export interface CallMetadata {
  readonly upstreamRequestIds: readonly string[];
  readonly rateLimit: RateLimitObservation | null;
}

export const NO_METADATA: CallMetadata = { upstreamRequestIds: [], rateLimit: null };

/** The row code for IDs whose batch was refused with this error (CONTRACT §2 enum, §4). */
export function failureCodeForRefusal(refusal: FacadeError): BulkDeleteFailureCode {
  switch (refusal.code) {
    case 'RATE_LIMITED':
      return 'RATE_LIMITED';
    case 'UPSTREAM_UNAVAILABLE':
      return 'UPSTREAM_ERROR';
    case 'UPSTREAM_AUTH_FAILED':
    case 'BAD_USER_INPUT':
    case 'UPSTREAM_BAD_RESPONSE':
      return 'REJECTED';
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
    case 'NOT_CONFIGURED':
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'IDEMPOTENCY_STORE_FULL':
    case 'IDEMPOTENCY_STORE_UNAVAILABLE':
    case 'BAD_REQUEST':
    case 'IDENTITY_PROVIDER_UNAVAILABLE':
    case 'SHUTTING_DOWN':
    case 'INTERNAL_SERVER_ERROR':
      // Raised before any upstream call, so never the refusal of a batch.
      return 'NOT_ATTEMPTED';
    default:
      return assertNever(refusal.code, 'error code');
  }
}

/** The upstream refused the whole batch before processing it: every ID fails, certainly not deleted. */
export function refusedBatch(ids: readonly string[], refusal: FacadeError, upstreamCode: string | null, meta: CallMetadata): BatchOutcome {
  const code = failureCodeForRefusal(refusal);
  return {
    ...emptyOutcome(ids, meta),
    failures: ids.map((id) => ({ id, code, message: refusal.message, upstreamCode })),
    refusal,
    stopsLaterBatches: refusal.code === 'UPSTREAM_AUTH_FAILED' || refusal.code === 'RATE_LIMITED',
  };
}

/** The facade cannot know what happened to these IDs (CONTRACT §3): each is OUTCOME_UNKNOWN. */
export function unknownBatch(ids: readonly string[], message: string, meta: CallMetadata, upstreamCode: string | null = null): BatchOutcome {
  return failedBatch(ids, 'OUTCOME_UNKNOWN', message, meta, upstreamCode);
}

/** The facade stopped before sending this batch (CONTRACT §5): every ID is NOT_ATTEMPTED. */
export function notSentBatch(ids: readonly string[], message: string): BatchOutcome {
  return { ...failedBatch(ids, 'NOT_ATTEMPTED', message, NO_METADATA), notSent: true };
}

/** Every ID of the batch fails with one code and message. */
export function failedBatch(ids: readonly string[], code: BulkDeleteFailureCode, message: string, meta: CallMetadata, upstreamCode: string | null = null): BatchOutcome {
  return { ...emptyOutcome(ids, meta), failures: ids.map((id) => ({ id, code, message, upstreamCode })) };
}

/** An answered batch; callers give counts and failures that add up (checked downstream). */
export function answeredBatch(
  ids: readonly string[],
  parts: { deletedCount: number; deletedIds: readonly string[] | null; notFoundCount: number; failures: readonly Failure[]; sentIntentIds?: readonly string[] },
  meta: CallMetadata,
): BatchOutcome {
  return { ...emptyOutcome(ids, meta), ...parts, sentIntentIds: parts.sentIntentIds ?? [] };
}

function emptyOutcome(ids: readonly string[], meta: CallMetadata): BatchOutcome {
  return {
    ids,
    deletedCount: 0,
    deletedIds: [],
    notFoundCount: 0,
    failures: [],
    refusal: null,
    stopsLaterBatches: false,
    notSent: false,
    sentIntentIds: [],
    upstreamRequestIds: meta.upstreamRequestIds,
    rateLimit: meta.rateLimit,
  };
}

// Outcomes already found consistent: the batch loader checks each as it answers, while
// other batches are still in flight, so building the result does not check them again.
const CONSISTENT = new WeakSet<BatchOutcome>();

/** True when the outcome obeys the accounting rule for its own IDs. */
export function isConsistent(outcome: BatchOutcome): boolean {
  if (CONSISTENT.has(outcome)) return true;
  const consistent = checkConsistency(outcome);
  if (consistent) CONSISTENT.add(outcome);
  return consistent;
}

function checkConsistency(outcome: BatchOutcome): boolean {
  const { ids, deletedCount, deletedIds, notFoundCount, failures } = outcome;
  if (![deletedCount, notFoundCount].every((n) => Number.isSafeInteger(n) && n >= 0)) return false;
  if (ids.length !== deletedCount + notFoundCount + failures.length) return false;
  const own = new Set(ids);
  if (own.size !== ids.length) return false;
  // Every ID deleted and no failure: the check below would only rebuild `own`.
  if (deletedIds === ids && failures.length === 0) return true;
  const accounted = new Set<string>();
  for (const failure of failures) {
    if (!own.has(failure.id) || accounted.has(failure.id)) return false;
    accounted.add(failure.id);
  }
  if (deletedIds !== null) {
    if (deletedIds.length !== deletedCount) return false;
    for (const id of deletedIds) {
      if (!own.has(id) || accounted.has(id)) return false;
      accounted.add(id);
    }
  }
  return true;
}

/**
 * Joins outcomes of disjoint ID sets into one (the batches of a mutation, or the calls of a
 * Stoq skip-sent retry). `refusal` survives only when every part was refused.
 */
export function combineOutcomes(parts: readonly BatchOutcome[]): BatchOutcome {
  if (parts.length === 1 && parts[0]) return parts[0];
  const deletedIdsKnown = parts.every((p) => p.deletedIds !== null);
  let rateLimit: RateLimitObservation | null = null;
  for (const part of parts) {
    if (part.rateLimit && (!rateLimit || part.rateLimit.observedAt >= rateLimit.observedAt)) rateLimit = part.rateLimit;
  }
  const allRefused = parts.length > 0 && parts.every((p) => p.refusal !== null || p.notSent);
  return {
    ids: parts.flatMap((p) => p.ids),
    deletedCount: sum(parts, (p) => p.deletedCount),
    deletedIds: deletedIdsKnown ? parts.flatMap((p) => p.deletedIds ?? []) : null,
    notFoundCount: sum(parts, (p) => p.notFoundCount),
    failures: parts.flatMap((p) => p.failures),
    refusal: allRefused ? (parts.find((p) => p.refusal !== null)?.refusal ?? null) : null,
    stopsLaterBatches: parts.some((p) => p.stopsLaterBatches),
    notSent: parts.every((p) => p.notSent),
    sentIntentIds: parts.flatMap((p) => p.sentIntentIds),
    upstreamRequestIds: parts.flatMap((p) => p.upstreamRequestIds),
    rateLimit,
  };
}

function sum(parts: readonly BatchOutcome[], pick: (p: BatchOutcome) => number): number {
  let total = 0;
  for (const part of parts) total += pick(part);
  return total;
}
