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
    "query BulkDeleteCapabilities {\n  bulkDeleteCapabilities {\n    demo\n    maxIdsPerCall\n    maxIdLength\n    maxIdempotencyKeyLength\n    maxIdsPerJob\n    maxRunningJobsPerClient\n    errorCodes\n    targets {\n      target\n      mutation\n      upstream\n      scope\n      allowed\n      configured\n      batchSize\n      jobBatchSize\n      supportsDryRun\n      supportsSkipSent\n      supportsStreamId\n      streamIdRequired\n    }\n  }\n}": typeof types.BulkDeleteCapabilitiesDocument,
    "mutation DeleteContacts($input: BulkDeleteContactsInput!) {\n  bulkDeleteContacts(input: $input) {\n    ...BulkDeleteOutcome\n  }\n}": typeof types.DeleteContactsDocument,
    "mutation DeleteDeals($input: BulkDeleteDealsInput!) {\n  bulkDeleteDeals(input: $input) {\n    ...BulkDeleteOutcome\n  }\n}": typeof types.DeleteDealsDocument,
    "mutation DeleteIntents($input: BulkDeleteIntentsInput!) {\n  bulkDeleteIntents(input: $input) {\n    ...BulkDeleteOutcome\n    ... on BulkDeleteIntentsResult {\n      sentIntentIds\n    }\n  }\n}": typeof types.DeleteIntentsDocument,
    "fragment BulkDeleteOutcome on BulkDeleteResult {\n  requestedCount\n  deletedCount\n  notFoundCount\n  failedCount\n  deletedIds\n  dryRun\n  upstreamRequestIds\n  failures {\n    id\n    code\n    message\n    upstreamCode\n  }\n  rateLimit {\n    limit\n    remaining\n    resetAt\n  }\n}": typeof types.BulkDeleteOutcomeFragmentDoc,
    "fragment BulkDeleteJobState on BulkDeleteJob {\n  id\n  target\n  status\n  dryRun\n  createdAt\n  startedAt\n  finishedAt\n  resumesAt\n  progress {\n    requestedCount\n    processedCount\n    deletedCount\n    notFoundCount\n    failedCount\n  }\n}\n\nmutation CreateBulkDeleteJob($input: CreateBulkDeleteJobInput!) {\n  createBulkDeleteJob(input: $input) {\n    ...BulkDeleteJobState\n  }\n}\n\nmutation AddBulkDeleteJobIds($id: ID!, $ids: [ID!]!) {\n  addBulkDeleteJobIds(id: $id, ids: $ids) {\n    ...BulkDeleteJobState\n  }\n}\n\nmutation StartBulkDeleteJob($id: ID!) {\n  startBulkDeleteJob(id: $id) {\n    ...BulkDeleteJobState\n  }\n}\n\nmutation CancelBulkDeleteJob($id: ID!) {\n  cancelBulkDeleteJob(id: $id) {\n    ...BulkDeleteJobState\n  }\n}\n\nquery BulkDeleteJob($id: ID!) {\n  bulkDeleteJob(id: $id) {\n    ...BulkDeleteJobState\n    result {\n      ...BulkDeleteOutcome\n      ... on BulkDeleteIntentsResult {\n        sentIntentIds\n      }\n    }\n  }\n}\n\nquery BulkDeleteJobs($first: Int, $after: String, $status: [BulkDeleteJobStatus!]) {\n  bulkDeleteJobs(first: $first, after: $after, status: $status) {\n    edges {\n      cursor\n      node {\n        ...BulkDeleteJobState\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.BulkDeleteJobStateFragmentDoc,
};
const documents: Documents = {
    "query BulkDeleteCapabilities {\n  bulkDeleteCapabilities {\n    demo\n    maxIdsPerCall\n    maxIdLength\n    maxIdempotencyKeyLength\n    maxIdsPerJob\n    maxRunningJobsPerClient\n    errorCodes\n    targets {\n      target\n      mutation\n      upstream\n      scope\n      allowed\n      configured\n      batchSize\n      jobBatchSize\n      supportsDryRun\n      supportsSkipSent\n      supportsStreamId\n      streamIdRequired\n    }\n  }\n}": types.BulkDeleteCapabilitiesDocument,
    "mutation DeleteContacts($input: BulkDeleteContactsInput!) {\n  bulkDeleteContacts(input: $input) {\n    ...BulkDeleteOutcome\n  }\n}": types.DeleteContactsDocument,
    "mutation DeleteDeals($input: BulkDeleteDealsInput!) {\n  bulkDeleteDeals(input: $input) {\n    ...BulkDeleteOutcome\n  }\n}": types.DeleteDealsDocument,
    "mutation DeleteIntents($input: BulkDeleteIntentsInput!) {\n  bulkDeleteIntents(input: $input) {\n    ...BulkDeleteOutcome\n    ... on BulkDeleteIntentsResult {\n      sentIntentIds\n    }\n  }\n}": types.DeleteIntentsDocument,
    "fragment BulkDeleteOutcome on BulkDeleteResult {\n  requestedCount\n  deletedCount\n  notFoundCount\n  failedCount\n  deletedIds\n  dryRun\n  upstreamRequestIds\n  failures {\n    id\n    code\n    message\n    upstreamCode\n  }\n  rateLimit {\n    limit\n    remaining\n    resetAt\n  }\n}": types.BulkDeleteOutcomeFragmentDoc,
    "fragment BulkDeleteJobState on BulkDeleteJob {\n  id\n  target\n  status\n  dryRun\n  createdAt\n  startedAt\n  finishedAt\n  resumesAt\n  progress {\n    requestedCount\n    processedCount\n    deletedCount\n    notFoundCount\n    failedCount\n  }\n}\n\nmutation CreateBulkDeleteJob($input: CreateBulkDeleteJobInput!) {\n  createBulkDeleteJob(input: $input) {\n    ...BulkDeleteJobState\n  }\n}\n\nmutation AddBulkDeleteJobIds($id: ID!, $ids: [ID!]!) {\n  addBulkDeleteJobIds(id: $id, ids: $ids) {\n    ...BulkDeleteJobState\n  }\n}\n\nmutation StartBulkDeleteJob($id: ID!) {\n  startBulkDeleteJob(id: $id) {\n    ...BulkDeleteJobState\n  }\n}\n\nmutation CancelBulkDeleteJob($id: ID!) {\n  cancelBulkDeleteJob(id: $id) {\n    ...BulkDeleteJobState\n  }\n}\n\nquery BulkDeleteJob($id: ID!) {\n  bulkDeleteJob(id: $id) {\n    ...BulkDeleteJobState\n    result {\n      ...BulkDeleteOutcome\n      ... on BulkDeleteIntentsResult {\n        sentIntentIds\n      }\n    }\n  }\n}\n\nquery BulkDeleteJobs($first: Int, $after: String, $status: [BulkDeleteJobStatus!]) {\n  bulkDeleteJobs(first: $first, after: $after, status: $status) {\n    edges {\n      cursor\n      node {\n        ...BulkDeleteJobState\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.BulkDeleteJobStateFragmentDoc,
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
export function graphql(source: "query BulkDeleteCapabilities {\n  bulkDeleteCapabilities {\n    demo\n    maxIdsPerCall\n    maxIdLength\n    maxIdempotencyKeyLength\n    maxIdsPerJob\n    maxRunningJobsPerClient\n    errorCodes\n    targets {\n      target\n      mutation\n      upstream\n      scope\n      allowed\n      configured\n      batchSize\n      jobBatchSize\n      supportsDryRun\n      supportsSkipSent\n      supportsStreamId\n      streamIdRequired\n    }\n  }\n}"): (typeof documents)["query BulkDeleteCapabilities {\n  bulkDeleteCapabilities {\n    demo\n    maxIdsPerCall\n    maxIdLength\n    maxIdempotencyKeyLength\n    maxIdsPerJob\n    maxRunningJobsPerClient\n    errorCodes\n    targets {\n      target\n      mutation\n      upstream\n      scope\n      allowed\n      configured\n      batchSize\n      jobBatchSize\n      supportsDryRun\n      supportsSkipSent\n      supportsStreamId\n      streamIdRequired\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteContacts($input: BulkDeleteContactsInput!) {\n  bulkDeleteContacts(input: $input) {\n    ...BulkDeleteOutcome\n  }\n}"): (typeof documents)["mutation DeleteContacts($input: BulkDeleteContactsInput!) {\n  bulkDeleteContacts(input: $input) {\n    ...BulkDeleteOutcome\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteDeals($input: BulkDeleteDealsInput!) {\n  bulkDeleteDeals(input: $input) {\n    ...BulkDeleteOutcome\n  }\n}"): (typeof documents)["mutation DeleteDeals($input: BulkDeleteDealsInput!) {\n  bulkDeleteDeals(input: $input) {\n    ...BulkDeleteOutcome\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteIntents($input: BulkDeleteIntentsInput!) {\n  bulkDeleteIntents(input: $input) {\n    ...BulkDeleteOutcome\n    ... on BulkDeleteIntentsResult {\n      sentIntentIds\n    }\n  }\n}"): (typeof documents)["mutation DeleteIntents($input: BulkDeleteIntentsInput!) {\n  bulkDeleteIntents(input: $input) {\n    ...BulkDeleteOutcome\n    ... on BulkDeleteIntentsResult {\n      sentIntentIds\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment BulkDeleteOutcome on BulkDeleteResult {\n  requestedCount\n  deletedCount\n  notFoundCount\n  failedCount\n  deletedIds\n  dryRun\n  upstreamRequestIds\n  failures {\n    id\n    code\n    message\n    upstreamCode\n  }\n  rateLimit {\n    limit\n    remaining\n    resetAt\n  }\n}"): (typeof documents)["fragment BulkDeleteOutcome on BulkDeleteResult {\n  requestedCount\n  deletedCount\n  notFoundCount\n  failedCount\n  deletedIds\n  dryRun\n  upstreamRequestIds\n  failures {\n    id\n    code\n    message\n    upstreamCode\n  }\n  rateLimit {\n    limit\n    remaining\n    resetAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment BulkDeleteJobState on BulkDeleteJob {\n  id\n  target\n  status\n  dryRun\n  createdAt\n  startedAt\n  finishedAt\n  resumesAt\n  progress {\n    requestedCount\n    processedCount\n    deletedCount\n    notFoundCount\n    failedCount\n  }\n}\n\nmutation CreateBulkDeleteJob($input: CreateBulkDeleteJobInput!) {\n  createBulkDeleteJob(input: $input) {\n    ...BulkDeleteJobState\n  }\n}\n\nmutation AddBulkDeleteJobIds($id: ID!, $ids: [ID!]!) {\n  addBulkDeleteJobIds(id: $id, ids: $ids) {\n    ...BulkDeleteJobState\n  }\n}\n\nmutation StartBulkDeleteJob($id: ID!) {\n  startBulkDeleteJob(id: $id) {\n    ...BulkDeleteJobState\n  }\n}\n\nmutation CancelBulkDeleteJob($id: ID!) {\n  cancelBulkDeleteJob(id: $id) {\n    ...BulkDeleteJobState\n  }\n}\n\nquery BulkDeleteJob($id: ID!) {\n  bulkDeleteJob(id: $id) {\n    ...BulkDeleteJobState\n    result {\n      ...BulkDeleteOutcome\n      ... on BulkDeleteIntentsResult {\n        sentIntentIds\n      }\n    }\n  }\n}\n\nquery BulkDeleteJobs($first: Int, $after: String, $status: [BulkDeleteJobStatus!]) {\n  bulkDeleteJobs(first: $first, after: $after, status: $status) {\n    edges {\n      cursor\n      node {\n        ...BulkDeleteJobState\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["fragment BulkDeleteJobState on BulkDeleteJob {\n  id\n  target\n  status\n  dryRun\n  createdAt\n  startedAt\n  finishedAt\n  resumesAt\n  progress {\n    requestedCount\n    processedCount\n    deletedCount\n    notFoundCount\n    failedCount\n  }\n}\n\nmutation CreateBulkDeleteJob($input: CreateBulkDeleteJobInput!) {\n  createBulkDeleteJob(input: $input) {\n    ...BulkDeleteJobState\n  }\n}\n\nmutation AddBulkDeleteJobIds($id: ID!, $ids: [ID!]!) {\n  addBulkDeleteJobIds(id: $id, ids: $ids) {\n    ...BulkDeleteJobState\n  }\n}\n\nmutation StartBulkDeleteJob($id: ID!) {\n  startBulkDeleteJob(id: $id) {\n    ...BulkDeleteJobState\n  }\n}\n\nmutation CancelBulkDeleteJob($id: ID!) {\n  cancelBulkDeleteJob(id: $id) {\n    ...BulkDeleteJobState\n  }\n}\n\nquery BulkDeleteJob($id: ID!) {\n  bulkDeleteJob(id: $id) {\n    ...BulkDeleteJobState\n    result {\n      ...BulkDeleteOutcome\n      ... on BulkDeleteIntentsResult {\n        sentIntentIds\n      }\n    }\n  }\n}\n\nquery BulkDeleteJobs($first: Int, $after: String, $status: [BulkDeleteJobStatus!]) {\n  bulkDeleteJobs(first: $first, after: $after, status: $status) {\n    edges {\n      cursor\n      node {\n        ...BulkDeleteJobState\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;