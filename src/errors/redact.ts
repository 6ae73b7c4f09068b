/**
 * Removes configured secrets from any text before it leaves the process (responses, logs).
 * Defence in depth: messages are written not to contain credentials, and this catches the
 * ones that slip in through a library's error text (a URL with a token, a header echo).
 */
export interface Redactor {
  (text: string): string;
}

/**
 * JWTs the facade mints while it runs (a Kore.ai token per HTTP request): each one is masked
 * by the redactor built with this registry for as long as it could be used.
 */
export interface MintedTokens {
  /** Masks `token` for `ttlMs` from now: at least the token's own lifetime. */
  remember(token: string, ttlMs: number): void;
  /** True while `token` is remembered and not expired. */
  has(token: string): boolean;
  /** Tokens remembered and not yet pruned. */
  readonly size: number;
}

const MIN_SECRET_LENGTH = 4;

/** What every masked secret becomes. */
export const REDACTED = '[REDACTED]';

// A JWT as jose writes one: base64url JSON header and payload (each starts `{"`, so `eyJ`) and
// a signature. Candidates are found by shape and then looked up, so redacting costs one scan
// however many tokens are live.
const JWT_SHAPE = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g;

/**
 * Builds the registry of minted tokens. Memory is bounded by the tokens minted within one
 * lifetime: expired ones are dropped as new ones arrive (they arrive in expiry order, all
 * sharing one lifetime).
 */
export function createMintedTokens(now: () => number = Date.now): MintedTokens {
  const expiries = new Map<string, number>();
  function prune(at: number): void {
    for (const [token, expiresAt] of expiries) {
      if (expiresAt > at) return;
      expiries.delete(token);
    }
  }
  return {
    remember(token, ttlMs) {
      const at = now();
      prune(at);
      expiries.delete(token);
      expiries.set(token, at + ttlMs);
    },
    has(token) {
      const expiresAt = expiries.get(token);
      return expiresAt !== undefined && expiresAt > now();
    },
    get size() {
      return expiries.size;
    },
  };
}

/**
 * Builds a redactor for the given secrets; short or empty values are ignored (they would mask
 * ordinary text). With `minted`, every live token in it is masked too.
 */
export function createRedactor(secrets: Iterable<string | undefined>, minted?: MintedTokens): Redactor {
  const unique = [...new Set([...secrets].filter((s): s is string => !!s && s.length >= MIN_SECRET_LENGTH))]
    // Longest first, so a secret that contains another is masked whole.
    .sort((a, b) => b.length - a.length);
  const maskMinted = (text: string): string => text.replace(JWT_SHAPE, (candidate) => (minted?.has(candidate) ? REDACTED : candidate));
  if (unique.length === 0 && minted === undefined) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of unique) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    if (minted !== undefined && minted.size > 0 && out.includes('eyJ')) out = maskMinted(out);
    return out;
  };
}
