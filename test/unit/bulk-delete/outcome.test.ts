import { describe, expect, it } from 'vitest';
import type { BulkDeleteFailureCode } from '../../../src/__generated__/schema-types.ts';
import {
  accountOf, answeredBatch, failureCodeForRefusal, isConsistent, joinCallOutcomes, metadataOf, notSentBatch, NO_METADATA, refusedBatch, stopsLaterBatches, unknownBatch,
  type AnsweredBatch, type BatchOutcome, type RateLimitObservation,
} from '../../../src/bulk-delete/outcome.ts';
import { ERROR_CODES, FacadeError, type ErrorCode } from '../../../src/errors/index.ts';
import { answered, failure } from './helpers.ts';

const refusal = (code: ErrorCode) => new FacadeError(code, `refused: ${code}`, { upstream: 'leadlex' });
const observed = (remaining: number, observedAt: number): RateLimitObservation => ({ rateLimit: { limit: 100, remaining, resetAt: null }, observedAt });
const withMeta = (outcome: AnsweredBatch, meta: Partial<AnsweredBatch>): AnsweredBatch => ({ ...outcome, ...meta });

describe('failureCodeForRefusal', () => {
  const expected: Record<ErrorCode, BulkDeleteFailureCode> = {
    RATE_LIMITED: 'RATE_LIMITED',
    UPSTREAM_UNAVAILABLE: 'UPSTREAM_ERROR',
    UPSTREAM_AUTH_FAILED: 'REJECTED',
    BAD_USER_INPUT: 'REJECTED',
    UPSTREAM_BAD_RESPONSE: 'REJECTED',
    UNAUTHENTICATED: 'NOT_ATTEMPTED',
    FORBIDDEN: 'NOT_ATTEMPTED',
    NOT_CONFIGURED: 'NOT_ATTEMPTED',
    IDEMPOTENCY_KEY_REUSED: 'NOT_ATTEMPTED',
    IDEMPOTENCY_STORE_FULL: 'NOT_ATTEMPTED',
    IDEMPOTENCY_STORE_UNAVAILABLE: 'NOT_ATTEMPTED',
    JOB_STORE_UNAVAILABLE: 'NOT_ATTEMPTED',
    BAD_REQUEST: 'NOT_ATTEMPTED',
    IDENTITY_PROVIDER_UNAVAILABLE: 'NOT_ATTEMPTED',
    SHUTTING_DOWN: 'NOT_ATTEMPTED',
    INTERNAL_SERVER_ERROR: 'NOT_ATTEMPTED',
  };
  it.each(ERROR_CODES.map((code) => [code, expected[code]] as const))('maps %s to %s', (code, row) => {
    expect(failureCodeForRefusal(refusal(code))).toBe(row);
  });
});

describe('refusedBatch', () => {
  it('fails every ID with the refusal\'s message and keeps the refusal', () => {
    const error = refusal('RATE_LIMITED');
    const outcome = refusedBatch(['a', 'b'], error, 'rate_limited', NO_METADATA);
    expect(outcome.error).toBe(error);
    const account = accountOf(outcome);
    expect(account.failures).toEqual([
      { id: 'a', code: 'RATE_LIMITED', message: 'refused: RATE_LIMITED', upstreamCode: 'rate_limited' },
      { id: 'b', code: 'RATE_LIMITED', message: 'refused: RATE_LIMITED', upstreamCode: 'rate_limited' },
    ]);
    expect([account.deletedCount, account.notFoundCount, account.deletedIds]).toEqual([0, 0, []]);
    expect(isConsistent(outcome)).toBe(true);
  });

  it.each<[ErrorCode, boolean]>([
    ['UPSTREAM_AUTH_FAILED', true],
    ['RATE_LIMITED', true],
    ['UPSTREAM_UNAVAILABLE', false],
    ['BAD_USER_INPUT', false],
    ['UPSTREAM_BAD_RESPONSE', false],
  ])('after %s, stops later batches: %s', (code, stops) => {
    expect(stopsLaterBatches(refusedBatch(['a'], refusal(code), null, NO_METADATA))).toBe(stops);
  });
});

