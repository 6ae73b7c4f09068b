/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What to delete from Kore.ai. */
export type BulkDeleteContactsInput = {
  /**
   * Send the same key with the same input within 24 hours to get the first call's result
   * again instead of deleting again. Reusing a key with a different input is an error.
   */
  idempotencyKey?: string | null | undefined;
  /** Kore.ai contact IDs. Duplicates are counted and sent once. */
  ids: Array<string>;
  /** Kore.ai bot/stream; defaults to the configured KORE_STREAM_ID. */
  streamId?: string | null | undefined;
};

/** What to delete from LeadLex. */
export type BulkDeleteDealsInput = {
  /** When true, LeadLex validates and counts but deletes nothing. */
  dryRun?: boolean | null | undefined;
  /**
   * Send the same key with the same input within 24 hours to get the first call's result
   * again instead of deleting again. Reusing a key with a different input is an error.
   * Also used to derive the Idempotency-Key of each LeadLex call.
   */
  idempotencyKey?: string | null | undefined;
  /** LeadLex deal IDs. Duplicates are counted and sent once. */
  ids: Array<string>;
};

/**
 * Why an ID was not deleted. Every code but `OUTCOME_UNKNOWN` means "certainly not deleted":
 * safe to retry.
 */
export type BulkDeleteFailureCode =
  /** Stoq: the intent was already notified, so Stoq refuses to delete it. */
  | 'ALREADY_SENT'
  /**
   * Not deleted because the upstream refused the call as a whole for other IDs (Stoq's
   * all-or-nothing 422), or the facade stopped before sending its batch.
   */
  | 'NOT_ATTEMPTED'
  /**
   * It may or may not have been deleted: the answer was lost (timeout or reset after sending),
   * unreadable, or a call failed with a 5xx other than 503 and no retry settled it.
   * Check the upstream before retrying.
   */
  | 'OUTCOME_UNKNOWN'
  /** Its batch was refused with 429, still after the allowed waiting. */
  | 'RATE_LIMITED'
  /** The upstream refused this row, or its whole batch with a 4xx; `upstreamCode` says why. */
  | 'REJECTED'
  /**
   * Its batch was refused by an upstream failure that did not process it (503, connection
   * refused), still after the allowed retries.
   */
  | 'UPSTREAM_ERROR';

/** What to delete from Stoq. */
export type BulkDeleteIntentsInput = {
  /**
   * Send the same key with the same input within 24 hours to get the first call's result
   * again instead of deleting again. Reusing a key with a different input is an error.
   */
  idempotencyKey?: string | null | undefined;
  /** Stoq intent IDs. Duplicates are counted and sent once. */
  ids: Array<string>;
  /** When some intents were already sent, delete the others instead of failing the whole call. */
  skipSent?: boolean | null | undefined;
};

export type DeleteContactsMutationVariables = Exact<{
  input: BulkDeleteContactsInput;
}>;


export type DeleteContactsMutation = { bulkDeleteContacts: { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number, deletedIds: Array<string> | null, dryRun: boolean, upstreamRequestIds: Array<string>, failures: Array<{ id: string, code: BulkDeleteFailureCode, message: string, upstreamCode: string | null }>, rateLimit: { limit: number, remaining: number, resetAt: string | null } | null } | null };

export type DeleteDealsMutationVariables = Exact<{
  input: BulkDeleteDealsInput;
}>;


export type DeleteDealsMutation = { bulkDeleteDeals: { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number, deletedIds: Array<string> | null, dryRun: boolean, upstreamRequestIds: Array<string>, failures: Array<{ id: string, code: BulkDeleteFailureCode, message: string, upstreamCode: string | null }>, rateLimit: { limit: number, remaining: number, resetAt: string | null } | null } | null };

export type DeleteIntentsMutationVariables = Exact<{
  input: BulkDeleteIntentsInput;
}>;


export type DeleteIntentsMutation = { bulkDeleteIntents: { sentIntentIds: Array<string>, requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number, deletedIds: Array<string> | null, dryRun: boolean, upstreamRequestIds: Array<string>, failures: Array<{ id: string, code: BulkDeleteFailureCode, message: string, upstreamCode: string | null }>, rateLimit: { limit: number, remaining: number, resetAt: string | null } | null } | null };

type BulkDeleteOutcome_BulkDeleteContactsResult_Fragment = { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number, deletedIds: Array<string> | null, dryRun: boolean, upstreamRequestIds: Array<string>, failures: Array<{ id: string, code: BulkDeleteFailureCode, message: string, upstreamCode: string | null }>, rateLimit: { limit: number, remaining: number, resetAt: string | null } | null };

type BulkDeleteOutcome_BulkDeleteDealsResult_Fragment = { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number, deletedIds: Array<string> | null, dryRun: boolean, upstreamRequestIds: Array<string>, failures: Array<{ id: string, code: BulkDeleteFailureCode, message: string, upstreamCode: string | null }>, rateLimit: { limit: number, remaining: number, resetAt: string | null } | null };

type BulkDeleteOutcome_BulkDeleteIntentsResult_Fragment = { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number, deletedIds: Array<string> | null, dryRun: boolean, upstreamRequestIds: Array<string>, failures: Array<{ id: string, code: BulkDeleteFailureCode, message: string, upstreamCode: string | null }>, rateLimit: { limit: number, remaining: number, resetAt: string | null } | null };

export type BulkDeleteOutcomeFragment =
  | BulkDeleteOutcome_BulkDeleteContactsResult_Fragment
  | BulkDeleteOutcome_BulkDeleteDealsResult_Fragment
  | BulkDeleteOutcome_BulkDeleteIntentsResult_Fragment
;

export const BulkDeleteOutcomeFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedIds"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamRequestIds"}},{"kind":"Field","name":{"kind":"Name","value":"failures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rateLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"resetAt"}}]}}]}}]} as unknown as DocumentNode<BulkDeleteOutcomeFragment, unknown>;
export const DeleteContactsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteContacts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteContactsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkDeleteContacts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BulkDeleteOutcome"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedIds"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamRequestIds"}},{"kind":"Field","name":{"kind":"Name","value":"failures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rateLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"resetAt"}}]}}]}}]} as unknown as DocumentNode<DeleteContactsMutation, DeleteContactsMutationVariables>;
export const DeleteDealsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteDeals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteDealsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkDeleteDeals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BulkDeleteOutcome"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedIds"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamRequestIds"}},{"kind":"Field","name":{"kind":"Name","value":"failures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rateLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"resetAt"}}]}}]}}]} as unknown as DocumentNode<DeleteDealsMutation, DeleteDealsMutationVariables>;
export const DeleteIntentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteIntents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteIntentsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkDeleteIntents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BulkDeleteOutcome"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteIntentsResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sentIntentIds"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedIds"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamRequestIds"}},{"kind":"Field","name":{"kind":"Name","value":"failures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rateLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"resetAt"}}]}}]}}]} as unknown as DocumentNode<DeleteIntentsMutation, DeleteIntentsMutationVariables>;