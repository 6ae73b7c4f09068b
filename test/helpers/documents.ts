/**
 * The operations the end-to-end suites send, as documents typed by codegen (codegen.yml,
 * src/__generated__/e2e/): each answer's `data` and each call's variables have the schema's
 * types, so a schema change that breaks a test's document fails `npm run typecheck`.
 */
import type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';
import { graphql } from '../../src/__generated__/e2e/index.ts';

/** Every field of the BulkDeleteResult interface a test reads. */
export const RESULT_FIELDS_FRAGMENT = graphql(`
  fragment ResultFields on BulkDeleteResult {
    requestedCount deletedCount notFoundCount failedCount deletedIds dryRun upstreamRequestIds
    failures { id code message upstreamCode }
    rateLimit { limit remaining resetAt }
  }
`);

/**
 * The three mutations with the interface fields (and sentIntentIds for intents), their field
 * aliased `result` so one function reads any of them. Codegen types named operations only.
 */
export const MUTATIONS = {
  intents: graphql(`
    mutation IntentsResult($input: BulkDeleteIntentsInput!) { result: bulkDeleteIntents(input: $input) { ...ResultFields sentIntentIds } }
  `),
  contacts: graphql(`
    mutation ContactsResult($input: BulkDeleteContactsInput!) { result: bulkDeleteContacts(input: $input) { ...ResultFields } }
  `),
  deals: graphql(`
    mutation DealsResult($input: BulkDeleteDealsInput!) { result: bulkDeleteDeals(input: $input) { ...ResultFields } }
  `),
};

/** The smallest query there is: what tests of authentication and transport send. */
export const TYPENAME = graphql(`query Typename { __typename }`);

/** The mutation names, as keys of MUTATIONS. */
export type MutationName = keyof typeof MUTATIONS;

/** The input of mutation `M` (of any of them, for the union). */
export type MutationInput<M extends MutationName = MutationName> = VariablesOf<(typeof MUTATIONS)[M]>['input'];

/** The result of mutation `M` (of any of them, for the union), as the client reads it. */
export type MutationResult<M extends MutationName = MutationName> = NonNullable<ResultOf<(typeof MUTATIONS)[M]>['result']>;

/** A failure row's code. */
export type FailureCode = MutationResult['failures'][number]['code'];

/**
 * MUTATIONS[m] for a name known only at run time (a table of cases): its variables and answer are
 * those of any of the three, which is what such a test may rely on.
 */
export function mutationDocument<M extends MutationName>(m: M): TypedDocumentNode<{ result: MutationResult<M> | null }, { input: MutationInput<M> }> {
  return MUTATIONS[m] as unknown as TypedDocumentNode<{ result: MutationResult<M> | null }, { input: MutationInput<M> }>;
}
