import { FacadeError, UPSTREAM_LABELS, assertNever, type ErrorCode, type MintedTokens, type UpstreamName } from '../errors/index.ts';
import type { FingerprintOptions } from '../bulk-delete/fingerprint.ts';
import { refusedBatch, unknownBatch, type BatchOutcome, type CallMetadata } from '../bulk-delete/outcome.ts';
import { retryAfterMs, type AttemptTracer, type CallResult, type UpstreamAnswer, type UpstreamCaller } from './http.ts';

/** What a vendor declares of itself, whether or not this facade has credentials for it. */
export interface VendorProfile {
  readonly name: UpstreamName;
  /** What NOT_CONFIGURED tells the operator to set ("set X"). */
  readonly configHint: string;
  /**
   * What one HTTP request spends of the vendor's X-RateLimit budget, and how that budget comes
   * back: `rolling` (each request's points return one window after it) or `fixed` (all at the
   * reset). Null when the vendor sends no X-RateLimit headers: nothing is paced.
   */
  readonly rateLimit: { readonly cost: number; readonly window: 'rolling' | 'fixed' } | null;
  /**
   * True when a batch whose answer was lost may be sent again without risk of a second effect:
   * the vendor honours an idempotency key the adapter derives from the batch alone (LeadLex).
   * A job resends such a batch after a crash; otherwise its IDs become OUTCOME_UNKNOWN.
   */
  readonly resendSafe: boolean;
}

/** Who asks for a delete: options may derive from it (LeadLex's batch keys). */
export interface Caller {
  /** The authenticated client's scope, as idempotency records are kept under. */
  readonly client: string;
  /** The client's checked `idempotencyKey`, or null. */
  readonly idempotencyKey: string | null;
}

/**
 * A mutation's input turned into what the adapter sends and what identifies the input, from
 * one reading of it, so the two can never disagree (docs/contract.md §6).
 */
export interface Prepared<Options> {
  readonly options: Options;
  /** The options that make two calls the same input (every one that changes what is deleted). */
  readonly fingerprint: FingerprintOptions;
  /** Whether the upstream only reports what it would delete. */
  readonly dryRun: boolean;
}

/**
 * What every vendor adapter offers (same shape in stoq/, kore/, leadlex/): what it is
 * (`vendor`, `maxBatchSize`), how a mutation's input becomes its options (`prepare`, which
 * throws BAD_USER_INPUT for input it cannot use), and the delete of one batch of distinct IDs.
 * `deleteBatch` is meant never to reject: transport and upstream problems become outcomes
 * (refusals, OUTCOME_UNKNOWN); the engine still turns a rejection into OUTCOME_UNKNOWN.
 */
export interface Upstream<Input, Options> {
  readonly vendor: VendorProfile;
  /** IDs per upstream call (Infinity: never split). */
  readonly maxBatchSize: number;
  prepare(input: Input, caller: Caller): Prepared<Options>;
  /** `trace`: the request's ID and trace context, sent upstream with every attempt. */
  deleteBatch(ids: readonly string[], batchIndex: number, options: Options, trace?: AttemptTracer): Promise<BatchOutcome>;
}

/** What every adapter's factory takes besides its own config. */
export interface AdapterDeps {
  readonly call: UpstreamCaller;
  readonly now: () => number;
  /** Where credentials minted per request are registered for the redactor (Kore.ai JWTs). */
  readonly mintedTokens?: MintedTokens | undefined;
}

/** The codes an upstream refusal can raise (docs/contract.md §4). */
export type RefusalCode = Extract<ErrorCode, 'BAD_USER_INPUT' | 'UPSTREAM_AUTH_FAILED' | 'RATE_LIMITED' | 'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_BAD_RESPONSE'>;

/**
 * Replies every vendor shares. `refused`: the upstream certainly did not process the call;
 * `retryAfterS` is the client's whole seconds, `retryAtMs` the exact time they count to (epoch
 * ms), when known, for the job runner's `resumesAt`.
 * `unknown`: it may have. `answered`: a 2xx or vendor-specific status for the vendor's parser.
 */
