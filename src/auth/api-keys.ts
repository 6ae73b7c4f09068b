import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeyEntry, Scope } from '../config/index.ts';
import type { Identity } from './identity.ts';

/** Every API key starts with this, so it is recognisable in a config, a leak scan or a header. */
export const API_KEY_PREFIX = 'bdf_';

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const DIGEST_BYTES = 32;
/**
 * What a presented API key may look like. Generated keys are the prefix and 43 base64url
 * characters; the bound keeps the facade's own cost per request small and fixed.
 */
const API_KEY = /^bdf_[A-Za-z0-9_-]{16,256}$/;

/** True when `token` has the form of an API key (the prefix, then base64url); says nothing of its validity. */
export function isApiKeyFormat(token: string): boolean {
  return API_KEY.test(token);
}

/** A new random API key: the prefix and 32 random bytes in base64url (256 bits of entropy). */
export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(KEY_BYTES).toString('base64url')}`;
}

/**
 * The configured form of `key`: `sha256:<salt>:<digest>`, digest = sha256(salt bytes || key
 * UTF-8), both base64url. A fresh random salt unless one is given (tests).
 * Keys carry 256 bits of entropy, so a fast salted hash is the right cost: nothing to brute-force.
 */
export function hashApiKey(key: string, salt: Buffer = randomBytes(SALT_BYTES)): string {
  return `sha256:${salt.toString('base64url')}:${digestOf(salt, key).toString('base64url')}`;
}

/** The AUTH_API_KEYS line for a key: `<name> <scope,scope|*> <hash>`. */
export function buildApiKeyLine(name: string, scopes: readonly Scope[] | '*', hash: string): string {
  return `${name} ${scopes === '*' ? '*' : scopes.join(',')} ${hash}`;
}

/** Checks a presented API key; returns the identity of the entry it belongs to, or null. */
export type ApiKeyVerifier = (key: string) => Identity | null;

/** Longest key `isApiKeyFormat` accepts: sizes the buffer each entry hashes a key in. */
const MAX_KEY_LENGTH = API_KEY_PREFIX.length + 256;

/**
 * Decodes the configured salts and digests once, and returns the verifier.
 *
 * Every presented key is hashed with every entry's salt and compared with `timingSafeEqual`,
 * with no early exit: the cost of a lookup is the same whichever entry matches, or none, so
 * timing tells nothing about the keys. A handful of SHA-256s over ~60 bytes: microseconds.
 *
 * A key that matched is remembered by its SHA-256 (never in plain), so its next requests cost
 * one hash however many entries there are. Only keys that matched an entry are remembered, so
 * the memo holds at most one digest per entry: guessing cannot grow it. Entries are fixed at
 * start-up, so nothing remembered can go stale.
 */
export function createApiKeyVerifier(entries: readonly ApiKeyEntry[]): ApiKeyVerifier {
  const decoded = entries.map((entry) => {
    const salt = Buffer.from(entry.salt, 'base64url');
    const digest = Buffer.from(entry.digest, 'base64url');
    // config/ checks the form; this guards timingSafeEqual, which throws on unequal lengths.
    if (digest.length !== DIGEST_BYTES || salt.length === 0) throw new Error(`API key entry ${entry.name}: malformed salt or digest`);
    // The salt, then room for the key: each check writes the key after the salt and hashes
    // the two in one call, with no Hash object or concatenated copy per request.
    const input = Buffer.alloc(salt.length + MAX_KEY_LENGTH);
    salt.copy(input);
    return { saltLength: salt.length, input, digest, identity: Object.freeze({ client: entry.name, scopes: new Set<Scope>(entry.scopes) }) satisfies Identity };
  });
  const matched = new Map<string, Identity>();
  return (key) => {
    if (!isApiKeyFormat(key)) return null;
    const memo = hash('sha256', key, 'base64url');
    const known = matched.get(memo);
    if (known !== undefined) return known;
    let found: Identity | null = null;
    for (const entry of decoded) {
      // The format above admits ASCII only, so latin1 writes the key's UTF-8 bytes.
      const length = entry.saltLength + entry.input.write(key, entry.saltLength, 'latin1');
      const match = timingSafeEqual(hash('sha256', entry.input.subarray(0, length), 'buffer'), entry.digest);
      found = match && found === null ? entry.identity : found;
    }
    if (found !== null) matched.set(memo, found);
    return found;
  };
}

function digestOf(salt: Buffer, key: string): Buffer {
  return hash('sha256', Buffer.concat([salt, Buffer.from(key, 'utf8')]), 'buffer');
}
