import type { AuthConfig } from '../config/index.ts';
import { FacadeError } from '../errors/index.ts';
import { createApiKeyVerifier, isApiKeyFormat } from './api-keys.ts';
import { ANONYMOUS, type Identity } from './identity.ts';
import { createJwtVerifier } from './jwt.ts';

/** Turns a request's Authorization header into an identity, or rejects with UNAUTHENTICATED. */
export type Authenticator = (authorization: unknown) => Promise<Identity>;

/** What an Authorization header says: nothing, a bearer token, or something unusable. */
export type ParsedAuthorization =
  | { readonly kind: 'none' }
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'malformed' };

/** Longest bearer token read; Node caps all headers at 16 KiB anyway, this caps our work. */
const MAX_TOKEN_LENGTH = 8192;
/** RFC 6750 §2.1: `Bearer` (any case), then a b64token. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
/** Three base64url parts: the JWS compact form (the signature part may be empty: `alg: none`, refused later by name). */
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const SEND = 'Send Authorization: Bearer <API key or JWT>';

/**
 * Reads an Authorization header value. Absent is `none`; present but empty, another scheme,
 * several tokens, characters outside the token alphabet or an over-long token are `malformed`
 * (a request that tried to authenticate is never treated as one that did not).
 */
export function parseAuthorization(header: unknown): ParsedAuthorization {
  if (header === undefined) return { kind: 'none' };
  if (typeof header !== 'string' || header.length > MAX_TOKEN_LENGTH + 16) return { kind: 'malformed' };
  const token = BEARER.exec(header)?.[1];
  return token === undefined ? { kind: 'malformed' } : { kind: 'bearer', token };
}

/**
 * Builds the authenticator once (API key digests decoded, JWT key or JWKS set up). Per request:
 * - no Authorization header: the anonymous client with every scope when authentication is not
 *   required, else UNAUTHENTICATED;
 * - a header: always verified, whether or not authentication is required; a `bdf_` token is
 *   an API key, three dot-separated base64url parts a JWT, anything else UNAUTHENTICATED.
 * Messages say what to send and never quote the token.
 */
export function createAuthenticator(auth: AuthConfig): Authenticator {
  const verifyApiKey = createApiKeyVerifier(auth.apiKeys);
  const verifyJwt = auth.jwt === null ? null : createJwtVerifier(auth.jwt);

  return async (authorization) => {
    const parsed = parseAuthorization(authorization);
    switch (parsed.kind) {
      case 'none':
        if (!auth.required) return ANONYMOUS;
        throw unauthenticated(`This facade requires authentication. ${SEND}.`);
      case 'malformed':
        throw unauthenticated(`The Authorization header is malformed. ${SEND}, with nothing else in the header.`);
      case 'bearer':
        return verifyBearer(parsed.token);
    }
  };

  async function verifyBearer(token: string): Promise<Identity> {
    if (isApiKeyFormat(token)) {
      const identity = verifyApiKey(token);
      if (identity === null) throw unauthenticated(`The API key is not valid (revoked, mistyped, or for another facade). ${SEND}; the facade's operator issues keys with npm run apikey.`);
      return identity;
    }
    if (JWT.test(token)) {
      if (verifyJwt === null) throw unauthenticated('This facade does not accept JWTs. Send Authorization: Bearer <API key>.');
      return verifyJwt(token);
    }
    throw unauthenticated(`The bearer token is neither an API key (bdf_…) nor a JWT. ${SEND}.`);
  }
}

function unauthenticated(message: string): FacadeError {
  return new FacadeError('UNAUTHENTICATED', message);
}
