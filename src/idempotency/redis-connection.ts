import type { Redis } from 'ioredis';

/** How the Redis store connects; every wait is bounded, so nothing hangs on a dead Redis. */
export interface RedisConnectionOptions {
  /** Longest wait for the first connection (TCP, handshake, ready check). @default 5000 */
  readonly connectTimeoutMs?: number;
  /** Longest wait for any one command's answer once connected. @default 2000 */
  readonly commandTimeoutMs?: number;
}

/** Options with their defaults filled in. */
export interface ConnectionLimits {
  readonly connectTimeoutMs: number;
  readonly commandTimeoutMs: number;
}

/** Fills in the defaults of RedisConnectionOptions. */
export function connectionLimits(options: RedisConnectionOptions): ConnectionLimits {
  return { connectTimeoutMs: options.connectTimeoutMs ?? 5_000, commandTimeoutMs: options.commandTimeoutMs ?? 2_000 };
}

/** A REDIS_URL as it may be shown: scheme, host, port and database, never the user or password. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Opens one connection and resolves once Redis answers, or rejects within `connectTimeoutMs`
 * with a message naming `storeName` and REDIS_URL (host and port only: the URL may hold a password).
 *
 * Once connected, commands never wait for a connection: with the offline queue off and no
 * re-sending, a command on a broken connection fails at once, and one without an answer fails
 * after `commandTimeoutMs`. A claim sent twice (re-sent after a reconnect) would find its own
 * entry and wait for itself, so failing is the safe answer. The client reconnects in the
 * background, with a capped back-off, and the store works again as soon as Redis is back.
 */
export async function connectRedis(url: string, limits: ConnectionLimits, connectionName: string, storeName = 'shared idempotency store'): Promise<Redis> {
  // Loaded on first connection: the Redis client is start-up time and memory that a facade
  // without REDIS_URL never needs.
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: limits.connectTimeoutMs,
    commandTimeout: limits.commandTimeoutMs,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    // RESP2: every Redis-compatible server and proxy speaks it; RESP3's HELLO is optional.
    protocol: 2,
    connectionName,
  });
  let lastError: Error | undefined;
  // Kept for the connection's life: ioredis reports an 'error' with no listener on stderr,
  // even for a command that timed out after a failed start was given up.
  redis.on('error', (error: Error) => void (lastError = error));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${limits.connectTimeoutMs} ms`)), limits.connectTimeoutMs);
      }),
    ]);
    return redis;
  } catch (error) {
    // Stop the background reconnection a failed first connect leaves running.
    redis.disconnect();
    const reason = lastError?.message ?? (error instanceof Error ? error.message : String(error));
    throw new Error(`Cannot connect to the ${storeName} at REDIS_URL (${describeRedisUrl(url)}): ${withoutPassword(reason, url)}. Check REDIS_URL and that Redis is running.`);
  } finally {
    clearTimeout(timer);
  }
}

/** Closes a connection politely when it can, and for sure within `timeoutMs`. */
export async function quitRedis(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([redis.quit(), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    } catch {
      // Closing anyway below.
    } finally {
      clearTimeout(timer);
    }
  }
  redis.disconnect();
}

function withoutPassword(text: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // No password to hide.
  }
  return password === '' ? text : text.split(password).join('***');
}
