import type { BulkDeleteResultModel } from '../bulk-delete/result.ts';
import { FacadeError } from '../errors/index.ts';

// The Redis store's values and the scripts that change them. Values are JSON:
// { state, fingerprint, owner, result? }. Every script but CLAIM compares the whole in-flight
// value, whose random owner token makes it unique to one claim: compare-and-set on exactly
// the claim this process made, with no JSON decoding inside Redis.

/** KEYS[1] entry; ARGV in-flight value, lease. Nil when claimed, else the value found. */
export const CLAIM = `local current = redis.call('GET', KEYS[1])
if current then return current end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false`;

/** KEYS[1] entry; ARGV our in-flight value, completed value, retention, channel. 1 when stored. */
export const COMPLETE = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('PUBLISH', ARGV[4], KEYS[1])
return 1`;

/** KEYS[1] entry; ARGV our in-flight value, channel. 1 when released. */
export const RELEASE = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[2], KEYS[1])
return 1`;

/** KEYS[1] entry; ARGV our in-flight value, lease. 1 when renewed. */
export const RENEW = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])`;

/** A stored value, read back. */
export type Entry =
  | { readonly state: 'in-flight'; readonly fingerprint: string }
  | { readonly state: 'completed'; readonly fingerprint: string; readonly result: BulkDeleteResultModel };

/** The value of a new claim: in flight, with a fresh owner token. */
export function inFlightValue(fingerprint: string, owner: string): string {
  return JSON.stringify({ state: 'in-flight', fingerprint, owner });
}

/** The value of a completed call, kept for the retention period. */
export function completedValue(fingerprint: string, owner: string, result: BulkDeleteResultModel): string {
  return JSON.stringify({ state: 'completed', fingerprint, owner, result });
}

/** Reads a stored value; anything but the facade's own JSON is a fault, never a result. */
export function parseEntry(text: unknown): Entry {
  let value: unknown;
  try {
    value = typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    value = undefined;
  }
  if (value !== null && typeof value === 'object') {
    const { state, fingerprint, result } = value as Record<string, unknown>;
    if (typeof fingerprint === 'string') {
      if (state === 'in-flight') return { state, fingerprint };
      // The result is our own JSON of a BulkDeleteResultModel, written by `complete`.
      if (state === 'completed' && result !== null && typeof result === 'object') return { state, fingerprint, result: result as BulkDeleteResultModel };
    }
  }
  throw new FacadeError('INTERNAL_SERVER_ERROR', 'The shared idempotency store (Redis) holds an unreadable entry for this idempotencyKey; nothing was run. Use a new key.');
}
