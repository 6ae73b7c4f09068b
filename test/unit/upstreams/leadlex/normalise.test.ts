import { describe, expect, it } from 'vitest';
import type { BulkDeleteFailureCode } from '../../../../src/__generated__/schema-types.ts';
import type { ErrorCode } from '../../../../src/errors/index.ts';
import type { CallResult } from '../../../../src/upstreams/http.ts';
import { normaliseLeadLex, parseLeadLexResponse } from '../../../../src/upstreams/leadlex/index.ts';
import { afterProcessed, expectOutcome, flat, http, json, lost, notSent, NOW, type Expected } from '../../bulk-delete/helpers.ts';

const IDS = ['d1', 'd2', 'd3'];

function normalise(result: CallResult, ids: readonly string[] = IDS) {
  return flat(normaliseLeadLex(ids, parseLeadLexResponse(result, ids, NOW), result.meta));
}

/** A 200 `{data: {deleted_count, not_found_count, errors}}`. */
const data = (deleted: unknown, notFound: unknown, errors?: unknown) =>
  http(200, json({ data: { deleted_count: deleted, not_found_count: notFound, ...(errors === undefined ? {} : { errors }) } }));
const row = (dealId: string, code = 'deal_locked', message = 'Deal is locked') => ({ deal_id: dealId, code, message });

const unknown = (upstreamCode: string | null = null): Expected => ({ counts: [0, 0, 3], deletedIds: [], failures: 'OUTCOME_UNKNOWN', upstreamCode });
const refused = (code: ErrorCode, rowCode: BulkDeleteFailureCode, upstreamCode: string | null, retryAfter?: number): Expected =>
  ({ counts: [0, 0, 3], deletedIds: [], failures: rowCode, upstreamCode, refusal: code, ...(retryAfter === undefined ? {} : { retryAfter }) });

const RESET_IN_AN_HOUR = String(NOW / 1000 + 3600);

