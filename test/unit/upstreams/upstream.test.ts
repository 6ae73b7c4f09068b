import { describe, expect, it } from 'vitest';
import { isConsistent, NO_METADATA } from '../../../src/bulk-delete/outcome.ts';
import type { CallResult } from '../../../src/upstreams/http.ts';
import {
  isRecord, normaliseCommonReply, parseCommonReply, parseJsonBody, readErrorCode, sanitiseUpstreamText, toCount, UNREADABLE,
  type CommonReply,
} from '../../../src/upstreams/upstream.ts';
import { afterProcessed, flat, http, json, lost, notSent, NOW } from '../bulk-delete/helpers.ts';

/** The shared reply for a call end that is not a 2xx (fails the test when it is one). */
function commonReply(result: CallResult): CommonReply {
  const reply = parseCommonReply(result, [], NOW);
  if (reply.kind === 'answered') throw new Error('expected a shared reply, got an answer for the vendor parser');
  return reply;
}

/** The kind and, for a refusal, the code and retryAfterS that parseCommonReply gives (no vendor statuses). */
function classify(result: CallResult, vendorStatuses: readonly number[] = []): string {
  const reply = parseCommonReply(result, vendorStatuses, NOW);
  if (reply.kind === 'refused') return `refused ${reply.code}${reply.retryAfterS === null ? '' : ` ${reply.retryAfterS}s`}`;
  return reply.kind;
}

describe('parseJsonBody', () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    ['[1,2]', [1, 2]],
    ['"text"', 'text'],
    ['null', null],
    ['', UNREADABLE],
    ['  \n', UNREADABLE],
    ['{"a":', UNREADABLE],
    ['<html></html>', UNREADABLE],
  ])('reads %j as %j', (text, expected) => {
    expect(parseJsonBody(text)).toEqual(expected);
  });
});

describe('isRecord', () => {
  it('accepts plain objects only', () => {
    expect([{}, { a: 1 }, [], null, 'x', 1, undefined].map(isRecord)).toEqual([true, true, false, false, false, false, false]);
  });
});

describe('toCount', () => {
  it.each([[0, 0], [3, 3], [-1, null], [1.5, null], ['3', null], [Number.MAX_SAFE_INTEGER + 1, null], [Number.NaN, null], [null, null]])(
    'reads %j as %j', (value, expected) => {
      expect(toCount(value)).toBe(expected);
    });
});

describe('sanitiseUpstreamText', () => {
  it('replaces runs of control characters with one space and trims', () => {
    expect(sanitiseUpstreamText('\u0000 a\r\n\tb\u007f\u0085c\u2028\u2029 ')).toBe('a b c');
  });

  it('cuts text longer than 200 characters and marks the cut', () => {
    const text = sanitiseUpstreamText('y'.repeat(1_000));
    expect(text).toBe(`${'y'.repeat(200)}…`);
  });

  it('keeps ordinary text, including non-ASCII letters', () => {
    expect(sanitiseUpstreamText('Kontakt gesperrt – bitte später')).toBe('Kontakt gesperrt – bitte später');
  });
});

describe('readErrorCode', () => {
  it.each<[string, unknown, string | null]>([
    ['error.code', { error: { code: 'invalid_key', message: 'Invalid key' } }, 'invalid_key'],
    ['a top-level code', { code: 'validation_error' }, 'validation_error'],
    ['error as a snake_case token', { error: 'rate_limited' }, 'rate_limited'],
    ['errors[0].code', { errors: [{ code: 'E_LOCKED' }] }, 'E_LOCKED'],
    ['a numeric code', { errors: [{ code: 401 }] }, '401'],
    ['error.code before code', { error: { code: 'first' }, code: 'second' }, 'first'],
    ['a sentence is not a code', { error: 'No valid intents found' }, null],
    ['a code with a newline is not a code', { code: 'bad\ncode' }, null],
    ['a code longer than 64 characters is not a code', { code: 'c'.repeat(65) }, null],
    ['a fractional number is not a code', { code: 1.5 }, null],
    ['an array body', ['invalid_key'], null],
    ['an unreadable body', UNREADABLE, null],
  ])('reads %s', (_what, body, expected) => {
    expect(readErrorCode(body)).toBe(expected);
  });
});