describe('notSentBatch and unknownBatch', () => {
  it('marks a batch never sent as NOT_ATTEMPTED, without a refusal', () => {
    const outcome = notSentBatch(['a', 'b'], 'Not sent.');
    expect(outcome.kind).toBe('not-sent');
    expect(stopsLaterBatches(outcome)).toBe(false);
    expect(accountOf(outcome).failures.map((f) => [f.code, f.message])).toEqual([['NOT_ATTEMPTED', 'Not sent.'], ['NOT_ATTEMPTED', 'Not sent.']]);
    expect(metadataOf(outcome)).toBe(NO_METADATA);
    expect(isConsistent(outcome)).toBe(true);
  });

  it('marks every ID of an unknown batch OUTCOME_UNKNOWN and keeps the call\'s metadata', () => {
    const outcome = unknownBatch(['a'], 'lost', { upstreamRequestIds: ['r'], rateLimit: observed(3, 1) }, 'http_500');
    expect(accountOf(outcome).failures).toEqual([{ id: 'a', code: 'OUTCOME_UNKNOWN', message: 'lost', upstreamCode: 'http_500' }]);
    expect([outcome.kind, stopsLaterBatches(outcome), outcome.upstreamRequestIds, outcome.rateLimit?.rateLimit.remaining]).toEqual(['unknown', false, ['r'], 3]);
  });
});

describe('isConsistent', () => {
  const ids = ['a', 'b', 'c'];
  const base = answeredBatch(ids, { deletedCount: 1, deletedIds: ['a'], notFoundCount: 1, failures: [failure('c', 'REJECTED')] }, NO_METADATA);

  it.each<[string, BatchOutcome]>([
    ['deleted, not found and failed that cover the IDs', base],
    ['deletedIds null (only counted)', withMeta(base, { deletedIds: null })],
    ['every ID failed', answeredBatch(ids, { deletedCount: 0, deletedIds: [], notFoundCount: 0, failures: ids.map((id) => failure(id, 'REJECTED')) }, NO_METADATA)],
    ['a refused batch', refusedBatch(ids, refusal('RATE_LIMITED'), null, NO_METADATA)],
    ['every ID deleted, the batch\'s own list', answeredBatch(ids, { deletedCount: 3, deletedIds: ids, notFoundCount: 0, failures: [] }, NO_METADATA)],
    ['only counted, nothing failed', answeredBatch(ids, { deletedCount: 2, deletedIds: null, notFoundCount: 1, failures: [] }, NO_METADATA)],
    ['an empty batch', answeredBatch([], { deletedCount: 0, deletedIds: [], notFoundCount: 0, failures: [] }, NO_METADATA)],
  ])('accepts %s', (_what, outcome) => {
    expect(isConsistent(outcome)).toBe(true);
  });

  it.each<[string, BatchOutcome]>([
    ['counts that add up to more than the IDs', withMeta(base, { notFoundCount: 2 })],
    ['counts that add up to fewer than the IDs', withMeta(base, { deletedCount: 0, deletedIds: [] })],
    ['a negative count', withMeta(base, { deletedCount: -1, notFoundCount: 3, deletedIds: null })],
    ['a fractional count', withMeta(base, { deletedCount: 0.5, notFoundCount: 1.5, deletedIds: null })],
    ['a NaN count', withMeta(base, { notFoundCount: Number.NaN })],
    ['an ID listed twice in the batch', withMeta(base, { ids: ['a', 'a', 'c'] })],
    ['a failure for an ID not in the batch', withMeta(base, { failures: [failure('z', 'REJECTED')] })],
    ['an ID failed twice', withMeta(base, { deletedIds: null, deletedCount: 0, notFoundCount: 1, failures: [failure('c', 'REJECTED'), failure('c', 'REJECTED')] })],
    ['deletedIds longer than deletedCount', withMeta(base, { deletedIds: ['a', 'b'] })],
    ['deletedIds naming an ID not in the batch', withMeta(base, { deletedIds: ['z'] })],
    ['an ID both deleted and failed', withMeta(base, { deletedIds: ['c'] })],
    ['an ID deleted twice', withMeta(base, { deletedCount: 2, notFoundCount: 0, deletedIds: ['a', 'a'] })],
  ])('rejects %s', (_what, outcome) => {
    expect(isConsistent(outcome)).toBe(false);
  });
});

