import type { PlaygroundExample } from './playground.ts';

const OUTCOME_FRAGMENT = `
fragment Outcome on BulkDeleteResult {
  requestedCount
  deletedCount
  notFoundCount
  failedCount
  deletedIds
  failures { id code message upstreamCode }
  dryRun
  upstreamRequestIds
  rateLimit { limit remaining resetAt }
}`;

const CAPABILITIES_QUERY = `query Capabilities {
  bulkDeleteCapabilities {
    demo
    maxIdsPerCall
    targets { target mutation configured allowed batchSize supportsDryRun supportsSkipSent supportsStreamId }
  }
}`;

const JOB_FRAGMENT = `
fragment JobState on BulkDeleteJob {
  id
  target
  status
  dryRun
  createdAt
  startedAt
  finishedAt
  resumesAt
  progress { requestedCount processedCount deletedCount notFoundCount failedCount }
  result { requestedCount deletedCount notFoundCount failedCount }
}`;

/**
 * What the progress tab's variables hold until a job is made: the page sends the ID of the job
 * the Jobs tab last created in its place (playground/bootstrap.js), so the tab runs as loaded.
 */
export const JOB_ID_PLACEHOLDER = '<the job CreateDemoJob made>';

/**
 * One playground tab per mutation, then the capabilities query, the deals dry run first so a first click deletes nothing;
 * then jobs (docs/contract.md §8): create a small one (a dry run), list yours, and watch one live over
 * the WebSocket (README, "Watching a job live").
 * In demo mode the IDs are the simulators' seeded records, so every tab works as pasted.
 */
export function playgroundExamples(demo: boolean): PlaygroundExample[] {
  const ids = demo
    ? { deals: ['deal_0001', 'deal_0002', 'deal_0013', 'no_such_deal'], intents: ['int_1001', 'int_1019'], contacts: ['contact_2001', 'contact_2020'], jobDeals: ['deal_0003', 'deal_0004', 'deal_0005'] }
    : { deals: ['<deal id>'], intents: ['<intent id>'], contacts: ['<contact id>'], jobDeals: ['<deal id>'] };
  return [
    {
      name: 'Deals (dry run)',
      query: `mutation DealsDryRun($input: BulkDeleteDealsInput!) {\n  bulkDeleteDeals(input: $input) { ...Outcome }\n}\n${OUTCOME_FRAGMENT}`,
      variables: JSON.stringify({ input: { ids: ids.deals, dryRun: true } }, null, 2),
    },
    {
      name: 'Intents',
      query: `mutation DeleteIntents($input: BulkDeleteIntentsInput!) {\n  bulkDeleteIntents(input: $input) {\n    ...Outcome\n    ... on BulkDeleteIntentsResult { sentIntentIds }\n  }\n}\n${OUTCOME_FRAGMENT}`,
      variables: JSON.stringify({ input: { ids: ids.intents, skipSent: false } }, null, 2),
    },
    {
      name: 'Contacts',
      query: `mutation DeleteContacts($input: BulkDeleteContactsInput!) {\n  bulkDeleteContacts(input: $input) { ...Outcome }\n}\n${OUTCOME_FRAGMENT}`,
      variables: JSON.stringify({ input: { ids: ids.contacts } }, null, 2),
    },
    {
      // What a UI reads before it deletes: the limits to split by, and what the caller may do.
      name: 'Capabilities',
      query: CAPABILITIES_QUERY,
    },
    {
      name: 'Jobs: a small dry-run job',
      query: `mutation CreateDemoJob($input: CreateBulkDeleteJobInput!) {\n  createBulkDeleteJob(input: $input) { ...JobState }\n}\n${JOB_FRAGMENT}`,
      variables: JSON.stringify({ input: { target: 'DEALS', ids: ids.jobDeals, dryRun: true } }, null, 2),
    },
    {
      name: 'Jobs: yours, newest first',
      query: `query MyJobs($first: Int) {\n  bulkDeleteJobs(first: $first) {\n    edges { cursor node { ...JobState } }\n    pageInfo { hasNextPage endCursor }\n  }\n}\n${JOB_FRAGMENT}`,
      variables: JSON.stringify({ first: 10 }, null, 2),
    },
    {
      name: 'Progress: watch a job live',
      query: `subscription WatchJob($id: ID!) {\n  bulkDeleteJobProgress(id: $id) { ...JobState }\n}\n${JOB_FRAGMENT}`,
      variables: JSON.stringify({ id: JOB_ID_PLACEHOLDER }, null, 2),
    },
  ];
}

/** What the headers editor shows for authentication, in the words the facade's 401 uses. */
export const AUTHORIZATION_TEMPLATE = 'Bearer <API key or JWT>';

/**
 * The headers editor's starting text: the Authorization header's shape, to be filled in. The
 * same in demo mode, where authentication is optional: the page never sends the header while it
 * still holds the `<…>` placeholder, so the examples work untouched either way.
 */
export function playgroundHeaders(): string {
  return JSON.stringify({ Authorization: AUTHORIZATION_TEMPLATE }, null, 2);
}