export type CommonReply =
  | { readonly kind: 'refused'; readonly code: RefusalCode; readonly status: number | null; readonly upstreamCode: string | null; readonly retryAfterS: number | null; readonly retryAtMs?: number; readonly detail: string }
  | { readonly kind: 'unknown'; readonly status: number | null; readonly upstreamCode: string | null; readonly detail: string };

/** `retryAfter` of a 429 that says nothing of when to come back. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

/** Marks a body that is not JSON (an HTML error page, a truncated answer). */
export const UNREADABLE: unique symbol = Symbol('unreadable');

/** Parses a body as JSON; never throws. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return UNREADABLE;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return UNREADABLE;
  }
}

/** Type guard for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-negative safe integer, or null. */
export function toCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

const MAX_UPSTREAM_TEXT_LENGTH = 200;

/**
 * Makes a per-row reason from an upstream fit for a client-visible message (docs/contract.md §5 asks
 * for it): control characters removed, length bounded.
 */
export function sanitiseUpstreamText(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return clean.length > MAX_UPSTREAM_TEXT_LENGTH ? `${clean.slice(0, MAX_UPSTREAM_TEXT_LENGTH)}…` : clean;
}

const MACHINE_CODE = /^[A-Za-z0-9_.:-]{1,64}$/;

/** A vendor's code as `upstreamCode`: a short machine-readable token, or null (free text never passes). */
export function toUpstreamCode(value: unknown): string | null {
  if (typeof value === 'string' && MACHINE_CODE.test(value)) return value;
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  return null;
}

/**
 * The vendor's error code from a refusal body, whatever its shape (`{error: {code}}`,
 * `{code}`, `{errors: [{code}]}`, `{error: "snake_case"}`); only short machine-readable
 * tokens, so no free text from an upstream reaches a client.
 */
export function readErrorCode(body: unknown): string | null {
  if (!isRecord(body)) return null;
  const candidates: unknown[] = [];
  if (isRecord(body.error)) candidates.push(body.error.code);
  candidates.push(body.code, body.error);
  if (Array.isArray(body.errors) && isRecord(body.errors[0])) candidates.push(body.errors[0].code);
  for (const candidate of candidates) {
    const code = toUpstreamCode(candidate);
    if (code !== null) return code;
  }
  return null;
}

/**
 * Classifies a call's end by the rules every vendor shares (docs/contract.md §4, §5). Returns the
 * answer itself when it is a 2xx, or a status the vendor parser claims (`vendorStatuses`).
 */
export function parseCommonReply(result: CallResult, vendorStatuses: readonly number[], nowMs: number): CommonReply | { readonly kind: 'answered'; readonly answer: UpstreamAnswer } {
  switch (result.kind) {
    case 'answer':
      return parseCommonAnswer(result, vendorStatuses, nowMs);
    case 'lost':
      return { kind: 'unknown', status: null, upstreamCode: null, detail: `sent no answer the facade received (${result.reason})` };
    case 'not-sent':
      return { kind: 'refused', code: 'UPSTREAM_UNAVAILABLE', status: null, upstreamCode: null, retryAfterS: null, detail: `could not be reached (${result.reason})` };
    case 'circuit-open':
      // Held back by the facade, so certainly not processed: a refusal like a 503's.
      return {
        // No exact time: 0 means a probe is under way, and whole seconds keep a job from spinning on it.
        kind: 'refused', code: 'UPSTREAM_UNAVAILABLE', status: null, upstreamCode: null, retryAfterS: toRetryAfterS(result.retryInMs),
        detail: result.retryInMs > 0
          ? `is failing: the facade's circuit for it is open after ${result.failures} consecutive failures`
          : `is failing: the facade's circuit for it is open after ${result.failures} consecutive failures, and a probe call is under way`,
      };
    case 'budget-spent':
      return {
        kind: 'refused', code: 'RATE_LIMITED', status: null, upstreamCode: null,
        // The pacer's reset itself when it knows one: nowMs is later than when it decided.
        ...(result.retryAtMs === null ? retryIn(result.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS, nowMs) : retryAt(result.retryAtMs, nowMs)),
        detail: 'has no rate-limit budget left for this call, so the facade did not send it',
      };
    default:
      return assertNever(result, 'call result');
  }
}

