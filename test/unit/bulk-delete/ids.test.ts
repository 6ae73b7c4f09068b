import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { getDistinctValidIds, getValidIds, getValidStreamId, getValidToken } from '../../../src/bulk-delete/ids.ts';
import { FacadeError } from '../../../src/errors/index.ts';
import { createTally, expectCoverage } from '../../helpers/coverage.ts';

const LIMITS = { maxIdsPerCall: 5, maxIdLength: 10 };

/** The FacadeError `run` throws (fails the test when it throws nothing or something else). */
function thrown(run: () => unknown): FacadeError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FacadeError);
    return error as FacadeError;
  }
  throw new Error('expected a FacadeError, nothing was thrown');
}

describe('getValidIds', () => {
  it('returns the distinct IDs in first-seen order', () => {
    expect(getValidIds(['b', 'a', 'b', 'c', 'a'], LIMITS)).toEqual(['b', 'a', 'c']);
  });

  it('returns the caller\'s own list when every ID is distinct, short or long', () => {
    const short = ['a', 'b', 'c'];
    const long = Array.from({ length: 40 }, (_, i) => `id-${i}`);
    expect(getValidIds(short, LIMITS)).toBe(short);
    expect(getValidIds(long, { maxIdsPerCall: 40, maxIdLength: 10 })).toBe(long);
    expect(getValidIds([...long, 'id-3'], { maxIdsPerCall: 41, maxIdLength: 10 })).toEqual(long);
  });

  it('accepts exactly maxIdsPerCall IDs, duplicates included', () => {
    expect(getValidIds(['a', 'a', 'a', 'a', 'a'], LIMITS)).toEqual(['a']);
  });

  it('accepts an ID of exactly maxIdLength characters, and inner spaces', () => {
    expect(getValidIds(['x'.repeat(10), 'a b'], LIMITS)).toEqual(['x'.repeat(10), 'a b']);
  });

  it.each<[string, string[], RegExp]>([
    ['an empty list', [], /`ids` is empty: give at least one ID/],
    ['more IDs than maxIdsPerCall before de-duplication', ['a', 'a', 'a', 'a', 'a', 'a'], /`ids` has 6 entries; at most 5 .*duplicates count.*Split the list/],
    ['an empty ID', ['a', ''], /`ids\[1\]` is blank: every ID must have visible characters/],
    ['an ID of spaces', ['a', 'b', '   '], /`ids\[2\]` is blank/],
    ['an ID of tabs and newlines', ['\t\n'], /`ids\[0\]` is blank/],
    ['a no-break space alone', ['a', '\u00a0'], /`ids\[1\]` is blank/],
    ['an over-long ID', ['a', 'x'.repeat(11)], /`ids\[1\]` is 11 characters long; IDs are at most 10/],
    ['a NUL inside an ID', ['a\u0000b'], /`ids\[0\]` contains a control character; remove it/],
    ['a tab inside an ID', ['ok', 'a\tb'], /`ids\[1\]` contains a control character/],
    ['a newline at the end', ['a\n'], /`ids\[0\]` contains a control character/],
    ['DEL', ['a\u007f'], /`ids\[0\]` contains a control character/],
    ['a C1 control (NEL)', ['a\u0085b'], /`ids\[0\]` contains a control character/],
    ['a line separator', ['a\u2028b'], /`ids\[0\]` contains a control character/],
    ['a leading space', ['a', ' b'], /`ids\[1\]` has leading or trailing whitespace; send the ID exactly/],
    ['a trailing space', ['a '], /`ids\[0\]` has leading or trailing whitespace/],
    ['a trailing no-break space', ['a\u00a0'], /`ids\[0\]` has leading or trailing whitespace/],
    ['a lone high surrogate', ['ok', 'k\ud800'], /`ids\[1\]` is not well-formed Unicode \(a lone surrogate\)/],
    ['a lone low surrogate', ['\udc00k'], /`ids\[0\]` is not well-formed Unicode/],
    ['surrogates reversed', ['a\udc00\ud800b'], /`ids\[0\]` is not well-formed Unicode/],
  ])('refuses %s with BAD_USER_INPUT naming where and what to fix', (_what, ids, message) => {
    const error = thrown(() => getValidIds(ids, LIMITS));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
  });

  it('accepts surrogate pairs and U+FFFD, which are well-formed', () => {
    expect(getValidIds(['deal-🚀', 'k\ufffd'], LIMITS)).toEqual(['deal-🚀', 'k\ufffd']);
  });

  it('does not let a high surrogate ending one ID pair with a low one starting the next', () => {
    const rocket = '🚀';
    expect(thrown(() => getValidIds([`a${rocket[0]}`, `${rocket[1]}b`], LIMITS)).message).toMatch(/`ids\[0\]` is not well-formed Unicode/);
  });

  it('names the first bad ID when several are bad', () => {
    expect(thrown(() => getValidIds(['ok', ' x', ''], LIMITS)).message).toMatch(/`ids\[1\]`/);
  });

  it('checks the list length before any ID', () => {
    expect(thrown(() => getValidIds(['', '', '', '', '', ''], LIMITS)).message).toMatch(/6 entries/);
  });

  const idFrom = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
  it('keeps each ID once, in the order it was first seen', () => {
    // Up to 16 IDs are de-duplicated by a linear scan, longer lists through a set: both sides count.
    const tally = createTally(['one ID', 'all distinct', 'duplicates', 'mostly duplicates', 'up to 16 IDs', 'more than 16 IDs'] as const);
    fc.assert(fc.property(fc.array(idFrom, { minLength: 1, maxLength: 40, size: 'max' }), (ids) => {
      const distinct = getValidIds(ids, { maxIdsPerCall: 40, maxIdLength: 10 });
      expect(new Set(distinct)).toEqual(new Set(ids));
      expect(distinct.length).toBe(new Set(ids).size);
      expect(distinct).toEqual(ids.filter((id, index) => ids.indexOf(id) === index));
      const unique = new Set(ids).size;
      tally.addWhere({ 'one ID': ids.length === 1, 'all distinct': ids.length > 1 && unique === ids.length, duplicates: unique < ids.length, 'mostly duplicates': unique * 2 <= ids.length, 'up to 16 IDs': ids.length <= 16, 'more than 16 IDs': ids.length > 16 });
    }), { seed: 1001, numRuns: 200 });
    expectCoverage(tally, 10);
  });

  it('finds the same distinct IDs through a sorted copy, and returns that copy de-duplicated', () => {
    // The path of an idempotent call: its fingerprint lists the distinct IDs in code-unit order.
    const tally = createTally(['one ID', 'all distinct', 'duplicates', 'more than 16 IDs'] as const);
    const anyId = fc.oneof(idFrom, fc.string({ minLength: 1, maxLength: 3, unit: 'grapheme' }).filter((id) => id.trim() === id && id.isWellFormed() && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(id)));
    fc.assert(fc.property(fc.array(anyId, { minLength: 1, maxLength: 40, size: 'max' }), (ids) => {
      const limits = { maxIdsPerCall: 40, maxIdLength: 100 };
      const { ids: distinct, sorted } = getDistinctValidIds(ids, limits, true);
      expect(distinct).toEqual(getValidIds(ids, limits));
      expect(sorted).toEqual([...new Set(ids)].sort());
      const unique = new Set(ids).size;
      // Without duplicates the caller's own list comes back, as from getValidIds.
      if (unique === ids.length) expect(distinct).toBe(ids);
      tally.addWhere({ 'one ID': ids.length === 1, 'all distinct': ids.length > 1 && unique === ids.length, duplicates: unique < ids.length, 'more than 16 IDs': ids.length > 16 });
    }), { seed: 1002, numRuns: 200 });
    expectCoverage(tally, { 'one ID': 2, 'all distinct': 10, duplicates: 10, 'more than 16 IDs': 10 });
  });

  it('sorts nothing unless asked', () => {
    expect(getDistinctValidIds(['b', 'a'], LIMITS)).toEqual({ ids: ['b', 'a'], sorted: null });
    expect(getDistinctValidIds(['b', 'a', 'b'], LIMITS, true)).toEqual({ ids: ['b', 'a'], sorted: ['a', 'b'] });
  });
});

