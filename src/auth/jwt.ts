import type { JWTPayload, JWTVerifyGetKey, JWTVerifyOptions } from 'jose';
import { SCOPES, type JwtAuthConfig, type Scope } from '../config/index.ts';
import { FacadeError } from '../errors/index.ts';
import type { Identity } from './identity.ts';

/** Checks a presented JWT; resolves to its identity or rejects with a FacadeError. */
export type JwtVerifier = (token: string) => Promise<Identity>;

/** What a JWT verifier may be given instead of the defaults (tests). */
export interface JwtVerifierDeps {
  /** The clock that `exp` and `nbf` are checked against. @default the system clock */
  readonly now?: () => Date;
}

type Jose = typeof import('jose');

/** What may sign a token: pinned, so a token cannot pick a weaker algorithm (or `none`). */
const SECRET_ALGORITHMS = ['HS256'];
/** Only asymmetric algorithms with a JWKS: an HS* token "signed" with a public key must never verify. */
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
/** Seconds of clock skew allowed between the identity provider and the facade, for exp and nbf. */
export const JWT_CLOCK_TOLERANCE_S = 5;
/** Bounds on the JWKS fetch: a slow identity provider must not hold requests for long. */
const JWKS_OPTIONS = { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 };
const MAX_CLIENT_LENGTH = 256;
const KNOWN_SCOPES: ReadonlySet<string> = new Set(SCOPES);

/**
 * Builds the JWT verifier once: the HS256 secret encoded, or the remote JWKS created (jose
 * fetches it on first use, caches it, and refetches at most every 30 s when a token names an
 * unknown key). Checks the signature, `iss`, `aud`, `exp` (required), `nbf`, a lifetime of at
 * most `maxLifetimeS` (`exp - iat`, and `exp` at most that far from now, so a token without
 * `iat` is bounded too), then reads the
 * client from `clientClaim` (identity `jwt:<value>`) and the scopes from `scopesClaim` (a
 * space-separated string or a list), falling back to `scp`. Scopes the facade does not know
 * are ignored: a token may carry scopes for other services.
 */
export function createJwtVerifier(config: JwtAuthConfig, deps: JwtVerifierDeps = {}): JwtVerifier {
  const now = deps.now ?? (() => new Date());
  const options = (): JWTVerifyOptions => ({
    issuer: config.issuer,
    audience: config.audience,
    clockTolerance: JWT_CLOCK_TOLERANCE_S,
    requiredClaims: ['exp'],
    currentDate: now(),
  });
  // jose is loaded here, where JWTs are configured, not by every process that imports auth/:
  // a facade on API keys alone never holds it (bench/optimisations.md, "Memory at start, with jobs").
  const loading = import('jose');
  let verify: (jose: Jose, token: string) => Promise<JWTPayload>;
  if (config.secret !== null) {
    const secret = new TextEncoder().encode(config.secret);
    verify = async (jose, token) => (await jose.jwtVerify(token, secret, { ...options(), algorithms: SECRET_ALGORITHMS })).payload;
  } else if (config.jwksUrl !== null) {
    const jwksUrl = new URL(config.jwksUrl);
    let jwks: JWTVerifyGetKey | undefined;
    verify = async (jose, token) => {
      jwks ??= keySetOrUnavailable(jose, jose.createRemoteJWKSet(jwksUrl, JWKS_OPTIONS));
      return (await jose.jwtVerify(token, jwks, { ...options(), algorithms: JWKS_ALGORITHMS })).payload;
    };
  } else {
    throw new Error('JWT authentication needs a secret or a JWKS URL');
  }

  return async (token) => {
    const jose = await loading;
    let payload: JWTPayload;
    try {
      payload = await verify(jose, token);
    } catch (error) {
      throw toJwtError(jose.errors, error);
    }
    // jose has checked exp (required) and iat (a number when present) are numbers.
    const exp = payload.exp as number;
    const nowS = now().getTime() / 1000;
    if (typeof payload.iat === 'number' && exp - payload.iat > config.maxLifetimeS) {
      throw refused(`its lifetime (exp - iat) is over ${config.maxLifetimeS} s (AUTH_JWT_MAX_LIFETIME_SECONDS); get a shorter-lived one`);
    }
    // Without iat, the lifetime is bounded from now: a token valid for centuries is refused either way.
    if (exp - nowS > config.maxLifetimeS + JWT_CLOCK_TOLERANCE_S) {
      throw refused(`it expires more than ${config.maxLifetimeS} s from now (AUTH_JWT_MAX_LIFETIME_SECONDS); get a shorter-lived one`);
    }
    const client = payload[config.clientClaim];
    if (typeof client !== 'string' || client === '' || client.length > MAX_CLIENT_LENGTH || /[\u0000-\u001f\u007f]/.test(client)) {
      throw refused(`it has no usable "${config.clientClaim}" claim naming the client`);
    }
    const claim = payload[config.scopesClaim] ?? payload.scp;
    return { client: `jwt:${client}`, scopes: parseScopes(claim) };
  };
}

/** The facade's scopes in a claim: a space-separated string or a list of strings; anything else holds none. */
export function parseScopes(claim: unknown): ReadonlySet<Scope> {
  const words = typeof claim === 'string' ? claim.split(/\s+/) : Array.isArray(claim) ? claim.filter((s): s is string => typeof s === 'string') : [];
  return new Set(words.filter((word): word is Scope => KNOWN_SCOPES.has(word)));
}

function refused(why: string): FacadeError {
  return new FacadeError('UNAUTHENTICATED', `The JWT was refused: ${why}. Send Authorization: Bearer <a valid JWT from the identity provider>.`);
}

/** Errors of the key lookup that are the token's doing (its kid or alg); any other is the key set's. */
const TOKEN_KEY_ERRORS: ReadonlySet<string> = new Set(['ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS', 'ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JOSE_NOT_SUPPORTED', 'ERR_JWS_INVALID']);

/**
 * Wraps the remote key set so a failure to fetch or read it (timeout, refused connection,
 * non-200, bad JSON) is told apart from a token the keys do not verify: the first is the
 * facade's problem, not the client's, and must not read as "your token is bad".
 */
function keySetOrUnavailable({ errors }: Jose, jwks: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (error) {
      if (error instanceof errors.JOSEError && TOKEN_KEY_ERRORS.has(error.code)) throw error;
      throw new FacadeError('IDENTITY_PROVIDER_UNAVAILABLE', 'The JWT could not be checked: the identity provider\'s signing keys (JWKS) are unavailable to the facade. Try again later.', { cause: error });
    }
  };
}

/** Says why jose refused a token, in words a client can act on; never quotes the token. */
function toJwtError(errors: Jose['errors'], error: unknown): unknown {
  if (error instanceof FacadeError) return error;
  if (error instanceof errors.JWTExpired) return refused('it has expired; get a new one');
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss': return refused('its issuer (iss) is not the one this facade trusts');
      case 'aud': return refused('its audience (aud) does not name this facade');
      case 'nbf': return refused('it is not valid yet (nbf)');
      default: return refused(`its "${error.claim}" claim is missing or invalid`);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return refused('its signing algorithm is not accepted');
  if (error instanceof errors.JWSSignatureVerificationFailed) return refused('its signature does not verify');
  if (error instanceof errors.JWKSNoMatchingKey) return refused('no signing key of the identity provider matches it (kid)');
  if (error instanceof errors.JOSEError) return refused('it is not a well-formed signed JWT');
  // A FacadeError from the key set (unavailable), or a bug: either goes out as it is.
  return error;
}
