import { describe, expect, it } from 'vitest';
import type { BulkDeleteFailureCode } from '../../../src/__generated__/schema-types.ts';
import { answeredBatch, notSentBatch, NO_METADATA, refusedBatch, unknownBatch, type BatchOutcome } from '../../../src/bulk-delete/outcome.ts';
import { assertAccounting, buildResult, type BulkDeleteResultModel } from '../../../src/bulk-delete/result.ts';
import { FacadeError, type ErrorCode } from '../../../src/errors/index.ts';
import { answered, failure } from './helpers.ts';

const refused = (ids: readonly string[], code: ErrorCode, upstreamCode: string | null = null) =>
  refusedBatch(ids, new FacadeError(code, `LeadLex refused: ${code}.`, { upstream: 'leadlex', upstreamStatus: 400 }), upstreamCode, NO_METADATA);

/** The error `run` throws. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, nothing was thrown');
}

describe('buildResult', () => {
  it('sums answered batches into one result', () => {
    const result = buildResult('deals', ['a', 'b', 'c', 'd', 'e'], [answered(['a', 'b', 'c'], 2, 0), answered(['d', 'e'], 1, 1)], true);
    expect(result).toEqual<BulkDeleteResultModel>({
      kind: 'deals',
      requestedCount: 5,
      deletedCount: 3,
      notFoundCount: 1,
      failedCount: 1,
      deletedIds: ['a', 'b', 'd'],
      failures: [failure('c', 'REJECTED')],
      dryRun: true,
      upstreamRequestIds: [],
      rateLimit: null,
      sentIntentIds: [],
    });
  });

  it('returns deletedIds null when a batch only counted', () => {
    expect(buildResult('deals', ['a', 'b'], [answered(['a'], 1, 0), answered(['b'], 0, 1, { deletedIdsKnown: false })], false).deletedIds).toBeNull();
  });

  it('lists each upstream request ID once and unwraps the newest rate limit', () => {
    const meta = (ids: string[], observedAt: number, remaining: number) =>
      ({ upstreamRequestIds: ids, rateLimit: { rateLimit: { limit: 10, remaining, resetAt: '2030-01-01T00:00:00.000Z' }, observedAt } });
    const result = buildResult('contacts', ['a', 'b'], [answered(['a'], 1, 0, { meta: meta(['r1', 'r2'], 2, 4) }), answered(['b'], 1, 0, { meta: meta(['r2'], 1, 7) })], false);
    expect(result.upstreamRequestIds).toEqual(['r1', 'r2']);
    expect(result.rateLimit).toEqual({ limit: 10, remaining: 4, resetAt: '2030-01-01T00:00:00.000Z' });
  });

  it('passes Stoq\'s sent intents through', () => {
    const outcome = answeredBatch(['a', 'b'], { deletedCount: 0, deletedIds: [], notFoundCount: 0, failures: [failure('a', 'ALREADY_SENT'), failure('b', 'NOT_ATTEMPTED')], sentIntentIds: ['a'] }, NO_METADATA);
    expect(buildResult('intents', ['a', 'b'], [outcome], false).sentIntentIds).toEqual(['a']);
  });

  it('throws the refusal when the only batch was refused', () => {
    const outcome = refused(['a', 'b'], 'UPSTREAM_AUTH_FAILED');
    const error = thrown(() => buildResult('deals', ['a', 'b'], [outcome], false));
    expect(error).toBe(outcome.error);
    expect(error).toBeInstanceOf(FacadeError);
    expect((error as FacadeError).code).toBe('UPSTREAM_AUTH_FAILED');
  });

  it('throws the first batch\'s refusal when every batch was refused or not sent', () => {
    const first = refused(['a'], 'RATE_LIMITED');
    const outcomes = [first, refused(['b'], 'UPSTREAM_UNAVAILABLE'), notSentBatch(['c'], 'not sent')];
    expect(thrown(() => buildResult('deals', ['a', 'b', 'c'], outcomes, false))).toBe(first.error);
  });

  it.each<[ErrorCode, BulkDeleteFailureCode]>([
    ['RATE_LIMITED', 'RATE_LIMITED'],
    ['UPSTREAM_UNAVAILABLE', 'UPSTREAM_ERROR'],
    ['UPSTREAM_AUTH_FAILED', 'REJECTED'],
    ['BAD_USER_INPUT', 'REJECTED'],
    ['UPSTREAM_BAD_RESPONSE', 'REJECTED'],
  ])('returns %s after an answered batch as %s rows, not an error', (code, row) => {
    const result = buildResult('deals', ['a', 'b', 'c'], [answered(['a'], 1, 0), refused(['b', 'c'], code, 'x_code')], false);
    expect([result.deletedCount, result.notFoundCount, result.failedCount]).toEqual([1, 0, 2]);
    expect(result.failures.map((f) => [f.id, f.code, f.upstreamCode])).toEqual([['b', row, 'x_code'], ['c', row, 'x_code']]);
    expect(result.deletedIds).toEqual(['a']);
  });

  it('reports batches never sent after a stop as NOT_ATTEMPTED', () => {
    const result = buildResult('deals', ['a', 'b', 'c'], [answered(['a'], 1, 0), refused(['b'], 'UPSTREAM_AUTH_FAILED'), notSentBatch(['c'], 'Not sent.')], false);
    expect(result.failures.map((f) => [f.id, f.code])).toEqual([['b', 'REJECTED'], ['c', 'NOT_ATTEMPTED']]);
  });

  it('returns a result when a refused batch sits next to one whose answer was lost', () => {
    const result = buildResult('deals', ['a', 'b'], [refused(['a'], 'UPSTREAM_UNAVAILABLE'), unknownBatch(['b'], 'lost', NO_METADATA)], false);
    expect(result.failures.map((f) => f.code)).toEqual(['UPSTREAM_ERROR', 'OUTCOME_UNKNOWN']);
  });

  it('turns an outcome that does not add up into OUTCOME_UNKNOWN rows for its IDs only', () => {
    const broken: BatchOutcome = { ...answered(['c', 'd'], 2, 0), deletedCount: 5 };
    const result = buildResult('deals', ['a', 'b', 'c', 'd'], [answered(['a', 'b'], 2, 0), broken], false);
    expect([result.requestedCount, result.deletedCount, result.notFoundCount, result.failedCount]).toEqual([4, 2, 0, 2]);
    expect(result.deletedIds).toEqual(['a', 'b']);
    expect(result.failures.map((f) => [f.id, f.code])).toEqual([['c', 'OUTCOME_UNKNOWN'], ['d', 'OUTCOME_UNKNOWN']]);
    expect(result.failures[0]?.message).toMatch(/did not account for every ID/);
    expect(() => assertAccounting(result)).not.toThrow();
  });

  it('turns a batch whose failures name other IDs into OUTCOME_UNKNOWN rows', () => {
    const broken = answeredBatch(['a', 'b'], { deletedCount: 1, deletedIds: ['a'], notFoundCount: 0, failures: [failure('z', 'REJECTED')] }, NO_METADATA);
    const result = buildResult('contacts', ['a', 'b'], [broken], false);
    expect(result.failures.map((f) => [f.id, f.code])).toEqual([['a', 'OUTCOME_UNKNOWN'], ['b', 'OUTCOME_UNKNOWN']]);
    expect(result.deletedCount).toBe(0);
  });

  it('refuses batches that leave a requested ID out', () => {
    expect(() => buildResult('deals', ['a', 'b'], [answered(['a'], 1, 0)], false)).toThrow(/do not cover the request/);
  });

  it('refuses batches that cover an ID that was not requested', () => {
    expect(() => buildResult('deals', ['a'], [answered(['a', 'z'], 2, 0)], false)).toThrow(/do not cover the request/);
  });

  it('accepts batches that hold the requested IDs in another order', () => {
    const result = buildResult('deals', ['a', 'b', 'c'], [answered(['c'], 1, 0), answered(['b', 'a'], 2, 0)], false);
    expect(result.requestedCount).toBe(3);
    expect(result.deletedIds).toEqual(['c', 'b', 'a']);
  });

  it('refuses an ID sent in two batches', () => {
    expect(() => buildResult('deals', ['a', 'b'], [answered(['a', 'b'], 2, 0), answered(['a'], 1, 0)], false)).toThrow(/two batches/);
  });
});

describe('assertAccounting', () => {
  const good = buildResult('deals', ['a', 'b', 'c'], [answered(['a', 'b', 'c'], 1, 1)], false);

  it('accepts a result built by buildResult', () => {
    expect(() => assertAccounting(good)).not.toThrow();
  });

  it.each<[string, Partial<BulkDeleteResultModel>, RegExp]>([
    ['counts that do not add up', { requestedCount: 4 }, /counts do not add up/],
    ['a failedCount that differs from the failures', { failedCount: 2, notFoundCount: 0 }, /failures.length != failedCount/],
    ['an ID failing twice', { failures: [failure('c', 'REJECTED'), failure('c', 'REJECTED')], failedCount: 2, notFoundCount: 0 }, /an ID fails twice/],
    ['deletedIds of the wrong length', { deletedIds: [] }, /deletedIds.length != deletedCount/],
  ])('throws INTERNAL_SERVER_ERROR for %s', (_what, change, message) => {
    const error = thrown(() => assertAccounting({ ...good, ...change }));
    expect(error).toBeInstanceOf(FacadeError);
    expect((error as FacadeError).code).toBe('INTERNAL_SERVER_ERROR');
    expect((error as FacadeError).message).toMatch(message);
  });
});
