import type { ErrorCode, UpstreamName } from './codes.ts';

/** What a FacadeError may carry besides its code and message. */
export interface FacadeErrorDetails {
  upstream?: UpstreamName;
  upstreamStatus?: number;
  /** Seconds the client should wait before trying again (RATE_LIMITED). */
  retryAfter?: number;
  /**
   * When that wait ends, exact (epoch ms), where `retryAfter` rounds it up to whole seconds
   * (docs/contract.md §4): what a job's `resumesAt` is set to. Never sent to a client.
   */
  retryAt?: number;
  cause?: unknown;
}

/**
 * The one error class of the facade. Its `code` is stable and public (docs/contract.md §4); its
 * message says what happened and what to do, and never holds a credential or an upstream body.
 * Only `errors/format.ts` turns it into a GraphQL error, so no other folder imports `graphql`.
 */
export class FacadeError extends Error {
  override readonly name = 'FacadeError';
  readonly code: ErrorCode;
  readonly upstream: UpstreamName | undefined;
  readonly upstreamStatus: number | undefined;
  readonly retryAfter: number | undefined;
  readonly retryAt: number | undefined;

  constructor(code: ErrorCode, message: string, details: FacadeErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.upstream = details.upstream;
    this.upstreamStatus = details.upstreamStatus;
    this.retryAfter = details.retryAfter;
    this.retryAt = details.retryAt;
  }
}

/** Type guard: true for a FacadeError. */
export function isFacadeError(value: unknown): value is FacadeError {
  return value instanceof FacadeError;
}

/** Throws in the default branch of an exhaustive switch, so a new case is a compile error. */
export function assertNever(value: never, what: string): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
