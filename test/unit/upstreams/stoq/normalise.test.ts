import { describe, expect, it } from 'vitest';
import type { BulkDeleteFailureCode } from '../../../../src/__generated__/schema-types.ts';
import type { ErrorCode } from '../../../../src/errors/index.ts';
import type { CallResult } from '../../../../src/upstreams/http.ts';
import { normaliseStoq, parseStoqResponse } from '../../../../src/upstreams/stoq/index.ts';
import { afterProcessed, expectOutcome, flat, http, json, lost, notSent, NOW, type Expected } from '../../bulk-delete/helpers.ts';

const IDS = ['int_1', 'int_2', 'int_3'];

function normalise(result: CallResult, ids: readonly string[] = IDS) {
  return flat(normaliseStoq(ids, parseStoqResponse(result, ids, NOW), result.meta));
}

/** Every intent OUTCOME_UNKNOWN: the facade cannot tell what Stoq did. */
const unknown = (upstreamCode: string | null = null): Expected => ({ counts: [0, 0, 3], deletedIds: [], failures: 'OUTCOME_UNKNOWN', upstreamCode });
/** Stoq refused the whole call: every intent fails with `row`, and the batch carries the refusal `code`. */
const refused = (code: ErrorCode, row: BulkDeleteFailureCode, upstreamCode: string | null, retryAfter?: number): Expected =>
  ({ counts: [0, 0, 3], deletedIds: [], failures: row, upstreamCode, refusal: code, ...(retryAfter === undefined ? {} : { retryAfter }) });

const HTML = '<!DOCTYPE html><html><body><h1>Not Found</h1></body></html>';

