import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UpstreamPolicy } from '../../../src/config/index.ts';
import {
  createUpstreamCaller, parseRateLimitHeaders, retryAfterMs,
  type CallObserver, type CallResult, type UpstreamRequest,
} from '../../../src/upstreams/http.ts';
import { createEndpoint } from '../../../src/upstreams/endpoint.ts';
import { FacadeError } from '../../../src/errors/index.ts';
import { UPSTREAM_TIMEOUT_MS, timingOut, until } from '../../helpers/upstream-timer.ts';
import { closedPortUrl, startFloodServer, startStubServer, type FloodServer, type StubServer, type StubStep } from '../../helpers/stub-server.ts';

// docs/contract.md §5 "Common to all three": the retry policy, against a scripted loopback stub.

const NOW = Date.UTC(2030, 0, 15, 12, 0, 0);
const NOW_S = NOW / 1000;
const POLICY: UpstreamPolicy = { timeoutMs: 2000, maxAttempts: 3, rateLimitMaxWaitMs: 5000, batchConcurrency: 4, maxResponseBytes: 1024 * 1024 };

let stub: StubServer | undefined;
let flood: FloodServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await stub?.close();
  await flood?.close();
  stub = undefined;
  flood = undefined;
});

interface Run {
  result: CallResult;
  /** Every wait the caller asked for, in ms, in order. */
  waits: number[];
  /** How many times it built a request (once per attempt). */
  built: number;
  attempts: string[];
  retries: string[];
}

interface CallSettings {
  idempotent?: boolean;
  policy?: Partial<UpstreamPolicy>;
  /** The base URL (default: a stub scripted with `steps`); the endpoint is `{url}/bulk`. */
  url?: string;
  /** The path the request is built with (default `/bulk`, the endpoint's). */
  path?: string;
  body?: string;
  baseDelay?: number;
  credentials?: string[];
}

/** Calls `{url}{path}` (default: a stub scripted with `steps`) once with the shared policy. */
async function call(steps: StubStep[], options: CallSettings = {}): Promise<Run> {
  if (options.url === undefined) stub = await startStubServer(...steps);
  const base = options.url ?? stub?.url ?? '';
  const url = `${base}${options.path ?? '/bulk'}`;
  const waits: number[] = [];
  const attempts: string[] = [];
  const retries: string[] = [];
  const observer: CallObserver = {
    attempt: (_u, outcome) => void attempts.push(outcome),
    retry: (_u, reason) => void retries.push(reason),
    circuitState: () => undefined,
    refused: () => undefined,
    waited: () => undefined,
    inFlight: () => undefined,
  };
  const caller = createUpstreamCaller({ ...POLICY, ...options.policy }, {
    now: () => NOW,
    sleep: async (ms) => void waits.push(ms),
    retryBaseDelayMs: options.baseDelay ?? 10,
    observer,
  });
  let built = 0;
  const request: UpstreamRequest = {
    method: 'POST', url, headers: { 'content-type': 'application/json', 'x-test': 'yes' }, body: options.body ?? '{"ids":["a"]}',
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  };
  const endpoint = createEndpoint('leadlex', base, '/bulk');
  const result = await caller({ upstream: 'leadlex', endpoint, idempotent: options.idempotent ?? false, buildRequest: () => (built++, request) });
  return { result, waits, built, attempts, retries };
}

/**
 * `call`, with every attempt the stub leaves unanswered (`hang`, `stall`) timed out by the test
 * (test/helpers/upstream-timer.ts) once the stub holds its request.
 */
function callTimingOut(steps: StubStep[], options: CallSettings = {}): Promise<Run> {
  const hung = steps.flatMap((step, index) => ('hang' in step || 'stall' in step ? [() => received() > index] : []));
  return timingOut(() => call(steps, { ...options, policy: { timeoutMs: UPSTREAM_TIMEOUT_MS, ...options.policy } }), hung);
}

const answer = (status: number, headers: Record<string, string> = {}, body = '{}'): StubStep => ({ status, headers, body });
const times = (n: number, step: StubStep): StubStep[] => Array.from({ length: n }, () => step);
const received = (): number => stub?.received.length ?? 0;

function statusOf(result: CallResult): number | string {
  return result.kind === 'answer' ? result.answer.status : result.kind;
}

