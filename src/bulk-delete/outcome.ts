import type { BulkDeleteFailure, BulkDeleteFailureCode, BulkDeleteRateLimit } from '../__generated__/schema-types.ts';
import { assertNever, type FacadeError } from '../errors/index.ts';

/** A failed ID, as the schema's `BulkDeleteFailure` (the generated type is the one definition). */
export type Failure = Required<Omit<BulkDeleteFailure, '__typename'>>;

/** A rate-limit budget as reported by an upstream, and when we learnt it (to keep the newest). */
export interface RateLimitObservation {
  readonly rateLimit: Omit<BulkDeleteRateLimit, '__typename'>;
  readonly observedAt: number;
}

/** Upstream metadata gathered across the attempts of one call. */
export interface CallMetadata {
  readonly upstreamRequestIds: readonly string[];
  readonly rateLimit: RateLimitObservation | null;
}

export const NO_METADATA: CallMetadata = { upstreamRequestIds: [], rateLimit: null };

/** The upstream answered about the batch's IDs; its counts and rows are checked when the result is built. */
export interface AnsweredBatch extends CallMetadata {
  readonly kind: 'answered';
  readonly ids: readonly string[];
  readonly deletedCount: number;
  /** Which IDs were deleted; null when the upstream only counted them. */
  readonly deletedIds: readonly string[] | null;
  readonly notFoundCount: number;
  readonly failures: readonly Failure[];
  readonly sentIntentIds: readonly string[];
}

/**
 * The upstream refused the whole batch before processing it: certainly nothing deleted. Its
 * `error` is what the mutation raises if every batch was refused (docs/contract.md §4).
 */
export interface RefusedBatch extends CallMetadata {
  readonly kind: 'refused';
  readonly ids: readonly string[];
  readonly error: FacadeError;
  readonly upstreamCode: string | null;
}

/** The facade never sent this batch (it stopped, or was told to, first): no answer about its IDs. */
export interface NotSentBatch {
  readonly kind: 'not-sent';
  readonly ids: readonly string[];
  readonly message: string;
}

/** The facade cannot know what happened to these IDs (docs/contract.md §3): each is OUTCOME_UNKNOWN. */
export interface UnknownBatch extends CallMetadata {
  readonly kind: 'unknown';
  readonly ids: readonly string[];
  readonly message: string;
  readonly upstreamCode: string | null;
}

/**
 * What happened to one batch of distinct IDs: exactly one of four things. Only `answered`
 * carries counts that could fail to add up; the others say one thing of every ID, so their
 * rows are written once, when the result is built (`accountOf`).
 */
export type BatchOutcome = AnsweredBatch | RefusedBatch | NotSentBatch | UnknownBatch;

/** The accounting of one batch: what the result adds up. */
export interface BatchAccount {
  readonly deletedCount: number;
  readonly deletedIds: readonly string[] | null;
  readonly notFoundCount: number;
  readonly failures: readonly Failure[];
}

/** The row code for IDs whose batch was refused with this error (docs/contract.md §2 enum, §4). */
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
    case 'JOB_STORE_UNAVAILABLE':
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

/** True when no further batch may be sent after this one (docs/contract.md §5: 401/403, a 429 not waited out). */
export function stopsLaterBatches(outcome: BatchOutcome): boolean {
  return outcome.kind === 'refused' && (outcome.error.code === 'UPSTREAM_AUTH_FAILED' || outcome.error.code === 'RATE_LIMITED');
}

/** An answered batch; callers give counts and failures that should add up (checked by `isConsistent`). */
export function answeredBatch(
  ids: readonly string[],
  parts: { deletedCount: number; deletedIds: readonly string[] | null; notFoundCount: number; failures: readonly Failure[]; sentIntentIds?: readonly string[] },
  meta: CallMetadata,
): AnsweredBatch {
  return {
    kind: 'answered',
    ids,
    deletedCount: parts.deletedCount,
    deletedIds: parts.deletedIds,
    notFoundCount: parts.notFoundCount,
    failures: parts.failures,
    sentIntentIds: parts.sentIntentIds ?? [],
    upstreamRequestIds: meta.upstreamRequestIds,
    rateLimit: meta.rateLimit,
  };
}

/** The upstream refused the whole batch before processing it. */
export function refusedBatch(ids: readonly string[], error: FacadeError, upstreamCode: string | null, meta: CallMetadata): RefusedBatch {
  return { kind: 'refused', ids, error, upstreamCode, upstreamRequestIds: meta.upstreamRequestIds, rateLimit: meta.rateLimit };
}

/** The outcome of these IDs is unknown. */
export function unknownBatch(ids: readonly string[], message: string, meta: CallMetadata, upstreamCode: string | null = null): UnknownBatch {
  return { kind: 'unknown', ids, message, upstreamCode, upstreamRequestIds: meta.upstreamRequestIds, rateLimit: meta.rateLimit };
}

