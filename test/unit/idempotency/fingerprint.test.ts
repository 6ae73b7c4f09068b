import { createHash } from 'node:crypto';
import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { idempotencyScope, inputFingerprint } from '../../../src/idempotency/index.ts';
import { createTally, expectCoverage } from '../../helpers/coverage.ts';

const idsArb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 30 });

/** Two sets of IDs: unrelated, or one ID apart (replaced, dropped or added), the near misses a weak digest would confuse. */
const pairArb = fc.oneof(
  fc.tuple(idsArb, idsArb, fc.constant('unrelated' as const)),
  idsArb.chain((a) => fc.tuple(fc.nat({ max: a.length - 1 }), fc.string({ minLength: 1, maxLength: 8 }))
    .map(([at, id]) => [a, a.map((x, i) => (i === at ? id : x)), 'one replaced' as const] as const)),
  idsArb.filter((a) => a.length > 1).chain((a) => fc.nat({ max: a.length - 1 }).map((at) => [a, a.filter((_, i) => i !== at), 'one dropped' as const] as const)),
  idsArb.chain((a) => fc.string({ minLength: 1, maxLength: 8 }).map((id) => [a, [...a, id], 'one added' as const] as const)),
);

describe('inputFingerprint', () => {
  it('is the same for the same IDs in any order', () => {
    const tally = createTally(['one ID', 'reordered', 'dry run', 'not a dry run'] as const);
    fc.assert(fc.property(idsArb.chain((ids) => fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length }))), fc.boolean(), ([ids, shuffled], dryRun) => {
      expect(inputFingerprint(shuffled, { dryRun })).toBe(inputFingerprint(ids, { dryRun }));
      tally.addWhere({ 'one ID': ids.length === 1, reordered: shuffled.some((id, i) => id !== ids[i]), 'dry run': dryRun, 'not a dry run': !dryRun });
    }), { seed: 4001, numRuns: 200 });
    expectCoverage(tally, { 'one ID': 5, reordered: 20, 'dry run': 20, 'not a dry run': 20 });
  });

  it('differs for different sets of IDs', () => {
    const tally = createTally(['unrelated', 'one replaced', 'one dropped', 'one added'] as const);
    fc.assert(fc.property(pairArb, ([a, b, how]) => {
      fc.pre(new Set(a).size !== new Set(b).size || a.some((id) => !b.includes(id)));
      expect(inputFingerprint(a, {})).not.toBe(inputFingerprint(b, {}));
      tally.add(how);
    }), { seed: 4002, numRuns: 200 });
    expectCoverage(tally, 20);
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

  it('is the digest earlier versions stored: sha256 of "name=value\\0…" then "id\\0" per sorted ID', () => {
    const tally = createTally(['one ID', 'unsorted', 'dry run', 'not a dry run'] as const);
    fc.assert(fc.property(idsArb, fc.boolean(), (ids, dryRun) => {
      const reference = createHash('sha256').update(`dryRun=${JSON.stringify(dryRun)}\u0000`);
      for (const id of [...ids].sort()) reference.update(`${id}\u0000`);
      expect(inputFingerprint(ids, { dryRun })).toBe(reference.digest('base64url'));
      tally.addWhere({ 'one ID': ids.length === 1, unsorted: ids.some((id, i) => i > 0 && id < (ids[i - 1] as string)), 'dry run': dryRun, 'not a dry run': !dryRun });
    }), { seed: 4003, numRuns: 200 });
    expectCoverage(tally, 20);
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