describe('normaliseStoq(parseStoqResponse(...))', () => {
  it.each<[string, CallResult, Expected]>([
    // 200 {success, deleted_count}
    ['200 deleting every intent lists them all', http(200, json({ success: true, deleted_count: 3 })), { counts: [3, 0, 0], deletedIds: IDS, failures: {} }],
    ['200 deleting some counts the rest as not found, without IDs', http(200, json({ success: true, deleted_count: 1 })), { counts: [1, 2, 0], deletedIds: null }],
    ['200 deleting none counts all as not found, deletedIds []', http(200, json({ success: true, deleted_count: 0 })), { counts: [0, 3, 0], deletedIds: [] }],
    ['200 without `success` still reads the count', http(200, json({ deleted_count: 3 })), { counts: [3, 0, 0], deletedIds: IDS }],
    ['200 `success:false` with nothing deleted is a plain count', http(200, json({ success: false, deleted_count: 0 })), { counts: [0, 3, 0], deletedIds: [] }],
    ['200 `success:false` claiming deletions is contradictory', http(200, json({ success: false, deleted_count: 2 })), unknown()],
    ['200 with deleted_count above the IDs sent', http(200, json({ success: true, deleted_count: 4 })), unknown()],
    ['200 without deleted_count', http(200, json({ success: true })), unknown()],
    ['200 with a negative deleted_count', http(200, json({ success: true, deleted_count: -1 })), unknown()],
    ['200 with a fractional deleted_count', http(200, json({ success: true, deleted_count: 1.5 })), unknown()],
    ['200 with deleted_count as a string', http(200, json({ success: true, deleted_count: '3' })), unknown()],
    ['200 with a JSON array', http(200, json([3])), unknown()],
    ['200 with an HTML page', http(200, HTML), unknown()],
    ['200 with truncated JSON', http(200, '{"success":true,"deleted_co'), unknown()],
    ['200 with an empty body', http(200, ''), unknown()],
    ['204 with no body', http(204, ''), unknown()],
    // 404 "No valid intents found"
    ['404 JSON means none of the intents exists', http(404, json({ error: 'No valid intents found' })), { counts: [0, 3, 0], deletedIds: [] }],
    ['404 JSON with an empty object is still Stoq\'s answer', http(404, json({})), { counts: [0, 3, 0], deletedIds: [] }],
    ['404 HTML is a wrong base URL, not "not found"', http(404, HTML), refused('UPSTREAM_BAD_RESPONSE', 'REJECTED', 'http_404')],
    ['404 with an empty body is not Stoq\'s answer either', http(404, ''), refused('UPSTREAM_BAD_RESPONSE', 'REJECTED', 'http_404')],
    // 422 {error, sent_intent_ids}
    ['422 naming one sent intent fails it ALREADY_SENT and the others NOT_ATTEMPTED',
      http(422, json({ error: 'Cannot delete intents that have already been sent', sent_intent_ids: ['int_2'] })),
      { counts: [0, 0, 3], deletedIds: [], failures: { int_1: 'NOT_ATTEMPTED', int_2: 'ALREADY_SENT', int_3: 'NOT_ATTEMPTED' }, sentIntentIds: ['int_2'] }],
    ['422 naming every intent fails all ALREADY_SENT',
      http(422, json({ sent_intent_ids: ['int_3', 'int_1', 'int_2'] })),
      { counts: [0, 0, 3], deletedIds: [], failures: 'ALREADY_SENT', sentIntentIds: ['int_3', 'int_1', 'int_2'] }],
    ['422 ignores listed IDs that were not sent in this call',
      http(422, json({ sent_intent_ids: ['int_1', 'other_9'] })),
      { counts: [0, 0, 3], deletedIds: [], failures: { int_1: 'ALREADY_SENT', int_2: 'NOT_ATTEMPTED', int_3: 'NOT_ATTEMPTED' }, sentIntentIds: ['int_1'] }],
    ['422 lists a repeated sent ID once',
      http(422, json({ sent_intent_ids: ['int_1', 'int_1', 42, null] })),
      { counts: [0, 0, 3], deletedIds: [], failures: { int_1: 'ALREADY_SENT', int_2: 'NOT_ATTEMPTED', int_3: 'NOT_ATTEMPTED' }, sentIntentIds: ['int_1'] }],
    ['422 naming only IDs that are not ours cannot be acted on', http(422, json({ sent_intent_ids: ['other_9'] })), refused('UPSTREAM_BAD_RESPONSE', 'REJECTED', 'http_422')],
    ['422 with an empty list', http(422, json({ error: 'Cannot delete intents', sent_intent_ids: [] })), refused('UPSTREAM_BAD_RESPONSE', 'REJECTED', 'http_422')],
    ['422 without a list', http(422, json({ error: 'unprocessable' })), refused('UPSTREAM_BAD_RESPONSE', 'REJECTED', 'unprocessable')],
    ['422 with a list that is not an array', http(422, json({ sent_intent_ids: 'int_1' })), refused('UPSTREAM_BAD_RESPONSE', 'REJECTED', 'http_422')],
    ['422 with an unreadable body', http(422, HTML), refused('UPSTREAM_BAD_RESPONSE', 'REJECTED', 'http_422')],
    // Refusals: certainly not processed
    ['400 with a free-text error', http(400, json({ error: 'intent_ids is required' })), refused('BAD_USER_INPUT', 'REJECTED', 'http_400')],
    ['400 with a machine code', http(400, json({ error: 'invalid_parameters' })), refused('BAD_USER_INPUT', 'REJECTED', 'invalid_parameters')],
    ['401', http(401, ''), refused('UPSTREAM_AUTH_FAILED', 'REJECTED', 'http_401')],
    ['403', http(403, json({ error: 'forbidden' })), refused('UPSTREAM_AUTH_FAILED', 'REJECTED', 'forbidden')],
    ['429 with Retry-After', http(429, json({ error: 'Too many requests' }), { 'retry-after': '30' }), refused('RATE_LIMITED', 'RATE_LIMITED', 'http_429', 30)],
    ['429 with a fractional Retry-After rounds up', http(429, '', { 'retry-after': '1.2' }), refused('RATE_LIMITED', 'RATE_LIMITED', 'http_429', 2)],
    ['429 with X-RateLimit-Reset only', http(429, '', { 'x-ratelimit-reset': String(NOW / 1000 + 45) }), refused('RATE_LIMITED', 'RATE_LIMITED', 'http_429', 45)],
    ['503', http(503, 'Service Unavailable'), refused('UPSTREAM_UNAVAILABLE', 'UPSTREAM_ERROR', 'http_503')],
    ['418, a status nobody documents', http(418, json({ error: 'teapot' })), refused('UPSTREAM_BAD_RESPONSE', 'REJECTED', 'teapot')],
    ['301, a redirect the facade does not follow', http(301, '', { location: 'https://elsewhere.example/' }), refused('UPSTREAM_BAD_RESPONSE', 'REJECTED', 'http_301')],
    ['connection refused before sending', notSent(), refused('UPSTREAM_UNAVAILABLE', 'UPSTREAM_ERROR', null)],
    // May have been processed
    ['500', http(500, json({ error: 'internal' })), unknown('internal')],
    ['502 with an HTML page', http(502, HTML), unknown('http_502')],
    ['a lost answer', lost(), unknown(null)],
    ['401 after an attempt that may have been processed', afterProcessed(401, ''), unknown('http_401')],
    ['429 after an attempt that may have been processed', afterProcessed(429, '', { 'retry-after': '1' }), unknown('http_429')],
    ['503 after an attempt that may have been processed', afterProcessed(503, ''), unknown('http_503')],
    ['404 after an attempt that may have been processed', afterProcessed(404, json({ error: 'No valid intents found' })), unknown('http_404')],
    ['422 after an attempt that may have been processed', afterProcessed(422, json({ sent_intent_ids: ['int_1'] })), unknown('http_422')],
  ])('%s', (_description, result, expected) => {
    expectOutcome(normalise(result), expected);
  });

  it('tags a refusal with the upstream and its status', () => {
    const { refusal } = normalise(http(429, '', { 'retry-after': '30' }));
    expect(refusal).toMatchObject({ code: 'RATE_LIMITED', upstream: 'stoq', upstreamStatus: 429, retryAfter: 30 });
    expect(refusal?.message).toMatch(/Stoq.*429.*30 s/);
  });

  it('leaves upstreamStatus out when the request never reached Stoq', () => {
    const { refusal } = normalise(notSent());
    expect(refusal).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'stoq' });
    expect(refusal?.upstreamStatus).toBeUndefined();
  });

  it('stops later batches after 401, 403 and 429 only', () => {
    const stops = [401, 403, 429, 400, 503, 418].map((status) => [status, normalise(http(status, '')).stopsLaterBatches]);
    expect(stops).toEqual([[401, true], [403, true], [429, true], [400, false], [503, false], [418, false]]);
  });

  it('never copies the upstream body into a message', () => {
    const body = json({ error: 'token fake-live-token-abcdef1234 is invalid', detail: '<script>x</script>' });
    for (const status of [400, 401, 418, 422, 500]) {
      for (const failure of normalise(http(status, body)).failures) {
        expect(failure.message).not.toContain('fake-live-token-abcdef1234');
        expect(failure.message).not.toContain('<script>');
      }
    }
  });

  it('says which intents were sent in a 422 for the intents of this call only', () => {
    const outcome = normalise(http(422, json({ sent_intent_ids: ['b', 'a'] })), ['a', 'b', 'c']);
    expect(outcome.sentIntentIds).toEqual(['b', 'a']);
    expect(outcome.failures.map((f) => [f.id, f.code])).toEqual([['a', 'ALREADY_SENT'], ['b', 'ALREADY_SENT'], ['c', 'NOT_ATTEMPTED']]);
  });

  it('keeps the request IDs and rate limit the call gathered', () => {
    const meta = { upstreamRequestIds: ['req-1', 'req-2'], rateLimit: { rateLimit: { limit: 360, remaining: 354, resetAt: null }, observedAt: NOW } };
    const outcome = normalise(http(200, json({ success: true, deleted_count: 3 }), {}, meta));
    expect(outcome.upstreamRequestIds).toEqual(['req-1', 'req-2']);
    expect(outcome.rateLimit).toEqual(meta.rateLimit);
  });
});
