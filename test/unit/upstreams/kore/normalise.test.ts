import { describe, expect, it } from 'vitest';
import type { BulkDeleteFailureCode } from '../../../../src/__generated__/schema-types.ts';
import type { ErrorCode } from '../../../../src/errors/index.ts';
import type { CallResult } from '../../../../src/upstreams/http.ts';
import { normaliseKore, parseKoreResponse } from '../../../../src/upstreams/kore/index.ts';
import { afterProcessed, expectOutcome, flat, http, json, lost, notSent, NOW, type Expected } from '../../bulk-delete/helpers.ts';

const IDS = ['c1', 'c2', 'c3'];

function normalise(result: CallResult, ids: readonly string[] = IDS) {
  return flat(normaliseKore(ids, parseKoreResponse(result, NOW), result.meta));
}

/** A 200 whose successfulRecords hold `deleted` as `{id}` and failedRecords `failed` verbatim. */
const records = (deleted: readonly unknown[], failed: unknown = []) => http(200, json({
  totalRequested: 3, successful: deleted.length, failed: Array.isArray(failed) ? failed.length : 0,
  successfulRecords: deleted.map((id) => (typeof id === 'string' ? { id } : id)), failedRecords: failed,
}));

/** c1 and c2 deleted, c3 failed REJECTED with this upstreamCode. */
const c3Rejected = (upstreamCode: string | null = null): Expected =>
  ({ counts: [2, 0, 1], deletedIds: ['c1', 'c2'], failures: { c3: 'REJECTED' }, upstreamCode });
/** c1 and c2 deleted, c3 OUTCOME_UNKNOWN. */
const c3Unknown: Expected = { counts: [2, 0, 1], deletedIds: ['c1', 'c2'], failures: { c3: 'OUTCOME_UNKNOWN' }, upstreamCode: null };
const unknown = (upstreamCode: string | null = null): Expected => ({ counts: [0, 0, 3], deletedIds: [], failures: 'OUTCOME_UNKNOWN', upstreamCode });
const refused = (code: ErrorCode, row: BulkDeleteFailureCode, upstreamCode: string | null, retryAfter?: number): Expected =>
  ({ counts: [0, 0, 3], deletedIds: [], failures: row, upstreamCode, refusal: code, ...(retryAfter === undefined ? {} : { retryAfter }) });

const HTML = '<html><body>Bad Gateway</body></html>';

