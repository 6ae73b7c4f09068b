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
 * Every `extensions.code` the facade gives an error it raises itself, in a GraphQL result or in the
 * HTTP answer to a request it refused before running it (only parse and validation codes such as
 * GRAPHQL_VALIDATION_FAILED are Apollo's). In the schema so that every client's generated
 * types carry them; `bulkDeleteCapabilities.errorCodes` lists them at run time. An error caused by a vendor
 * also carries `extensions.upstream` (`stoq`, `kore` or `leadlex`) and, where there was an HTTP
 * answer, `extensions.upstreamStatus`; each value says which of these, and `retryAfter` (whole
 * seconds), its errors carry. Any such error means nothing was deleted.
 */
export type BulkDeleteErrorCode =
  /**
   * The HTTP request was refused before any GraphQL ran (HTTP 400, 413 or 421): a body that is
   * not JSON or is over MAX_REQUEST_BYTES, two Authorization headers, a Host the facade does not
   * answer, or a persisted query whose hash does not match it. Fix the request. No other extensions.
   */
  | 'BAD_REQUEST'
  /**
   * The input was refused before any vendor call (empty or too many `ids`, a malformed ID,
   * `idempotencyKey` or `streamId`), or by the vendor's 400 (then with `upstream` and `upstreamStatus`).
   */
  | 'BAD_USER_INPUT'
  /** The client lacks the scope this mutation needs. No other extensions. */
  | 'FORBIDDEN'
  /** The same `idempotencyKey` came back with a different input. No other extensions. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /**
   * This client already holds its quota of idempotency records (keys, or bytes of stored
   * results), so a new key is refused before any vendor call. Always with `retryAfter`: the
   * seconds until its oldest record expires. Calls without a key, and repeats of stored keys, work.
   */
  | 'IDEMPOTENCY_STORE_FULL'
  /**
   * The shared idempotency store (Redis) is not answering, so a call with a key is refused before
   * any vendor call rather than run without its guarantee. Retry later; calls without a key work.
   * No other extensions.
   */
  | 'IDEMPOTENCY_STORE_UNAVAILABLE'
  /**
   * A JWT could not be checked because the identity provider's signing keys (JWKS) did not
   * answer (HTTP 503). The token may be good: retry later. No other extensions.
   */
  | 'IDENTITY_PROVIDER_UNAVAILABLE'
  /** A fault of the facade, a bug: the cause is only in its log. No other extensions. */
  | 'INTERNAL_SERVER_ERROR'
  /**
   * The shared job store (Redis, with `REDIS_URL`) is not answering, so a job call (create, add,
   * start, cancel, a job query) was refused or could not be read; a refused change changed nothing.
   * Running jobs pause their writes and carry on once it is back. Retry later. No other extensions.
   */
  | 'JOB_STORE_UNAVAILABLE'
  /** This vendor has no credentials on this facade. Always with `upstream`. */
  | 'NOT_CONFIGURED'
  /**
   * Rate limited before anything was deleted. Always with `retryAfter`. With `upstream` when the
   * vendor's limit (its 429, then also `upstreamStatus`, or its budget known spent); without, when
   * the facade's own per-client or failed-authentication limit refused the request (HTTP 429).
   */
  | 'RATE_LIMITED'
  /**
   * This replica is shutting down and started nothing (HTTP 503, `Retry-After: 1`): retry, and a
   * router or load balancer sends it to another replica. No other extensions.
   */
  | 'SHUTTING_DOWN'
  /** The client is not authenticated to the facade (HTTP 401). No other extensions. */
  | 'UNAUTHENTICATED'
  /** The vendor answered 401 or 403 to the facade's credentials. Always with `upstream` and `upstreamStatus`. */
  | 'UPSTREAM_AUTH_FAILED'
  /**
   * The vendor refused the call in a way the facade does not expect, or with a body it could not
   * read. Always with `upstream`; `upstreamStatus` when it answered.
   */
  | 'UPSTREAM_BAD_RESPONSE'
  /**
   * The vendor could not be reached, answered 503, or its circuit is open. Always with `upstream`;
   * `upstreamStatus` when it answered; `retryAfter` when the circuit says when it will try again.
   */
  | 'UPSTREAM_UNAVAILABLE';

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

/** A job's lifecycle: OPEN, then QUEUED, RUNNING (PAUSED while the vendor's budget is spent), then one of the three ends. */
export type BulkDeleteJobStatus =
  /** Ended on request: a batch in flight still landed, IDs never sent are NOT_ATTEMPTED. */
  | 'CANCELLED'
  /** Ended: every ID has an outcome. */
  | 'COMPLETED'
  /** Ended by a refusal that more waiting cannot cure (e.g. the vendor's 401); IDs never sent are NOT_ATTEMPTED. */
  | 'FAILED'
  /** Created with `start: false`: IDs may still be added with `addBulkDeleteJobIds`; nothing is sent until `startBulkDeleteJob`. */
  | 'OPEN'
  /** Waiting for the vendor's rate limit or quota to reset; `resumesAt` says when. It resumes by itself. */
  | 'PAUSED'
  /** Waiting for a worker. */
  | 'QUEUED'
  /** A worker is sending its batches. */
  | 'RUNNING';

/** Which records a bulk delete targets: one value per vendor. */
export type BulkDeleteTarget =
  /** Kore.ai contacts (`bulkDeleteContacts`). */
  | 'CONTACTS'
  /** LeadLex CRM deals (`bulkDeleteDeals`). */
  | 'DEALS'
  /** Stoq "Back in Stock" intents (`bulkDeleteIntents`). */
  | 'INTENTS';

/** A new job: what to delete, where, and how. */
export type CreateBulkDeleteJobInput = {
  /** DEALS only: LeadLex validates and counts but deletes nothing. Set on another target, BAD_USER_INPUT. */
  dryRun?: boolean | null | undefined;
  /**
   * The same key with the same input returns the job the first call created, instead of a second
   * job. The same key with a different input is IDEMPOTENCY_KEY_REUSED.
   */
  idempotencyKey?: string | null | undefined;
  /**
   * The job's first IDs: at most MAX_IDS_PER_CALL per request (duplicates count once, across
   * calls too); add more with `addBulkDeleteJobIds` while the job is OPEN.
   */
  ids: Array<string>;
  /** INTENTS only: per batch, delete the intents not yet sent instead of refusing the whole batch. Set on another target, BAD_USER_INPUT. */
  skipSent?: boolean | null | undefined;
  /** False: the job stays OPEN for more IDs until `startBulkDeleteJob`. True (the default): QUEUED at once. */
  start?: boolean | null | undefined;
  /** CONTACTS only: the Kore.ai bot/stream; defaults to the configured KORE_STREAM_ID. Set on another target, BAD_USER_INPUT. */
  streamId?: string | null | undefined;
  /** Which records: one vendor per job. */
  target: BulkDeleteTarget;
};

export type BulkDeleteCapabilitiesQueryVariables = Exact<{ [key: string]: never; }>;


export type BulkDeleteCapabilitiesQuery = { bulkDeleteCapabilities: { demo: boolean, maxIdsPerCall: number, maxIdLength: number, maxIdempotencyKeyLength: number, maxIdsPerJob: number, maxRunningJobsPerClient: number, errorCodes: Array<BulkDeleteErrorCode>, targets: Array<{ target: BulkDeleteTarget, mutation: string, upstream: string, scope: string, allowed: boolean, configured: boolean, batchSize: number | null, jobBatchSize: number | null, supportsDryRun: boolean, supportsSkipSent: boolean, supportsStreamId: boolean, streamIdRequired: boolean }> } };

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

export type BulkDeleteJobStateFragment = { id: string, target: BulkDeleteTarget, status: BulkDeleteJobStatus, dryRun: boolean, createdAt: string, startedAt: string | null, finishedAt: string | null, resumesAt: string | null, progress: { requestedCount: number, processedCount: number, deletedCount: number, notFoundCount: number, failedCount: number } };

export type CreateBulkDeleteJobMutationVariables = Exact<{
  input: CreateBulkDeleteJobInput;
}>;


export type CreateBulkDeleteJobMutation = { createBulkDeleteJob: { id: string, target: BulkDeleteTarget, status: BulkDeleteJobStatus, dryRun: boolean, createdAt: string, startedAt: string | null, finishedAt: string | null, resumesAt: string | null, progress: { requestedCount: number, processedCount: number, deletedCount: number, notFoundCount: number, failedCount: number } } | null };

export type AddBulkDeleteJobIdsMutationVariables = Exact<{
  id: string;
  ids: Array<string> | string;
}>;


export type AddBulkDeleteJobIdsMutation = { addBulkDeleteJobIds: { id: string, target: BulkDeleteTarget, status: BulkDeleteJobStatus, dryRun: boolean, createdAt: string, startedAt: string | null, finishedAt: string | null, resumesAt: string | null, progress: { requestedCount: number, processedCount: number, deletedCount: number, notFoundCount: number, failedCount: number } } | null };

export type StartBulkDeleteJobMutationVariables = Exact<{
  id: string;
}>;


export type StartBulkDeleteJobMutation = { startBulkDeleteJob: { id: string, target: BulkDeleteTarget, status: BulkDeleteJobStatus, dryRun: boolean, createdAt: string, startedAt: string | null, finishedAt: string | null, resumesAt: string | null, progress: { requestedCount: number, processedCount: number, deletedCount: number, notFoundCount: number, failedCount: number } } | null };

export type CancelBulkDeleteJobMutationVariables = Exact<{
  id: string;
}>;


export type CancelBulkDeleteJobMutation = { cancelBulkDeleteJob: { id: string, target: BulkDeleteTarget, status: BulkDeleteJobStatus, dryRun: boolean, createdAt: string, startedAt: string | null, finishedAt: string | null, resumesAt: string | null, progress: { requestedCount: number, processedCount: number, deletedCount: number, notFoundCount: number, failedCount: number } } | null };

export type BulkDeleteJobQueryVariables = Exact<{
  id: string;
}>;


export type BulkDeleteJobQuery = { bulkDeleteJob: { id: string, target: BulkDeleteTarget, status: BulkDeleteJobStatus, dryRun: boolean, createdAt: string, startedAt: string | null, finishedAt: string | null, resumesAt: string | null, result:
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number, deletedIds: Array<string> | null, dryRun: boolean, upstreamRequestIds: Array<string>, failures: Array<{ id: string, code: BulkDeleteFailureCode, message: string, upstreamCode: string | null }>, rateLimit: { limit: number, remaining: number, resetAt: string | null } | null }
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number, deletedIds: Array<string> | null, dryRun: boolean, upstreamRequestIds: Array<string>, failures: Array<{ id: string, code: BulkDeleteFailureCode, message: string, upstreamCode: string | null }>, rateLimit: { limit: number, remaining: number, resetAt: string | null } | null }
      | { sentIntentIds: Array<string>, requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number, deletedIds: Array<string> | null, dryRun: boolean, upstreamRequestIds: Array<string>, failures: Array<{ id: string, code: BulkDeleteFailureCode, message: string, upstreamCode: string | null }>, rateLimit: { limit: number, remaining: number, resetAt: string | null } | null }
     | null, progress: { requestedCount: number, processedCount: number, deletedCount: number, notFoundCount: number, failedCount: number } } | null };