function parseCommonAnswer(result: Extract<CallResult, { kind: 'answer' }>, vendorStatuses: readonly number[], nowMs: number): CommonReply | { readonly kind: 'answered'; readonly answer: UpstreamAnswer } {
  const { answer } = result;
  const { status } = answer;
  if ((status >= 200 && status < 300) || (vendorStatuses.includes(status) && !result.mayHaveProcessedEarlier)) return { kind: 'answered', answer };
  const upstreamCode = readErrorCode(parseJsonBody(answer.body));
  if (result.mayHaveProcessedEarlier) {
    // A refusal now does not undo an earlier attempt that may have been processed.
    return { kind: 'unknown', status, upstreamCode, detail: `may have processed an earlier attempt before it answered HTTP ${status}` };
  }
  const refused = (code: RefusalCode, detail: string, retry: { retryAfterS: number; retryAtMs: number } | null = null): CommonReply => ({ kind: 'refused', code, status, upstreamCode, ...(retry ?? { retryAfterS: null }), detail });
  if (status === 400) return refused('BAD_USER_INPUT', 'rejected the request as invalid');
  if (status === 401 || status === 403) return refused('UPSTREAM_AUTH_FAILED', 'refused the facade\'s credentials');
  if (status === 429) {
    // docs/contract.md §4 promises `retryAfter`; a vendor that gives no hint gets a minute, the
    // window of Stoq's limit and the usual one elsewhere.
    const waitMs = retryAfterMs(answer.headers, nowMs) ?? DEFAULT_RETRY_AFTER_MS;
    return refused('RATE_LIMITED', 'rate limit reached', retryIn(waitMs, nowMs));
  }
  if (status === 503) return refused('UPSTREAM_UNAVAILABLE', 'is unavailable');
  if (status >= 500) return { kind: 'unknown', status, upstreamCode, detail: `failed with HTTP ${status} and may have processed the request` };
  return refused('UPSTREAM_BAD_RESPONSE', 'gave an answer the facade does not expect');
}

/** A wait in ms as whole seconds for `retryAfter`: at least 1, so "now" is never promised. */
function toRetryAfterS(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** A wait of `waitMs` from `nowMs`: the client's whole seconds, and the exact time. */
function retryIn(waitMs: number, nowMs: number): { retryAfterS: number; retryAtMs: number } {
  return { retryAfterS: toRetryAfterS(waitMs), retryAtMs: nowMs + waitMs };
}

/** A wait until `atMs`: the client's whole seconds from `nowMs`, and the exact time. */
function retryAt(atMs: number, nowMs: number): { retryAfterS: number; retryAtMs: number } {
  return { retryAfterS: toRetryAfterS(atMs - nowMs), retryAtMs: atMs };
}

/** Turns a shared reply into the batch's outcome: a refusal of every ID, or OUTCOME_UNKNOWN rows. */
export function normaliseCommonReply(upstream: UpstreamName, ids: readonly string[], reply: CommonReply, meta: CallMetadata): BatchOutcome {
  const label = UPSTREAM_LABELS[upstream];
  const statusText = reply.status === null ? '' : ` (HTTP ${reply.status}${reply.upstreamCode ? ` ${reply.upstreamCode}` : ''})`;
  const upstreamCode = reply.upstreamCode ?? (reply.status === null ? null : `http_${reply.status}`);
  if (reply.kind === 'unknown') {
    return unknownBatch(ids, `${label} ${reply.detail}${statusText}: these IDs may or may not be deleted; check before retrying.`, meta, upstreamCode);
  }
  const retryText = reply.retryAfterS === null ? '' : `; retry after ${reply.retryAfterS} s`;
  const error = new FacadeError(reply.code, `${label} ${reply.detail}${statusText}${retryText}. The IDs were not deleted.`, {
    upstream,
    ...(reply.status === null ? {} : { upstreamStatus: reply.status }),
    ...(reply.retryAfterS === null ? {} : { retryAfter: reply.retryAfterS }),
    ...(reply.kind === 'refused' && reply.retryAtMs !== undefined ? { retryAt: reply.retryAtMs } : {}),
  });
  return refusedBatch(ids, error, upstreamCode, meta);
}