describe('normaliseLeadLex(parseLeadLexResponse(...))', () => {
  it.each<[string, CallResult, Expected]>([
    ['the documented example: every deal deleted', data(3, 0, []), { counts: [3, 0, 0], deletedIds: IDS, failures: {} }],
    ['`errors` left out is an empty list', data(3, 0), { counts: [3, 0, 0], deletedIds: IDS }],
    ['an error row fails its deal REJECTED with LeadLex\'s code', data(2, 0, [row('d2')]), { counts: [2, 0, 1], deletedIds: ['d1', 'd3'], failures: { d2: 'REJECTED' }, upstreamCode: 'deal_locked' }],
    ['error rows for every deal', data(0, 0, [row('d3'), row('d1'), row('d2')]), { counts: [0, 0, 3], deletedIds: [], failures: 'REJECTED', upstreamCode: 'deal_locked' }],
    ['an error row without a code', data(2, 0, [{ deal_id: 'd1', message: 'nope' }]), { counts: [2, 0, 1], deletedIds: ['d2', 'd3'], failures: { d1: 'REJECTED' }, upstreamCode: null }],
    ['not found deals leave deletedIds unknown', data(2, 1, []), { counts: [2, 1, 0], deletedIds: null, failures: {} }],
    ['every deal not found', data(0, 3, []), { counts: [0, 3, 0], deletedIds: null }],
    ['not found and an error row', data(1, 1, [row('d3')]), { counts: [1, 1, 1], deletedIds: null, failures: { d3: 'REJECTED' } }],
    // Answers that do not add up
    ['counts above the deals sent', data(3, 1, []), unknown()],
    ['counts below the deals sent', data(1, 0, []), unknown()],
    ['an error row and a full deleted count', data(3, 0, [row('d1')]), unknown()],
    ['an error row for a deal not in the batch', data(2, 0, [row('d9')]), unknown()],
    ['the same deal in two error rows', data(1, 0, [row('d2'), row('d2')]), unknown()],
    ['an error row without deal_id', data(2, 0, [{ code: 'x', message: 'y' }]), unknown()],
    ['an error row that is a bare string', data(2, 0, ['d2']), unknown()],
    ['`errors` not a list', data(2, 0, { d2: 'locked' }), unknown()],
    ['a negative count', data(4, -1, []), unknown()],
    ['a fractional count', data(2.5, 0.5, []), unknown()],
    ['counts as strings', data('3', '0', []), unknown()],
    ['a missing not_found_count', http(200, json({ data: { deleted_count: 3, errors: [] } })), unknown()],
    ['`data` missing', http(200, json({ deleted_count: 3, not_found_count: 0, errors: [] })), unknown()],
    ['`data` null', http(200, json({ data: null })), unknown()],
    ['`data` an array', http(200, json({ data: [3, 0] })), unknown()],
    ['an HTML 200', http(200, '<html>ok</html>'), unknown()],
    ['truncated JSON', http(200, '{"data":{"deleted_count":3,'), unknown()],
    ['an empty 200', http(200, ''), unknown()],
    // Documented error statuses
    ['400 validation_error', http(400, json({ error: { code: 'validation_error', message: 'More than 500 IDs' } })), refused('BAD_USER_INPUT', 'REJECTED', 'validation_error')],
    ['400 with a top-level code', http(400, json({ code: 'validation_error', message: 'missing deal_ids' })), refused('BAD_USER_INPUT', 'REJECTED', 'validation_error')],
    ['401 invalid_key', http(401, json({ error: { code: 'invalid_key', message: 'Invalid or expired API key' } })), refused('UPSTREAM_AUTH_FAILED', 'REJECTED', 'invalid_key')],
    ['403 insufficient_permissions', http(403, json({ error: 'insufficient_permissions' })), refused('UPSTREAM_AUTH_FAILED', 'REJECTED', 'insufficient_permissions')],
    ['429 rate_limited with X-RateLimit-Reset', http(429, json({ error: { code: 'rate_limited' } }), { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': RESET_IN_AN_HOUR }), refused('RATE_LIMITED', 'RATE_LIMITED', 'rate_limited', 3600)],
    ['429 rate_limited with Retry-After before X-RateLimit-Reset', http(429, json({ error: { code: 'rate_limited' } }), { 'retry-after': '120', 'x-ratelimit-reset': RESET_IN_AN_HOUR }), refused('RATE_LIMITED', 'RATE_LIMITED', 'rate_limited', 120)],
    ['429 rate_limited with no hint when to retry', http(429, json({ error: { code: 'rate_limited' } })), { ...refused('RATE_LIMITED', 'RATE_LIMITED', 'rate_limited'), retryAfter: undefined }],
    ['503', http(503, ''), refused('UPSTREAM_UNAVAILABLE', 'UPSTREAM_ERROR', 'http_503')],
    ['not sent', notSent(), refused('UPSTREAM_UNAVAILABLE', 'UPSTREAM_ERROR', null)],
    ['an undocumented 409', http(409, json({ error: { code: 'conflict' } })), refused('UPSTREAM_BAD_RESPONSE', 'REJECTED', 'conflict')],
    ['a 404 page', http(404, '<html>404</html>'), refused('UPSTREAM_BAD_RESPONSE', 'REJECTED', 'http_404')],
    // May have been processed
    ['500', http(500, json({ error: { code: 'internal_error' } })), unknown('internal_error')],
    ['502', http(502, '<html>Bad Gateway</html>'), unknown('http_502')],
    ['a lost answer', lost(), unknown()],
    ['429 after an attempt that may have been processed', afterProcessed(429, json({ error: { code: 'rate_limited' } })), unknown('rate_limited')],
    ['400 after an attempt that may have been processed', afterProcessed(400, ''), unknown('http_400')],
  ])('%s', (_description, result, expected) => {
    expectOutcome(normalise(result), expected);
  });

  it('gives the default retryAfter (60 s) for a 429 without a reset time', () => {
    const { refusal } = normalise(http(429, json({ error: { code: 'rate_limited' } })));
    expect(refusal?.retryAfter).toBe(60);
    expect(refusal?.message).toMatch(/retry after 60 s/);
  });

  it('tags a refusal with leadlex, its status and the wait', () => {
    const { refusal, stopsLaterBatches } = normalise(http(429, '', { 'x-ratelimit-reset': RESET_IN_AN_HOUR }));
    expect(refusal).toMatchObject({ code: 'RATE_LIMITED', upstream: 'leadlex', upstreamStatus: 429, retryAfter: 3600 });
    expect(stopsLaterBatches).toBe(true);
  });

  it('puts the error row\'s message in the failure, naming LeadLex', () => {
    const [failure] = normalise(data(2, 0, [row('d2', 'deal_locked', 'Deal is locked by a workflow')])).failures;
    expect(failure).toEqual({ id: 'd2', code: 'REJECTED', message: 'LeadLex refused to delete this deal: Deal is locked by a workflow', upstreamCode: 'deal_locked' });
  });

  it('sanitises and bounds an error row\'s message and code', () => {
    const [failure] = normalise(data(2, 0, [row('d2', `bad\ncode${'x'.repeat(200)}`, `a\u0000b\r\n${'y'.repeat(10_000)}`)])).failures;
    expect(failure?.message.length).toBeLessThanOrEqual(300);
    expect(failure?.message).not.toMatch(/[\u0000-\u001f]/);
    // A code that is not a short machine token is not passed on as upstreamCode.
    expect(failure?.upstreamCode).toBeNull();
  });

  it('keeps the call\'s X-Request-IDs and rate limit', () => {
    const meta = { upstreamRequestIds: ['req-a'], rateLimit: { rateLimit: { limit: 1000, remaining: 997, resetAt: '2030-01-02T00:00:00.000Z' }, observedAt: NOW } };
    const outcome = normalise(http(200, json({ data: { deleted_count: 3, not_found_count: 0, errors: [] } }), {}, meta));
    expect(outcome.upstreamRequestIds).toEqual(['req-a']);
    expect(outcome.rateLimit).toEqual(meta.rateLimit);
  });
});