describe('createUpstreamCaller', () => {
  it('sends the request exactly as built: method, path, headers and body', async () => {
    const { result } = await call([answer(200, {}, '{"ok":true}')]);
    expect(stub?.received).toEqual([expect.objectContaining({ method: 'POST', path: '/bulk', body: '{"ids":["a"]}' })]);
    expect(stub?.received[0]?.headers).toMatchObject({ 'content-type': 'application/json', 'x-test': 'yes' });
    expect(result).toMatchObject({ kind: 'answer', answer: { status: 200, body: '{"ok":true}' }, mayHaveProcessedEarlier: false });
  });

  describe('503', () => {
    it.each([1, 2, 3, 5])('is retried until UPSTREAM_MAX_ATTEMPTS (%i) attempts, then the last answer is returned', async (maxAttempts) => {
      const run = await call(times(6, answer(503)), { policy: { maxAttempts } });
      expect(received()).toBe(maxAttempts);
      expect(run.built).toBe(maxAttempts);
      expect(run.result).toMatchObject({ kind: 'answer', answer: { status: 503 }, mayHaveProcessedEarlier: false });
      expect(run.retries).toEqual(times(maxAttempts - 1, '503' as never));
    });

    it('returns the first answer that is not a 503', async () => {
      const run = await call([answer(503), answer(200, {}, '{"n":1}')]);
      expect(received()).toBe(2);
      expect(run.result).toMatchObject({ kind: 'answer', answer: { status: 200, body: '{"n":1}' }, mayHaveProcessedEarlier: false });
    });

    it('backs off exponentially from retryBaseDelayMs, with jitter between half and full', async () => {
      const run = await call(times(4, answer(503)), { policy: { maxAttempts: 4 }, baseDelay: 100 });
      expect(run.waits).toHaveLength(3);
      run.waits.forEach((ms, i) => {
        expect(ms).toBeGreaterThanOrEqual(50 * 2 ** i);
        expect(ms).toBeLessThanOrEqual(100 * 2 ** i);
      });
    });

    it('waits a Retry-After within RATE_LIMIT_MAX_WAIT_MS, and does not retry one beyond it', async () => {
      const within = await call([answer(503, { 'retry-after': '2' }), answer(200)]);
      expect(within.waits).toEqual([2000]);
      expect(statusOf(within.result)).toBe(200);
      await stub?.close();
      const beyond = await call([answer(503, { 'retry-after': '60' }), answer(200)]);
      expect(beyond.waits).toEqual([]);
      expect(received()).toBe(1);
      expect(statusOf(beyond.result)).toBe(503);
    });

    it('is retried even when it carries a far X-RateLimit-Reset (that is when the budget refills, not when the service is back)', async () => {
      const run = await call([answer(503, { 'x-ratelimit-limit': '360', 'x-ratelimit-remaining': '358', 'x-ratelimit-reset': String(NOW_S + 60) }), answer(200)]);
      expect(received()).toBe(2);
      expect(statusOf(run.result)).toBe(200);
    });
  });

  describe('429', () => {
    // [case, headers, waits, final status]; RATE_LIMIT_MAX_WAIT_MS is 5000, the clock is NOW.
    it.each<[string, Record<string, string>, number[], number]>([
      ['Retry-After seconds within the bound', { 'retry-after': '2' }, [2000], 200],
      ['Retry-After exactly the bound', { 'retry-after': '5' }, [5000], 200],
      ['Retry-After beyond the bound', { 'retry-after': '6' }, [], 429],
      ['Retry-After as an HTTP date 3 s ahead', { 'retry-after': new Date(NOW + 3000).toUTCString() }, [3000], 200],
      ['X-RateLimit-Reset (epoch seconds) 4 s ahead, no Retry-After', { 'x-ratelimit-reset': String(NOW_S + 4) }, [4000], 200],
      ['X-RateLimit-Reset an hour ahead', { 'x-ratelimit-reset': String(NOW_S + 3600) }, [], 429],
      ['Retry-After first, even with a far X-RateLimit-Reset', { 'retry-after': '1', 'x-ratelimit-reset': String(NOW_S + 3600) }, [1000], 200],
      ['no hint at all', {}, [], 429],
      ['an unreadable Retry-After and no reset', { 'retry-after': 'soon' }, [], 429],
    ])('%s: waits %j', async (_case, headers, waits, status) => {
      const run = await call([answer(429, headers), answer(200)]);
      expect(run.waits).toEqual(waits);
      expect(received()).toBe(waits.length + 1);
      expect(statusOf(run.result)).toBe(status);
      if (run.result.kind === 'answer') expect(run.result.mayHaveProcessedEarlier).toBe(false);
    });

    it('is waited out each time, but no more than UPSTREAM_MAX_ATTEMPTS attempts in all', async () => {
      const run = await call(times(5, answer(429, { 'retry-after': '1' })));
      expect(received()).toBe(3);
      expect(run.waits).toEqual([1000, 1000]);
      expect(statusOf(run.result)).toBe(429);
    });

    it('is waited out for a call that is not idempotent too (a 429 proves nothing was processed)', async () => {
      const run = await call([answer(429, { 'retry-after': '0' }), answer(200)], { idempotent: false });
      expect(received()).toBe(2);
      expect(run.result).toMatchObject({ kind: 'answer', answer: { status: 200 }, mayHaveProcessedEarlier: false });
    });
  });

  describe('5xx other than 503', () => {
    it.each([500, 502, 504])('%i is retried when idempotent, and marks that an earlier attempt may have been processed', async (status) => {
      const run = await call([answer(status), answer(200)], { idempotent: true });
      expect(received()).toBe(2);
      expect(run.result).toMatchObject({ kind: 'answer', answer: { status: 200 }, mayHaveProcessedEarlier: true });
    });

    it.each([500, 502, 504])('%i is not retried when not idempotent', async (status) => {
      const run = await call([answer(status), answer(200)], { idempotent: false });
      expect(received()).toBe(1);
      expect(run.waits).toEqual([]);
      expect(run.result).toMatchObject({ kind: 'answer', answer: { status }, mayHaveProcessedEarlier: false });
    });

    it('after a 500 then a 503 on the last attempt, says an earlier attempt may have been processed', async () => {
      const run = await call([answer(500), answer(503)], { idempotent: true, policy: { maxAttempts: 2 } });
      expect(run.result).toMatchObject({ kind: 'answer', answer: { status: 503 }, mayHaveProcessedEarlier: true });
    });
  });

  describe('4xx other than 429', () => {
    it.each([400, 401, 403, 404, 418, 422])('%i is returned at once, even when idempotent', async (status) => {
      const run = await call([answer(status), answer(200)], { idempotent: true });
      expect(received()).toBe(1);
      expect(statusOf(run.result)).toBe(status);
    });
  });

  describe('timeout', () => {
    it('is not retried when not idempotent: the answer is lost', async () => {
      const run = await callTimingOut([{ hang: true }, answer(200)]);
      expect(received()).toBe(1);
      expect(run.result).toMatchObject({ kind: 'lost', reason: expect.stringContaining('UPSTREAM_TIMEOUT_MS') });
      expect(run.attempts).toEqual(['error']);
    });

    it('is retried when idempotent, and the answer that settles it says an earlier attempt may have been processed', async () => {
      const run = await callTimingOut([{ hang: true }, answer(200)], { idempotent: true });
      expect(received()).toBe(2);
      expect(run.result).toMatchObject({ kind: 'answer', answer: { status: 200 }, mayHaveProcessedEarlier: true });
    });

    it('ends lost when every idempotent attempt times out', async () => {
      const run = await callTimingOut(times(3, { hang: true }), { idempotent: true });
      expect(received()).toBe(3);
      expect(run.result.kind).toBe('lost');
    });

    it('then a 503 on the last attempt still says an earlier attempt may have been processed', async () => {
      const run = await callTimingOut([{ hang: true }, answer(503)], { policy: { maxAttempts: 2 }, idempotent: true });
      expect(run.result).toMatchObject({ kind: 'answer', answer: { status: 503 }, mayHaveProcessedEarlier: true });
    });

    it('does not fire before UPSTREAM_TIMEOUT_MS has passed', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      let settled = false;
      const running = call([{ hang: true }], { policy: { timeoutMs: UPSTREAM_TIMEOUT_MS } }).finally(() => void (settled = true));
      await until(() => received() === 1);
      // got arms its timer with what is left of the budget by the real clock: half leaves a
      // slow machine all the margin it needs.
      await vi.advanceTimersByTimeAsync(UPSTREAM_TIMEOUT_MS / 2);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(UPSTREAM_TIMEOUT_MS / 2);
      expect((await running).result.kind).toBe('lost');
    });
  });

  describe('connection refused', () => {
    it('is retried up to UPSTREAM_MAX_ATTEMPTS, then the call is not-sent', async () => {
      const url = await closedPortUrl();
      const run = await call([], { url });
      expect(run.result).toMatchObject({ kind: 'not-sent', reason: expect.stringContaining('ECONNREFUSED') });
      expect(run.attempts).toEqual(['error', 'error', 'error']);
      expect(run.retries).toEqual(['not-sent', 'not-sent']);
      expect(run.waits).toHaveLength(2);
    });
  });

  describe('connection reset', () => {
    // Larger than any loopback socket buffer, so the upload cannot finish before the reset. Run
    // with got's timer faked (callTimingOut), so however slowly a loaded machine writes 24 MB,
    // UPSTREAM_TIMEOUT_MS never fires in place of the reset.
    const bigBody = JSON.stringify({ ids: ['x'.repeat(24 * 1024 * 1024)] });

    it('on a connected request whose upload had not finished may have been carried: lost, not retried when not idempotent', async () => {
      // got stamps the upload in a callback that a loaded event loop can run after the timeout
      // fires although every byte already left, so a timeout after connecting proves nothing.
      const run = await callTimingOut([{ stall: 'before-body' }, answer(200)], { body: bigBody });
      expect(received()).toBe(1);
      expect(run.result).toMatchObject({ kind: 'lost', reason: 'no answer within UPSTREAM_TIMEOUT_MS' });
      expect(run.retries).toEqual([]);
    });

    it('before the body is read is a request never carried: retried even when not idempotent', async () => {
      const run = await callTimingOut([{ reset: 'before-body' }, answer(200)], { body: bigBody });
      expect(received()).toBe(2);
      expect(run.result).toMatchObject({ kind: 'answer', answer: { status: 200 }, mayHaveProcessedEarlier: false });
      expect(run.retries).toEqual(['not-sent']);
    });

    it('after the body is read loses the answer: not retried when not idempotent', async () => {
      const run = await callTimingOut([{ reset: 'after-body' }, answer(200)]);
      expect(received()).toBe(1);
      expect(run.result).toMatchObject({ kind: 'lost', reason: expect.stringContaining('ECONNRESET') });
    });

    it('after the body is read is retried when idempotent', async () => {
      const run = await callTimingOut([{ reset: 'after-body' }, answer(200)], { idempotent: true });
      expect(received()).toBe(2);
      expect(run.result).toMatchObject({ kind: 'answer', answer: { status: 200 }, mayHaveProcessedEarlier: true });
      expect(run.retries).toEqual(['lost']);
    });

    it('on every attempt after a first lost one ends lost, not not-sent', async () => {
      const run = await callTimingOut([{ reset: 'after-body' }, { reset: 'before-body' }, { reset: 'before-body' }], { idempotent: true, body: bigBody });
      expect(received()).toBe(3);
      expect(run.result.kind).toBe('lost');
    });
  });

  describe('metadata', () => {
    it('gathers the X-Request-ID of every attempt that answered, in order', async () => {
      const run = await call([answer(503, { 'x-request-id': 'req-1' }), answer(503, { 'x-request-id': 'req-2' }), answer(200, { 'x-request-id': 'req-3' })]);
      expect(run.result.meta.upstreamRequestIds).toEqual(['req-1', 'req-2', 'req-3']);
    });

    it('keeps the request IDs gathered before an attempt that got no answer', async () => {
      const run = await callTimingOut([answer(500, { 'x-request-id': 'req-1' }), { hang: true }, { hang: true }], { idempotent: true });
      expect(run.result).toMatchObject({ kind: 'lost', meta: { upstreamRequestIds: ['req-1'] } });
    });

    it('reports the newest rate-limit headers, with the reset as ISO-8601', async () => {
      const run = await call([
        answer(503, { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '9', 'x-ratelimit-reset': String(NOW_S + 60) }),
        answer(200, { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '8', 'x-ratelimit-reset': String(NOW_S + 61) }),
      ]);
      expect(run.result.meta.rateLimit).toEqual({ rateLimit: { limit: 100, remaining: 8, resetAt: new Date(NOW + 61_000).toISOString() }, observedAt: NOW });
    });

    it('keeps an earlier attempt\'s rate limit when the last answer sends none', async () => {
      const run = await call([answer(503, { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '9' }), answer(200)]);
      expect(run.result.meta.rateLimit?.rateLimit).toEqual({ limit: 100, remaining: 9, resetAt: null });
    });

    it('reports no rate limit when no answer sent the headers', async () => {
      const run = await call([answer(200)]);
      expect(run.result.meta).toEqual({ upstreamRequestIds: [], rateLimit: null });
    });
  });
});

