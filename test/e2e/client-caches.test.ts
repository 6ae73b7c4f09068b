import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import graphcacheSchema from '../../src/__generated__/client/graphcache-schema.ts';
import possibleTypes from '../../src/__generated__/client/possible-types.ts';
import {
  BulkDeleteCapabilitiesDocument, BulkDeleteJobDocument, CancelBulkDeleteJobDocument, CreateBulkDeleteJobDocument,
  DeleteContactsDocument, DeleteDealsDocument, DeleteIntentsDocument,
} from '../../src/__generated__/client/graphql.ts';
import type { FacadeHarness } from '../helpers/facade.ts';
import { startSeeded } from '../helpers/e2e.ts';

// README "For frontend teams": the project's own documents (operations/) through real client
// caches, Apollo Client 4's InMemoryCache and urql's graphcache, against a real facade and its
// simulators. Every mutation selects its result through a fragment on the BulkDeleteResult
// interface; a cache that cannot tell which results implement it answers `{ __typename }` (Apollo)
// or `{}`/null (graphcache) instead of the fields. The generated `possibleTypes` and graphcache
// schema are what make it work; the "without" cases below show each is needed.
//
// Every answer is compared with what the facade sent on the wire (recorded by the fetch each
// client is given), so "every field of the fragment" is checked without listing them here.

/** The caches as the README sets them up. */
function apolloCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes: possibleTypes.possibleTypes,
    // A failure's `id` is the deleted record's, not the failure's: keep failures inside their result.
    typePolicies: { BulkDeleteFailure: { keyFields: false } },
  });
}

function graphcache() {
  return cacheExchange({
    schema: graphcacheSchema,
    // Results, failures and capabilities are values: none has an identity of its own (a failure's
    // `id` is the deleted record's), so each stays inside its parent.
    keys: {
      BulkDeleteIntentsResult: () => null,
      BulkDeleteContactsResult: () => null,
      BulkDeleteDealsResult: () => null,
      BulkDeleteFailure: () => null,
      BulkDeleteRateLimit: () => null,
      BulkDeleteCapabilities: () => null,
      BulkDeleteTargetCapabilities: () => null,
    },
  });
}

/** A fetch that records each answer's `data` as sent. */
function recordingFetch(): { fetch: typeof fetch; answers: unknown[] } {
  const answers: unknown[] = [];
  return {
    answers,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      answers.push(((await response.clone().json()) as { data?: unknown }).data);
      return response;
    },
  };
}

let facade: FacadeHarness;
beforeAll(async () => {
  facade = await startSeeded({
    stoq: { intents: [{ id: 'sent', sent: true }] },
    kore: { contacts: [{ id: 'locked', locked: true }] },
    leadlex: { deals: [{ id: 'locked', locked: true }] },
  }, ['a1', 'a2', 'a3', 'u1', 'u2', 'u3', 'n1', 'n2', 'n3']);
});
afterAll(() => facade.close());

type Run = (prefix: string) => Promise<{ results: Record<string, unknown>; wire: unknown[] }>;

/** The three mutations with their failure cases (a sent intent, a locked contact, a locked deal) and the capabilities query. */
async function runAll(client: { mutate: (doc: any, variables: any) => Promise<unknown>; query: (doc: any) => Promise<unknown> }, prefix: string): Promise<Record<string, unknown>> {
  return {
    intents: await client.mutate(DeleteIntentsDocument, { input: { ids: [`${prefix}1`, 'sent', 'ghost'], skipSent: true } }),
    contacts: await client.mutate(DeleteContactsDocument, { input: { ids: [`${prefix}2`, 'locked'] } }),
    deals: await client.mutate(DeleteDealsDocument, { input: { ids: [`${prefix}3`, 'locked', 'ghost'], dryRun: false } }),
    capabilities: await client.query(BulkDeleteCapabilitiesDocument),
  };
}

const apollo = (cache: InMemoryCache): Run => async (prefix) => {
  const recorder = recordingFetch();
  const client = new ApolloClient({ cache, link: new HttpLink({ uri: `${facade.url}/graphql`, fetch: recorder.fetch }) });
  const results = await runAll({
    mutate: async (mutation, variables) => (await client.mutate({ mutation, variables })).data,
    query: async (query) => (await client.query({ query, fetchPolicy: 'network-only' })).data,
  }, prefix);
  return { results, wire: recorder.answers };
};

const urql = (exchange: ReturnType<typeof cacheExchange>): Run => async (prefix) => {
  const recorder = recordingFetch();
  const client = new Client({ url: `${facade.url}/graphql`, exchanges: [exchange, fetchExchange], fetch: recorder.fetch, preferGetMethod: false });
  const results = await runAll({
    mutate: async (mutation, variables) => (await client.mutation(mutation, variables).toPromise()).data,
    query: async (query) => (await client.query(query, {}, { requestPolicy: 'network-only' }).toPromise()).data,
  }, prefix);
  return { results, wire: recorder.answers };
};

/** The wire answers in the order runAll sent them. */
function expected(wire: unknown[]): Record<string, unknown> {
  const [intents, contacts, deals, capabilities] = wire;
  return { intents, contacts, deals, capabilities };
}

/** `value` without the `__typename` fields a client adds to the documents it sends (urql hands back only what was selected). */
function withoutTypenames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTypenames);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '__typename').map(([key, field]) => [key, withoutTypenames(field)]));
}