describe('joinCallOutcomes', () => {
  it('sums the counts and joins IDs, deletedIds and failures in order', () => {
    const total = accountAndIds(joinCallOutcomes([answered(['a', 'b', 'c'], 1, 1), answered(['d', 'e'], 2, 0)]));
    expect(total.ids).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([total.deletedCount, total.notFoundCount, total.failures.length]).toEqual([3, 1, 1]);
    expect(total.deletedIds).toEqual(['a', 'd', 'e']);
    expect(total.failures.map((f) => f.id)).toEqual(['c']);
    expect(isConsistent(joinCallOutcomes([answered(['a', 'b', 'c'], 1, 1), answered(['d', 'e'], 2, 0)]))).toBe(true);
  });

  it('leaves deletedIds null when any part only counted', () => {
    expect(accountOf(joinCallOutcomes([answered(['a'], 1, 0), answered(['b'], 1, 0, { deletedIdsKnown: false })])).deletedIds).toBeNull();
  });

  it('returns a single part as it is', () => {
    const only = answered(['a'], 1, 0);
    expect(joinCallOutcomes([only])).toBe(only);
  });

  it('is an answered batch with the later parts\' verdicts as rows', () => {
    const total = joinCallOutcomes([answered(['a'], 1, 0), refusedBatch(['b'], refusal('RATE_LIMITED'), null, NO_METADATA), unknownBatch(['c'], 'lost', NO_METADATA)]);
    expect(total.kind).toBe('answered');
    expect(stopsLaterBatches(total)).toBe(false);
    expect(accountOf(total).failures).toEqual([expect.objectContaining({ id: 'b', code: 'RATE_LIMITED' }), expect.objectContaining({ id: 'c', code: 'OUTCOME_UNKNOWN' })]);
    expect(isConsistent(total)).toBe(true);
  });

  it('keeps the newest rate-limit observation, whatever the part order', () => {
    const parts = [
      withMeta(answered(['a'], 1, 0), { rateLimit: observed(5, 300) }),
      withMeta(answered(['b'], 1, 0), { rateLimit: observed(9, 100) }),
      withMeta(answered(['c'], 1, 0), { rateLimit: null }),
    ];
    expect(metadataOf(joinCallOutcomes(parts)).rateLimit?.rateLimit.remaining).toBe(5);
    expect(metadataOf(joinCallOutcomes([...parts].reverse())).rateLimit?.rateLimit.remaining).toBe(5);
  });

  it('prefers the later part between two observations made at the same time', () => {
    const parts = [withMeta(answered(['a'], 1, 0), { rateLimit: observed(5, 100) }), withMeta(answered(['b'], 1, 0), { rateLimit: observed(4, 100) })];
    expect(metadataOf(joinCallOutcomes(parts)).rateLimit?.rateLimit.remaining).toBe(4);
  });

  it('has no rate limit when no part saw one', () => {
    expect(metadataOf(joinCallOutcomes([answered(['a'], 1, 0), answered(['b'], 1, 0)])).rateLimit).toBeNull();
  });

  it('joins request IDs and sent intents of every part', () => {
    const total = joinCallOutcomes([
      withMeta(answered(['a'], 1, 0), { upstreamRequestIds: ['r1'], sentIntentIds: ['x'] }),
      withMeta(answered(['b'], 1, 0), { upstreamRequestIds: ['r2', 'r3'], sentIntentIds: ['y'] }),
    ]);
    expect(metadataOf(total).upstreamRequestIds).toEqual(['r1', 'r2', 'r3']);
    expect(total.kind === 'answered' && total.sentIntentIds).toEqual(['x', 'y']);
  });
});

/** The IDs and accounting of an outcome, for comparisons. */
function accountAndIds(outcome: BatchOutcome) {
  return { ids: outcome.ids, ...accountOf(outcome) };
}
