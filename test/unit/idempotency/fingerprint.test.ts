import { createHash } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { idempotencyScope, inputFingerprint } from '../../../src/idempotency/index.ts';

const idsArb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 30 });

describe('inputFingerprint', () => {
  test.prop([idsArb.chain((ids) => fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length }))), fc.boolean()], { seed: 4001, numRuns: 200 })(
    'is the same for the same IDs in any order', ([ids, shuffled], dryRun) => {
      expect(inputFingerprint(shuffled, { dryRun })).toBe(inputFingerprint(ids, { dryRun }));
    });

  test.prop([idsArb, idsArb], { seed: 4002, numRuns: 200 })('differs for different sets of IDs', (a, b) => {
    fc.pre(new Set(a).size !== new Set(b).size || a.some((id) => !b.includes(id)));
    expect(inputFingerprint(a, {})).not.toBe(inputFingerprint(b, {}));
  });

  it('differs when an option differs', () => {
    const ids = ['a', 'b'];
    const fingerprints = [
      inputFingerprint(ids, { dryRun: false }),
      inputFingerprint(ids, { dryRun: true }),
      inputFingerprint(ids, { skipSent: false }),
      inputFingerprint(ids, { streamId: 'st-1' }),
      inputFingerprint(ids, { streamId: 'st-2' }),
      inputFingerprint(ids, { streamId: null }),
      inputFingerprint(ids, { streamId: 'null' }),
      inputFingerprint(ids, {}),
    ];
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  test.prop([idsArb, fc.boolean()], { seed: 4003, numRuns: 200 })('is the digest earlier versions stored: sha256 of "name=value\\0…" then "id\\0" per sorted ID', (ids, dryRun) => {
    const reference = createHash('sha256').update(`dryRun=${JSON.stringify(dryRun)}\u0000`);
    for (const id of [...ids].sort()) reference.update(`${id}\u0000`);
    expect(inputFingerprint(ids, { dryRun })).toBe(reference.digest('base64url'));
  });

  it('does not depend on the order options are listed in', () => {
    expect(inputFingerprint(['a'], { dryRun: true, streamId: 's' })).toBe(inputFingerprint(['a'], { streamId: 's', dryRun: true }));
  });

  it('tells IDs apart from where one ends and the next begins', () => {
    expect(inputFingerprint(['ab', 'c'], {})).not.toBe(inputFingerprint(['a', 'bc'], {}));
    expect(inputFingerprint(['abc'], {})).not.toBe(inputFingerprint(['a', 'bc'], {}));
  });

  it('is a bounded, URL-safe string', () => {
    expect(inputFingerprint(Array.from({ length: 1000 }, (_, i) => `id-${i}`), { dryRun: true })).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('idempotencyScope', () => {
  it('is the same for the same client, mutation and key', () => {
    expect(idempotencyScope('client-a', 'deals', 'key-1')).toBe(idempotencyScope('client-a', 'deals', 'key-1'));
  });

  it('differs per client, per mutation and per key', () => {
    const scopes = [
      idempotencyScope('client-a', 'deals', 'key-1'),
      idempotencyScope('client-b', 'deals', 'key-1'),
      idempotencyScope('client-a', 'contacts', 'key-1'),
      idempotencyScope('client-a', 'intents', 'key-1'),
      idempotencyScope('client-a', 'deals', 'key-2'),
    ];
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it('does not let one client\'s name run into the key', () => {
    expect(idempotencyScope('client-a', 'deals', 'x')).not.toBe(idempotencyScope('client-', 'deals', 'ax'));
    expect(idempotencyScope('a', 'deals', 'k')).not.toBe(idempotencyScope('ad', 'eals', 'k'));
  });

  it('has one bounded, URL-safe form whatever the key holds', () => {
    expect(idempotencyScope('c', 'deals', 'k'.repeat(255))).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