export type BulkDeleteJobsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  status?: Array<BulkDeleteJobStatus> | BulkDeleteJobStatus | null | undefined;
}>;


export type BulkDeleteJobsQuery = { bulkDeleteJobs: { edges: Array<{ cursor: string, node: { id: string, target: BulkDeleteTarget, status: BulkDeleteJobStatus, dryRun: boolean, createdAt: string, startedAt: string | null, finishedAt: string | null, resumesAt: string | null, progress: { requestedCount: number, processedCount: number, deletedCount: number, notFoundCount: number, failedCount: number } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export const BulkDeleteOutcomeFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedIds"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamRequestIds"}},{"kind":"Field","name":{"kind":"Name","value":"failures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rateLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"resetAt"}}]}}]}}]} as unknown as DocumentNode<BulkDeleteOutcomeFragment, unknown>;
export const BulkDeleteJobStateFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteJobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resumesAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"processedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}}]}}]} as unknown as DocumentNode<BulkDeleteJobStateFragment, unknown>;
export const BulkDeleteCapabilitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BulkDeleteCapabilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkDeleteCapabilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"demo"}},{"kind":"Field","name":{"kind":"Name","value":"maxIdsPerCall"}},{"kind":"Field","name":{"kind":"Name","value":"maxIdLength"}},{"kind":"Field","name":{"kind":"Name","value":"maxIdempotencyKeyLength"}},{"kind":"Field","name":{"kind":"Name","value":"maxIdsPerJob"}},{"kind":"Field","name":{"kind":"Name","value":"maxRunningJobsPerClient"}},{"kind":"Field","name":{"kind":"Name","value":"errorCodes"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"mutation"}},{"kind":"Field","name":{"kind":"Name","value":"upstream"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"batchSize"}},{"kind":"Field","name":{"kind":"Name","value":"jobBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"supportsDryRun"}},{"kind":"Field","name":{"kind":"Name","value":"supportsSkipSent"}},{"kind":"Field","name":{"kind":"Name","value":"supportsStreamId"}},{"kind":"Field","name":{"kind":"Name","value":"streamIdRequired"}}]}}]}}]}}]} as unknown as DocumentNode<BulkDeleteCapabilitiesQuery, BulkDeleteCapabilitiesQueryVariables>;
export const DeleteContactsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteContacts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteContactsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkDeleteContacts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BulkDeleteOutcome"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedIds"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamRequestIds"}},{"kind":"Field","name":{"kind":"Name","value":"failures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rateLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"resetAt"}}]}}]}}]} as unknown as DocumentNode<DeleteContactsMutation, DeleteContactsMutationVariables>;
export const DeleteDealsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteDeals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteDealsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkDeleteDeals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BulkDeleteOutcome"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedIds"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamRequestIds"}},{"kind":"Field","name":{"kind":"Name","value":"failures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rateLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"resetAt"}}]}}]}}]} as unknown as DocumentNode<DeleteDealsMutation, DeleteDealsMutationVariables>;
export const DeleteIntentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteIntents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteIntentsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkDeleteIntents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BulkDeleteOutcome"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteIntentsResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sentIntentIds"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedIds"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamRequestIds"}},{"kind":"Field","name":{"kind":"Name","value":"failures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rateLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"resetAt"}}]}}]}}]} as unknown as DocumentNode<DeleteIntentsMutation, DeleteIntentsMutationVariables>;
export const CreateBulkDeleteJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateBulkDeleteJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateBulkDeleteJobInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createBulkDeleteJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BulkDeleteJobState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteJobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resumesAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"processedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}}]}}]} as unknown as DocumentNode<CreateBulkDeleteJobMutation, CreateBulkDeleteJobMutationVariables>;
export const AddBulkDeleteJobIdsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddBulkDeleteJobIds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addBulkDeleteJobIds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BulkDeleteJobState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteJobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resumesAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"processedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}}]}}]} as unknown as DocumentNode<AddBulkDeleteJobIdsMutation, AddBulkDeleteJobIdsMutationVariables>;
export const StartBulkDeleteJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartBulkDeleteJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startBulkDeleteJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BulkDeleteJobState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteJobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resumesAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"processedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}}]}}]} as unknown as DocumentNode<StartBulkDeleteJobMutation, StartBulkDeleteJobMutationVariables>;
export const CancelBulkDeleteJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelBulkDeleteJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelBulkDeleteJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BulkDeleteJobState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteJobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resumesAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"processedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}}]}}]} as unknown as DocumentNode<CancelBulkDeleteJobMutation, CancelBulkDeleteJobMutationVariables>;
export const BulkDeleteJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BulkDeleteJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkDeleteJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BulkDeleteJobState"}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BulkDeleteOutcome"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteIntentsResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sentIntentIds"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteJobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resumesAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"processedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedIds"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamRequestIds"}},{"kind":"Field","name":{"kind":"Name","value":"failures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rateLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"resetAt"}}]}}]}}]} as unknown as DocumentNode<BulkDeleteJobQuery, BulkDeleteJobQueryVariables>;
export const BulkDeleteJobsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BulkDeleteJobs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteJobStatus"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkDeleteJobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BulkDeleteJobState"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BulkDeleteJobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resumesAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"processedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}}]}}]} as unknown as DocumentNode<BulkDeleteJobsQuery, BulkDeleteJobsQueryVariables>;