import { describe, expect, it } from 'vitest';
import { API_KEY_PREFIX, buildApiKeyLine, createApiKeyVerifier, generateApiKey, hashApiKey, isApiKeyFormat } from '../../../src/auth/index.ts';
import { loadConfig, type ApiKeyEntry, type Scope } from '../../../src/config/index.ts';

/** Entries exactly as a start-up gets them: lines parsed by loadConfig. */
function entriesFor(...lines: string[]): readonly ApiKeyEntry[] {
  return loadConfig({ AUTH_API_KEYS: lines.join('\n') }).auth.apiKeys;
}

function keyAndLine(name: string, scopes: readonly Scope[] | '*'): { key: string; line: string } {
  const key = generateApiKey();
  return { key, line: buildApiKeyLine(name, scopes, hashApiKey(key)) };
}

describe('generateApiKey', () => {
  it('makes a prefixed key of 32 random bytes in base64url, new each time', () => {
    const keys = new Set(Array.from({ length: 50 }, generateApiKey));
    expect(keys.size).toBe(50);
    for (const key of keys) {
      expect(key).toMatch(/^bdf_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(key.slice(API_KEY_PREFIX.length), 'base64url')).toHaveLength(32);
      expect(isApiKeyFormat(key)).toBe(true);
    }
  });
});

describe('hashApiKey', () => {
  it('is sha256(salt bytes || key UTF-8) with the salt, both base64url', async () => {
    const { createHash } = await import('node:crypto');
    const salt = Buffer.from('0123456789abcdef');
    const hash = hashApiKey('bdf_known-key-value-1234', salt);
    const digest = createHash('sha256').update(Buffer.concat([salt, Buffer.from('bdf_known-key-value-1234', 'utf8')])).digest('base64url');
    expect(hash).toBe(`sha256:${salt.toString('base64url')}:${digest}`);
  });

  it('salts each hash afresh, so one key never hashes the same twice', () => {
    const key = generateApiKey();
    expect(hashApiKey(key)).not.toBe(hashApiKey(key));
  });

  it('never holds the key', () => {
    const key = generateApiKey();
    const line = buildApiKeyLine('ci', ['deals:delete'], hashApiKey(key));
    expect(line).not.toContain(key);
    expect(line).not.toContain(key.slice(API_KEY_PREFIX.length));
  });
});

describe('createApiKeyVerifier', () => {
  const ops = keyAndLine('ops-console', ['intents:delete', 'deals:delete']);
  const ci = keyAndLine('ci', ['contacts:delete']);
  const admin = keyAndLine('admin', '*');
  const verify = createApiKeyVerifier(entriesFor(ops.line, ci.line, admin.line));

  it('finds the entry a key belongs to, with its name and scopes', () => {
    expect(verify(ops.key)).toEqual({ client: 'ops-console', scopes: new Set(['intents:delete', 'deals:delete']) });
    expect(verify(ci.key)).toEqual({ client: 'ci', scopes: new Set(['contacts:delete']) });
    expect(verify(admin.key)).toEqual({ client: 'admin', scopes: new Set(['intents:delete', 'contacts:delete', 'deals:delete']) });
  });

  it('answers a key the same on every later request, and a longer or shorter key after it by its own bytes', () => {
    // The first match is remembered; the entries' hash buffers are reused between keys of different lengths.
    const long = `${ops.key}${'x'.repeat(200)}`;
    for (let round = 0; round < 3; round++) {
      expect(verify(long)).toBeNull();
      expect(verify(ops.key)?.client).toBe('ops-console');
      expect(verify(ops.key.slice(0, 20))).toBeNull();
      expect(verify(ci.key)?.client).toBe('ci');
      expect(verify(`${ci.key}A`)).toBeNull();
    }
  });

  it('refuses a key of the right form that no entry holds', () => {
    expect(verify(generateApiKey())).toBeNull();
  });

  it('refuses a key that differs from a configured one in one character, or is cut short or extended', () => {
    const last = ops.key.at(-1) === 'A' ? 'B' : 'A';
    expect(verify(`${ops.key.slice(0, -1)}${last}`)).toBeNull();
    expect(verify(ops.key.slice(0, -1))).toBeNull();
    expect(verify(`${ops.key}A`)).toBeNull();
    expect(verify(ops.key.toUpperCase())).toBeNull();
  });

  it('refuses a key that belongs to an entry of another verifier', () => {
    const other = createApiKeyVerifier(entriesFor(ci.line));
    expect(other(ops.key)).toBeNull();
    expect(other(ci.key)).toEqual({ client: 'ci', scopes: new Set(['contacts:delete']) });
  });

  it('refuses the configured hash or digest presented as a key', () => {
    const [, , hash] = ops.line.split(' ');
    expect(verify(hash ?? '')).toBeNull();
    expect(verify(`bdf_${(hash ?? '').split(':')[2] ?? ''}`)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['the prefix alone', 'bdf_'],
    ['no prefix', ops.key.slice(API_KEY_PREFIX.length)],
    ['another prefix', `sk_${ops.key.slice(API_KEY_PREFIX.length)}`],
    ['whitespace around it', ` ${ops.key} `],
    ['a newline inside', `${ops.key.slice(0, 10)}\n${ops.key.slice(10)}`],
    ['unicode look-alikes', ops.key.replace(/[a-z]/, 'а')],
    ['emoji', `bdf_${'🔑'.repeat(20)}`],
    ['a NUL byte', `${ops.key}\u0000`],
    ['far too long', `bdf_${'A'.repeat(10_000)}`],
  ])('refuses malformed input (%s)', (_what, presented) => {
    expect(verify(presented)).toBeNull();
  });

  it('refuses everything when no key is configured', () => {
    expect(createApiKeyVerifier([])(ops.key)).toBeNull();
  });
});
