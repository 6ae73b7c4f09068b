// observability/: logs and metrics, built once at start-up and handed to the server.
export { createLogger, type Logger } from './logger.ts';
export { createMetrics, type Metrics } from './metrics.ts';