describe('normaliseKore(parseKoreResponse(...))', () => {
  it.each<[string, CallResult, Expected]>([
    ['the documented sample: every contact deleted', records(['c1', 'c2', 'c3']), { counts: [3, 0, 0], deletedIds: IDS, failures: {} }],
    ['lists deleted IDs in request order, whatever order Kore.ai used', records(['c3', 'c1', 'c2']), { counts: [3, 0, 0], deletedIds: IDS }],
    // failedRecords shapes (undocumented)
    ['failed `{id, reason}`', records(['c1', 'c2'], [{ id: 'c3', reason: 'Contact is locked' }]), c3Rejected()],
    ['failed `{id, message}`', records(['c1', 'c2'], [{ id: 'c3', message: 'Contact is locked' }]), c3Rejected()],
    ['failed `{_id, error: string}`', records(['c1', 'c2'], [{ _id: 'c3', error: 'Contact is locked' }]), c3Rejected()],
    ['failed as a bare ID string', records(['c1', 'c2'], ['c3']), c3Rejected()],
    ['failed `{record: {id}, error: {code, message}}`', records(['c1', 'c2'], [{ record: { id: 'c3' }, error: { code: 'LOCKED', message: 'Contact is locked' } }]), c3Rejected('LOCKED')],
    ['failed `{contactId, msg}`', records(['c1', 'c2'], [{ contactId: 'c3', msg: 'Contact is locked' }]), c3Rejected()],
    ['failed `{recordId, errorCode}`', records(['c1', 'c2'], [{ recordId: 'c3', errorCode: 'E_LOCKED' }]), c3Rejected('E_LOCKED')],
    ['failed `{id, code: 404}` with a numeric code', records(['c1', 'c2'], [{ id: 'c3', code: 404 }]), c3Rejected('404')],
    ['failed entry with no ID leaves its contact unaccounted', records(['c1', 'c2'], [{ reason: 'Contact is locked' }]), c3Unknown],
    ['failed entry with an empty or numeric ID is ignored', records(['c1', 'c2'], [{ id: '' }, { id: 3 }, null, 7, []]), c3Unknown],
    ['the same contact failed twice is one failure', records(['c1', 'c2'], [{ id: 'c3', code: 'A' }, { id: 'c3', code: 'B' }]), c3Rejected('A')],
    // Contradictions and omissions
    ['a contact in neither list', records(['c1', 'c2'], []), c3Unknown],
    ['a contact in both lists', records(['c1', 'c2', 'c3'], [{ id: 'c3', reason: 'locked' }]), c3Unknown],
    ['listed IDs that were not requested are ignored', records(['c1', 'c2', 'zz'], [{ id: 'yy', reason: 'no' }]), c3Unknown],
    ['successfulRecords as bare strings', http(200, json({ successfulRecords: ['c1', 'c2', 'c3'], failedRecords: [] })), { counts: [3, 0, 0], deletedIds: IDS }],
    ['successfulRecords with `_id` and `contactId`', records([{ _id: 'c1' }, { contactId: 'c2' }, { record: { id: 'c3' } }]), { counts: [3, 0, 0], deletedIds: IDS }],
    ['a deleted contact listed twice counts once', records(['c1', 'c1', 'c2'], [{ id: 'c3' }]), c3Rejected()],
    ['failedRecords missing', http(200, json({ successfulRecords: [{ id: 'c1' }, { id: 'c2' }] })), c3Unknown],
    ['failedRecords not an array', http(200, json({ successfulRecords: [{ id: 'c1' }, { id: 'c2' }], failedRecords: { id: 'c3' } })), c3Unknown],
    ['failedRecords only, every contact failed', http(200, json({ successfulRecords: [], failedRecords: ['c1', 'c2', 'c3'] })), { counts: [0, 0, 3], deletedIds: [], failures: 'REJECTED' }],
    ['207 with records is read like a 200', http(207, json({ successfulRecords: [{ id: 'c1' }, { id: 'c2' }], failedRecords: [{ id: 'c3' }] })), c3Rejected()],
    // Unreadable 2xx
    ['successfulRecords missing', http(200, json({ totalRequested: 3, successful: 3, failed: 0, failedRecords: [] })), unknown()],
    ['successfulRecords not an array', http(200, json({ successfulRecords: { id: 'c1' }, failedRecords: [] })), unknown()],
    ['only the counts', http(200, json({ totalRequested: 3, successful: 3, failed: 0 })), unknown()],
    ['an HTML 200', http(200, HTML), unknown()],
    ['truncated JSON', http(200, '{"successfulRecords":[{"id":"c1"},'), unknown()],
    ['an empty 200', http(200, ''), unknown()],
    // Shared statuses
    ['400', http(400, json({ errors: [{ msg: 'ids is required', code: 'INVALID_REQUEST' }] })), refused('BAD_USER_INPUT', 'REJECTED', 'INVALID_REQUEST')],
    ['401 for a bad JWT', http(401, json({ errors: [{ msg: 'Invalid token', code: 401 }] })), refused('UPSTREAM_AUTH_FAILED', 'REJECTED', '401')],
    ['403', http(403, ''), refused('UPSTREAM_AUTH_FAILED', 'REJECTED', 'http_403')],
    ['404 for an unknown stream', http(404, json({ errors: [{ msg: 'Stream not found' }] })), refused('UPSTREAM_BAD_RESPONSE', 'REJECTED', 'http_404')],
    ['429 with Retry-After', http(429, '', { 'retry-after': '7' }), refused('RATE_LIMITED', 'RATE_LIMITED', 'http_429', 7)],
    ['429 with a Retry-After date', http(429, '', { 'retry-after': new Date(NOW + 90_000).toUTCString() }), refused('RATE_LIMITED', 'RATE_LIMITED', 'http_429', 90)],
    ['503', http(503, HTML), refused('UPSTREAM_UNAVAILABLE', 'UPSTREAM_ERROR', 'http_503')],
    ['not sent', notSent(), refused('UPSTREAM_UNAVAILABLE', 'UPSTREAM_ERROR', null)],
    ['500', http(500, HTML), unknown('http_500')],
    ['504', http(504, ''), unknown('http_504')],
    ['a lost answer', lost(), unknown()],
    ['403 after an attempt that may have been processed', afterProcessed(403, ''), unknown('http_403')],
  ])('%s', (_description, result, expected) => {
    expectOutcome(normalise(result), expected);
  });

  it('puts the failed record\'s reason in the row message, naming Kore.ai', () => {
    const [row] = normalise(records(['c1', 'c2'], [{ id: 'c3', reason: 'Contact is locked' }])).failures;
    expect(row?.message).toBe('Kore.ai could not delete this contact: Contact is locked');
  });

  it.each([
    ['reason', { id: 'c3', reason: 'R' }],
    ['message', { id: 'c3', message: 'R' }],
    ['error string', { id: 'c3', error: 'R' }],
    ['error.message', { id: 'c3', error: { message: 'R' } }],
    ['error.msg', { id: 'c3', error: { msg: 'R' } }],
  ])('reads the reason from %s', (_where, entry) => {
    expect(normalise(records(['c1', 'c2'], [entry])).failures[0]?.message).toMatch(/: R$/);
  });

  it('says "no reason given" when a failed record has none', () => {
    expect(normalise(records(['c1', 'c2'], ['c3'])).failures[0]?.message).toMatch(/: no reason given$/);
    expect(normalise(records(['c1', 'c2'], [{ id: 'c3', reason: '   ' }])).failures[0]?.message).toMatch(/: no reason given$/);
  });

  it('bounds a huge reason and drops a code that is not a short token', () => {
    const [row] = normalise(records(['c1', 'c2'], [{ id: 'c3', reason: 'x'.repeat(100_000), code: 'C'.repeat(1_000) }])).failures;
    expect(row?.message.length).toBeLessThanOrEqual(300);
    expect(row?.message.endsWith('…')).toBe(true);
    expect(row?.upstreamCode).toBeNull();
  });

  it.each([
    ['a token', 'contact_locked', 'contact_locked'],
    ['a number', 423, '423'],
    ['free text', 'Contact is locked by agent', null],
    ['an empty string', '', null],
  ])('keeps a failed record\'s code only when it is %s-like', (_name, code, expected) => {
    const [row] = normalise(records(['c1', 'c2'], [{ id: 'c3', reason: 'no', code }])).failures;
    expect(row?.upstreamCode).toBe(expected);
  });

  it('removes control characters from a reason', () => {
    const [row] = normalise(records(['c1', 'c2'], [{ id: 'c3', reason: 'line\u0000one\r\nline\u001btwo\u2028\u0085end\t' }])).failures;
    expect(row?.message).toBe('Kore.ai could not delete this contact: line one line two end');
    expect(row?.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  });

  it('describes an unmentioned and a contradicted contact differently', () => {
    const neither = normalise(records(['c1', 'c2'])).failures[0]?.message;
    const both = normalise(records(['c1', 'c2', 'c3'], ['c3'])).failures[0]?.message;
    expect(neither).toMatch(/did not mention/);
    expect(both).toMatch(/both deleted and failed/);
  });

  it('tags a refusal with kore and its status', () => {
    expect(normalise(http(401, '')).refusal).toMatchObject({ code: 'UPSTREAM_AUTH_FAILED', upstream: 'kore', upstreamStatus: 401 });
    expect(normalise(http(401, '')).stopsLaterBatches).toBe(true);
  });
});