describe('getValidToken', () => {
  it('passes null and undefined through as null', () => {
    expect(getValidToken('idempotencyKey', null, 10)).toBeNull();
    expect(getValidToken('idempotencyKey', undefined, 10)).toBeNull();
  });

  it('returns a valid value unchanged', () => {
    expect(getValidToken('streamId', 'st-1 2', 10)).toBe('st-1 2');
  });

  it.each<[string, string, RegExp]>([
    ['empty', '', /`streamId` is blank: leave it out or give a value/],
    ['blank', ' \t ', /`streamId` is blank/],
    ['too long', 'x'.repeat(11), /`streamId` is 11 characters long; at most 10/],
    ['with a control character', 'a\u0000b', /`streamId` contains whitespace at an end or a control character; send it exactly/],
    ['with a newline', 'a\nb', /`streamId` contains whitespace at an end or a control character/],
    ['with a leading space', ' ab', /`streamId` contains whitespace at an end/],
    ['with a trailing space', 'ab ', /`streamId` contains whitespace at an end/],
    ['with a lone surrogate', 'st\ud800', /`streamId` is not well-formed Unicode \(a lone surrogate\)/],
  ])('refuses a value %s with BAD_USER_INPUT naming the field', (_what, value, message) => {
    const error = thrown(() => getValidToken('streamId', value, 10));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
  });
});

describe('getValidStreamId', () => {
  it('passes null and undefined through, and returns a plain token unchanged', () => {
    expect(getValidStreamId(null)).toBeNull();
    expect(getValidStreamId(undefined)).toBeNull();
    expect(getValidStreamId('st-A_9')).toBe('st-A_9');
  });

  it.each<[string, string, RegExp]>([
    ['`..`', '..', /`streamId` "\.\." is not a plain token: use only letters, digits, `_` and `-`/],
    ['`.`', '.', /`streamId` "\." is not a plain token/],
    ['a path', 'st/../x', /is not a plain token/],
    ['an encoded dot-dot', '%2e%2e', /is not a plain token/],
    ['a backslash', 'st\\x', /is not a plain token/],
    ['a query', 'st?x', /is not a plain token/],
    ['an inner space', 'st 1', /is not a plain token/],
    ['a non-ASCII letter', 'stré', /is not a plain token/],
    ['a lone surrogate', 'st\ud800', /`streamId` is not well-formed Unicode/],
    ['129 characters', 's'.repeat(129), /`streamId` is 129 characters long; at most 128/],
    ['blank', ' ', /`streamId` is blank/],
  ])('refuses %s with BAD_USER_INPUT', (_what, value, message) => {
    const error = thrown(() => getValidStreamId(value));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
  });
});
