import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { FacadeError } from '../errors/index.ts';
import type { Logger } from '../observability/index.ts';
import { connectionLimits, connectRedis, describeRedisUrl, quitRedis, type RedisConnectionOptions } from './redis-connection.ts';
import { CLAIM, COMPLETE, RELEASE, RENEW, SCRIPT_KEYS, completedValue, inFlightValue, parseEntry, type Entry } from './redis-values.ts';
import { DEFAULT_CLIENT_QUOTA, IDEMPOTENCY_RETENTION_MS, type Claim, type ClientQuota, type IdempotencyStore, type StoredCall } from './store.ts';

/** The log methods the store uses; a pino logger fits. */
export type StoreLogger = Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;

/** Options of the Redis store. */
export interface RedisStoreOptions extends RedisConnectionOptions {
  /** redis:// or rediss:// URL (REDIS_URL); it may carry a password, which is never shown. */
  readonly url: string;
  /** Prefix of every key (and of the wake-up channel), so the facade's keys are recognisable. @default 'bdf:idem:' */
  readonly prefix?: string;
  /** How long a completed result is kept. @default 24 hours (docs/contract.md §6) */
  readonly retentionMs?: number;
  /**
   * How long an in-flight claim lives without renewal. Its owner renews it every third of it
   * while the call runs, so a live call never loses it however long it takes; the lease only
   * decides how long the keys of a replica that died mid-call stay blocked (repeats wait, then
   * run the call again) and how long a claim survives its owner losing Redis. Generous on
   * purpose: a mutation's own worst case is UPSTREAM_TIMEOUT_MS × UPSTREAM_MAX_ATTEMPTS × the
   * rounds of BATCH_CONCURRENCY batches of a maximal input, minutes with the defaults, and a
   * second replica running a call the first is still running is worse than a repeat waiting.
   * @default 10 minutes
   */
  readonly leaseMs?: number;
  /** Each client's quota of records and of their bytes in Redis. */
  readonly quota?: Partial<ClientQuota>;
  /** First poll interval of `waitFor`; it doubles up to `pollMaxMs`. @default 20 */
  readonly pollMinMs?: number;
  /** Longest poll interval of `waitFor`; a pub/sub wake-up usually comes first. @default 1000 */
  readonly pollMaxMs?: number;
  readonly logger?: StoreLogger;
}

/** A claim this process holds: the exact value it wrote, and the timer renewing its lease. */
interface Hold {
  readonly value: string;
  /** The record's key, then its client's two accounting keys (SCRIPT_KEYS). */
  readonly keys: readonly [string, string, string];
  readonly owner: string;
  readonly fingerprint: string;
  readonly renewal: NodeJS.Timeout;
}

/** Wakes one waitFor: with the call when this process completed it, else to read Redis again. */
type Waker = (call?: StoredCall) => void;

const NO_LOG: StoreLogger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

