import type { BulkDeleteResultModel } from '../bulk-delete/result.ts';
import type { Logger } from './logger.ts';
import type { ClientApp, RequestOutcome } from './tracing.ts';

/** What one GraphQL request did, filled in as it runs; logged once when it ends. */
export interface RequestRecord {
  readonly requestId: string;
  readonly traceId: string | null;
  readonly app: ClientApp | null;
  readonly startedAt: number;
  /** The authenticated client; null until authenticated (and when refused). */
  client: string | null;
  operationType: string | null;
  operationName: string | null;
  readonly counts: { requested: number; deleted: number; notFound: number; failed: number };
  readonly errorCodes: string[];
}

/** Longest operation name logged or traced as sent. */
export const MAX_LOGGED_OPERATION_NAME = 128;

/**
 * The operation name as logs and spans carry it. GraphQL puts no bound on a name's length and
 * the token limit counts a 5 MB name as one token, so a longer one is cut, with its length.
 */
export function boundOperationName(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  return name.length <= MAX_LOGGED_OPERATION_NAME ? name : `${name.slice(0, MAX_LOGGED_OPERATION_NAME)}…(${name.length} characters)`;
}

/** A record for a request starting now (`performance.now()` time base). */
export function startRequestRecord(requestId: string, traceId: string | null, app: ClientApp | null): RequestRecord {
  return {
    requestId, traceId, app, startedAt: performance.now(),
    client: null, operationType: null, operationName: null,
    counts: { requested: 0, deleted: 0, notFound: 0, failed: 0 },
    errorCodes: [],
  };
}

/** Adds one mutation's result to the request's totals. */
export function countResult(record: RequestRecord, result: BulkDeleteResultModel): void {
  record.counts.requested += result.requestedCount;
  record.counts.deleted += result.deletedCount;
  record.counts.notFound += result.notFoundCount;
  record.counts.failed += result.failedCount;
}

/** The request's end, in the shape its span wants. */
export function requestOutcome(record: RequestRecord, status: number): RequestOutcome {
  return { status, errorCodes: record.errorCodes, counts: record.counts };
}

/**
 * One info line per GraphQL request: request and trace IDs, operation, client and its app,
 * status, duration, outcome counts and error codes. Not the IDs: those are in the audit
 * line's debug companion.
 */
export function logRequest(logger: Logger, record: RequestRecord, status: number): void {
  if (!logger.isLevelEnabled('info')) return;
  const durationMs = Math.round((performance.now() - record.startedAt) * 10) / 10;
  const operation = record.operationType === null ? null : `${record.operationType}${record.operationName ? ` ${record.operationName}` : ''}`;
  logger.info({
    request: 'graphql',
    requestId: record.requestId,
    ...(record.traceId ? { traceId: record.traceId } : {}),
    operation,
    client: record.client,
    ...(record.app ? { app: record.app } : {}),
    status,
    durationMs,
    ...record.counts,
    errors: record.errorCodes,
  }, `${operation ?? 'GraphQL request'}: ${status} in ${durationMs} ms`);
}
