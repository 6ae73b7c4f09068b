import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { AuthConfig } from '../config/index.ts';
import { FacadeError, isFacadeError } from '../errors/index.ts';
import type { Logger } from '../observability/index.ts';
import { createAuthenticator } from './authenticate.ts';
import type { Identity } from './identity.ts';

/** Authenticates one request while Apollo builds its context; rejects with an error Apollo answers as is. */
export type ContextAuthenticator = (authorization: unknown, requestId: string, remoteAddress: string) => Promise<Identity>;

/** Throttles guessing: remote addresses whose credentials keep failing are refused for a while. */
export interface AuthFailureLimiter {
  blockedFor(remoteAddress: string): number;
  recordFailure(remoteAddress: string): void;
}

const REALM = 'Bearer realm="bulk-delete-facade"';

/**
 * Authentication for Apollo's context function (Apollo's documented place for it): a refusal
 * there stops the request before parsing, validation or any resolver. The FacadeError is
 * wrapped in a GraphQLError carrying `extensions.http`, which Apollo turns into the HTTP
 * status and headers and removes from the body; `errors/format.ts` still finds the
 * FacadeError behind it for `extensions.code` and the message:
 * - UNAUTHENTICATED: 401 with `WWW-Authenticate: Bearer` (RFC 6750 §3, `invalid_token` when
 *   credentials were sent);
 * - the identity provider's keys unavailable: 503, so a client retries instead of dropping
 *   a good token.
 * Each refusal is logged with its reason; the presented credential never is.
 */
export function createContextAuthenticator(auth: AuthConfig, logger: Logger, failures: AuthFailureLimiter): ContextAuthenticator {
  const authenticate = createAuthenticator(auth);
  return async (authorization, requestId, remoteAddress) => {
    const waitS = authorization === undefined ? 0 : failures.blockedFor(remoteAddress);
    if (waitS > 0) {
      // Checked before verifying, so a guessing client cannot even spend our hashing time.
      const refusal = new FacadeError('RATE_LIMITED', `Too many failed authentications from this address; retry after ${waitS} s (AUTH_FAILURES_PER_MINUTE).`, { retryAfter: waitS });
      logger.warn({ requestId, remoteAddress, retryAfter: waitS }, 'client authentication throttled');
      throw new GraphQLError(refusal.message, {
        originalError: refusal,
        extensions: { http: { status: 429, headers: new HeaderMap([['retry-after', String(waitS)]]) } },
      });
    }
    try {
      return await authenticate(authorization);
    } catch (error) {
      if (!isFacadeError(error)) throw error;
      const unauthenticated = error.code === 'UNAUTHENTICATED';
      if (unauthenticated && authorization !== undefined) failures.recordFailure(remoteAddress);
      logger[unauthenticated ? 'info' : 'error']({ requestId, code: error.code, reason: error.message, ...(error.cause === undefined ? {} : { err: error.cause }) }, 'client authentication refused');
      const headers = new HeaderMap();
      if (unauthenticated) headers.set('www-authenticate', authorization === undefined ? REALM : `${REALM}, error="invalid_token"`);
      throw new GraphQLError(error.message, {
        originalError: error,
        extensions: { http: { status: unauthenticated ? 401 : 503, headers } },
      });
    }
  };
}
