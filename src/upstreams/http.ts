import http, { type ClientRequest } from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import got, { RequestError, type Got } from 'got';
import type { ProtectionConfig, UpstreamPolicy } from '../config/index.ts';
import type { CallMetadata, RateLimitObservation } from '../bulk-delete/outcome.ts';
import { REDACTED, assertNever, type MintedTokens, type UpstreamName } from '../errors/index.ts';
import { assertWithinEndpoint, type Endpoint } from './endpoint.ts';
import { UNGUARDED, type ProtectionObserver, type UpstreamGuard } from './guard.ts';

/** One HTTP request, exactly as a vendor's wire format wants it (built by each `request.ts`). */
export interface UpstreamRequest {
  readonly method: 'DELETE' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /**
   * The secrets this request carries (a key, a token, a token's signature): an answer that
   * echoes one has it masked in its body and its X-Request-ID dropped before anything reads it,
   * so no result, log line or stored replay ever holds it.
   */
  readonly credentials?: readonly string[];
}

/** An HTTP answer, body unread as text; `response.ts` files parse it. */
export interface UpstreamAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/**
 * How one upstream call ended, after the retries the policy allows (docs/contract.md §5).
 * - `answer`: the last HTTP answer. `mayHaveProcessedEarlier` is true when an earlier attempt
 *   may have been processed (its answer was lost or was a 5xx other than 503), so a refusal
 *   now does not prove nothing was deleted.
 * - `not-sent`: no attempt's request was ever carried (connection refused, DNS, connect timeout).
 * - `lost`: the request was sent and no answer came back (timeout, reset), and no retry settled it.
 * - `circuit-open`: the facade sent nothing because the upstream's circuit is open (`failures`
 *   consecutive failures opened it; the next probe may go in `retryInMs`).
 * - `budget-spent`: the facade sent nothing because the upstream's rate-limit budget is spent
 *   and will not be back within RATE_LIMIT_MAX_WAIT_MS (`retryAfterMs`: until its reset, and
 *   `retryAtMs`: the reset itself, epoch ms; both null when the upstream never said).
 * When the facade holds back a retry, the call ends with the previous attempt's result instead.
 */
export type CallResult =
  | { readonly kind: 'answer'; readonly answer: UpstreamAnswer; readonly mayHaveProcessedEarlier: boolean; readonly meta: CallMetadata }
  | { readonly kind: 'not-sent'; readonly reason: string; readonly meta: CallMetadata }
  | { readonly kind: 'lost'; readonly reason: string; readonly meta: CallMetadata }
  | { readonly kind: 'circuit-open'; readonly failures: number; readonly retryInMs: number; readonly meta: CallMetadata }
  | { readonly kind: 'budget-spent'; readonly retryAfterMs: number | null; readonly retryAtMs: number | null; readonly meta: CallMetadata };

/** What the call loop needs to know about one call. */
export interface CallOptions {
  readonly upstream: UpstreamName;
  /** The vendor's documented endpoint (built at start-up): every attempt's URL must be in it. */
  readonly endpoint: Endpoint;
  /**
   * True when the request carries an idempotency key the upstream honours (LeadLex): then a
   * timeout, a lost answer or any 5xx is retried with the same key. Otherwise only answers
   * that prove the request was not processed (503, 429, never sent) are retried.
   */
  readonly idempotent: boolean;
  /** Builds the request for each attempt (Kore.ai mints a fresh JWT per HTTP request). */
  readonly buildRequest: () => UpstreamRequest | Promise<UpstreamRequest>;
  /**
   * Points one HTTP request spends of the upstream's X-RateLimit budget. Vendor knowledge, so
   * each adapter declares its own (Stoq: 2, LeadLex: 1). @default 1
   */
  readonly rateLimitCost?: number;
  /** The request this call serves: its ID and trace context go upstream with every attempt. */
  readonly trace?: AttemptTracer;
}

/** Opens a span per HTTP attempt (observability/tracing.ts); its headers go out with the attempt. */
export interface AttemptTracer {
  startAttempt(upstream: UpstreamName, method: string, url: string, attempt: number): {
    readonly headers: Readonly<Record<string, string>>;
    end(status: number | null, error?: string): void;
  };
}

/** Dependencies of the HTTP layer, injectable for tests and benchmarks. */
export interface HttpDeps {
  readonly got?: Got;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<unknown>;
  /** First back-off after a 503 or an unsent request; doubles per attempt. @default 100 */
  readonly retryBaseDelayMs?: number;
  readonly observer?: CallObserver;
  /** The redactor's registry of minted credentials (errors/redact.ts): adapters register theirs. */
  readonly mintedTokens?: MintedTokens;
}

/**
 * Hooks for metrics: told about every attempt, every retry and what the upstream's guard did,
 * never able to change them.
 */
