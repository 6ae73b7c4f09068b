/**
 * fast-check generators for the accounting properties: batches of distinct IDs, what each
 * vendor might answer about them (well-formed, malformed, contradictory, any status), and
 * mixes of batch outcomes for buildResult.
 */
import { fc } from '@fast-check/vitest';
import type { BulkDeleteFailureCode } from '../../../src/__generated__/schema-types.ts';
import { answeredBatch, notSentBatch, NO_METADATA, refusedBatch, unknownBatch, type AnsweredBatch, type BatchOutcome, type Failure } from '../../../src/bulk-delete/outcome.ts';
import { FacadeError } from '../../../src/errors/index.ts';
import type { CallResult } from '../../../src/upstreams/http.ts';
import type { RefusalCode } from '../../../src/upstreams/upstream.ts';

/** An ID as a vendor might echo it: mostly short tokens, sometimes odd characters. */
export const idArb = fc.oneof(
  fc.stringMatching(/^[a-z0-9_-]{1,8}$/),
  fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme' }),
);

/** A batch of 1..n distinct IDs. */
export const idsArb = (max = 12) => fc.uniqueArray(idArb, { minLength: 1, maxLength: max });

/** One of our IDs, or one the upstream made up. */
const someId = (ids: readonly string[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: idArb });

/** A count field: right, off by a little, or not a count at all. */
const countArb = (n: number) => fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: n }) },
  { weight: 1, arbitrary: fc.integer({ min: -2, max: n + 3 }) },
  { weight: 1, arbitrary: fc.oneof(fc.double(), fc.string({ maxLength: 3 }), fc.constant(null)) },
);

const statusArb = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(200, 200, 200, 200, 201, 204, 207, 404, 422) },
  { weight: 3, arbitrary: fc.constantFrom(301, 400, 401, 403, 418, 429, 500, 502, 503, 504) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 599 }) },
);

const headersArb = fc.record({
  'retry-after': fc.oneof(fc.nat({ max: 100_000 }).map(String), fc.string({ maxLength: 8 })),
  'x-ratelimit-reset': fc.oneof(fc.nat({ max: 2_000_000_000 }).map(String), fc.string({ maxLength: 8 })),
  'x-request-id': fc.uuid(),
}, { requiredKeys: [] });

/** Body text from a vendor-shaped value: whole, cut short, or replaced by something else. */
function bodyText(shaped: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  const whole = shaped.map((value) => JSON.stringify(value));
  return fc.oneof(
    { weight: 6, arbitrary: whole },
    { weight: 1, arbitrary: whole.chain((text) => fc.nat({ max: text.length }).map((cut) => text.slice(0, cut))) },
    { weight: 1, arbitrary: fc.json() },
    { weight: 1, arbitrary: fc.constantFrom('', '<!DOCTYPE html><html></html>', 'null', '[]', '{}') },
  );
}

/** How a call might end, given body text for its answers. */
function callResultArb(body: fc.Arbitrary<string>): fc.Arbitrary<CallResult> {
  const answer = fc.record({ status: statusArb, body, headers: headersArb, mayHaveProcessedEarlier: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) })
    .map(({ status, body: text, headers, mayHaveProcessedEarlier }): CallResult =>
      ({ kind: 'answer', answer: { status, headers, body: text }, mayHaveProcessedEarlier, meta: NO_METADATA }));
  return fc.oneof(
    { weight: 10, arbitrary: answer },
    { weight: 1, arbitrary: fc.constant<CallResult>({ kind: 'lost', reason: 'timeout', meta: NO_METADATA }) },
    { weight: 1, arbitrary: fc.constant<CallResult>({ kind: 'not-sent', reason: 'connection error ECONNREFUSED', meta: NO_METADATA }) },
  );
}

/** Stoq bodies: counts (some absurd), 422 lists (some naming other intents), errors. */
function stoqBody(ids: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ success: fc.oneof(fc.boolean(), fc.jsonValue()), deleted_count: countArb(ids.length) }, { requiredKeys: ['deleted_count'] }) },
    fc.record({ success: fc.oneof(fc.boolean(), fc.jsonValue()), deleted_count: countArb(ids.length) }, { requiredKeys: [] }),
    { weight: 2, arbitrary: fc.record({ error: fc.string(), sent_intent_ids: fc.oneof({ weight: 4, arbitrary: fc.array(someId(ids), { maxLength: ids.length + 2 }) }, { weight: 1, arbitrary: fc.jsonValue() }) }, { requiredKeys: [] }) },
    fc.record({ error: fc.string() }),
  );
}