/**
 * The shared IdempotencyStore: several replicas, one Redis (docs/contract.md §6).
 *
 * - `claim` is one Lua script (GET, else SET with the lease), so of any number of concurrent
 *   claims on a free key, across replicas, exactly one is `claimed`.
 * - `complete` swaps the in-flight entry for the result (kept `retentionMs`), and `release`
 *   deletes it, only if it is still this process's claim: a replica whose lease ran out can
 *   never overwrite the result of the replica that claimed the key after it.
 * - `waitFor` polls with a doubling interval and is woken early by a pub/sub message sent when
 *   a key completes or is released (or at once, for a call this process ran). It ends when the
 *   key completes (the call) or disappears (null), and after one lease at most (null: the
 *   caller claims again and either runs the call or waits anew).
 * - Each client's records are counted (keys and bytes) by the same scripts, in keys of the
 *   client's own; a claim by a client at its quota is `full`, decided in the claim's script.
 * - Redis failures become IDEMPOTENCY_STORE_UNAVAILABLE: a call with an idempotency key
 *   fails before any upstream call rather than run without its guarantee.
 *
 * Resolves once both connections (commands, wake-ups) answer; rejects, naming REDIS_URL
 * without its password, when Redis cannot be reached within `connectTimeoutMs`.
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<IdempotencyStore> {
  const prefix = options.prefix ?? 'bdf:idem:';
  const channel = `${prefix}settled`;
  const retentionMs = options.retentionMs ?? IDEMPOTENCY_RETENTION_MS;
  const leaseMs = options.leaseMs ?? 10 * 60 * 1000;
  const quota: ClientQuota = { ...DEFAULT_CLIENT_QUOTA, ...options.quota };
  // The accounting keys outlive every record they count: each write pushes them this far.
  const accountingMs = Math.max(retentionMs, leaseMs) + 60_000;
  const pollMinMs = options.pollMinMs ?? 20;
  const pollMaxMs = options.pollMaxMs ?? 1_000;
  const logger = options.logger ?? NO_LOG;
  const limits = connectionLimits(options);
  const where = describeRedisUrl(options.url);
  // Declared before the connections: a wake-up message may arrive as soon as they exist.
  const holds = new Map<string, Hold>();
  const waiters = new Map<string, Set<Waker>>();
  let closed = false;

  const redis = await connectRedis(options.url, limits, 'bulk-delete-facade');
  let wakeups: Redis;
  try {
    wakeups = await connectRedis(options.url, limits, 'bulk-delete-facade-wakeups');
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  watch(redis, 'commands');
  watch(wakeups, 'wake-ups');
  wakeups.on('message', (from: string, fullKey: string) => {
    if (from === channel && fullKey.startsWith(prefix)) wake(fullKey.slice(prefix.length));
  });
  try {
    await wakeups.subscribe(channel);
  } catch (error) {
    await Promise.all([quitRedis(redis, limits.commandTimeoutMs), quitRedis(wakeups, limits.commandTimeoutMs)]);
    throw new Error(`Cannot subscribe to the shared idempotency store at REDIS_URL (${where}): ${error instanceof Error ? error.message : String(error)}`);
  }

  /** Logs losing and regaining a connection once each, not every reconnection attempt. */
  function watch(connection: Redis, role: string): void {
    let lost = false;
    connection.on('error', (error: Error) => logger.debug({ err: error, role }, 'idempotency store: Redis connection error'));
    connection.on('close', () => {
      if (lost || closed) return;
      lost = true;
      logger.error({ redis: where, role }, 'idempotency store: lost the connection to Redis; calls with an idempotencyKey fail until it is back');
    });
    connection.on('ready', () => {
      if (!lost) return;
      lost = false;
      logger.info({ redis: where, role }, 'idempotency store: connected to Redis again');
    });
  }

  function wake(key: string, call?: StoredCall): void {
    for (const waker of waiters.get(key) ?? []) waker(call);
  }

  function unavailable(error: unknown, doing: 'claim' | 'wait'): FacadeError {
    logger.error({ err: error, redis: where }, `idempotency store: Redis failed during ${doing}`);
    const message = doing === 'claim'
      ? 'The shared idempotency store (Redis) is unavailable, so this call with an idempotencyKey was not run: nothing was deleted. Retry later with the same key.'
      : 'The shared idempotency store (Redis) became unavailable while this call waited for an earlier call with the same idempotencyKey; this call deleted nothing. Retry later with the same key to get that call\'s result.';
    return new FacadeError('IDEMPOTENCY_STORE_UNAVAILABLE', message, { cause: error });
  }

  function open(): void {
    if (closed) throw new FacadeError('IDEMPOTENCY_STORE_UNAVAILABLE', 'The idempotency store is closed: the facade is shutting down, and this call was not run: nothing was deleted. Retry on another replica.');
  }

  /** The record's key and its client's accounting keys; the client's name hashed, as keys are. */
  function keysOf(key: string, client: string): [string, string, string] {
    const account = `${prefix}client:${createHash('sha256').update(client).digest('base64url')}`;
    return [prefix + key, `${account}:records`, `${account}:sizes`];
  }

  function hold(key: string, keys: Hold['keys'], value: string, owner: string, fingerprint: string): void {
    drop(key);
    const renewal = setInterval(() => {
      redis.eval(RENEW, SCRIPT_KEYS, ...keys, value, leaseMs, key, accountingMs).then(
        (renewed) => {
          if (renewed === 1 || holds.get(key)?.value !== value) return;
          clearInterval(renewal);
          logger.warn({ redis: where }, 'idempotency store: a running call lost its claim (lease expired or Redis lost it); its result will not be stored');
        },
        (error: unknown) => logger.debug({ err: error }, 'idempotency store: lease renewal failed; retrying'),
      );
    }, Math.max(1, Math.floor(leaseMs / 3)));
    renewal.unref();
    holds.set(key, { value, keys, owner, fingerprint, renewal });
  }

  function drop(key: string): Hold | undefined {
    const held = holds.get(key);
    if (held !== undefined) {
      clearInterval(held.renewal);
      holds.delete(key);
    }
    return held;
  }

  async function read(key: string): Promise<Entry | null> {
    const text = await redis.get(prefix + key);
    return text === null ? null : parseEntry(text);
  }

  return {
    async claim(key, fingerprint, client): Promise<Claim> {
      open();
      const owner = randomUUID();
      const value = inFlightValue(fingerprint, owner);
      const keys = keysOf(key, client);
      let found: unknown;
      try {
        found = await redis.eval(CLAIM, SCRIPT_KEYS, ...keys, value, leaseMs, key, quota.maxKeys, quota.maxBytes, accountingMs);
      } catch (error) {
        // The claim may have been applied and only its answer lost: undo it if so (best
        // effort), or it would keep repeats of this key waiting for a whole lease.
        redis.eval(RELEASE, SCRIPT_KEYS, ...keys, value, channel, key).catch(() => {});
        throw unavailable(error, 'claim');
      }
      if (found === null) {
        hold(key, keys, value, owner, fingerprint);
        return { kind: 'claimed' };
      }
      if (Array.isArray(found)) {
        const [limit, wait] = found as unknown[];
        return { kind: 'full', limit: limit === 'bytes' ? 'bytes' : 'keys', retryAfterMs: Number(wait) || 0 };
      }
      const entry = parseEntry(found);
      if (entry.fingerprint !== fingerprint) return { kind: 'conflict' };
      return entry.state === 'in-flight' ? { kind: 'in-flight' } : { kind: 'completed', result: entry.result };
    },

    async complete(key, call) {
      try {
        const held = holds.get(key);
        // Only the claim this process holds, for this input, may be completed.
        if (held === undefined || held.fingerprint !== call.fingerprint) return;
        drop(key);
        const value = completedValue(call.fingerprint, held.owner, call.result);
        let stored: unknown;
        try {
          stored = await redis.eval(COMPLETE, SCRIPT_KEYS, ...held.keys, held.value, value, retentionMs, channel, key, accountingMs);
        } catch (error) {
          logger.error({ err: error, redis: where }, 'idempotency store: could not store a result; a repeat of this key waits for the lease and then runs again');
          throw error;
        }
        if (stored !== 1) logger.warn({ redis: where }, 'idempotency store: a call finished after losing its claim (lease expired); its result was not stored');
      } finally {
        wake(key, call);
      }
    },

    async release(key) {
      try {
        const held = drop(key);
        if (held !== undefined) await redis.eval(RELEASE, SCRIPT_KEYS, ...held.keys, held.value, channel, key);
      } catch (error) {
        logger.error({ err: error, redis: where }, 'idempotency store: could not release a key; a repeat of it waits for the lease and then runs');
        throw error;
      } finally {
        wake(key);
      }
    },

    async waitFor(key) {
      const deadline = Date.now() + leaseMs;
      let delay = pollMinMs;
      let woken = false;
      let given: StoredCall | undefined;
      let interrupt: (() => void) | undefined;
      const waker: Waker = (call) => {
        woken = true;
        given ??= call;
        interrupt?.();
      };
      let set = waiters.get(key);
      if (set === undefined) waiters.set(key, (set = new Set()));
      set.add(waker);
      try {
        for (;;) {
          if (given !== undefined) return given;
          if (closed) return null;
          woken = false;
          let entry: Entry | null;
          try {
            entry = await read(key);
          } catch (error) {
            throw unavailable(error, 'wait');
          }
          if (entry === null) return null;
          if (entry.state === 'completed') return { fingerprint: entry.fingerprint, result: entry.result };
          const left = deadline - Date.now();
          if (left <= 0) return null;
          if (!woken) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, Math.min(delay, left));
              interrupt = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            interrupt = undefined;
          }
          delay = Math.min(delay * 2, pollMaxMs);
        }
      } finally {
        set.delete(waker);
        if (set.size === 0 && waiters.get(key) === set) waiters.delete(key);
      }
    },

    async health() {
      if (closed) return { ok: false, reason: 'the idempotency store is closed' };
      // No round trip while the client already knows the connection is down.
      if (redis.status !== 'ready') return { ok: false, reason: `the idempotency store (Redis at ${where}) is not connected` };
      try {
        await redis.ping();
        return { ok: true };
      } catch {
        return { ok: false, reason: `the idempotency store (Redis at ${where}) does not answer` };
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      // Held claims stay in Redis until their lease ends: their calls may have reached the
      // upstream, so releasing them would let a repeat run again at once.
      for (const held of holds.values()) clearInterval(held.renewal);
      holds.clear();
      for (const set of waiters.values()) for (const waker of set) waker();
      await Promise.all([quitRedis(redis, limits.commandTimeoutMs), quitRedis(wakeups, limits.commandTimeoutMs)]);
    },
  };
}
