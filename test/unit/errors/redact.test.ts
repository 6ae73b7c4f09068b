import { describe, expect, it } from 'vitest';
import { createMintedTokens, createRedactor } from '../../../src/errors/index.ts';

describe('createRedactor', () => {
  it('masks every occurrence of every secret', () => {
    const redact = createRedactor(['alpha-secret', 'beta-secret']);
    expect(redact('alpha-secret and beta-secret, alpha-secret again')).toBe('[REDACTED] and [REDACTED], [REDACTED] again');
  });

  it('masks a secret that contains another one whole (longest first)', () => {
    const redact = createRedactor(['abcd', 'abcdefgh']);
    expect(redact('x abcdefgh y abcd z')).toBe('x [REDACTED] y [REDACTED] z');
  });

  it('ignores values shorter than four characters, which would mask ordinary text', () => {
    const redact = createRedactor(['a', 'ab', 'abc', '', undefined]);
    expect(redact('a cab abc')).toBe('a cab abc');
  });

  it('masks a value of exactly four characters', () => {
    expect(createRedactor(['k3y!'])('the k3y! is')).toBe('the [REDACTED] is');
  });

  it('treats secrets as plain text, not patterns', () => {
    expect(createRedactor(['a.b*c+'])('xa.b*c+y axbbbc')).toBe('x[REDACTED]y axbbbc');
  });

  it('leaves text unchanged when there is nothing to mask', () => {
    expect(createRedactor([])('nothing to hide')).toBe('nothing to hide');
    expect(createRedactor(['some-secret'])('nothing to hide')).toBe('nothing to hide');
  });

  it('accepts any iterable of secrets, duplicates included', () => {
    expect(createRedactor(new Set(['dup-secret', 'dup-secret']))('dup-secret')).toBe('[REDACTED]');
  });
});

describe('createRedactor with minted tokens', () => {
  const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiIxIn0.c2lnbmF0dXJlLW9uZQ';
  const OTHER = 'eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiIyIn0.c2lnbmF0dXJlLXR3bw';

  it('masks a remembered token wherever it appears, and only until it expires', () => {
    let now = 1_000;
    const minted = createMintedTokens(() => now);
    const redact = createRedactor(['configured-secret'], minted);
    minted.remember(TOKEN, 240_000);
    expect(redact(`{"reason":"token ${TOKEN} expired","id":"configured-secret"}`)).toBe('{"reason":"token [REDACTED] expired","id":"[REDACTED]"}');
    now += 239_999;
    expect(redact(TOKEN)).toBe('[REDACTED]');
    now += 1;
    expect(redact(TOKEN)).toBe(TOKEN);
  });

  it('leaves a JWT it did not mint alone', () => {
    const minted = createMintedTokens(() => 0);
    minted.remember(TOKEN, 1_000);
    expect(createRedactor([], minted)(`a ${OTHER} b`)).toBe(`a ${OTHER} b`);
  });

  it('forgets expired tokens as new ones arrive, so memory holds one lifetime of tokens', () => {
    let now = 0;
    const minted = createMintedTokens(() => now);
    for (let i = 0; i < 1_000; i++, now += 1_000) minted.remember(`eyJ.eyJ.${i}`, 10_000);
    expect(minted.size).toBe(10);
  });

  it('masks a token registered after the redactor was built', () => {
    const minted = createMintedTokens(() => 0);
    const redact = createRedactor([], minted);
    expect(redact(TOKEN)).toBe(TOKEN);
    minted.remember(TOKEN, 1_000);
    expect(redact(`[${TOKEN}]`)).toBe('[[REDACTED]]');
  });
});
