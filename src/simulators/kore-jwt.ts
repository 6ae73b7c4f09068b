/**
 * Kore.ai's `auth` header check. Kore.ai apps accept a JWT signed HS256 with the app's client
 * secret whose `appId` is the app's client ID (docs/vendors/kore.md links the "How to
 * generate the JWT Token" page); docs/contract.md §5 pins the claims the facade sends: `sub`, `iat`,
 * `exp` within 5 minutes, and a fresh `jti` for apps that enforce JTI. A pre-issued token
 * configured as is (`KORE_JWT`) is accepted verbatim, as Kore.ai accepts one it issued.
 */
import { decodeJwt, jwtVerify } from 'jose';

/** The most `exp` may exceed `iat`, in seconds (docs/contract.md §5: "within 5 minutes"). */
const MAX_LIFETIME_S = 5 * 60;
/** Clock skew tolerated on `iat`, in seconds: an `iat` further ahead is a broken minter. */
const MAX_IAT_SKEW_S = 60;

/** Which credentials the simulated app accepts. */
export interface KoreAuthConfig {
  staticJwt: string | undefined;
  clientId: string;
  clientSecret: string;
  /** Refuse a `jti` already seen (while its token is unexpired). */
  enforceJti: boolean;
}

/** Checks one `auth` header: resolves to undefined when accepted, else the 401 message. */
export type KoreAuthenticator = (token: string | undefined) => Promise<string | undefined>;

/** Builds a checker with its own memory of used `jti`s; `now` is epoch milliseconds. */
export function createKoreAuthenticator(config: KoreAuthConfig, now: () => number): KoreAuthenticator {
  const secret = new TextEncoder().encode(config.clientSecret);
  const seenJtis = new Map<string, number>(); // jti → exp (epoch s), forgotten once expired

  return async (token) => {
    if (token === undefined || token === '') return 'auth header is required';
    if (config.staticJwt !== undefined && token === config.staticJwt) return undefined;
    const nowS = Math.floor(now() / 1000);
    let claims: Record<string, unknown>;
    try {
      const verified = await jwtVerify(token, secret, {
        algorithms: ['HS256'],
        currentDate: new Date(now()),
        requiredClaims: ['iat', 'exp', 'jti', 'sub'],
      });
      claims = verified.payload;
    } catch (error) {
      return `Invalid JWT: ${error instanceof Error ? error.message : 'unreadable token'}`;
    }
    const { appId, sub, iat, exp, jti } = claims;
    if (appId !== config.clientId) return 'Invalid JWT: appId does not match this app';
    if (typeof sub !== 'string' || sub === '') return 'Invalid JWT: sub must be a non-empty string';
    if (typeof jti !== 'string' || jti === '') return 'Invalid JWT: jti must be a non-empty string';
    // jose has checked both are numbers and that exp is in the future.
    if (typeof iat !== 'number' || typeof exp !== 'number') return 'Invalid JWT: iat and exp are required';
    if (iat > nowS + MAX_IAT_SKEW_S) return 'Invalid JWT: iat is in the future';
    if (exp - iat > MAX_LIFETIME_S) return 'Invalid JWT: exp is more than 5 minutes after iat';
    if (config.enforceJti) {
      for (const [seen, seenExp] of seenJtis) if (seenExp <= nowS) seenJtis.delete(seen);
      if (seenJtis.has(jti)) return 'Invalid JWT: jti has already been used';
      seenJtis.set(jti, exp);
    }
    return undefined;
  };
}

/** The token's payload, unverified, for the record; undefined when it is not a readable JWT. */
export function decodeClaims(token: string | undefined): Record<string, unknown> | undefined {
  if (token === undefined) return undefined;
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}
