import { randomUUID } from 'node:crypto';
import type { KoreAuth } from '../../config/index.ts';
import type { MintedTokens } from '../../errors/index.ts';

/** Lifetime of a minted token: Kore.ai wants `exp` within 5 minutes (docs/contract.md §5); keep a margin. */
export const MINTED_JWT_TTL_SECONDS = 240;

// How long past `exp` a minted token stays masked: a vendor whose clock runs behind ours may
// still accept it that long.
const CLOCK_SKEW_MS = 60_000;

/**
 * Returns the `auth` header value for one HTTP request: the configured KORE_JWT as given, or
 * a token minted for this request alone (HS256; `appId`, `sub`, `iat`, `exp`, fresh `jti`),
 * so apps that refuse a replayed JTI accept every call and every retry. Each minted token goes
 * into `minted` (the redactor's registry) before it is used, so a vendor that echoes it can
 * never put a usable token into a response or a log line. KORE_JWT is a configured secret.
 */
export function createKoreTokenSource(auth: KoreAuth, now: () => number = Date.now, minted?: MintedTokens): () => Promise<string> {
  if (auth.kind === 'static') {
    const { jwt } = auth;
    return async () => jwt;
  }
  const key = new TextEncoder().encode(auth.clientSecret);
  // Loaded where tokens are minted, not by every process that builds the adapters.
  const jose = import('jose');
  return async () => {
    const { SignJWT } = await jose;
    const iat = Math.floor(now() / 1000);
    const token = await new SignJWT({ appId: auth.clientId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(auth.subject)
      .setIssuedAt(iat)
      .setExpirationTime(iat + MINTED_JWT_TTL_SECONDS)
      .setJti(randomUUID())
      .sign(key);
    minted?.remember(token, MINTED_JWT_TTL_SECONDS * 1000 + CLOCK_SKEW_MS);
    return token;
  };
}
