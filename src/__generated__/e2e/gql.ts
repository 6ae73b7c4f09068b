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
    "\n  mutation DealsAndContacts {\n    deals: bulkDeleteDeals(input: { ids: [\"x1\"] }) { deletedCount }\n    contacts: bulkDeleteContacts(input: { ids: [\"x1\"] }) { deletedCount }\n  }\n": typeof types.DealsAndContactsDocument,
    "mutation DeleteOneDeal { bulkDeleteDeals(input: { ids: [\"x1\"] }) { deletedCount } }": typeof types.DeleteOneDealDocument,
    "\n  mutation Two($intents: BulkDeleteIntentsInput!, $deals: BulkDeleteDealsInput!) {\n    intents: bulkDeleteIntents(input: $intents) { ...ResultFields sentIntentIds }\n    deals: bulkDeleteDeals(input: $deals) { ...ResultFields }\n  }\n": typeof types.TwoDocument,
    "\n    mutation TwiceIntents($a: BulkDeleteIntentsInput!, $b: BulkDeleteIntentsInput!) {\n      a: bulkDeleteIntents(input: $a) { ...ResultFields }\n      b: bulkDeleteIntents(input: $b) { ...ResultFields }\n    }\n  ": typeof types.TwiceIntentsDocument,
    "\n    mutation TwiceContacts($a: BulkDeleteContactsInput!, $b: BulkDeleteContactsInput!) {\n      a: bulkDeleteContacts(input: $a) { ...ResultFields }\n      b: bulkDeleteContacts(input: $b) { ...ResultFields }\n    }\n  ": typeof types.TwiceContactsDocument,
    "\n    mutation TwiceDeals($a: BulkDeleteDealsInput!, $b: BulkDeleteDealsInput!) {\n      a: bulkDeleteDeals(input: $a) { ...ResultFields }\n      b: bulkDeleteDeals(input: $b) { ...ResultFields }\n    }\n  ": typeof types.TwiceDealsDocument,
    "mutation DeleteX1 { bulkDeleteDeals(input: { ids: [\"x1\"] }) { deletedCount } }": typeof types.DeleteX1Document,
    "query GatewayJob($id: ID!) { bulkDeleteJob(id: $id) { id status progress { requestedCount } } }": typeof types.GatewayJobDocument,
    "query HiveGatewayJob($id: ID!) { bulkDeleteJob(id: $id) { id status target progress { requestedCount } } }": typeof types.HiveGatewayJobDocument,
    "query HiveGatewayJobId($id: ID!) { bulkDeleteJob(id: $id) { id } }": typeof types.HiveGatewayJobIdDocument,
    "mutation DeleteIntents($input: BulkDeleteIntentsInput!) { bulkDeleteIntents(input: $input) { ...ResultFields } }": typeof types.DeleteIntentsDocument,
    "mutation DeleteDeals($input: BulkDeleteDealsInput!) { bulkDeleteDeals(input: $input) { ...ResultFields } }": typeof types.DeleteDealsDocument,
    "mutation Both($i: BulkDeleteIntentsInput!, $d: BulkDeleteDealsInput!) {\n      a: bulkDeleteIntents(input: $i) { deletedCount } b: bulkDeleteDeals(input: $d) { deletedCount } }": typeof types.BothDocument,
    "\n  subscription Watch($id: ID!) {\n    bulkDeleteJobProgress(id: $id) {\n      id status resumesAt\n      progress { requestedCount processedCount deletedCount notFoundCount failedCount }\n      result { requestedCount deletedCount notFoundCount failedCount failures { id code } }\n    }\n  }\n": typeof types.WatchDocument,
    "\n  mutation SubscriptionsOpenJob($input: CreateBulkDeleteJobInput!) { job: createBulkDeleteJob(input: $input) { id } }\n": typeof types.SubscriptionsOpenJobDocument,
    "\n  fragment ResultFields on BulkDeleteResult {\n    requestedCount deletedCount notFoundCount failedCount deletedIds dryRun upstreamRequestIds\n    failures { id code message upstreamCode }\n    rateLimit { limit remaining resetAt }\n  }\n": typeof types.ResultFieldsFragmentDoc,
    "\n    mutation IntentsResult($input: BulkDeleteIntentsInput!) { result: bulkDeleteIntents(input: $input) { ...ResultFields sentIntentIds } }\n  ": typeof types.IntentsResultDocument,
    "\n    mutation ContactsResult($input: BulkDeleteContactsInput!) { result: bulkDeleteContacts(input: $input) { ...ResultFields } }\n  ": typeof types.ContactsResultDocument,
    "\n    mutation DealsResult($input: BulkDeleteDealsInput!) { result: bulkDeleteDeals(input: $input) { ...ResultFields } }\n  ": typeof types.DealsResultDocument,
    "query Typename { __typename }": typeof types.TypenameDocument,
    "\n  fragment JobFields on BulkDeleteJob {\n    id target status dryRun createdAt startedAt finishedAt resumesAt\n    progress { requestedCount processedCount deletedCount notFoundCount failedCount }\n  }\n": typeof types.JobFieldsFragmentDoc,
    "\n  fragment JobResultFields on BulkDeleteJob {\n    result {\n      __typename requestedCount deletedCount notFoundCount failedCount deletedIds dryRun\n      failures { id code message upstreamCode }\n      ... on BulkDeleteIntentsResult { sentIntentIds }\n    }\n  }\n": typeof types.JobResultFieldsFragmentDoc,
    "\n    mutation JobCreate($input: CreateBulkDeleteJobInput!) { job: createBulkDeleteJob(input: $input) { ...JobFields } }\n  ": typeof types.JobCreateDocument,
    "\n    mutation JobAdd($id: ID!, $ids: [ID!]!) { job: addBulkDeleteJobIds(id: $id, ids: $ids) { ...JobFields } }\n  ": typeof types.JobAddDocument,
    "\n    mutation JobStart($id: ID!) { job: startBulkDeleteJob(id: $id) { ...JobFields } }\n  ": typeof types.JobStartDocument,
    "\n    mutation JobCancel($id: ID!) { job: cancelBulkDeleteJob(id: $id) { ...JobFields ...JobResultFields } }\n  ": typeof types.JobCancelDocument,
    "\n    query JobRead($id: ID!) { job: bulkDeleteJob(id: $id) { ...JobFields ...JobResultFields } }\n  ": typeof types.JobReadDocument,
    "\n    query JobList($first: Int, $after: String, $status: [BulkDeleteJobStatus!]) {\n      jobs: bulkDeleteJobs(first: $first, after: $after, status: $status) {\n        edges { cursor node { id status target progress { requestedCount } } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  ": typeof types.JobListDocument,
};
const documents: Documents = {
    "\n  mutation DealsAndContacts {\n    deals: bulkDeleteDeals(input: { ids: [\"x1\"] }) { deletedCount }\n    contacts: bulkDeleteContacts(input: { ids: [\"x1\"] }) { deletedCount }\n  }\n": types.DealsAndContactsDocument,
    "mutation DeleteOneDeal { bulkDeleteDeals(input: { ids: [\"x1\"] }) { deletedCount } }": types.DeleteOneDealDocument,
    "\n  mutation Two($intents: BulkDeleteIntentsInput!, $deals: BulkDeleteDealsInput!) {\n    intents: bulkDeleteIntents(input: $intents) { ...ResultFields sentIntentIds }\n    deals: bulkDeleteDeals(input: $deals) { ...ResultFields }\n  }\n": types.TwoDocument,
    "\n    mutation TwiceIntents($a: BulkDeleteIntentsInput!, $b: BulkDeleteIntentsInput!) {\n      a: bulkDeleteIntents(input: $a) { ...ResultFields }\n      b: bulkDeleteIntents(input: $b) { ...ResultFields }\n    }\n  ": types.TwiceIntentsDocument,
    "\n    mutation TwiceContacts($a: BulkDeleteContactsInput!, $b: BulkDeleteContactsInput!) {\n      a: bulkDeleteContacts(input: $a) { ...ResultFields }\n      b: bulkDeleteContacts(input: $b) { ...ResultFields }\n    }\n  ": types.TwiceContactsDocument,
    "\n    mutation TwiceDeals($a: BulkDeleteDealsInput!, $b: BulkDeleteDealsInput!) {\n      a: bulkDeleteDeals(input: $a) { ...ResultFields }\n      b: bulkDeleteDeals(input: $b) { ...ResultFields }\n    }\n  ": types.TwiceDealsDocument,
    "mutation DeleteX1 { bulkDeleteDeals(input: { ids: [\"x1\"] }) { deletedCount } }": types.DeleteX1Document,
    "query GatewayJob($id: ID!) { bulkDeleteJob(id: $id) { id status progress { requestedCount } } }": types.GatewayJobDocument,
    "query HiveGatewayJob($id: ID!) { bulkDeleteJob(id: $id) { id status target progress { requestedCount } } }": types.HiveGatewayJobDocument,
    "query HiveGatewayJobId($id: ID!) { bulkDeleteJob(id: $id) { id } }": types.HiveGatewayJobIdDocument,
    "mutation DeleteIntents($input: BulkDeleteIntentsInput!) { bulkDeleteIntents(input: $input) { ...ResultFields } }": types.DeleteIntentsDocument,
    "mutation DeleteDeals($input: BulkDeleteDealsInput!) { bulkDeleteDeals(input: $input) { ...ResultFields } }": types.DeleteDealsDocument,
    "mutation Both($i: BulkDeleteIntentsInput!, $d: BulkDeleteDealsInput!) {\n      a: bulkDeleteIntents(input: $i) { deletedCount } b: bulkDeleteDeals(input: $d) { deletedCount } }": types.BothDocument,
    "\n  subscription Watch($id: ID!) {\n    bulkDeleteJobProgress(id: $id) {\n      id status resumesAt\n      progress { requestedCount processedCount deletedCount notFoundCount failedCount }\n      result { requestedCount deletedCount notFoundCount failedCount failures { id code } }\n    }\n  }\n": types.WatchDocument,
    "\n  mutation SubscriptionsOpenJob($input: CreateBulkDeleteJobInput!) { job: createBulkDeleteJob(input: $input) { id } }\n": types.SubscriptionsOpenJobDocument,
    "\n  fragment ResultFields on BulkDeleteResult {\n    requestedCount deletedCount notFoundCount failedCount deletedIds dryRun upstreamRequestIds\n    failures { id code message upstreamCode }\n    rateLimit { limit remaining resetAt }\n  }\n": types.ResultFieldsFragmentDoc,
    "\n    mutation IntentsResult($input: BulkDeleteIntentsInput!) { result: bulkDeleteIntents(input: $input) { ...ResultFields sentIntentIds } }\n  ": types.IntentsResultDocument,
    "\n    mutation ContactsResult($input: BulkDeleteContactsInput!) { result: bulkDeleteContacts(input: $input) { ...ResultFields } }\n  ": types.ContactsResultDocument,
    "\n    mutation DealsResult($input: BulkDeleteDealsInput!) { result: bulkDeleteDeals(input: $input) { ...ResultFields } }\n  ": types.DealsResultDocument,
    "query Typename { __typename }": types.TypenameDocument,
    "\n  fragment JobFields on BulkDeleteJob {\n    id target status dryRun createdAt startedAt finishedAt resumesAt\n    progress { requestedCount processedCount deletedCount notFoundCount failedCount }\n  }\n": types.JobFieldsFragmentDoc,
    "\n  fragment JobResultFields on BulkDeleteJob {\n    result {\n      __typename requestedCount deletedCount notFoundCount failedCount deletedIds dryRun\n      failures { id code message upstreamCode }\n      ... on BulkDeleteIntentsResult { sentIntentIds }\n    }\n  }\n": types.JobResultFieldsFragmentDoc,
    "\n    mutation JobCreate($input: CreateBulkDeleteJobInput!) { job: createBulkDeleteJob(input: $input) { ...JobFields } }\n  ": types.JobCreateDocument,
    "\n    mutation JobAdd($id: ID!, $ids: [ID!]!) { job: addBulkDeleteJobIds(id: $id, ids: $ids) { ...JobFields } }\n  ": types.JobAddDocument,
    "\n    mutation JobStart($id: ID!) { job: startBulkDeleteJob(id: $id) { ...JobFields } }\n  ": types.JobStartDocument,
    "\n    mutation JobCancel($id: ID!) { job: cancelBulkDeleteJob(id: $id) { ...JobFields ...JobResultFields } }\n  ": types.JobCancelDocument,
    "\n    query JobRead($id: ID!) { job: bulkDeleteJob(id: $id) { ...JobFields ...JobResultFields } }\n  ": types.JobReadDocument,
    "\n    query JobList($first: Int, $after: String, $status: [BulkDeleteJobStatus!]) {\n      jobs: bulkDeleteJobs(first: $first, after: $after, status: $status) {\n        edges { cursor node { id status target progress { requestedCount } } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  ": types.JobListDocument,
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
export function graphql(source: "\n  mutation DealsAndContacts {\n    deals: bulkDeleteDeals(input: { ids: [\"x1\"] }) { deletedCount }\n    contacts: bulkDeleteContacts(input: { ids: [\"x1\"] }) { deletedCount }\n  }\n"): (typeof documents)["\n  mutation DealsAndContacts {\n    deals: bulkDeleteDeals(input: { ids: [\"x1\"] }) { deletedCount }\n    contacts: bulkDeleteContacts(input: { ids: [\"x1\"] }) { deletedCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteOneDeal { bulkDeleteDeals(input: { ids: [\"x1\"] }) { deletedCount } }"): (typeof documents)["mutation DeleteOneDeal { bulkDeleteDeals(input: { ids: [\"x1\"] }) { deletedCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Two($intents: BulkDeleteIntentsInput!, $deals: BulkDeleteDealsInput!) {\n    intents: bulkDeleteIntents(input: $intents) { ...ResultFields sentIntentIds }\n    deals: bulkDeleteDeals(input: $deals) { ...ResultFields }\n  }\n"): (typeof documents)["\n  mutation Two($intents: BulkDeleteIntentsInput!, $deals: BulkDeleteDealsInput!) {\n    intents: bulkDeleteIntents(input: $intents) { ...ResultFields sentIntentIds }\n    deals: bulkDeleteDeals(input: $deals) { ...ResultFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation TwiceIntents($a: BulkDeleteIntentsInput!, $b: BulkDeleteIntentsInput!) {\n      a: bulkDeleteIntents(input: $a) { ...ResultFields }\n      b: bulkDeleteIntents(input: $b) { ...ResultFields }\n    }\n  "): (typeof documents)["\n    mutation TwiceIntents($a: BulkDeleteIntentsInput!, $b: BulkDeleteIntentsInput!) {\n      a: bulkDeleteIntents(input: $a) { ...ResultFields }\n      b: bulkDeleteIntents(input: $b) { ...ResultFields }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation TwiceContacts($a: BulkDeleteContactsInput!, $b: BulkDeleteContactsInput!) {\n      a: bulkDeleteContacts(input: $a) { ...ResultFields }\n      b: bulkDeleteContacts(input: $b) { ...ResultFields }\n    }\n  "): (typeof documents)["\n    mutation TwiceContacts($a: BulkDeleteContactsInput!, $b: BulkDeleteContactsInput!) {\n      a: bulkDeleteContacts(input: $a) { ...ResultFields }\n      b: bulkDeleteContacts(input: $b) { ...ResultFields }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation TwiceDeals($a: BulkDeleteDealsInput!, $b: BulkDeleteDealsInput!) {\n      a: bulkDeleteDeals(input: $a) { ...ResultFields }\n      b: bulkDeleteDeals(input: $b) { ...ResultFields }\n    }\n  "): (typeof documents)["\n    mutation TwiceDeals($a: BulkDeleteDealsInput!, $b: BulkDeleteDealsInput!) {\n      a: bulkDeleteDeals(input: $a) { ...ResultFields }\n      b: bulkDeleteDeals(input: $b) { ...ResultFields }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteX1 { bulkDeleteDeals(input: { ids: [\"x1\"] }) { deletedCount } }"): (typeof documents)["mutation DeleteX1 { bulkDeleteDeals(input: { ids: [\"x1\"] }) { deletedCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query GatewayJob($id: ID!) { bulkDeleteJob(id: $id) { id status progress { requestedCount } } }"): (typeof documents)["query GatewayJob($id: ID!) { bulkDeleteJob(id: $id) { id status progress { requestedCount } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HiveGatewayJob($id: ID!) { bulkDeleteJob(id: $id) { id status target progress { requestedCount } } }"): (typeof documents)["query HiveGatewayJob($id: ID!) { bulkDeleteJob(id: $id) { id status target progress { requestedCount } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HiveGatewayJobId($id: ID!) { bulkDeleteJob(id: $id) { id } }"): (typeof documents)["query HiveGatewayJobId($id: ID!) { bulkDeleteJob(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteIntents($input: BulkDeleteIntentsInput!) { bulkDeleteIntents(input: $input) { ...ResultFields } }"): (typeof documents)["mutation DeleteIntents($input: BulkDeleteIntentsInput!) { bulkDeleteIntents(input: $input) { ...ResultFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteDeals($input: BulkDeleteDealsInput!) { bulkDeleteDeals(input: $input) { ...ResultFields } }"): (typeof documents)["mutation DeleteDeals($input: BulkDeleteDealsInput!) { bulkDeleteDeals(input: $input) { ...ResultFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Both($i: BulkDeleteIntentsInput!, $d: BulkDeleteDealsInput!) {\n      a: bulkDeleteIntents(input: $i) { deletedCount } b: bulkDeleteDeals(input: $d) { deletedCount } }"): (typeof documents)["mutation Both($i: BulkDeleteIntentsInput!, $d: BulkDeleteDealsInput!) {\n      a: bulkDeleteIntents(input: $i) { deletedCount } b: bulkDeleteDeals(input: $d) { deletedCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Watch($id: ID!) {\n    bulkDeleteJobProgress(id: $id) {\n      id status resumesAt\n      progress { requestedCount processedCount deletedCount notFoundCount failedCount }\n      result { requestedCount deletedCount notFoundCount failedCount failures { id code } }\n    }\n  }\n"): (typeof documents)["\n  subscription Watch($id: ID!) {\n    bulkDeleteJobProgress(id: $id) {\n      id status resumesAt\n      progress { requestedCount processedCount deletedCount notFoundCount failedCount }\n      result { requestedCount deletedCount notFoundCount failedCount failures { id code } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubscriptionsOpenJob($input: CreateBulkDeleteJobInput!) { job: createBulkDeleteJob(input: $input) { id } }\n"): (typeof documents)["\n  mutation SubscriptionsOpenJob($input: CreateBulkDeleteJobInput!) { job: createBulkDeleteJob(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ResultFields on BulkDeleteResult {\n    requestedCount deletedCount notFoundCount failedCount deletedIds dryRun upstreamRequestIds\n    failures { id code message upstreamCode }\n    rateLimit { limit remaining resetAt }\n  }\n"): (typeof documents)["\n  fragment ResultFields on BulkDeleteResult {\n    requestedCount deletedCount notFoundCount failedCount deletedIds dryRun upstreamRequestIds\n    failures { id code message upstreamCode }\n    rateLimit { limit remaining resetAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation IntentsResult($input: BulkDeleteIntentsInput!) { result: bulkDeleteIntents(input: $input) { ...ResultFields sentIntentIds } }\n  "): (typeof documents)["\n    mutation IntentsResult($input: BulkDeleteIntentsInput!) { result: bulkDeleteIntents(input: $input) { ...ResultFields sentIntentIds } }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ContactsResult($input: BulkDeleteContactsInput!) { result: bulkDeleteContacts(input: $input) { ...ResultFields } }\n  "): (typeof documents)["\n    mutation ContactsResult($input: BulkDeleteContactsInput!) { result: bulkDeleteContacts(input: $input) { ...ResultFields } }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation DealsResult($input: BulkDeleteDealsInput!) { result: bulkDeleteDeals(input: $input) { ...ResultFields } }\n  "): (typeof documents)["\n    mutation DealsResult($input: BulkDeleteDealsInput!) { result: bulkDeleteDeals(input: $input) { ...ResultFields } }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Typename { __typename }"): (typeof documents)["query Typename { __typename }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment JobFields on BulkDeleteJob {\n    id target status dryRun createdAt startedAt finishedAt resumesAt\n    progress { requestedCount processedCount deletedCount notFoundCount failedCount }\n  }\n"): (typeof documents)["\n  fragment JobFields on BulkDeleteJob {\n    id target status dryRun createdAt startedAt finishedAt resumesAt\n    progress { requestedCount processedCount deletedCount notFoundCount failedCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment JobResultFields on BulkDeleteJob {\n    result {\n      __typename requestedCount deletedCount notFoundCount failedCount deletedIds dryRun\n      failures { id code message upstreamCode }\n      ... on BulkDeleteIntentsResult { sentIntentIds }\n    }\n  }\n"): (typeof documents)["\n  fragment JobResultFields on BulkDeleteJob {\n    result {\n      __typename requestedCount deletedCount notFoundCount failedCount deletedIds dryRun\n      failures { id code message upstreamCode }\n      ... on BulkDeleteIntentsResult { sentIntentIds }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation JobCreate($input: CreateBulkDeleteJobInput!) { job: createBulkDeleteJob(input: $input) { ...JobFields } }\n  "): (typeof documents)["\n    mutation JobCreate($input: CreateBulkDeleteJobInput!) { job: createBulkDeleteJob(input: $input) { ...JobFields } }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation JobAdd($id: ID!, $ids: [ID!]!) { job: addBulkDeleteJobIds(id: $id, ids: $ids) { ...JobFields } }\n  "): (typeof documents)["\n    mutation JobAdd($id: ID!, $ids: [ID!]!) { job: addBulkDeleteJobIds(id: $id, ids: $ids) { ...JobFields } }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation JobStart($id: ID!) { job: startBulkDeleteJob(id: $id) { ...JobFields } }\n  "): (typeof documents)["\n    mutation JobStart($id: ID!) { job: startBulkDeleteJob(id: $id) { ...JobFields } }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation JobCancel($id: ID!) { job: cancelBulkDeleteJob(id: $id) { ...JobFields ...JobResultFields } }\n  "): (typeof documents)["\n    mutation JobCancel($id: ID!) { job: cancelBulkDeleteJob(id: $id) { ...JobFields ...JobResultFields } }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query JobRead($id: ID!) { job: bulkDeleteJob(id: $id) { ...JobFields ...JobResultFields } }\n  "): (typeof documents)["\n    query JobRead($id: ID!) { job: bulkDeleteJob(id: $id) { ...JobFields ...JobResultFields } }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query JobList($first: Int, $after: String, $status: [BulkDeleteJobStatus!]) {\n      jobs: bulkDeleteJobs(first: $first, after: $after, status: $status) {\n        edges { cursor node { id status target progress { requestedCount } } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  "): (typeof documents)["\n    query JobList($first: Int, $after: String, $status: [BulkDeleteJobStatus!]) {\n      jobs: bulkDeleteJobs(first: $first, after: $after, status: $status) {\n        edges { cursor node { id status target progress { requestedCount } } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  "];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;