describe('parseCommonReply', () => {
  it.each<[string, CallResult, string]>([
    ['200', http(200, '{}'), 'answered'],
    ['201', http(201, '{}'), 'answered'],
    ['299', http(299, ''), 'answered'],
    ['200 after an attempt that may have been processed', afterProcessed(200, '{}'), 'answered'],
    ['100', http(100, ''), 'refused UPSTREAM_BAD_RESPONSE'],
    ['304', http(304, ''), 'refused UPSTREAM_BAD_RESPONSE'],
    ['400', http(400, ''), 'refused BAD_USER_INPUT'],
    ['401', http(401, ''), 'refused UPSTREAM_AUTH_FAILED'],
    ['403', http(403, ''), 'refused UPSTREAM_AUTH_FAILED'],
    ['404', http(404, ''), 'refused UPSTREAM_BAD_RESPONSE'],
    ['429 with Retry-After: 0 asks for at least a second', http(429, '', { 'retry-after': '0' }), 'refused RATE_LIMITED 1s'],
    ['429 with Retry-After: 61', http(429, '', { 'retry-after': '61' }), 'refused RATE_LIMITED 61s'],
    ['429 with a past Retry-After date', http(429, '', { 'retry-after': new Date(NOW - 5_000).toUTCString() }), 'refused RATE_LIMITED 1s'],
    ['429 with an unreadable Retry-After (default wait)', http(429, '', { 'retry-after': 'soon' }), 'refused RATE_LIMITED 60s'],
    ['429 with X-RateLimit-Reset in epoch milliseconds', http(429, '', { 'x-ratelimit-reset': String(NOW + 10_000) }), 'refused RATE_LIMITED 10s'],
    ['429 with X-RateLimit-Reset as seconds from now', http(429, '', { 'x-ratelimit-reset': '20' }), 'refused RATE_LIMITED 20s'],
    ['499', http(499, ''), 'refused UPSTREAM_BAD_RESPONSE'],
    ['503', http(503, ''), 'refused UPSTREAM_UNAVAILABLE'],
    ['500', http(500, ''), 'unknown'],
    ['502', http(502, ''), 'unknown'],
    ['599', http(599, ''), 'unknown'],
    ['a lost answer', lost(), 'unknown'],
    ['a request never sent', notSent(), 'refused UPSTREAM_UNAVAILABLE'],
    ['a call held back by an open circuit', { kind: 'circuit-open', failures: 5, retryInMs: 29_001, meta: NO_METADATA }, 'refused UPSTREAM_UNAVAILABLE 30s'],
    ['a call held back while the circuit\'s probe is under way', { kind: 'circuit-open', failures: 5, retryInMs: 0, meta: NO_METADATA }, 'refused UPSTREAM_UNAVAILABLE 1s'],
    ['a call held back for rate-limit budget', { kind: 'budget-spent', retryAfterMs: 12_000, retryAtMs: NOW + 12_000, meta: NO_METADATA }, 'refused RATE_LIMITED 12s'],
    ['a call held back for a budget with no known reset (default wait)', { kind: 'budget-spent', retryAfterMs: null, retryAtMs: null, meta: NO_METADATA }, 'refused RATE_LIMITED 60s'],
    ['400 after an attempt that may have been processed', afterProcessed(400, ''), 'unknown'],
    ['401 after an attempt that may have been processed', afterProcessed(401, ''), 'unknown'],
    ['503 after an attempt that may have been processed', afterProcessed(503, ''), 'unknown'],
  ])('classifies %s', (_what, result, expected) => {
    expect(classify(result)).toBe(expected);
  });

  it('hands a vendor status to the vendor parser unless an earlier attempt may have been processed', () => {
    expect(classify(http(404, '{}'), [404, 422])).toBe('answered');
    expect(classify(http(422, '{}'), [404, 422])).toBe('answered');
    expect(classify(afterProcessed(404, '{}'), [404, 422])).toBe('unknown');
    expect(classify(http(404, '{}'), [422])).toBe('refused UPSTREAM_BAD_RESPONSE');
  });

  it('words a lost answer and an earlier processed attempt as sentences that start with the vendor', () => {
    const lostReply = flat(normaliseCommonReply('kore', ['a'], commonReply(lost('connection error ECONNRESET')), NO_METADATA));
    expect(lostReply.failures[0]?.message).toBe('Kore.ai sent no answer the facade received (connection error ECONNRESET): these IDs may or may not be deleted; check before retrying.');
    const earlier = flat(normaliseCommonReply('stoq', ['a'], commonReply(afterProcessed(401, '')), NO_METADATA));
    expect(earlier.failures[0]?.message).toMatch(/^Stoq may have processed an earlier attempt before it answered HTTP 401/);
  });

  it('words a call the facade held back as a refusal that names the upstream and why', () => {
    const circuit = flat(normaliseCommonReply('stoq', ['a'], commonReply({ kind: 'circuit-open', failures: 5, retryInMs: 12_500, meta: NO_METADATA }), NO_METADATA));
    expect(circuit.refusal).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'stoq', upstreamStatus: undefined, retryAfter: 13 });
    expect(circuit.refusal?.message).toBe('Stoq is failing: the facade\'s circuit for it is open after 5 consecutive failures; retry after 13 s. The IDs were not deleted.');
    expect(circuit.failures).toEqual([{ id: 'a', code: 'UPSTREAM_ERROR', message: circuit.refusal?.message, upstreamCode: null }]);
    const budget = flat(normaliseCommonReply('leadlex', ['a'], commonReply({ kind: 'budget-spent', retryAfterMs: 3_600_000, retryAtMs: NOW + 3_600_000, meta: NO_METADATA }), NO_METADATA));
    expect(budget.refusal).toMatchObject({ code: 'RATE_LIMITED', upstream: 'leadlex', retryAfter: 3600 });
    expect(budget.stopsLaterBatches).toBe(true);
    expect(budget.failures.map((f) => f.code)).toEqual(['RATE_LIMITED']);
  });

  it('carries the exact time a wait ends beside the whole seconds a client is told', () => {
    // A job resumes at the vendor's reset itself, not at the next whole second after it.
    const budget = flat(normaliseCommonReply('leadlex', ['a'], commonReply({ kind: 'budget-spent', retryAfterMs: 2_250, retryAtMs: NOW + 2_250, meta: NO_METADATA }), NO_METADATA));
    expect(budget.refusal).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 3, retryAt: NOW + 2_250 });
    const reset = flat(normaliseCommonReply('leadlex', ['a'], commonReply(http(429, '', { 'x-ratelimit-reset': String(NOW + 10_250) })), NO_METADATA));
    expect(reset.refusal).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 11, retryAt: NOW + 10_250 });
    // No known reset: the default wait, from now.
    const unknown = flat(normaliseCommonReply('leadlex', ['a'], commonReply({ kind: 'budget-spent', retryAfterMs: null, retryAtMs: null, meta: NO_METADATA }), NO_METADATA));
    expect(unknown.refusal).toMatchObject({ retryAfter: 60, retryAt: NOW + 60_000 });
    // An open circuit has no reset to meet: whole seconds, so a job never spins on a probe.
    const circuit = flat(normaliseCommonReply('stoq', ['a'], commonReply({ kind: 'circuit-open', failures: 5, retryInMs: 0, meta: NO_METADATA }), NO_METADATA));
    expect(circuit.refusal).toMatchObject({ retryAfter: 1, retryAt: undefined });
  });

  it('keeps the vendor\'s error code and the status', () => {
    expect(parseCommonReply(http(401, json({ error: { code: 'invalid_key' } })), [], NOW)).toMatchObject({ kind: 'refused', status: 401, upstreamCode: 'invalid_key' });
    expect(parseCommonReply(http(500, json({ code: 'boom' })), [], NOW)).toMatchObject({ kind: 'unknown', status: 500, upstreamCode: 'boom' });
  });
});

