// errors/: the one error taxonomy (docs/contract.md §4). Codes are the public surface; FacadeError
// carries them through the facade; format.ts alone maps them to GraphQL's `extensions`.
export { ERROR_CODES, UPSTREAM_LABELS, UPSTREAM_NAMES, type ErrorCode, type UpstreamName } from './codes.ts';
export { FacadeError, assertNever, isFacadeError, type FacadeErrorDetails } from './facade-error.ts';
export { createErrorFormatter, errorBody, findFacadeError, type ErrorFormatter, type UnexpectedErrorHook } from './format.ts';
export { REDACTED, createMintedTokens, createRedactor, type MintedTokens, type Redactor } from './redact.ts';