describe('createUpstreamCaller, on what steers or floods a credentialed call', () => {
  describe('the endpoint', () => {
    it.each([
      ['a dot-dot segment', '/bulk/../admin'],
      ['an encoded dot-dot segment', '/bulk/%2e%2e/admin'],
      ['another path', '/other'],
      ['a longer path', '/bulk/more'],
      ['a query', '/bulk?as=admin'],
      ['a fragment', '/bulk#x'],
    ])('refuses to send a request whose URL leaves it (%s): BAD_USER_INPUT, nothing sent', async (_what, path) => {
      const error = await call([answer(200)], { path }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(FacadeError);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', upstream: 'leadlex', message: expect.stringMatching(/outside its documented endpoint.*Nothing was sent/) });
      expect(received()).toBe(0);
    });
  });

  describe('the answer size', () => {
    const LIMIT = 64 * 1024;
    const HUGE = 300 * 1024 * 1024;

    it.each([
      ['chunked', false],
      ['announced in Content-Length', true],
    ])('stops reading an answer over UPSTREAM_MAX_RESPONSE_BYTES (%s): the call is lost, the server cut off', async (_how, contentLength) => {
      flood = await startFloodServer({ totalBytes: HUGE, contentLength });
      const run = await call([], { url: flood.url, policy: { maxResponseBytes: LIMIT } });
      expect(run.result).toMatchObject({ kind: 'lost', reason: expect.stringContaining(`UPSTREAM_MAX_RESPONSE_BYTES (${LIMIT} bytes)`) });
      expect(run.attempts).toEqual(['error']);
      await flood.settled(1);
      expect(flood.answers).toEqual([expect.objectContaining({ path: '/bulk', cutOff: true, finished: false })]);
      expect(flood.answers[0]?.written).toBeLessThan(HUGE);
    });

    it('does not retry it, even with an idempotency key: the vendor may have processed it', async () => {
      flood = await startFloodServer({ totalBytes: HUGE, contentLength: false });
      const run = await call([], { url: flood.url, idempotent: true, policy: { maxResponseBytes: LIMIT } });
      expect(run.result.kind).toBe('lost');
      await flood.settled(1);
      expect(flood.answers).toHaveLength(1);
      expect(run.retries).toEqual([]);
    });

    it('reads an answer of exactly the limit whole', async () => {
      const body = JSON.stringify({ pad: 'p'.repeat(LIMIT - 10) });
      expect(Buffer.byteLength(body)).toBe(LIMIT);
      const run = await call([answer(200, {}, body)], { policy: { maxResponseBytes: LIMIT } });
      expect(run.result).toMatchObject({ kind: 'answer', answer: { status: 200, body } });
    });
  });

  describe('what an answer echoes', () => {
    it('masks every credential the request carried in the answer body, before anything parses it', async () => {
      const body = JSON.stringify({ error: { message: 'token tok.SECRET.sig rejected; signature SECRETsig', code: 'SECRETsig' } });
      const run = await call([answer(401, {}, body)], { credentials: ['tok.SECRET.sig', 'SECRETsig'] });
      expect(run.result).toMatchObject({ kind: 'answer', answer: { body: JSON.stringify({ error: { message: 'token [REDACTED] rejected; signature [REDACTED]', code: '[REDACTED]' } }) } });
    });

    it('ignores a credential too short to tell from ordinary text', async () => {
      const run = await call([answer(200, { 'x-request-id': 'req-abc' }, '{"abc":1}')], { credentials: ['abc'] });
      expect(run.result).toMatchObject({ kind: 'answer', answer: { body: '{"abc":1}' }, meta: { upstreamRequestIds: ['req-abc'] } });
    });

    it.each([
      ['15,000 characters', 'r'.repeat(15_000)],
      ['129 characters', 'r'.repeat(129)],
      ['a space', 'req 1'],
      ['a slash', 'req/1'],
      ['a quote', 'req"1'],
      ['a credential the request carried', 'req-SECRETsig'],
    ])('drops an X-Request-ID with %s', async (_what, requestId) => {
      const run = await call([answer(200, { 'x-request-id': requestId })], { credentials: ['SECRETsig'] });
      expect(run.result.meta.upstreamRequestIds).toEqual([]);
    });

    it.each([
      ['128 characters', 'r'.repeat(128)],
      ['letters, digits, `_`, `.`, `:` and `-`', 'req_01.HX:a-b'],
    ])('keeps an X-Request-ID of %s', async (_what, requestId) => {
      const run = await call([answer(200, { 'x-request-id': requestId })], { credentials: ['SECRETsig'] });
      expect(run.result.meta.upstreamRequestIds).toEqual([requestId]);
    });
  });
});

describe('parseRateLimitHeaders', () => {
  const parse = (headers: Record<string, string>) => parseRateLimitHeaders(headers, NOW)?.rateLimit ?? null;

  it.each<[string, Record<string, string>, ReturnType<typeof parse>]>([
    ['epoch seconds', { 'x-ratelimit-limit': '360', 'x-ratelimit-remaining': '358', 'x-ratelimit-reset': '1893456000' }, { limit: 360, remaining: 358, resetAt: '2030-01-01T00:00:00.000Z' }],
    ['fractional epoch seconds', { 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1893456000.5' }, { limit: 1, remaining: 0, resetAt: '2030-01-01T00:00:00.500Z' }],
    ['epoch milliseconds', { 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1893456000000' }, { limit: 1, remaining: 0, resetAt: '2030-01-01T00:00:00.000Z' }],
    ['seconds until reset', { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '30' }, { limit: 10, remaining: 3, resetAt: new Date(NOW + 30_000).toISOString() }],
    ['no reset', { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '3' }, { limit: 10, remaining: 3, resetAt: null }],
    ['a garbage reset', { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': 'tomorrow' }, { limit: 10, remaining: 3, resetAt: null }],
    ['a negative reset', { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '-5' }, { limit: 10, remaining: 3, resetAt: null }],
    ['a garbage limit', { 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '3' }, null],
    ['a negative remaining', { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '-1' }, null],
    ['a fractional remaining', { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '2.5' }, null],
    ['no limit', { 'x-ratelimit-remaining': '3' }, null],
    ['nothing', {}, null],
    ['a huge limit, clamped to a GraphQL Int', { 'x-ratelimit-limit': '99999999999999', 'x-ratelimit-remaining': '1' }, { limit: 2 ** 31 - 1, remaining: 1, resetAt: null }],
  ])('%s', (_case, headers, expected) => {
    expect(parse(headers)).toEqual(expected);
  });
});

describe('retryAfterMs', () => {
  it.each<[string, Record<string, string>, number | null]>([
    ['Retry-After seconds', { 'retry-after': '7' }, 7000],
    ['Retry-After zero', { 'retry-after': '0' }, 0],
    ['Retry-After HTTP date', { 'retry-after': new Date(NOW + 9000).toUTCString() }, 9000],
    ['Retry-After HTTP date in the past', { 'retry-after': new Date(NOW - 9000).toUTCString() }, 0],
    ['X-RateLimit-Reset epoch seconds', { 'x-ratelimit-reset': String(NOW_S + 12) }, 12_000],
    ['X-RateLimit-Reset in the past', { 'x-ratelimit-reset': String(NOW_S - 12) }, 0],
    ['Retry-After over X-RateLimit-Reset', { 'retry-after': '1', 'x-ratelimit-reset': String(NOW_S + 12) }, 1000],
    ['garbage Retry-After falls back to X-RateLimit-Reset', { 'retry-after': 'later', 'x-ratelimit-reset': String(NOW_S + 2) }, 2000],
    ['nothing usable', { 'retry-after': 'later', 'x-ratelimit-reset': 'never' }, null],
  ])('%s', (_case, headers, expected) => {
    expect(retryAfterMs(headers, NOW)).toBe(expected);
  });
});
