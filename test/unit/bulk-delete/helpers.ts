/**
 * Small builders shared by the core and vendor unit tests: hand-made call results (what the
 * HTTP layer hands a vendor parser), outcomes, a compact outcome expectation, and a deferred.
 */
import { expect } from 'vitest';
import type { BulkDeleteFailureCode } from '../../../src/__generated__/schema-types.ts';
import { accountOf, answeredBatch, isConsistent, metadataOf, NO_METADATA, stopsLaterBatches, type AnsweredBatch, type BatchAccount, type BatchOutcome, type CallMetadata, type Failure } from '../../../src/bulk-delete/outcome.ts';
import type { ErrorCode, FacadeError } from '../../../src/errors/index.ts';
import type { CallResult } from '../../../src/upstreams/http.ts';

/** A fixed "now" for parsers that read Retry-After dates and X-RateLimit-Reset. */
export const NOW = Date.parse('2030-01-01T00:00:00.000Z');

/** An HTTP answer with this status, body text and (lower-case) headers. */
export function http(status: number, body: string, headers: Record<string, string> = {}, meta: CallMetadata = NO_METADATA): CallResult {
  return { kind: 'answer', answer: { status, headers, body }, mayHaveProcessedEarlier: false, meta };
}

/** The same, after an earlier attempt that may have been processed (lost answer, 5xx). */
export function afterProcessed(status: number, body: string, headers: Record<string, string> = {}): CallResult {
  return { kind: 'answer', answer: { status, headers, body }, mayHaveProcessedEarlier: true, meta: NO_METADATA };
}

/** Sent, but no answer came back. */
export function lost(reason = 'no answer within UPSTREAM_TIMEOUT_MS'): CallResult {
  return { kind: 'lost', reason, meta: NO_METADATA };
}

/** Never carried to the upstream. */
export function notSent(reason = 'connection error ECONNREFUSED'): CallResult {
  return { kind: 'not-sent', reason, meta: NO_METADATA };
}

/** JSON body text. */
export const json = (value: unknown): string => JSON.stringify(value);

/** What a table row expects of an outcome; `refusal` absent means "no refusal". */
export interface Expected {
  readonly counts: readonly [deleted: number, notFound: number, failed: number];
  readonly deletedIds: readonly string[] | null;
  /** One code for every failure, or the code of each failed ID. */
  readonly failures?: BulkDeleteFailureCode | Readonly<Record<string, BulkDeleteFailureCode>>;
  /** The upstreamCode every failure carries. */
  readonly upstreamCode?: string | null;
  readonly refusal?: ErrorCode;
  readonly retryAfter?: number;
  readonly sentIntentIds?: readonly string[];
}

/** Asserts the outcome is consistent and matches `expected`. */
export function expectOutcome(given: BatchOutcome, expected: Expected): void {
  expect(isConsistent(given), 'outcome obeys the accounting rule').toBe(true);
  const outcome = flat(given);
  expect([outcome.deletedCount, outcome.notFoundCount, outcome.failures.length]).toEqual(expected.counts);
  expect(outcome.deletedIds).toEqual(expected.deletedIds);
  if (typeof expected.failures === 'string') {
    expect(outcome.failures.map((f) => f.code)).toEqual(outcome.failures.map(() => expected.failures));
  } else if (expected.failures !== undefined) {
    expect(Object.fromEntries(outcome.failures.map((f) => [f.id, f.code]))).toEqual(expected.failures);
  }
  if (expected.upstreamCode !== undefined) {
    expect(outcome.failures.map((f) => f.upstreamCode)).toEqual(outcome.failures.map(() => expected.upstreamCode));
  }
  expect(outcome.refusal?.code ?? null).toBe(expected.refusal ?? null);
  if (expected.retryAfter !== undefined) expect(outcome.refusal?.retryAfter).toBe(expected.retryAfter);
  if (expected.sentIntentIds !== undefined) expect(outcome.sentIntentIds).toEqual(expected.sentIntentIds);
}

/** A failure row. */
export function failure(id: string, code: BulkDeleteFailureCode, upstreamCode: string | null = null): Failure {
  return { id, code, message: `${code} for ${id}`, upstreamCode };
}

/** An answered outcome: the first `deleted` IDs deleted, the next `notFound` not found, the rest failed REJECTED. */
export function answered(ids: readonly string[], deleted: number, notFound: number, options: { deletedIdsKnown?: boolean; meta?: CallMetadata } = {}): AnsweredBatch {
  const deletedIds = ids.slice(0, deleted);
  return answeredBatch(ids, {
    deletedCount: deleted,
    deletedIds: options.deletedIdsKnown === false ? null : deletedIds,
    notFoundCount: notFound,
    failures: ids.slice(deleted + notFound).map((id) => failure(id, 'REJECTED')),
  }, options.meta ?? NO_METADATA);
}

/** `count` IDs named `prefix0`, `prefix1`, ... */
export function makeIds(count: number, prefix = 'id'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${index}`);
}

/** A promise with its resolve and reject exposed. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise job and tick run (one macrotask turn; not a timed sleep). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The fields of every kind of outcome at once. */
export interface FlatOutcome extends BatchAccount, CallMetadata {
  readonly refusal: FacadeError | null;
  readonly stopsLaterBatches: boolean;
  readonly notSent: boolean;
  readonly sentIntentIds: readonly string[];
}

/**
 * Every field of an outcome, whatever its kind: the rows and counts the result would add up
 * (`accountOf`), the refusal, whether it stops later batches, whether it was sent.
 */
export function flat(outcome: BatchOutcome): BatchOutcome & FlatOutcome {
  const meta = metadataOf(outcome);
  return {
    ...outcome,
    ...accountOf(outcome),
    refusal: outcome.kind === 'refused' ? outcome.error : null,
    stopsLaterBatches: stopsLaterBatches(outcome),
    notSent: outcome.kind === 'not-sent',
    sentIntentIds: outcome.kind === 'answered' ? outcome.sentIntentIds : [],
    upstreamRequestIds: meta.upstreamRequestIds,
    rateLimit: meta.rateLimit,
  };
}
