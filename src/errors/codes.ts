import { BulkDeleteErrorCode } from '../__generated__/enums.ts';

/**
 * The public error surface: every `extensions.code` of an error the facade raises (docs/contract.md §4's
 * codes plus INTERNAL_SERVER_ERROR). Clients act on these strings; they never change meaning.
 *
 * The list is the SDL's `enum BulkDeleteErrorCode` (schema/errors.graphql), so clients generate
 * it into their own types. To add a code: add it, with its description, to that enum and run
 * `npm run codegen`; the typed client's extension shapes (examples/typed-client/errors.ts) then
 * fail to compile until they say what the new code carries.
 */
export const ERROR_CODES: readonly ErrorCode[] = Object.freeze(Object.values(BulkDeleteErrorCode));

/** One of the codes a client may see in `extensions.code` for an error the facade raised. */
export type ErrorCode = BulkDeleteErrorCode;

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
