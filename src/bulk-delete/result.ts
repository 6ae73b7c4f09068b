import type { BulkDeleteRateLimit } from '../__generated__/schema-types.ts';
import { FacadeError } from '../errors/index.ts';
import { accountOf, isConsistent, metadataOf, newer, unknownBatch, type BatchOutcome, type Failure, type RateLimitObservation } from './outcome.ts';

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

const MISREAD = 'The upstream answer did not account for every ID; outcome unknown.';

/**
 * The one place a mutation's result is built (docs/contract.md §3, §4), in one pass over the batch
 * outcomes (those of a run, or those a worker stored):
 *
 * - Every requested ID is accounted for exactly once; an outcome that does not add up (an
 *   upstream answer we misread) is replaced by OUTCOME_UNKNOWN rows rather than trusted.
 * - When every batch was refused before processing (or not sent after a refusal), nothing
 *   was deleted and the facade knows it: the first refusal is thrown as the GraphQL error.
 *   Otherwise a result.
 */
export function buildResult(kind: ResultKind, requestedIds: readonly string[], outcomes: readonly BatchOutcome[], dryRun: boolean): BulkDeleteResultModel {
  let deletedCount = 0;
  let notFoundCount = 0;
  // Lists are joined once at the end, so a one-batch result keeps its batch's own arrays.
  const deletedParts: Array<readonly string[]> = [];
  let deletedIdsKnown = true;
  const failureParts: Array<readonly Failure[]> = [];
  const sentParts: Array<readonly string[]> = [];
  const requestIds = new Set<string>();
  let rateLimit: RateLimitObservation | null = null;
  let firstRefusal: FacadeError | null = null;
  let allRefused = outcomes.length > 0;
  // Outcomes are expected in plan order: then one identity comparison per ID checks coverage.
  let position = 0;
  let inOrder = true;

  for (const reported of outcomes) {
    for (const id of reported.ids) {
      if (inOrder && id !== requestedIds[position]) inOrder = false;
      position++;
    }
    const outcome = isConsistent(reported) ? reported : unknownBatch(reported.ids, MISREAD, metadataOf(reported));
    if (outcome.kind === 'refused') firstRefusal ??= outcome.error;
    else if (outcome.kind !== 'not-sent') allRefused = false;
    const account = accountOf(outcome);
    deletedCount += account.deletedCount;
    notFoundCount += account.notFoundCount;
    if (account.failures.length > 0) failureParts.push(account.failures);
    if (account.deletedIds === null) deletedIdsKnown = false;
    else if (account.deletedIds.length > 0) deletedParts.push(account.deletedIds);
    if (outcome.kind === 'answered' && outcome.sentIntentIds.length > 0) sentParts.push(outcome.sentIntentIds);
    const meta = metadataOf(outcome);
    for (const id of meta.upstreamRequestIds) requestIds.add(id);
    rateLimit = newer(rateLimit, meta.rateLimit);
  }
  if (!inOrder || position !== requestedIds.length) assertCovers(outcomes, requestedIds);
  if (allRefused && firstRefusal !== null) throw firstRefusal;

  const failures = joined(failureParts);
  return {
    kind,
    requestedCount: requestedIds.length,
    deletedCount,
    notFoundCount,
    failedCount: failures.length,
    deletedIds: deletedIdsKnown ? joined(deletedParts) : null,
    failures,
    dryRun,
    upstreamRequestIds: [...requestIds],
    rateLimit: rateLimit?.rateLimit ?? null,
    sentIntentIds: joined(sentParts),
  };
}

/** The parts as one list: the part itself when there is one. */
function joined<T>(parts: ReadonlyArray<readonly T[]>): readonly T[] {
  if (parts.length === 1) return parts[0] as readonly T[];
  return parts.length === 0 ? [] : parts.flat();
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