/** Kore.ai record shapes for one ID, documented or not. */
const koreRecord = (id: fc.Arbitrary<string>) => fc.oneof(
  id.map((value) => ({ id: value })),
  id,
  id.map((value) => ({ _id: value })),
  id.map((value) => ({ contactId: value })),
  id.map((value) => ({ record: { id: value } })),
  fc.jsonValue(),
);

const koreFailed = (id: fc.Arbitrary<string>) => fc.oneof(
  fc.record({ id, reason: fc.string() }),
  fc.record({ id, message: fc.string({ maxLength: 400 }) }),
  fc.record({ _id: id, error: fc.string() }),
  fc.record({ record: fc.record({ id }), error: fc.record({ code: fc.oneof(fc.string(), fc.integer()), message: fc.string() }, { requiredKeys: [] }) }),
  fc.record({ contactId: id, code: fc.jsonValue() }),
  id,
  fc.record({ reason: fc.string() }),
  fc.jsonValue(),
);

/** Kore.ai bodies: each requested ID deleted, failed, both, or neither, plus strangers and junk. */
function koreBody(ids: readonly string[]): fc.Arbitrary<unknown> {
  const placed = fc.array(fc.constantFrom('deleted', 'failed', 'both', 'neither'), { minLength: ids.length, maxLength: ids.length }).chain((places) => {
    const deleted = ids.filter((_, index) => places[index] === 'deleted' || places[index] === 'both');
    const failed = ids.filter((_, index) => places[index] === 'failed' || places[index] === 'both');
    return fc.record({
      successfulRecords: fc.tuple(...deleted.map((id) => koreRecord(fc.constant(id))), fc.array(koreRecord(idArb), { maxLength: 2 })).map((parts) => parts.flat()),
      failedRecords: fc.tuple(...failed.map((id) => koreFailed(fc.constant(id))), fc.array(koreFailed(idArb), { maxLength: 2 })).map((parts) => parts.flat()),
    });
  });
  return fc.oneof(
    { weight: 4, arbitrary: placed },
    { weight: 1, arbitrary: fc.record({ successfulRecords: fc.oneof(fc.array(koreRecord(someId(ids))), fc.jsonValue()), failedRecords: fc.oneof(fc.array(koreFailed(someId(ids))), fc.jsonValue()) }, { requiredKeys: [] }) },
  );
}

