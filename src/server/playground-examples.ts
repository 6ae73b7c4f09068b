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

/**
 * One playground tab per mutation, then the capabilities query, the deals dry run first so a first click deletes nothing.
 * In demo mode the IDs are the simulators' seeded records, so every tab works as pasted.
 */
export function playgroundExamples(demo: boolean): PlaygroundExample[] {
  const ids = demo
    ? { deals: ['deal_0001', 'deal_0002', 'deal_0013', 'no_such_deal'], intents: ['int_1001', 'int_1019'], contacts: ['contact_2001', 'contact_2020'] }
    : { deals: ['<deal id>'], intents: ['<intent id>'], contacts: ['<contact id>'] };
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
