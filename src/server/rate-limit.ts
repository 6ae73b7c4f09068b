import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { FacadeError } from '../errors/index.ts';
import type { RequestContext } from './context.ts';

/** A per-client token bucket: `perMinute` requests a minute, bursts up to the same number. */
export interface ClientRateLimiter {
  /** Takes one token for `client`; returns 0 when allowed, else the seconds to wait. */
  take(client: string): number;
}

const IDLE_SWEEP_THRESHOLD = 10_000;

/** Creates the limiter; its memory is bounded by sweeping buckets that have refilled. */
export function createClientRateLimiter(perMinute: number, now: () => number = Date.now): ClientRateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = perMinute / 60_000;
  return {
    take(client) {
      const time = now();
      const bucket = buckets.get(client) ?? { tokens: perMinute, at: time };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (time - bucket.at) * refillPerMs);
      bucket.at = time;
      buckets.set(client, bucket);
      if (buckets.size > IDLE_SWEEP_THRESHOLD) sweep(time);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
    },
  };

  function sweep(time: number): void {
    for (const [client, bucket] of buckets) {
      if (bucket.tokens + (time - bucket.at) * refillPerMs >= perMinute) buckets.delete(client);
    }
  }
}

/**
 * Counts failures per key (a remote address) in a token bucket; once a key's bucket is empty
 * it is refused until it refills. Requests that authenticate cost nothing, so a client with a
 * good credential is never slowed by this.
 */
export interface FailureLimiter {
  /** Seconds until `key` may try again, or 0 when it may try now. */
  blockedFor(key: string): number;
  recordFailure(key: string): void;
}

/** Creates a failure limiter allowing `perMinute` failures a minute per key; 0 never blocks. */
export function createFailureLimiter(perMinute: number, now: () => number = Date.now): FailureLimiter {
  if (perMinute === 0) return { blockedFor: () => 0, recordFailure: () => undefined };
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = perMinute / 60_000;
  const refilled = (key: string): { tokens: number; at: number } => {
    const time = now();
    const bucket = buckets.get(key) ?? { tokens: perMinute, at: time };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (time - bucket.at) * refillPerMs);
    bucket.at = time;
    return bucket;
  };
  return {
    blockedFor(key) {
      if (!buckets.has(key)) return 0;
      const bucket = refilled(key);
      if (bucket.tokens >= perMinute) buckets.delete(key);
      return bucket.tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
    },
    recordFailure(key) {
      const bucket = refilled(key);
      bucket.tokens = Math.max(0, bucket.tokens - 1);
      buckets.set(key, bucket);
      if (buckets.size > IDLE_SWEEP_THRESHOLD) {
        for (const [other, b] of buckets) if (b.tokens + (now() - b.at) * refillPerMs >= perMinute) buckets.delete(other);
      }
    },
  };
}

/**
 * Apollo plugin: each client's requests are limited (CLIENT_RATE_LIMIT_PER_MINUTE). Over the
 * limit the request is refused before it runs: RATE_LIMITED with `retryAfter`, HTTP 429 and
 * a Retry-After header. Nothing reaches an upstream.
 */
export function clientRateLimitPlugin(limiter: ClientRateLimiter): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue }) {
          const waitS = limiter.take(contextValue.client);
          if (waitS === 0) return;
          const refusal = new FacadeError('RATE_LIMITED', `Too many requests from this client; retry after ${waitS} s (CLIENT_RATE_LIMIT_PER_MINUTE).`, { retryAfter: waitS });
          throw new GraphQLError(refusal.message, {
            originalError: refusal,
            extensions: { http: { status: 429, headers: new HeaderMap([['retry-after', String(waitS)]]) } },
          });
        },
      };
    },
  };
}