/** The facade did not send this batch. */
export function notSentBatch(ids: readonly string[], message: string): NotSentBatch {
  return { kind: 'not-sent', ids, message };
}

/** The outcome's counts and rows; for the three one-verdict kinds, one row per ID. */
export function accountOf(outcome: BatchOutcome): BatchAccount {
  switch (outcome.kind) {
    case 'answered':
      return outcome;
    case 'refused':
      return everyIdFails(outcome.ids, failureCodeForRefusal(outcome.error), outcome.error.message, outcome.upstreamCode);
    case 'unknown':
      return everyIdFails(outcome.ids, 'OUTCOME_UNKNOWN', outcome.message, outcome.upstreamCode);
    case 'not-sent':
      return everyIdFails(outcome.ids, 'NOT_ATTEMPTED', outcome.message, null);
    default:
      return assertNever(outcome, 'batch outcome');
  }
}

function everyIdFails(ids: readonly string[], code: BulkDeleteFailureCode, message: string, upstreamCode: string | null): BatchAccount {
  return { deletedCount: 0, deletedIds: [], notFoundCount: 0, failures: ids.map((id) => ({ id, code, message, upstreamCode })) };
}

/** Metadata of an outcome (none for a batch never sent). */
export function metadataOf(outcome: BatchOutcome): CallMetadata {
  return outcome.kind === 'not-sent' ? NO_METADATA : outcome;
}

/**
 * True when the outcome obeys the accounting rule for its own IDs:
 * `ids.length == deletedCount + notFoundCount + failures.length`, every failure's ID is in
 * `ids` once, and `deletedIds` is null or holds exactly `deletedCount` IDs of `ids`, none
 * failed. The one-verdict kinds hold by construction. Pure: it builds at most one set of
 * the batch's IDs, and none when every ID was deleted.
 */
export function isConsistent(outcome: BatchOutcome): boolean {
  if (outcome.kind !== 'answered') return true;
  const { ids, deletedCount, deletedIds, notFoundCount, failures } = outcome;
  if (!Number.isSafeInteger(deletedCount) || deletedCount < 0 || !Number.isSafeInteger(notFoundCount) || notFoundCount < 0) return false;
  if (ids.length !== deletedCount + notFoundCount + failures.length) return false;
  if (deletedIds !== null && deletedIds.length !== deletedCount) return false;
  // Every ID deleted and no failure: the batch's own list, whose IDs the plan made distinct.
  if (deletedIds === ids && failures.length === 0) return true;
  if (failures.length === 0 && (deletedIds === null || deletedIds.length === 0)) return true;
  const unaccounted = new Set(ids);
  if (unaccounted.size !== ids.length) return false;
  for (const failure of failures) {
    if (!unaccounted.delete(failure.id)) return false;
  }
  if (deletedIds !== null) {
    for (const id of deletedIds) {
      if (!unaccounted.delete(id)) return false;
    }
  }
  return true;
}

/**
 * Joins the outcomes of several calls that together answered one batch (Stoq's skip-sent
 * retries), parts of disjoint IDs in order. One part is itself; several are an answered batch
 * (the first part was answered), with each part's verdict as rows.
 */
export function joinCallOutcomes(parts: readonly BatchOutcome[]): BatchOutcome {
  if (parts.length === 1 && parts[0]) return parts[0];
  const ids: string[] = [];
  const failures: Failure[] = [];
  const sentIntentIds: string[] = [];
  const upstreamRequestIds: string[] = [];
  let deletedIds: string[] | null = [];
  let deletedCount = 0;
  let notFoundCount = 0;
  let rateLimit: RateLimitObservation | null = null;
  for (const part of parts) {
    const account = accountOf(part);
    const meta = metadataOf(part);
    ids.push(...part.ids);
    failures.push(...account.failures);
    deletedCount += account.deletedCount;
    notFoundCount += account.notFoundCount;
    deletedIds = deletedIds === null || account.deletedIds === null ? null : [...deletedIds, ...account.deletedIds];
    if (part.kind === 'answered') sentIntentIds.push(...part.sentIntentIds);
    upstreamRequestIds.push(...meta.upstreamRequestIds);
    rateLimit = newer(rateLimit, meta.rateLimit);
  }
  return answeredBatch(ids, { deletedCount, deletedIds, notFoundCount, failures, sentIntentIds }, { upstreamRequestIds, rateLimit });
}

/** The newer of two rate-limit observations (the later one on a tie). */
export function newer(kept: RateLimitObservation | null, seen: RateLimitObservation | null): RateLimitObservation | null {
  if (seen === null) return kept;
  return kept === null || seen.observedAt >= kept.observedAt ? seen : kept;
}
