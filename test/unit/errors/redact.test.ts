import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/errors/index.ts';

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
