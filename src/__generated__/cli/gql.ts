/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment CliJobState on BulkDeleteJob {\n  id\n  target\n  status\n  dryRun\n  createdAt\n  startedAt\n  finishedAt\n  resumesAt\n  progress {\n    requestedCount\n    processedCount\n    deletedCount\n    notFoundCount\n    failedCount\n  }\n  result {\n    requestedCount\n    deletedCount\n    notFoundCount\n    failedCount\n  }\n}\n\nquery CliCapabilities {\n  bulkDeleteCapabilities {\n    maxIdsPerCall\n    maxIdLength\n    maxIdempotencyKeyLength\n    targets {\n      target\n      scope\n      allowed\n      configured\n    }\n  }\n}\n\nmutation CliCreateJob($input: CreateBulkDeleteJobInput!) {\n  createBulkDeleteJob(input: $input) {\n    ...CliJobState\n  }\n}\n\nmutation CliAddJobIds($id: ID!, $ids: [ID!]!) {\n  addBulkDeleteJobIds(id: $id, ids: $ids) {\n    id\n    status\n    progress {\n      requestedCount\n    }\n  }\n}\n\nmutation CliStartJob($id: ID!) {\n  startBulkDeleteJob(id: $id) {\n    ...CliJobState\n  }\n}\n\nmutation CliCancelJob($id: ID!) {\n  cancelBulkDeleteJob(id: $id) {\n    ...CliJobState\n  }\n}\n\nquery CliJob($id: ID!) {\n  bulkDeleteJob(id: $id) {\n    ...CliJobState\n  }\n}\n\nsubscription CliJobProgress($id: ID!) {\n  bulkDeleteJobProgress(id: $id) {\n    ...CliJobState\n  }\n}": typeof types.CliJobStateFragmentDoc,
};
const documents: Documents = {
    "fragment CliJobState on BulkDeleteJob {\n  id\n  target\n  status\n  dryRun\n  createdAt\n  startedAt\n  finishedAt\n  resumesAt\n  progress {\n    requestedCount\n    processedCount\n    deletedCount\n    notFoundCount\n    failedCount\n  }\n  result {\n    requestedCount\n    deletedCount\n    notFoundCount\n    failedCount\n  }\n}\n\nquery CliCapabilities {\n  bulkDeleteCapabilities {\n    maxIdsPerCall\n    maxIdLength\n    maxIdempotencyKeyLength\n    targets {\n      target\n      scope\n      allowed\n      configured\n    }\n  }\n}\n\nmutation CliCreateJob($input: CreateBulkDeleteJobInput!) {\n  createBulkDeleteJob(input: $input) {\n    ...CliJobState\n  }\n}\n\nmutation CliAddJobIds($id: ID!, $ids: [ID!]!) {\n  addBulkDeleteJobIds(id: $id, ids: $ids) {\n    id\n    status\n    progress {\n      requestedCount\n    }\n  }\n}\n\nmutation CliStartJob($id: ID!) {\n  startBulkDeleteJob(id: $id) {\n    ...CliJobState\n  }\n}\n\nmutation CliCancelJob($id: ID!) {\n  cancelBulkDeleteJob(id: $id) {\n    ...CliJobState\n  }\n}\n\nquery CliJob($id: ID!) {\n  bulkDeleteJob(id: $id) {\n    ...CliJobState\n  }\n}\n\nsubscription CliJobProgress($id: ID!) {\n  bulkDeleteJobProgress(id: $id) {\n    ...CliJobState\n  }\n}": types.CliJobStateFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CliJobState on BulkDeleteJob {\n  id\n  target\n  status\n  dryRun\n  createdAt\n  startedAt\n  finishedAt\n  resumesAt\n  progress {\n    requestedCount\n    processedCount\n    deletedCount\n    notFoundCount\n    failedCount\n  }\n  result {\n    requestedCount\n    deletedCount\n    notFoundCount\n    failedCount\n  }\n}\n\nquery CliCapabilities {\n  bulkDeleteCapabilities {\n    maxIdsPerCall\n    maxIdLength\n    maxIdempotencyKeyLength\n    targets {\n      target\n      scope\n      allowed\n      configured\n    }\n  }\n}\n\nmutation CliCreateJob($input: CreateBulkDeleteJobInput!) {\n  createBulkDeleteJob(input: $input) {\n    ...CliJobState\n  }\n}\n\nmutation CliAddJobIds($id: ID!, $ids: [ID!]!) {\n  addBulkDeleteJobIds(id: $id, ids: $ids) {\n    id\n    status\n    progress {\n      requestedCount\n    }\n  }\n}\n\nmutation CliStartJob($id: ID!) {\n  startBulkDeleteJob(id: $id) {\n    ...CliJobState\n  }\n}\n\nmutation CliCancelJob($id: ID!) {\n  cancelBulkDeleteJob(id: $id) {\n    ...CliJobState\n  }\n}\n\nquery CliJob($id: ID!) {\n  bulkDeleteJob(id: $id) {\n    ...CliJobState\n  }\n}\n\nsubscription CliJobProgress($id: ID!) {\n  bulkDeleteJobProgress(id: $id) {\n    ...CliJobState\n  }\n}"): (typeof documents)["fragment CliJobState on BulkDeleteJob {\n  id\n  target\n  status\n  dryRun\n  createdAt\n  startedAt\n  finishedAt\n  resumesAt\n  progress {\n    requestedCount\n    processedCount\n    deletedCount\n    notFoundCount\n    failedCount\n  }\n  result {\n    requestedCount\n    deletedCount\n    notFoundCount\n    failedCount\n  }\n}\n\nquery CliCapabilities {\n  bulkDeleteCapabilities {\n    maxIdsPerCall\n    maxIdLength\n    maxIdempotencyKeyLength\n    targets {\n      target\n      scope\n      allowed\n      configured\n    }\n  }\n}\n\nmutation CliCreateJob($input: CreateBulkDeleteJobInput!) {\n  createBulkDeleteJob(input: $input) {\n    ...CliJobState\n  }\n}\n\nmutation CliAddJobIds($id: ID!, $ids: [ID!]!) {\n  addBulkDeleteJobIds(id: $id, ids: $ids) {\n    id\n    status\n    progress {\n      requestedCount\n    }\n  }\n}\n\nmutation CliStartJob($id: ID!) {\n  startBulkDeleteJob(id: $id) {\n    ...CliJobState\n  }\n}\n\nmutation CliCancelJob($id: ID!) {\n  cancelBulkDeleteJob(id: $id) {\n    ...CliJobState\n  }\n}\n\nquery CliJob($id: ID!) {\n  bulkDeleteJob(id: $id) {\n    ...CliJobState\n  }\n}\n\nsubscription CliJobProgress($id: ID!) {\n  bulkDeleteJobProgress(id: $id) {\n    ...CliJobState\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;