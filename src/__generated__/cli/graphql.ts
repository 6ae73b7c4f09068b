/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

export type CliJobStateFragment = { id: string, target: BulkDeleteTarget, status: BulkDeleteJobStatus, dryRun: boolean, createdAt: string, startedAt: string | null, finishedAt: string | null, resumesAt: string | null, progress: { requestedCount: number, processedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }, result:
    | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
    | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
    | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
   | null };

export type CliCapabilitiesQueryVariables = Exact<{ [key: string]: never; }>;


export type CliCapabilitiesQuery = { bulkDeleteCapabilities: { maxIdsPerCall: number, maxIdLength: number, maxIdempotencyKeyLength: number, targets: Array<{ target: BulkDeleteTarget, scope: string, allowed: boolean, configured: boolean }> } };

export type CliCreateJobMutationVariables = Exact<{
  input: CreateBulkDeleteJobInput;
}>;


export type CliCreateJobMutation = { createBulkDeleteJob: { id: string, target: BulkDeleteTarget, status: BulkDeleteJobStatus, dryRun: boolean, createdAt: string, startedAt: string | null, finishedAt: string | null, resumesAt: string | null, progress: { requestedCount: number, processedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }, result:
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
     | null } | null };

export type CliAddJobIdsMutationVariables = Exact<{
  id: string;
  ids: Array<string> | string;
}>;


export type CliAddJobIdsMutation = { addBulkDeleteJobIds: { id: string, status: BulkDeleteJobStatus, progress: { requestedCount: number } } | null };

export type CliStartJobMutationVariables = Exact<{
  id: string;
}>;


export type CliStartJobMutation = { startBulkDeleteJob: { id: string, target: BulkDeleteTarget, status: BulkDeleteJobStatus, dryRun: boolean, createdAt: string, startedAt: string | null, finishedAt: string | null, resumesAt: string | null, progress: { requestedCount: number, processedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }, result:
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
     | null } | null };

export type CliCancelJobMutationVariables = Exact<{
  id: string;
}>;


export type CliCancelJobMutation = { cancelBulkDeleteJob: { id: string, target: BulkDeleteTarget, status: BulkDeleteJobStatus, dryRun: boolean, createdAt: string, startedAt: string | null, finishedAt: string | null, resumesAt: string | null, progress: { requestedCount: number, processedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }, result:
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
     | null } | null };

export type CliJobQueryVariables = Exact<{
  id: string;
}>;


export type CliJobQuery = { bulkDeleteJob: { id: string, target: BulkDeleteTarget, status: BulkDeleteJobStatus, dryRun: boolean, createdAt: string, startedAt: string | null, finishedAt: string | null, resumesAt: string | null, progress: { requestedCount: number, processedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }, result:
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
     | null } | null };

export type CliJobProgressSubscriptionVariables = Exact<{
  id: string;
}>;


export type CliJobProgressSubscription = { bulkDeleteJobProgress: { id: string, target: BulkDeleteTarget, status: BulkDeleteJobStatus, dryRun: boolean, createdAt: string, startedAt: string | null, finishedAt: string | null, resumesAt: string | null, progress: { requestedCount: number, processedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }, result:
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
      | { requestedCount: number, deletedCount: number, notFoundCount: number, failedCount: number }
     | null } };

export const CliJobStateFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CliJobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resumesAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"processedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}}]}}]} as unknown as DocumentNode<CliJobStateFragment, unknown>;
export const CliCapabilitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CliCapabilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkDeleteCapabilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"maxIdsPerCall"}},{"kind":"Field","name":{"kind":"Name","value":"maxIdLength"}},{"kind":"Field","name":{"kind":"Name","value":"maxIdempotencyKeyLength"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}}]}}]}}]}}]} as unknown as DocumentNode<CliCapabilitiesQuery, CliCapabilitiesQueryVariables>;
export const CliCreateJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CliCreateJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateBulkDeleteJobInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createBulkDeleteJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CliJobState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CliJobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resumesAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"processedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}}]}}]} as unknown as DocumentNode<CliCreateJobMutation, CliCreateJobMutationVariables>;
export const CliAddJobIdsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CliAddJobIds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addBulkDeleteJobIds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}}]}}]}}]}}]} as unknown as DocumentNode<CliAddJobIdsMutation, CliAddJobIdsMutationVariables>;
export const CliStartJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CliStartJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startBulkDeleteJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CliJobState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CliJobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resumesAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"processedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}}]}}]} as unknown as DocumentNode<CliStartJobMutation, CliStartJobMutationVariables>;
export const CliCancelJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CliCancelJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelBulkDeleteJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CliJobState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CliJobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resumesAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"processedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}}]}}]} as unknown as DocumentNode<CliCancelJobMutation, CliCancelJobMutationVariables>;
export const CliJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CliJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkDeleteJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CliJobState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CliJobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resumesAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"processedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}}]}}]} as unknown as DocumentNode<CliJobQuery, CliJobQueryVariables>;
export const CliJobProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CliJobProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkDeleteJobProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CliJobState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CliJobState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BulkDeleteJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resumesAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"processedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"notFoundCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}}]}}]}}]} as unknown as DocumentNode<CliJobProgressSubscription, CliJobProgressSubscriptionVariables>;