import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import type { BulkDeleteFailureCode } from '../../../src/__generated__/schema-types.ts';
import type { BulkDeleteResultModel } from '../../../src/bulk-delete/result.ts';
import { fromStoredRecord, idempotentInput, toStoredResult, type StoredIds } from '../../../src/idempotency/index.ts';
import { resultOf } from './results.ts';

// A stored result keeps its IDs as positions in the request's sorted distinct IDs: a replay
// (same fingerprint, so the same set, in any order) must rebuild exactly the first result.

const CODES: BulkDeleteFailureCode[] = ['ALREADY_SENT', 'NOT_ATTEMPTED', 'REJECTED', 'RATE_LIMITED', 'UPSTREAM_ERROR', 'OUTCOME_UNKNOWN'];

/** A request's IDs and a result an upstream might have produced for them, IDs in any order. */
const caseArb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 60 }).chain((ids) => fc.record({
  ids: fc.constant(ids),
  order: fc.shuffledSubarray(ids, { minLength: ids.length }),
  deleted: fc.option(fc.shuffledSubarray(ids), { nil: null }),
  // Sorted subsets make runs of neighbours; shuffled ones scattered positions.
  sortedDeleted: fc.boolean(),
  failed: fc.shuffledSubarray(ids),
  reasons: fc.array(fc.tuple(fc.constantFrom(...CODES), fc.constantFrom('locked', 'Batch refused: 503', 'ünïcødé "quoted"'), fc.option(fc.constantFrom('LOCKED', 'E42'), { nil: null })), { minLength: 1, maxLength: 3 }),
  sent: fc.shuffledSubarray(ids),
  foreign: fc.array(fc.string({ minLength: 1, maxLength: 5 }).map((id) => `foreign:${id}`), { maxLength: 2 }),
}));

const seen = { runs: 0, scattered: 0, literals: 0, nullDeleted: 0, manyReasons: 0 };

function countCoverage(ids: StoredIds | null): void {
  if (ids === null) return void seen.nullDeleted++;
  if (ids.some((item) => Array.isArray(item))) seen.runs++;
  if (ids.some((item) => typeof item === 'number')) seen.scattered++;
  if (ids.some((item) => typeof item === 'string')) seen.literals++;
}

describe('toStoredResult / fromStoredRecord', () => {
  test.prop([caseArb], { seed: 5101, numRuns: 400 })('rebuild the same result from a replay\'s IDs in any order', (c) => {
    const deletedIds = c.deleted === null ? null : [...(c.sortedDeleted ? [...c.deleted].sort() : c.deleted), ...c.foreign];
    const result: BulkDeleteResultModel = {
      ...resultOf(deletedIds?.length ?? 0),
      kind: 'intents',
      requestedCount: c.ids.length,
      deletedIds,
      failedCount: c.failed.length,
      failures: c.failed.map((id, i) => {
        const [code, message, upstreamCode] = c.reasons[Math.floor(i / 3) % c.reasons.length]!;
        return { id, code, message, upstreamCode };
      }),
      sentIntentIds: c.sent,
      upstreamRequestIds: ['req-1'],
      rateLimit: { limit: 360, remaining: 12, resetAt: null },
    };
    const first = idempotentInput(c.ids, { skipSent: false });
    const replay = idempotentInput(c.order, { skipSent: false });
    expect(replay.fingerprint).toBe(first.fingerprint);
    const stored = JSON.parse(JSON.stringify(toStoredResult(result, first.sortedIds)));
    expect(fromStoredRecord(stored, replay.sortedIds)).toEqual(result);
    countCoverage(stored.deletedIds);
    if (stored.reasons.length > 1) seen.manyReasons++;
  });

  afterAll(() => {
    // The generator reached every shape the packing has.
    for (const [shape, count] of Object.entries(seen)) expect(count, shape).toBeGreaterThan(10);
  });

  it('keeps a 10,000-ID result of 256-character IDs in a fraction of a percent of its JSON', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `intent-${String(i).padStart(5, '0')}-`.padEnd(256, 'x'));
    // 7,919 is prime to 10,000: every ID once, neighbours scattered.
    const shuffled = ids.map((_, i) => ids[(i * 7_919) % ids.length]!);
    const result: BulkDeleteResultModel = { ...resultOf(ids.length), kind: 'intents', requestedCount: ids.length, deletedIds: shuffled };
    const { sortedIds } = idempotentInput(shuffled, {});
    const whole = JSON.stringify(result).length;
    const stored = JSON.stringify(toStoredResult(result, sortedIds)).length;
    expect(whole).toBeGreaterThan(2_500_000);
    // Scattered positions: at most 5 digits and a comma each.
    expect(stored).toBeLessThan(65_000);
    const inOrder = JSON.stringify(toStoredResult({ ...result, deletedIds: sortedIds }, sortedIds)).length;
    expect(inOrder).toBeLessThan(400);
  });

  it('keeps the rows of a batch refused as a whole as one reason and one run', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `deal_${i}`);
    const failures = ids.map((id) => ({ id, code: 'NOT_ATTEMPTED' as const, message: 'Not sent: an earlier batch was refused for authentication (401).', upstreamCode: null }));
    const { sortedIds } = idempotentInput(ids, {});
    const stored = toStoredResult({ ...resultOf(0), requestedCount: 500, failedCount: 500, failures }, sortedIds);
    expect(stored.reasons).toHaveLength(1);
    expect(stored.reasonRuns).toEqual([[0, 500]]);
    expect(fromStoredRecord(stored, sortedIds).failures).toEqual(failures);
  });

  it('returns a record an earlier version stored whole as it is', () => {
    expect(fromStoredRecord(resultOf(3), [])).toEqual(resultOf(3));
  });

  it('refuses to rebuild from IDs that do not match the record (never a wrong result)', () => {
    const stored = toStoredResult({ ...resultOf(2), requestedCount: 2, deletedIds: ['a', 'b'] }, ['a', 'b']);
    expect(() => fromStoredRecord(stored, ['a'])).toThrow(/does not match/);
  });
});
