/**
 * The public error surface: the codes of CONTRACT §4, the idempotency store's two refusals
 * (expected conditions a client acts on, so not INTERNAL_SERVER_ERROR), plus
 * INTERNAL_SERVER_ERROR for anything the facade did not expect. Clients act on these
 * strings; they never change meaning.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_CONFIGURED',
  'UPSTREAM_AUTH_FAILED',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_BAD_RESPONSE',
  'IDEMPOTENCY_KEY_REUSED',
  // This client's idempotency records are at their quota: refused before any upstream call.
  'IDEMPOTENCY_STORE_FULL',
  // The idempotency store (Redis) is not answering: refused before any upstream call.
  'IDEMPOTENCY_STORE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;

/** One of the codes a client may see in `extensions.code` for an error the facade raised. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The vendor ids, the same in folder names, env prefixes, `extensions.upstream` and metrics. */
export const UPSTREAM_NAMES = ['stoq', 'kore', 'leadlex'] as const;

/** Which upstream an error or an outcome came from. */
export type UpstreamName = (typeof UPSTREAM_NAMES)[number];

/** Vendor names as people write them, for messages. */
export const UPSTREAM_LABELS: Readonly<Record<UpstreamName, string>> = {
  stoq: 'Stoq',
  kore: 'Kore.ai',
  leadlex: 'LeadLex',
};