/** LeadLex bodies: answers that add up, counts that do not, error rows for strangers, junk. */
function leadLexBody(ids: readonly string[]): fc.Arbitrary<unknown> {
  const row = (id: fc.Arbitrary<string>) => fc.record({ deal_id: id, code: fc.oneof(fc.string(), fc.jsonValue()), message: fc.oneof(fc.string(), fc.jsonValue()) }, { requiredKeys: ['deal_id'] });
  const addsUp = fc.shuffledSubarray([...ids]).chain((errored) => fc.nat({ max: ids.length - errored.length }).chain((notFound) => fc.tuple(...errored.map((id) => row(fc.constant(id)))).map((errors) => ({
    data: { deleted_count: ids.length - errored.length - notFound, not_found_count: notFound, errors },
  }))));
  const loose = fc.record({
    data: fc.oneof(
      { weight: 4, arbitrary: fc.record({ deleted_count: countArb(ids.length), not_found_count: countArb(ids.length), errors: fc.oneof(fc.array(row(someId(ids)), { maxLength: 4 }), fc.jsonValue()) }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.jsonValue() },
    ),
  }, { requiredKeys: [] });
  return fc.oneof({ weight: 3, arbitrary: addsUp }, { weight: 2, arbitrary: loose });
}

/**
 * Stoq's documented answer for sent intents: a 422 naming some of the requested ones. Drawn on
 * purpose, as a random status and a random body rarely make one (1 case in 300).
 */
function stoqSentAnswer(ids: readonly string[]): fc.Arbitrary<CallResult> {
  return fc.record({ error: fc.string(), sent_intent_ids: fc.subarray([...ids], { minLength: 1 }) })
    .map((body): CallResult => ({ kind: 'answer', answer: { status: 422, headers: {}, body: JSON.stringify(body) }, mayHaveProcessedEarlier: false, meta: NO_METADATA }));
}

/** Distinct IDs and a Stoq / Kore.ai / LeadLex call result about them. */
export const stoqCase = idsArb().chain((ids) => fc.tuple(fc.constant(ids), fc.oneof(
  { weight: 6, arbitrary: callResultArb(bodyText(stoqBody(ids))) },
  { weight: 1, arbitrary: stoqSentAnswer(ids) },
)));
export const koreCase = idsArb().chain((ids) => fc.tuple(fc.constant(ids), callResultArb(bodyText(koreBody(ids)))));
export const leadLexCase = idsArb().chain((ids) => fc.tuple(fc.constant(ids), callResultArb(bodyText(leadLexBody(ids)))));

const REFUSAL_CODES: readonly RefusalCode[] = ['BAD_USER_INPUT', 'UPSTREAM_AUTH_FAILED', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_BAD_RESPONSE'];
const ROW_CODES: readonly BulkDeleteFailureCode[] = ['ALREADY_SENT', 'NOT_ATTEMPTED', 'REJECTED', 'RATE_LIMITED', 'UPSTREAM_ERROR', 'OUTCOME_UNKNOWN'];

/** An outcome for one batch that obeys the accounting rule: each ID deleted, not found, or failed. */
function consistentOutcome(ids: readonly string[]): fc.Arbitrary<AnsweredBatch> {
  return fc.tuple(
    fc.array(fc.constantFrom('deleted', 'not-found', ...ROW_CODES), { minLength: ids.length, maxLength: ids.length }),
    fc.boolean(),
    fc.array(fc.uuid(), { maxLength: 2 }),
    fc.option(fc.record({ remaining: fc.nat(100), observedAt: fc.nat(1_000) })),
  ).map(([places, deletedIdsKnown, requestIds, rate]) => {
    const deletedIds = ids.filter((_, index) => places[index] === 'deleted');
    const failures: Failure[] = [];
    ids.forEach((id, index) => {
      const place = places[index];
      if (place !== undefined && place !== 'deleted' && place !== 'not-found') failures.push({ id, code: place, message: place, upstreamCode: null });
    });
    const meta = { upstreamRequestIds: requestIds, rateLimit: rate && { rateLimit: { limit: 100, remaining: rate.remaining, resetAt: null }, observedAt: rate.observedAt } };
    return answeredBatch(ids, {
      deletedCount: deletedIds.length,
      deletedIds: deletedIdsKnown ? deletedIds : null,
      notFoundCount: places.filter((place) => place === 'not-found').length,
      failures,
    }, meta);
  });
}

/** A consistent outcome broken in one of the ways a misread answer could break it. */
function inconsistentOutcome(ids: readonly string[]): fc.Arbitrary<AnsweredBatch> {
  return fc.tuple(consistentOutcome(ids), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 3 })).map(([outcome, how, by]): AnsweredBatch => {
    switch (how) {
      case 0: return { ...outcome, deletedCount: outcome.deletedCount + by, deletedIds: null };
      case 1: return { ...outcome, notFoundCount: outcome.notFoundCount + by };
      case 2: return { ...outcome, failures: [...outcome.failures, { id: `${ids[0]}#stranger`, code: 'REJECTED', message: 'x', upstreamCode: null }], notFoundCount: Math.max(0, outcome.notFoundCount - 1) };
      case 3: return { ...outcome, deletedCount: -by, notFoundCount: outcome.notFoundCount + outcome.deletedCount + by, deletedIds: null };
      default: return { ...outcome, deletedIds: [...ids], deletedCount: ids.length, notFoundCount: 0 };
    }
  });
}

/** The kinds of outcome a batch can have, weighted towards the interesting mixes. */
export function outcomeArb(ids: readonly string[]): fc.Arbitrary<BatchOutcome> {
  return fc.oneof(
    { weight: 4, arbitrary: consistentOutcome(ids) },
    { weight: 3, arbitrary: fc.constantFrom(...REFUSAL_CODES).map((code) => refusedBatch(ids, new FacadeError(code, `refused ${code}`), null, NO_METADATA)) },
    { weight: 1, arbitrary: fc.constant(notSentBatch(ids, 'not sent')) },
    { weight: 1, arbitrary: fc.constant(unknownBatch(ids, 'lost', NO_METADATA)) },
    { weight: 1, arbitrary: inconsistentOutcome(ids) },
  );
}

/** Distinct requested IDs, cut into batches, each with an outcome. */
export const outcomeMixArb = idsArb(30).chain((ids) =>
  fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, ids.length - 1) }), { maxLength: 4 }).chain((cuts) => {
    const edges = [0, ...[...new Set(cuts)].filter((cut) => cut < ids.length).sort((a, b) => a - b), ids.length];
    const batches = edges.slice(1).map((end, index) => ids.slice(edges[index], end));
    return fc.tuple(fc.constant(ids), fc.tuple(...batches.map(outcomeArb)));
  }));
