import { pino, type DestinationStream, type Logger } from 'pino';
import type { Redactor } from '../errors/index.ts';
import type { Config } from '../config/index.ts';

export type { Logger } from 'pino';

/**
 * JSON logs (pino) at LOG_LEVEL. Every string that reaches a log line, message or field,
 * goes through the redactor, so a secret quoted by a library never lands in a log.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, redact: Redactor, destination?: DestinationStream): Logger {
  const scrub = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return redact(value);
    if (depth > 4 || value === null || typeof value !== 'object') return value;
    if (value instanceof Error) return { type: value.name, message: redact(value.message), ...(value.stack ? { stack: redact(value.stack) } : {}) };
    if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
  };
  return pino(
    {
      level: config.logLevel,
      base: { service: 'bulk-delete-facade' },
      formatters: { log: (object) => scrub(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? redact(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