/** Asserts the wire answers hold what the test means to read: all three results, with failures and a rate limit. */
function expectRichAnswers(wire: unknown[]): void {
  const [intents, contacts, deals, capabilities] = wire as Array<Record<string, any>>;
  expect(intents?.bulkDeleteIntents).toMatchObject({ requestedCount: 3, deletedCount: 1, sentIntentIds: ['sent'], failures: [expect.objectContaining({ id: 'sent', code: 'ALREADY_SENT' })] });
  expect(intents?.bulkDeleteIntents.rateLimit).toMatchObject({ limit: expect.any(Number), remaining: expect.any(Number) });
  expect(contacts?.bulkDeleteContacts).toMatchObject({ requestedCount: 2, deletedCount: 1, failures: [expect.objectContaining({ id: 'locked', code: 'REJECTED' })] });
  expect(deals?.bulkDeleteDeals).toMatchObject({ requestedCount: 3, deletedCount: 1, notFoundCount: 1, failures: [expect.objectContaining({ id: 'locked', code: 'REJECTED' })] });
  expect(deals?.bulkDeleteDeals.rateLimit).toMatchObject({ limit: expect.any(Number) });
  expect(capabilities?.bulkDeleteCapabilities.targets).toHaveLength(3);
}

describe('Apollo Client 4, InMemoryCache', () => {
  it('keys BulkDeleteJob by its id: a cancel updates the job a query already holds, and an ended job\'s result reads through the fragment', async () => {
    const cache = apolloCache();
    const recorder = recordingFetch();
    const client = new ApolloClient({ cache, link: new HttpLink({ uri: `${facade.url}/graphql`, fetch: recorder.fetch }) });
    const created = await client.mutate({ mutation: CreateBulkDeleteJobDocument, variables: { input: { target: 'DEALS', ids: ['j1', 'j2'], start: false } } });
    const id = created.data?.createBulkDeleteJob?.id ?? '';
    expect(cache.identify({ __typename: 'BulkDeleteJob', id })).toBe(`BulkDeleteJob:${id}`);
    const first = await client.query({ query: BulkDeleteJobDocument, variables: { id } });
    expect(first.data?.bulkDeleteJob).toMatchObject({ id, status: 'OPEN', result: null });
    const sent = recorder.answers.length;

    await client.mutate({ mutation: CancelBulkDeleteJobDocument, variables: { id } });
    // The mutation's answer updated the one normalised job: the query reads CANCELLED from the cache.
    expect(client.readQuery({ query: BulkDeleteJobDocument, variables: { id } })?.bulkDeleteJob?.status).toBe('CANCELLED');
    expect(recorder.answers.length).toBe(sent + 1);

    const ended = await client.query({ query: BulkDeleteJobDocument, variables: { id }, fetchPolicy: 'network-only' });
    const wire = recorder.answers.at(-1) as { bulkDeleteJob: { result: Record<string, unknown> } };
    expect(wire.bulkDeleteJob.result).toMatchObject({ __typename: 'BulkDeleteDealsResult', requestedCount: 2, failedCount: 2 });
    expect(ended.data?.bulkDeleteJob?.result).toEqual(wire.bulkDeleteJob.result);
  });

  it('reads every field of the BulkDeleteResult fragment from all three mutations, and the capabilities', async () => {
    const { results, wire } = await apollo(apolloCache())('a');
    expectRichAnswers(wire);
    expect(results).toEqual(expected(wire));
  });

  it('keeps each result\'s failures inside it when two results fail the same ID', async () => {
    const cache = apolloCache();
    const client = new ApolloClient({ cache, link: new HttpLink({ uri: `${facade.url}/graphql` }) });
    const contacts = await client.mutate({ mutation: DeleteContactsDocument, variables: { input: { ids: ['locked'] } } });
    const deals = await client.mutate({ mutation: DeleteDealsDocument, variables: { input: { ids: ['locked'], dryRun: true } } });
    const [contactRow] = contacts.data?.bulkDeleteContacts?.failures ?? [];
    const [dealRow] = deals.data?.bulkDeleteDeals?.failures ?? [];
    expect(contactRow?.message).not.toBe(dealRow?.message);
    // Normalised by its `id` ("BulkDeleteFailure:locked"), one row would stand for both, and
    // whichever result was written last would rewrite the other's reason.
    expect(Object.keys(cache.extract()).filter((key) => key.startsWith('BulkDeleteFailure'))).toEqual([]);
  });

  it('without possibleTypes, answers { __typename } for every mutation: why the generated file ships', async () => {
    const { results, wire } = await apollo(new InMemoryCache())('u');
    expect(results.intents).toEqual({ bulkDeleteIntents: { __typename: 'BulkDeleteIntentsResult', sentIntentIds: ['sent'] } });
    expect(results.contacts).toEqual({ bulkDeleteContacts: { __typename: 'BulkDeleteContactsResult' } });
    expect(results.deals).toEqual({ bulkDeleteDeals: { __typename: 'BulkDeleteDealsResult' } });
    expect(results).not.toEqual(expected(wire));
  });
});

describe('urql with @urql/exchange-graphcache', () => {
  it('reads every field of the BulkDeleteResult fragment from all three mutations, and the capabilities', async () => {
    const { results, wire } = await urql(graphcache())('n');
    expectRichAnswers(wire);
    expect(withoutTypenames(results)).toEqual(withoutTypenames(expected(wire)));
  });

  it('without the schema, loses the fragment\'s fields: why the generated introspection ships', async () => {
    const { results, wire } = await urql(cacheExchange({}))('x');
    expect(withoutTypenames(results)).not.toEqual(withoutTypenames(expected(wire)));
    expect((results.deals as Record<string, any> | null)?.bulkDeleteDeals?.requestedCount).toBeUndefined();
  });
});