export interface CallObserver extends ProtectionObserver {
  /** `outcome` is the status class ('2xx', '4xx', ...) or 'error' when no answer came. */
  attempt(upstream: UpstreamName, outcome: string, seconds: number): void;
  retry(upstream: UpstreamName, reason: string): void;
}

/** A function that performs one upstream call with the shared retry policy. */
export type UpstreamCaller = (options: CallOptions) => Promise<CallResult>;

/** Each upstream's guard (concurrency cap, circuit breaker, rate-limit pacer); missing ones let everything through. */
export type UpstreamGuards = Partial<Readonly<Record<UpstreamName, UpstreamGuard>>>;

// Credentials shorter than this are ignored, as the redactor ignores such secrets: masking them
// would mask ordinary text.
const MIN_CREDENTIAL_LENGTH = 4;

// An upstream's X-Request-ID reaches responses and the audit log: a bounded token, or nothing.
const REQUEST_ID = /^[\w.:-]{1,128}$/;

// Error codes that prove the request never reached the server.
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ERR_INVALID_URL']);

/**
 * Keep-alive sockets per vendor: enough for every request the guards let through at once
 * (UPSTREAM_CONCURRENCY), so the agent never queues one. A request queued in the agent would
 * wait for a socket inside got's timeout, which must start when the request is sent.
 */
export function upstreamSockets(policy: Pick<UpstreamPolicy, 'batchConcurrency'>, protection?: ProtectionConfig): number {
  return Math.max(16, policy.batchConcurrency * 4, protection?.upstreamConcurrency ?? 0);
}

/**
 * The one got factory: keep-alive agents with `maxSockets` per vendor, a per-call timeout,
 * no redirects (a redirected DELETE is a misconfiguration, not something to follow), and no
 * got-level retries: the policy below decides, because only it knows what is safe to repeat.
 * No `accept-encoding` and no decompression stream: the vendors answer a few kilobytes of
 * JSON at most, and the decompression stream cost each call more than it could save.
 */
export function createGot(policy: Pick<UpstreamPolicy, 'timeoutMs' | 'batchConcurrency'>, maxSockets = upstreamSockets(policy)): Got {
  const agentOptions = { keepAlive: true, maxSockets, scheduling: 'lifo' as const };
  return got.extend({
    agent: { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) },
    timeout: { request: policy.timeoutMs },
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    responseType: 'text',
    decompress: false,
    headers: { 'user-agent': 'bulk-delete-facade' },
  });
}

/**
 * Creates the caller that applies docs/contract.md §5's retry rules to every upstream:
 * 503 and unsent requests are retried after a back-off; a 429 is waited out when its wait is
 * at most RATE_LIMIT_MAX_WAIT_MS; other 5xx and lost answers only when `idempotent`.
 * UPSTREAM_MAX_ATTEMPTS bounds the attempts. Never throws for transport problems.
 *
 * Every attempt passes the upstream's guard first (`guards`, built once in `createUpstreams`):
 * it may wait there for rate-limit budget and for a slot (neither counts toward
 * UPSTREAM_TIMEOUT_MS, which starts when the request is sent), or be held back, unsent. A retry
 * is never sent into an open circuit: the call then ends with the attempt before it.
 * `budgetShare` is the part of each upstream's rate-limit budget these calls may spend
 * (rate-limit-pacer.ts): 1 for mutations, JOB_RATE_SHARE for the job runner's caller.
 */
