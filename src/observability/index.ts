// observability/: logs, metrics and traces, built once at start-up and handed to the server.
export { auditError, auditResult, type AuditRequest } from './audit.ts';
export { createLogger, type Logger } from './logger.ts';
export { createMetrics, type JobMetrics, type Metrics } from './metrics.ts';
export { boundOperationName, countResult, logRequest, requestOutcome, startRequestRecord, type RequestRecord } from './request-log.ts';
export { createTracing, type ClientApp, type JobBatchTrace, type RequestOutcome, type RequestTrace, type Tracing } from './tracing.ts';
