import type { BulkDeleteRateLimit } from '../__generated__/schema-types.ts';
import { FacadeError } from '../errors/index.ts';
import { combineOutcomes, isConsistent, unknownBatch, type BatchOutcome, type Failure } from './outcome.ts';

/** Which mutation a result belongs to; picks the concrete GraphQL type. */
export type ResultKind = 'intents' | 'contacts' | 'deals';

/**
 * The normalised outcome of one mutation: what every `BulkDeleteResult` field resolves from.
 * Plain data (JSON-serialisable), so the idempotency store can keep and replay it.
 */
export interface BulkDeleteResultModel {
  readonly kind: ResultKind;
  readonly requestedCount: number;
  readonly deletedCount: number;
  readonly notFoundCount: number;
  readonly failedCount: number;
  readonly deletedIds: readonly string[] | null;
  readonly failures: readonly Failure[];
  readonly dryRun: boolean;
  readonly upstreamRequestIds: readonly string[];
  readonly rateLimit: Omit<BulkDeleteRateLimit, '__typename'> | null;
  readonly sentIntentIds: readonly string[];
}

/**
 * The one place a mutation's result is built (CONTRACT §3, §4).
 *
 * - Every requested ID is accounted for exactly once; an outcome that does not add up (an
 *   upstream answer we misread) is replaced by OUTCOME_UNKNOWN rows rather than trusted.
 * - When every batch was refused before processing, nothing was deleted and the facade knows
 *   it: the first batch's refusal is thrown as the GraphQL error. Otherwise a result.
 */
export function buildResult(kind: ResultKind, requestedIds: readonly string[], outcomes: readonly BatchOutcome[], dryRun: boolean): BulkDeleteResultModel {
  const checked = outcomes.map((o) => (isConsistent(o) ? o : unknownBatch(o.ids, 'The upstream answer did not account for every ID; outcome unknown.', o)));
  if (!coversInOrder(checked, requestedIds)) assertCovers(checked, requestedIds);

  const total = combineOutcomes(checked);
  if (total.refusal !== null) throw total.refusal;

  return {
    kind,
    requestedCount: requestedIds.length,
    deletedCount: total.deletedCount,
    notFoundCount: total.notFoundCount,
    failedCount: total.failures.length,
    deletedIds: total.deletedIds,
    failures: total.failures,
    dryRun,
    upstreamRequestIds: [...new Set(total.upstreamRequestIds)],
    rateLimit: total.rateLimit?.rateLimit ?? null,
    sentIntentIds: total.sentIntentIds,
  };
}

/**
 * True when the batches hold exactly the requested IDs, in order: how the batch loader cuts
 * them, so one pass of identity comparisons usually settles it without a set of every ID.
 */
function coversInOrder(outcomes: readonly BatchOutcome[], requestedIds: readonly string[]): boolean {
  let index = 0;
  for (const outcome of outcomes) {
    for (const id of outcome.ids) {
      if (id !== requestedIds[index++]) return false;
    }
  }
  return index === requestedIds.length;
}

/** Throws unless every requested ID is in exactly one batch (a bug if not: never an answer to send). */
function assertCovers(outcomes: readonly BatchOutcome[], requestedIds: readonly string[]): void {
  const covered = new Set<string>();
  for (const outcome of outcomes) {
    for (const id of outcome.ids) {
      if (covered.has(id)) throw new Error(`ID sent in two batches: ${JSON.stringify(id)}`);
      covered.add(id);
    }
  }
  const missing = requestedIds.filter((id) => !covered.has(id));
  if (missing.length > 0 || covered.size !== requestedIds.length) {
    throw new Error(`Batches do not cover the request: ${missing.length} missing, ${covered.size} covered of ${requestedIds.length}`);
  }
}

/** Re-checks the accounting rule on a finished result; used by tests and as a last guard. */
export function assertAccounting(result: BulkDeleteResultModel): void {
  const problems: string[] = [];
  if (result.requestedCount !== result.deletedCount + result.notFoundCount + result.failedCount) problems.push('counts do not add up');
  if (result.failures.length !== result.failedCount) problems.push('failures.length != failedCount');
  if (new Set(result.failures.map((f) => f.id)).size !== result.failures.length) problems.push('an ID fails twice');
  if (result.deletedIds !== null && result.deletedIds.length !== result.deletedCount) problems.push('deletedIds.length != deletedCount');
  if (problems.length > 0) throw new FacadeError('INTERNAL_SERVER_ERROR', `Accounting rule broken: ${problems.join(', ')}`);
}
