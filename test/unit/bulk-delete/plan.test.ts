import { describe, expect, it } from 'vitest';
import { fingerprintInput } from '../../../src/bulk-delete/fingerprint.ts';
import { batchIds, createPlan } from '../../../src/bulk-delete/plan.ts';
import { inputFingerprint } from '../../../src/idempotency/index.ts';
import { makeIds } from './helpers.ts';

describe('createPlan', () => {
  it('cuts 1,200 IDs into three batches of the adapter\'s size, slices of the one list', () => {
    const ids = makeIds(1200);
    const plan = createPlan(ids, { batchSize: 500, fingerprintOptions: null });
    expect(plan.batchCount).toBe(3);
    expect([0, 1, 2].map((index) => batchIds(plan, index).length)).toEqual([500, 500, 200]);
    expect([0, 1, 2].flatMap((index) => batchIds(plan, index))).toEqual(ids);
  });

  it('makes one batch of every ID, the list itself, when the batch size is Infinity', () => {
    const ids = makeIds(10);
    const plan = createPlan(ids, { batchSize: Infinity, fingerprintOptions: null });
    expect(plan.batchCount).toBe(1);
    expect(batchIds(plan, 0)).toBe(ids);
  });

  it('fingerprints the input only when asked, as the idempotency store always has', () => {
    const ids = ['b', 'a', 'c'];
    expect(createPlan(ids, { batchSize: 2, fingerprintOptions: null }).fingerprint).toBeNull();
    const plan = createPlan(ids, { batchSize: 2, fingerprintOptions: { dryRun: true } });
    expect(plan.fingerprint).toEqual(fingerprintInput(ids, { dryRun: true }));
    expect(plan.fingerprint?.fingerprint).toBe(inputFingerprint(['c', 'b', 'a'], { dryRun: true }));
    expect(plan.fingerprint?.sortedIds).toEqual(['a', 'b', 'c']);
  });

  it('fingerprints the same with the sorted IDs handed in, and keeps that list', () => {
    const ids = ['b', 'a', 'c'];
    const sortedIds = ['a', 'b', 'c'];
    const plan = createPlan(ids, { batchSize: 2, fingerprintOptions: { dryRun: false }, sortedIds });
    expect(plan.fingerprint).toEqual(fingerprintInput(ids, { dryRun: false }));
    expect(plan.fingerprint?.sortedIds).toBe(sortedIds);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a batch size of %s', (batchSize) => {
    expect(() => createPlan(['a'], { batchSize, fingerprintOptions: null })).toThrow(RangeError);
  });
});
