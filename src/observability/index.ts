// observability/: logs and metrics, built once at start-up and handed to the server.
export { auditError, auditResult, type AuditRequest } from './audit.ts';
export { createLogger, type Logger } from './logger.ts';
export { createMetrics, type Metrics } from './metrics.ts';
