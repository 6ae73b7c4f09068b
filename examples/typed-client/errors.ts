/**
 * What a facade error's `extensions` hold, as a union discriminated on `code`: switch over
 * `code` and TypeScript knows which of `upstream`, `upstreamStatus` and `retryAfter` are there.
 *
 * The codes come from the schema (`enum BulkDeleteErrorCode`, generated into ./__generated__/);
 * the table below says what each one carries, as that enum's descriptions do. A code added to
 * the schema is a compile error here until its row is added, so the union never lags the schema.
 */
import type { BulkDeleteErrorCode } from './__generated__/graphql.ts';

/** Whether an error with this code carries an extension: always, only sometimes, or never. */
export type Presence = 'always' | 'sometimes' | 'never';

/** Which extensions an error code carries, besides `code`. */
export interface ExtensionShape {
  /** The vendor the error came from: `stoq`, `kore` or `leadlex`. */
  readonly upstream: Presence;
  /** The vendor's HTTP status, when it answered. */
  readonly upstreamStatus: Presence;
  /** Whole seconds to wait before trying again. */
  readonly retryAfter: Presence;
}

/** What each of the facade's error codes carries (README "Errors"). */
export const ERROR_EXTENSIONS = {
  BAD_USER_INPUT: { upstream: 'sometimes', upstreamStatus: 'sometimes', retryAfter: 'never' },
  BAD_REQUEST: { upstream: 'never', upstreamStatus: 'never', retryAfter: 'never' },
  UNAUTHENTICATED: { upstream: 'never', upstreamStatus: 'never', retryAfter: 'never' },
  IDENTITY_PROVIDER_UNAVAILABLE: { upstream: 'never', upstreamStatus: 'never', retryAfter: 'never' },
  FORBIDDEN: { upstream: 'never', upstreamStatus: 'never', retryAfter: 'never' },
  NOT_CONFIGURED: { upstream: 'always', upstreamStatus: 'never', retryAfter: 'never' },
  UPSTREAM_AUTH_FAILED: { upstream: 'always', upstreamStatus: 'always', retryAfter: 'never' },
  RATE_LIMITED: { upstream: 'sometimes', upstreamStatus: 'sometimes', retryAfter: 'always' },
  UPSTREAM_UNAVAILABLE: { upstream: 'always', upstreamStatus: 'sometimes', retryAfter: 'sometimes' },
  UPSTREAM_BAD_RESPONSE: { upstream: 'always', upstreamStatus: 'sometimes', retryAfter: 'never' },
  IDEMPOTENCY_KEY_REUSED: { upstream: 'never', upstreamStatus: 'never', retryAfter: 'never' },
  IDEMPOTENCY_STORE_FULL: { upstream: 'never', upstreamStatus: 'never', retryAfter: 'always' },
  IDEMPOTENCY_STORE_UNAVAILABLE: { upstream: 'never', upstreamStatus: 'never', retryAfter: 'never' },
  JOB_STORE_UNAVAILABLE: { upstream: 'never', upstreamStatus: 'never', retryAfter: 'never' },
  SHUTTING_DOWN: { upstream: 'never', upstreamStatus: 'never', retryAfter: 'never' },
  INTERNAL_SERVER_ERROR: { upstream: 'never', upstreamStatus: 'never', retryAfter: 'never' },
} as const satisfies Record<BulkDeleteErrorCode, ExtensionShape>;

/** The vendors, as `extensions.upstream` names them. */
export const UPSTREAMS = ['stoq', 'kore', 'leadlex'] as const;
export type Upstream = (typeof UPSTREAMS)[number];

interface ExtensionValues {
  upstream: Upstream;
  upstreamStatus: number;
  retryAfter: number;
}

type Keys<S, P extends Presence> = { [K in keyof S]: S[K] extends P ? K : never }[keyof S] & keyof ExtensionValues;
type Flatten<T> = { [K in keyof T]: T[K] };
type FieldsOf<S> = Flatten<
  { [K in Keys<S, 'always'>]: ExtensionValues[K] } & { [K in Keys<S, 'sometimes'>]?: ExtensionValues[K] } & { [K in Keys<S, 'never'>]?: never }
>;

/** The `extensions` of a facade error, one member per code. */
export type FacadeErrorExtensions = {
  [C in BulkDeleteErrorCode]: Flatten<{ code: C } & FieldsOf<(typeof ERROR_EXTENSIONS)[C]>>;
}[BulkDeleteErrorCode];

/**
 * Apollo's codes for a document that does not parse or validate (a bug in the client): the
 * only codes not in the schema. A request the facade itself refuses before it runs
 * (BAD_REQUEST, SHUTTING_DOWN) carries one of the schema's codes.
 */
export const REQUEST_ERROR_CODES = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED'] as const;
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];

/**
 * What a client can tell of an error: a facade error with its extensions, a refused request,
 * or `UNRECOGNISED` (no code at all, e.g. a proxy's HTML 502, or one this client does not know,
 * e.g. a newer facade's, or extensions not of the code's shape), with the code as received.
 */
export type ClientErrorExtensions =
  | FacadeErrorExtensions
  | { readonly code: RequestErrorCode }
  | { readonly code: 'UNRECOGNISED'; readonly received: string | null };

const FACADE_CODES: ReadonlySet<string> = new Set(Object.keys(ERROR_EXTENSIONS));
const REQUEST_CODES: ReadonlySet<string> = new Set(REQUEST_ERROR_CODES);
const UPSTREAM_SET: ReadonlySet<string> = new Set(UPSTREAMS);

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const VALID: { readonly [K in keyof ExtensionValues]: (value: unknown) => boolean } = {
  upstream: (value) => typeof value === 'string' && UPSTREAM_SET.has(value),
  upstreamStatus: isCount,
  retryAfter: isCount,
};

function isFacadeCode(code: string): code is BulkDeleteErrorCode {
  return FACADE_CODES.has(code);
}

/**
 * Reads an error's `extensions` as sent; never throws. A facade code whose extensions do not
 * have its shape (a field missing that it always has, one it never has, a wrong type) is
 * `UNRECOGNISED`, so the typed fields of what this returns can be trusted.
 */
export function parseErrorExtensions(extensions: unknown): ClientErrorExtensions {
  const record = typeof extensions === 'object' && extensions !== null && !Array.isArray(extensions) ? (extensions as Record<string, unknown>) : {};
  const code = typeof record.code === 'string' ? record.code : null;
  if (code === null) return { code: 'UNRECOGNISED', received: null };
  if (REQUEST_CODES.has(code)) return { code: code as RequestErrorCode };
  if (!isFacadeCode(code)) return { code: 'UNRECOGNISED', received: code };
  const shape: ExtensionShape = ERROR_EXTENSIONS[code];
  const parsed: Record<string, unknown> = { code };
  for (const key of Object.keys(VALID) as Array<keyof ExtensionValues>) {
    const value = record[key];
    const presence = shape[key];
    if (value === undefined || value === null) {
      if (presence === 'always') return { code: 'UNRECOGNISED', received: code };
      continue;
    }
    if (presence === 'never' || !VALID[key](value)) return { code: 'UNRECOGNISED', received: code };
    parsed[key] = value;
  }
  // Checked against ERROR_EXTENSIONS[code] field by field just above.
  return parsed as FacadeErrorExtensions;
}
