import type { AuthConfig } from '../config/index.ts';
import { FacadeError, isFacadeError } from '../errors/index.ts';
import type { Logger } from '../observability/index.ts';
import { createAuthenticator } from './authenticate.ts';
import type { Identity } from './identity.ts';

/** What the headers of a request decided: who is calling, or the answer that refuses it. */
export type AuthDecision =
  | { readonly ok: true; readonly identity: Identity }
  | {
    readonly ok: false;
    /** 401 UNAUTHENTICATED, 429 RATE_LIMITED (throttled), 503 (the identity provider's keys unavailable). */
    readonly status: 401 | 429 | 503;
    readonly headers: Readonly<Record<string, string>>;
    readonly error: FacadeError;
  };

/**
 * Authenticates one request from its Authorization header alone, before its body is read:
 * a caller without valid credentials is answered without the facade buffering or parsing
 * what it sent. Never rejects for a refusal; rejects only on a bug.
 */
export type RequestAuthenticator = (authorization: unknown, requestId: string, remoteAddress: string) => Promise<AuthDecision>;

/** Throttles guessing: remote addresses whose requests keep failing authentication are refused for a while. */
export interface AuthFailureLimiter {
  blockedFor(remoteAddress: string): number;
  recordFailure(remoteAddress: string): void;
}

const REALM = 'Bearer realm="bulk-delete-facade"';

/**
 * Builds the request authenticator once. Refusals:
 * - RATE_LIMITED (429, Retry-After) when the remote address has failed too often, checked
 *   before verifying, so a guessing client cannot even spend our hashing time;
 * - UNAUTHENTICATED (401, `WWW-Authenticate: Bearer`, RFC 6750 §3, `invalid_token` when
 *   credentials were sent). Every UNAUTHENTICATED counts against the address, a missing
 *   credential too: otherwise a flood without credentials would cost nothing;
 * - the identity provider's keys unavailable: 503, so a client retries instead of dropping
 *   a good token.
 * Each refusal is logged with its reason; the presented credential never is.
 */
export function createRequestAuthenticator(auth: AuthConfig, logger: Logger, failures: AuthFailureLimiter): RequestAuthenticator {
  const authenticate = createAuthenticator(auth);
  return async (authorization, requestId, remoteAddress): Promise<AuthDecision> => {
    const waitS = failures.blockedFor(remoteAddress);
    if (waitS > 0) {
      logger.warn({ requestId, remoteAddress, retryAfter: waitS }, 'client authentication throttled');
      const error = new FacadeError('RATE_LIMITED', `Too many failed authentications from this address; retry after ${waitS} s (AUTH_FAILURES_PER_MINUTE).`, { retryAfter: waitS });
      return { ok: false, status: 429, headers: { 'retry-after': String(waitS) }, error };
    }
    try {
      return { ok: true, identity: await authenticate(authorization) };
    } catch (error) {
      if (!isFacadeError(error)) throw error;
      const unauthenticated = error.code === 'UNAUTHENTICATED';
      if (unauthenticated) failures.recordFailure(remoteAddress);
      logger[unauthenticated ? 'info' : 'error']({ requestId, code: error.code, reason: error.message, ...(error.cause === undefined ? {} : { err: error.cause }) }, 'client authentication refused');
      if (!unauthenticated) return { ok: false, status: 503, headers: {}, error };
      return { ok: false, status: 401, headers: { 'www-authenticate': authorization === undefined ? REALM : `${REALM}, error="invalid_token"` }, error };
    }
  };
}
