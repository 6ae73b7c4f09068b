import { FacadeError } from '../errors/index.ts';
import type { StoredRecord } from './stored-result.ts';

// The Redis store's values and the scripts that change them. Values are JSON:
// { state, fingerprint, owner, stored? } (`stored`: the packed result; earlier versions wrote
// the whole result as `result`, still read, and read a `stored` as unreadable: refused, not run). Every script but CLAIM compares the whole in-flight
// value, whose random owner token makes it unique to one claim: compare-and-set on exactly
// the claim this process made, with no JSON decoding inside Redis.
//
// Each client's records are accounted for in two keys of its own, changed by the same
// scripts as the records, so the accounting is exact and costs no extra round trip:
// - a sorted set: each record's key, scored with the time (Redis's clock, ms) it expires;
// - a hash: each record's size in bytes, and the client's total under the field `*`.
// A record leaves by its TTL, unseen by any script: a claim of a new key first drops from the
// accounting the records whose score has passed (a bounded number per call: each record is added once,
// so this stays O(1) per call on average). Both keys expire a full retention after the
// client's last write, so a client that stops calling leaves nothing behind.

/** Every script's KEYS: the record, the client's sorted set of records, its hash of sizes. */
export const SCRIPT_KEYS = 3;

// Lua prelude: the time in ms from Redis's clock (one clock for every replica), read only by
// the scripts that need it, and adding a record to or dropping it from its client's accounting.
const PRELUDE = `local function clock()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function unaccount(member)
  local size = tonumber(redis.call('HGET', KEYS[3], member) or '0')
  redis.call('HDEL', KEYS[3], member)
  if size ~= 0 then redis.call('HINCRBY', KEYS[3], '*', -size) end
  redis.call('ZREM', KEYS[2], member)
end
local function account(member, expiresAt, size, keep)
  redis.call('ZADD', KEYS[2], expiresAt, member)
  local old = tonumber(redis.call('HGET', KEYS[3], member) or '0')
  redis.call('HSET', KEYS[3], member, size)
  redis.call('HINCRBY', KEYS[3], '*', size - old)
  redis.call('PEXPIRE', KEYS[2], keep)
  redis.call('PEXPIRE', KEYS[3], keep)
end
`;

/**
 * ARGV: in-flight value, lease, record member, max keys, max bytes, accounting lifetime.
 * Nil when claimed; the value found when the key is taken; {limit, ms until the client's
 * oldest record expires} when the key is free but the client is at its quota.
 */
export const CLAIM = `${PRELUDE}
local current = redis.call('GET', KEYS[1])
if current then return current end
local now = clock()
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 64)
for _, member in ipairs(expired) do unaccount(member) end
local limit = false
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then limit = 'keys'
elseif tonumber(redis.call('HGET', KEYS[3], '*') or '0') >= tonumber(ARGV[5]) then limit = 'bytes' end
if limit then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  local wait = 0
  if oldest[2] then wait = math.max(0, tonumber(oldest[2]) - now) end
  return {limit, wait}
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
account(ARGV[3], now + tonumber(ARGV[2]), #ARGV[1], ARGV[6])
return false`;

/** ARGV: our in-flight value, completed value, retention, channel, record member, accounting lifetime. 1 when stored. */
export const COMPLETE = `${PRELUDE}
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
account(ARGV[5], clock() + tonumber(ARGV[3]), #ARGV[2], ARGV[6])
redis.call('PUBLISH', ARGV[4], KEYS[1])
return 1`;

/** ARGV: our in-flight value, channel, record member. 1 when released. */
export const RELEASE = `${PRELUDE}
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
unaccount(ARGV[3])
redis.call('PUBLISH', ARGV[2], KEYS[1])
return 1`;

/** ARGV: our in-flight value, lease, record member, accounting lifetime. 1 when renewed. */
export const RENEW = `${PRELUDE}
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
account(ARGV[3], clock() + tonumber(ARGV[2]), #ARGV[1], ARGV[4])
return redis.call('PEXPIRE', KEYS[1], ARGV[2])`;

/** A stored value, read back. */
export type Entry =
  | { readonly state: 'in-flight'; readonly fingerprint: string }
  | { readonly state: 'completed'; readonly fingerprint: string; readonly result: StoredRecord };

/** The value of a new claim: in flight, with a fresh owner token. */
export function inFlightValue(fingerprint: string, owner: string): string {
  return JSON.stringify({ state: 'in-flight', fingerprint, owner });
}

/** The value of a completed call, kept for the retention period. */
export function completedValue(fingerprint: string, owner: string, stored: StoredRecord): string {
  return JSON.stringify({ state: 'completed', fingerprint, owner, stored });
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
    const { state, fingerprint, stored, result } = value as Record<string, unknown>;
    if (typeof fingerprint === 'string') {
      if (state === 'in-flight') return { state, fingerprint };
      // Our own JSON, written by `complete`: a packed result, or an earlier version's whole one.
      const record = stored ?? result;
      if (state === 'completed' && record !== null && typeof record === 'object') return { state, fingerprint, result: record as StoredRecord };
    }
  }
  throw new FacadeError('INTERNAL_SERVER_ERROR', 'The shared idempotency store (Redis) holds an unreadable entry for this idempotencyKey; nothing was run. Use a new key.');
}