describe('normaliseCommonReply', () => {
  const ids = ['a', 'b'];
  const meta = { upstreamRequestIds: ['r1'], rateLimit: null };

  it('turns a refusal into a FacadeError on every ID, with the row code its refusal maps to', () => {
    const reply: CommonReply = { kind: 'refused', code: 'RATE_LIMITED', status: 429, upstreamCode: 'rate_limited', retryAfterS: 12, detail: 'rate limit reached' };
    const outcome = flat(normaliseCommonReply('leadlex', ids, reply, meta));
    expect(isConsistent(outcome)).toBe(true);
    expect(outcome.refusal).toMatchObject({ code: 'RATE_LIMITED', upstream: 'leadlex', upstreamStatus: 429, retryAfter: 12 });
    expect(outcome.refusal?.message).toBe('LeadLex rate limit reached (HTTP 429 rate_limited); retry after 12 s. The IDs were not deleted.');
    expect(outcome.failures).toEqual(ids.map((id) => ({ id, code: 'RATE_LIMITED', message: outcome.refusal?.message, upstreamCode: 'rate_limited' })));
    expect(outcome.upstreamRequestIds).toEqual(['r1']);
  });

  it('uses http_<status> as the upstreamCode when the vendor gave none', () => {
    const reply: CommonReply = { kind: 'refused', code: 'UPSTREAM_UNAVAILABLE', status: 503, upstreamCode: null, retryAfterS: null, detail: 'is unavailable' };
    const outcome = flat(normaliseCommonReply('stoq', ids, reply, meta));
    expect(outcome.failures.map((f) => [f.code, f.upstreamCode])).toEqual([['UPSTREAM_ERROR', 'http_503'], ['UPSTREAM_ERROR', 'http_503']]);
    expect(outcome.refusal?.message).toBe('Stoq is unavailable (HTTP 503). The IDs were not deleted.');
  });

  it('turns an unknown reply into OUTCOME_UNKNOWN rows and no refusal', () => {
    const reply: CommonReply = { kind: 'unknown', status: null, upstreamCode: null, detail: 'sent no answer the facade received (timeout)' };
    const outcome = flat(normaliseCommonReply('kore', ids, reply, meta));
    expect(outcome.refusal).toBeNull();
    expect(outcome.stopsLaterBatches).toBe(false);
    expect(outcome.failures.map((f) => [f.id, f.code, f.upstreamCode])).toEqual([['a', 'OUTCOME_UNKNOWN', null], ['b', 'OUTCOME_UNKNOWN', null]]);
    expect(outcome.failures[0]?.message).toBe('Kore.ai sent no answer the facade received (timeout): these IDs may or may not be deleted; check before retrying.');
  });
});
