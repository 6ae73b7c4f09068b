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
  readonly idempotencyKey: string | null;
}

/**
 * One audit line per delete, at info: who, which mutation, how many IDs requested, deleted,
 * not found and failed (by code), the idempotency key, whether it was a replay, and the
 * upstream request IDs. The IDs themselves only at debug, where a second line lists them.
 */
export function auditResult(logger: Logger, request: AuditRequest, result: BulkDeleteResultModel, replayed: boolean): void {
  // Nothing is built for a line that would not be written.
  if (!logger.isLevelEnabled('info')) return;
  const failedByCode: Record<string, number> = {};
  for (const failure of result.failures) failedByCode[failure.code] = (failedByCode[failure.code] ?? 0) + 1;
  logger.info({
    audit: 'bulk-delete',
    ...request,
    outcome: 'result',
    requested: result.requestedCount,
    deleted: result.deletedCount,
    notFound: result.notFoundCount,
    failed: result.failedCount,
    failedByCode,
    dryRun: result.dryRun,
    replayed,
    upstreamRequestIds: result.upstreamRequestIds,
  }, `${request.mutation}: ${result.deletedCount} deleted, ${result.notFoundCount} not found, ${result.failedCount} failed of ${result.requestedCount}`);
  if (logger.isLevelEnabled('debug')) {
    logger.debug({
      audit: 'bulk-delete-ids',
      requestId: request.requestId,
      deletedIds: result.deletedIds,
      failures: result.failures.map((failure) => ({ id: failure.id, code: failure.code })),
    }, `${request.mutation}: IDs`);
  }
}

/** The audit line of a delete refused with a GraphQL error: nothing was deleted. */
export function auditError(logger: Logger, request: AuditRequest, error: unknown): void {
  if (!logger.isLevelEnabled('info')) return;
  const facadeError = isFacadeError(error) ? error : null;
  logger.info({
    audit: 'bulk-delete',
    ...request,
    outcome: 'error',
    code: facadeError?.code ?? 'INTERNAL_SERVER_ERROR',
    upstream: facadeError?.upstream,
    upstreamStatus: facadeError?.upstreamStatus,
  }, `${request.mutation}: refused (${facadeError?.code ?? 'INTERNAL_SERVER_ERROR'}), nothing deleted`);
}
