import { createHash } from 'node:crypto';
import type { BulkDeleteResultModel, ResultKind } from '../bulk-delete/result.ts';
import { isFacadeError } from '../errors/index.ts';
import type { Logger } from './logger.ts';

/** Who asked for what: the part of an audit line known before the mutation runs. */
export interface AuditRequest {
  /** The client's name (an API key's name, a JWT's subject); never a credential. */
  readonly client: string;
  readonly mutation: ResultKind;
  readonly requestId: string;
  /** IDs in the input, before de-duplication. */
  readonly idsInInput: number;
  /** The `idempotencyKey` argument as the client sent it, or null. */
  readonly idempotencyKey: string | null;
  /**
   * Whether `idempotencyKey` has passed validation. Until it has, the line describes it by
   * length and digest only: it may be megabytes long or hold anything.
   */
  readonly idempotencyKeyValid: boolean;
}

/** Input described without quoting it: a bounded size whatever the input's. */
export interface UncheckedInput {
  /** In UTF-16 code units, as the input limits count. */
  readonly length: number;
  /** SHA-256 of its UTF-8 bytes, hex: enough to match it with what the client sent. */
  readonly sha256: string;
}

/** Describes an input value by length and digest, for a log line that must stay bounded. */
export function describeUnchecked(value: string): UncheckedInput {
  return { length: value.length, sha256: createHash('sha256').update(value).digest('hex') };
}

/**
 * The fields every audit line starts with. A valid key is quoted as `idempotencyKey`; one not
 * (yet) valid goes in a field of its own, so `idempotencyKey` is always a string or null for
 * whatever indexes the logs.
 */
function requestFields(request: AuditRequest): Record<string, unknown> {
  const { idempotencyKey, idempotencyKeyValid, ...rest } = request;
  if (idempotencyKey === null || idempotencyKeyValid) return { ...rest, idempotencyKey };
  return { ...rest, idempotencyKey: null, uncheckedIdempotencyKey: describeUnchecked(idempotencyKey) };
}

/**
 * One audit line per delete, at info: who, which mutation, how many IDs requested, deleted,
 * not found and failed (by code), the idempotency key, whether it was a replay, and the
 * upstream request IDs. The IDs themselves only at debug, where a second line lists them.
 * A dry run's line says what would be deleted (`wouldDelete`), and `deleted` is 0: nothing was.
 */
export function auditResult(logger: Logger, request: AuditRequest, result: BulkDeleteResultModel, replayed: boolean): void {
  // Nothing is built for a line that would not be written.
  if (!logger.isLevelEnabled('info')) return;
  const failedByCode: Record<string, number> = {};
  for (const failure of result.failures) failedByCode[failure.code] = (failedByCode[failure.code] ?? 0) + 1;
  const counts = `${result.notFoundCount} not found, ${result.failedCount} failed of ${result.requestedCount}`;
  logger.info({
    audit: 'bulk-delete',
    ...requestFields(request),
    outcome: 'result',
    requested: result.requestedCount,
    // A dry run deleted nothing: a report summing `deleted` must not count what it would have.
    deleted: result.dryRun ? 0 : result.deletedCount,
    ...(result.dryRun ? { wouldDelete: result.deletedCount } : {}),
    notFound: result.notFoundCount,
    failed: result.failedCount,
    failedByCode,
    dryRun: result.dryRun,
    replayed,
    upstreamRequestIds: result.upstreamRequestIds,
  }, result.dryRun
    ? `${request.mutation} (dry run, nothing deleted): ${result.deletedCount} would be deleted, ${counts}`
    : `${request.mutation}: ${result.deletedCount} deleted, ${counts}`);
  if (logger.isLevelEnabled('debug')) {
    logger.debug({
      audit: 'bulk-delete-ids',
      requestId: request.requestId,
      dryRun: result.dryRun,
      deletedIds: result.deletedIds,
      failures: result.failures.map((failure) => ({ id: failure.id, code: failure.code })),
    }, result.dryRun ? `${request.mutation} (dry run): IDs that would be deleted` : `${request.mutation}: IDs`);
  }
}

/** The audit line of a delete refused with a GraphQL error: nothing was deleted. */
export function auditError(logger: Logger, request: AuditRequest, error: unknown): void {
  if (!logger.isLevelEnabled('info')) return;
  const facadeError = isFacadeError(error) ? error : null;
  logger.info({
    audit: 'bulk-delete',
    ...requestFields(request),
    outcome: 'error',
    code: facadeError?.code ?? 'INTERNAL_SERVER_ERROR',
    upstream: facadeError?.upstream,
    upstreamStatus: facadeError?.upstreamStatus,
  }, `${request.mutation}: refused (${facadeError?.code ?? 'INTERNAL_SERVER_ERROR'}), nothing deleted`);
}