export function createUpstreamCaller(policy: UpstreamPolicy, deps: HttpDeps = {}, guards: UpstreamGuards = {}, budgetShare = 1): UpstreamCaller {
  const client = deps.got ?? createGot(policy);
  const now = deps.now ?? Date.now;
  const wait = deps.sleep ?? sleep;
  const baseDelay = deps.retryBaseDelayMs ?? 100;
  const observer = deps.observer;

  return async function call(options) {
    const guard = guards[options.upstream] ?? UNGUARDED;
    const requestIds: string[] = [];
    let rateLimit: RateLimitObservation | null = null;
    let mayHaveProcessed = false;
    const meta = (): CallMetadata => ({ upstreamRequestIds: [...requestIds], rateLimit });
    // How the call ends if the guard holds back the next attempt: as the previous one did.
    let previous: CallResult | null = null;

    for (let attempt = 1; ; attempt++) {
      const last = attempt >= policy.maxAttempts;
      const entry = await guard.enter(options.rateLimitCost ?? 1, policy.rateLimitMaxWaitMs, budgetShare);
      switch (entry.kind) {
        case 'admitted':
          break;
        case 'circuit-open':
          return previous ?? { kind: 'circuit-open', failures: entry.failures, retryInMs: entry.retryInMs, meta: meta() };
        case 'budget-spent':
          return previous ?? { kind: 'budget-spent', retryAfterMs: entry.retryAfterMs, retryAtMs: entry.retryAtMs, meta: { upstreamRequestIds: [], rateLimit: entry.rateLimit } };
        default:
          return assertNever(entry, 'guard entry');
      }

      let request: UpstreamRequest;
      let url: URL;
      try {
        request = await options.buildRequest();
        url = assertWithinEndpoint(options.endpoint, request.url);
      } catch (error) {
        entry.exit({ kind: 'not-sent' });
        throw error;
      }
      let answer: UpstreamAnswer;
      const span = options.trace?.startAttempt(options.upstream, request.method, request.url, attempt);
      // The vendor's own headers win: the request ID and trace context are only additions.
      const headers = span === undefined ? { ...request.headers } : { ...span.headers, ...request.headers };
      const started = performance.now();
      // Reading stops past UPSTREAM_MAX_RESPONSE_BYTES: got would otherwise buffer any answer whole.
      // The request is destroyed directly: an AbortSignal per call cost an AbortController and
      // got's abort listener on every call for the rare one that needs it.
      let sending: ClientRequest | null = null;
      let oversized = false;
      try {
        const pending = client(url, { method: request.method, headers, body: request.body });
        pending.on('request', (sent: ClientRequest) => {
          sending = sent;
        });
        pending.on('downloadProgress', ({ transferred, total }) => {
          if (oversized || (transferred <= policy.maxResponseBytes && (total ?? 0) <= policy.maxResponseBytes)) return;
          oversized = true;
          (sending as ClientRequest | null)?.destroy();
        });
        const response = await pending;
        answer = { status: response.statusCode, headers: response.headers, body: withoutCredentials(response.body, request.credentials) };
      } catch (error) {
        if (oversized) {
          // The vendor answered, so it may have processed the request; its answer is unread.
          entry.exit({ kind: 'error', sent: true });
          observer?.attempt(options.upstream, 'error', (performance.now() - started) / 1000);
          const reason = `an answer over UPSTREAM_MAX_RESPONSE_BYTES (${policy.maxResponseBytes} bytes), abandoned unread`;
          span?.end(null, reason);
          return { kind: 'lost', reason, meta: meta() };
        }
        const sent = wasSent(error);
        entry.exit({ kind: 'error', sent });
        observer?.attempt(options.upstream, 'error', (performance.now() - started) / 1000);
        const reason = describeTransportError(error);
        span?.end(null, reason);
        if (sent) mayHaveProcessed = true;
        const ended: CallResult = mayHaveProcessed ? { kind: 'lost', reason, meta: meta() } : { kind: 'not-sent', reason, meta: meta() };
        if (last || (sent && !options.idempotent) || guard.circuitRefusal()) return ended;
        previous = ended;
        observer?.retry(options.upstream, sent ? 'lost' : 'not-sent');
        await wait(backoff(attempt));
        continue;
      }

      span?.end(answer.status);
      const observed = parseRateLimitHeaders(answer.headers, now());
      entry.exit({ kind: 'answer', status: answer.status, rateLimit: observed });
      observer?.attempt(options.upstream, `${Math.floor(answer.status / 100)}xx`, (performance.now() - started) / 1000);
      const requestId = toRequestId(headerValue(answer.headers, 'x-request-id'), request.credentials);
      if (requestId !== null) requestIds.push(requestId);
      rateLimit = observed ?? rateLimit;

      const ended: CallResult = { kind: 'answer', answer, mayHaveProcessedEarlier: mayHaveProcessed, meta: meta() };
      const retry = decideRetry(answer, options.idempotent, last);
      if (retry === null || guard.circuitRefusal()) return ended;
      previous = ended;
      if (answer.status >= 500 && answer.status !== 503) mayHaveProcessed = true;
      observer?.retry(options.upstream, String(answer.status));
      await wait(retry === 'backoff' ? backoff(attempt) : retry);
    }

    /** Null: keep this answer. 'backoff' or a wait in ms: try again. */
    function decideRetry(answer: UpstreamAnswer, idempotent: boolean, last: boolean): number | 'backoff' | null {
      if (last) return null;
      if (answer.status === 429) {
        const waitMs = retryAfterMs(answer.headers, now());
        return waitMs !== null && waitMs <= policy.rateLimitMaxWaitMs ? waitMs : null;
      }
      if (answer.status === 503) {
        // Retry-After alone: X-RateLimit-Reset (sent on every Stoq answer) says when the rate
        // budget refills, not when the service is back.
        const waitMs = retryAfterHeaderMs(answer.headers, now());
        if (waitMs === null) return 'backoff';
        return waitMs <= policy.rateLimitMaxWaitMs ? waitMs : null;
      }
      if (answer.status >= 500 && idempotent) return 'backoff';
      return null;
    }
  };

  function backoff(attempt: number): number {
    // Full jitter keeps concurrent batches from retrying in lock-step.
    return Math.round(baseDelay * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
  }
}

/** True unless the error proves the request was never (fully) written to the server. */
function wasSent(error: unknown): boolean {
  if (!(error instanceof RequestError)) return true;
  if (NOT_CONNECTED_CODES.has(error.code)) return false;
  // got stamps `upload` once the whole request is written; before that the server cannot
  // have read the full body, so it cannot have processed it.
  if (error.timings?.upload !== undefined) return true;
  // Except a timeout: the stamp comes from a 'finish' callback that a busy event loop can run
  // after the timer fired although every byte already left (a deleted contact was once
  // reported REJECTED by the retry). Once connected, the request may have been carried.
  return error.code === 'ETIMEDOUT' && error.timings?.connect !== undefined;
}

function describeTransportError(error: unknown): string {
  if (error instanceof RequestError) {
    if (error.code === 'ETIMEDOUT') return 'no answer within UPSTREAM_TIMEOUT_MS';
    return `connection error ${error.code}`;
  }
  return 'connection error';
}

/** `body` with every credential the request carried masked; the same string when none is there. */
function withoutCredentials(body: string, credentials: readonly string[] | undefined): string {
  if (credentials === undefined) return body;
  let out = body;
  for (const credential of credentials) {
    if (credential.length >= MIN_CREDENTIAL_LENGTH && out.includes(credential)) out = out.replaceAll(credential, REDACTED);
  }
  return out;
}

/**
 * An upstream's X-Request-ID as it may reach a response and the audit log: a bounded token
 * (letters, digits, `_`, `.`, `:`, `-`; at most 128), never one that holds a credential the
 * request carried. Anything else is dropped: null.
 */
export function toRequestId(value: string | undefined, credentials: readonly string[] = []): string | null {
  if (value === undefined || !REQUEST_ID.test(value)) return null;
  return credentials.some((credential) => credential.length >= MIN_CREDENTIAL_LENGTH && value.includes(credential)) ? null : value;
}

/** The first value of a header, or undefined. */
export function headerValue(headers: UpstreamAnswer['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * How long a 429 asks us to wait: `Retry-After` (seconds or an HTTP date) when given,
 * else the `X-RateLimit-Reset` time. Null when the answer gives no usable hint.
 */
export function retryAfterMs(headers: UpstreamAnswer['headers'], nowMs: number): number | null {
  const retryAfter = retryAfterHeaderMs(headers, nowMs);
  if (retryAfter !== null) return retryAfter;
  const resetAt = parseResetEpochMs(headerValue(headers, 'x-ratelimit-reset'), nowMs);
  return resetAt === null ? null : Math.max(0, resetAt - nowMs);
}

/** The `Retry-After` header alone (seconds or an HTTP date) in ms; null when absent or unreadable. */
export function retryAfterHeaderMs(headers: UpstreamAnswer['headers'], nowMs: number): number | null {
  const retryAfter = headerValue(headers, 'retry-after')?.trim();
  if (!retryAfter) return null;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** Reads X-RateLimit-Limit/Remaining/Reset; null unless limit and remaining are both readable. */
export function parseRateLimitHeaders(headers: UpstreamAnswer['headers'], nowMs: number): RateLimitObservation | null {
  const limit = toCount(headerValue(headers, 'x-ratelimit-limit'));
  const remaining = toCount(headerValue(headers, 'x-ratelimit-remaining'));
  if (limit === null || remaining === null) return null;
  const resetMs = parseResetEpochMs(headerValue(headers, 'x-ratelimit-reset'), nowMs);
  return { rateLimit: { limit, remaining, resetAt: resetMs === null ? null : isoTime(resetMs) }, observedAt: nowMs };
}

// A vendor repeats the same reset on every answer of a window (LeadLex's for a whole day), and
// formatting a date was the costliest line of reading the headers under load: the last one is kept.
let lastIsoMs = Number.NaN;
let lastIso = '';
function isoTime(ms: number): string {
  if (ms !== lastIsoMs) {
    lastIso = new Date(ms).toISOString();
    lastIsoMs = ms;
  }
  return lastIso;
}

function toCount(raw: string | undefined): number | null {
  if (raw === undefined || !/^\s*\d{1,15}\s*$/.test(raw)) return null;
  return Math.min(Number(raw), 2 ** 31 - 1);
}

// The vendors send epoch seconds (docs/contract.md §2). Some APIs send seconds-until-reset instead;
// a value too small to be a date since 2001 is read that way rather than as 1970.
function parseResetEpochMs(raw: string | undefined, nowMs: number): number | null {
  if (raw === undefined || !/^\s*\d{1,13}(\.\d+)?\s*$/.test(raw)) return null;
  const value = Number(raw);
  if (value >= 1e12) return Math.round(value);
  if (value >= 1e9) return Math.round(value * 1000);
  return nowMs + Math.round(value * 1000);
}
