import { pino, type DestinationStream, type Logger } from 'pino';
import type { Redactor } from '../errors/index.ts';
import type { Config } from '../config/index.ts';

export type { Logger } from 'pino';

/** How deep a log object is searched for secrets; deeper values are logged as they are. */
const MAX_DEPTH = 4;

/**
 * JSON logs (pino) at LOG_LEVEL. Every string that reaches a log line, message or field,
 * goes through the redactor, so a secret quoted by a library never lands in a log.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, redact: Redactor, destination?: DestinationStream): Logger {
  const scrub = createScrubber(redact);
  return pino(
    {
      level: config.logLevel,
      // The formatter below has already turned an Error into { type, message, stack }; pino's
      // own err serializer would run after it and relabel that plain object "Object".
      serializers: { err: (err: unknown) => err },
      base: { service: 'bulk-delete-facade' },
      formatters: { log: (object) => scrub(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          // Copied only when a message holds a secret: most calls pass their arguments as they are.
          let clean = args;
          for (let i = 0; i < args.length; i++) {
            const arg = args[i];
            if (typeof arg !== 'string') continue;
            const redacted = redact(arg);
            if (redacted === arg) continue;
            if (clean === args) clean = [...args] as typeof args;
            clean[i] = redacted;
          }
          method.apply(this, clean);
        },
      },
    },
    destination,
  );
}

/**
 * Returns a log object with every string redacted. Plain objects and arrays are copied only
 * where something inside them changed, so a line without secrets (nearly every one) is logged
 * without a deep copy. Errors become `{ type, message, stack, cause }`, and other class instances
 * (a URL, a Date) their own enumerable fields, as before: whatever their `toJSON` would print
 * (a URL with a token in its query) never reaches the line unredacted.
 */
export function createScrubber(redact: Redactor): (value: unknown) => unknown {
  const scrub = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return redact(value);
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
    if (value instanceof Error) {
      return {
        type: value.name,
        message: redact(value.message),
        ...(value.stack ? { stack: redact(value.stack) } : {}),
        // The cause is often the bug itself (a library's error wrapped by ours).
        ...(value.cause !== undefined ? { cause: scrub(value.cause, depth + 1) } : {}),
      };
    }
    if (Array.isArray(value)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        const clean = scrub(item, depth + 1);
        if (clean !== item) copy ??= value.slice();
        if (copy !== null) copy[i] = clean;
      }
      return copy ?? value;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
    }
    const record = value as Record<string, unknown>;
    let copy: Record<string, unknown> | null = null;
    for (const key of Object.keys(record)) {
      const item = record[key];
      const clean = scrub(item, depth + 1);
      if (clean !== item) copy ??= { ...record };
      if (copy !== null) copy[key] = clean;
    }
    return copy ?? record;
  };
  return (value) => scrub(value, 0);
}
