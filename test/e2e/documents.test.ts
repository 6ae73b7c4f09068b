import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { graphql } from '../../src/__generated__/e2e/index.ts';
import type { TwoMutation } from '../../src/__generated__/e2e/graphql.ts';
import { accountingProblems, type FacadeHarness } from '../helpers/facade.ts';
import { startSeeded } from '../helpers/e2e.ts';

// docs/contract.md §2: the mutation fields are nullable so that an error in one mutation of a document
// does not wipe out the result of another that really deleted records.

let facade: FacadeHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

const TWO_MUTATIONS = graphql(`
  mutation Two($intents: BulkDeleteIntentsInput!, $deals: BulkDeleteDealsInput!) {
    intents: bulkDeleteIntents(input: $intents) { ...ResultFields sentIntentIds }
    deals: bulkDeleteDeals(input: $deals) { ...ResultFields }
  }
`);

/** Each mutation twice in one document, as `a` and `b`. */
const SAME_UPSTREAM_TWICE = {
  bulkDeleteIntents: graphql(`
    mutation TwiceIntents($a: BulkDeleteIntentsInput!, $b: BulkDeleteIntentsInput!) {
      a: bulkDeleteIntents(input: $a) { ...ResultFields }
      b: bulkDeleteIntents(input: $b) { ...ResultFields }
    }
  `),
  bulkDeleteContacts: graphql(`
    mutation TwiceContacts($a: BulkDeleteContactsInput!, $b: BulkDeleteContactsInput!) {
      a: bulkDeleteContacts(input: $a) { ...ResultFields }
      b: bulkDeleteContacts(input: $b) { ...ResultFields }
    }
  `),
  bulkDeleteDeals: graphql(`
    mutation TwiceDeals($a: BulkDeleteDealsInput!, $b: BulkDeleteDealsInput!) {
      a: bulkDeleteDeals(input: $a) { ...ResultFields }
      b: bulkDeleteDeals(input: $b) { ...ResultFields }
    }
  `),
};

describe('a document with two mutations', () => {
  it('is typed by codegen: its answer and variables follow the schema at compile time', async () => {
    facade = await startSeeded();
    const answer = await facade.graphql(TWO_MUTATIONS, { intents: { ids: ['x1'] }, deals: { ids: ['x2'] } });
    expectTypeOf(answer.body.data).toEqualTypeOf<TwoMutation | null | undefined>();
    expect(answer.body.data?.intents?.sentIntentIds).toEqual([]);
    const f = facade;
    // Never run: what `npm run typecheck` refuses.
    void (() => [
      // @ts-expect-error: the schema's input has no such field
      f.graphql(TWO_MUTATIONS, { intents: { ids: ['x1'], force: true }, deals: { ids: [] } }),
      // @ts-expect-error: the document does not select sentIntentIds on deals
      answer.body.data?.deals?.sentIntentIds,
    ]);
  });

  it('keeps the result of one when the other errors first', async () => {
    facade = await startSeeded({ unconfigured: ['stoq'] });
    const answer = await facade.graphql(TWO_MUTATIONS, { intents: { ids: ['x1'] }, deals: { ids: ['x1', 'x2'] } });
    expect(answer.status).toBe(200);
    expect(answer.body.data?.intents).toBeNull();
    expect(answer.body.data?.deals).toMatchObject({ deletedCount: 2, deletedIds: ['x1', 'x2'] });
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: ['intents'], extensions: expect.objectContaining({ code: 'NOT_CONFIGURED', upstream: 'stoq' }) })]);
    expect(facade.leadlex.deletedIds).toEqual(['x1', 'x2']);
  });

  it('keeps the result of one that deleted when the next errors', async () => {
    facade = await startSeeded();
    facade.leadlex.faultPlan(() => ({ status: 503 }));
    const answer = await facade.graphql(TWO_MUTATIONS, { intents: { ids: ['x1'] }, deals: { ids: ['x1'] } });
    expect(answer.body.data?.intents).toMatchObject({ deletedCount: 1, deletedIds: ['x1'] });
    expect(answer.body.data?.deals).toBeNull();
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: ['deals'], extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'leadlex', upstreamStatus: 503 }) })]);
    expect(facade.stoq.deletedIds).toEqual(['x1']);
  });

  it('keeps the result of one when the other\'s input is invalid', async () => {
    facade = await startSeeded();
    const answer = await facade.graphql(TWO_MUTATIONS, { intents: { ids: ['x1'] }, deals: { ids: [] } });
    expect(answer.body.data?.intents).toMatchObject({ deletedCount: 1 });
    expect(answer.body.data?.deals).toBeNull();
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['bulkDeleteIntents', 'stoq', 'intent_ids'],
    ['bulkDeleteContacts', 'kore', 'ids'],
    ['bulkDeleteDeals', 'leadlex', 'deal_ids'],
  ] as const)('runs %s twice with overlapping IDs as two calls, each accounting for its own IDs', async (name, upstream, field) => {
    facade = await startSeeded();
    const answer = await facade.graphql(SAME_UPSTREAM_TWICE[name], { a: { ids: ['x1', 'x2'] }, b: { ids: ['x2', 'x3'] } });
    expect(answer.body.errors).toBeUndefined();
    const { a, b } = answer.body.data ?? {};
    expect(accountingProblems(a)).toEqual([]);
    expect(accountingProblems(b)).toEqual([]);
    expect(a).toMatchObject({ requestedCount: 2, deletedCount: 2 });
    // x2 is gone by the time the second mutation runs: it cannot be reported deleted twice.
    expect(b).toMatchObject({ requestedCount: 2, deletedCount: 1 });
    expect((b?.failedCount ?? 0) + (b?.notFoundCount ?? 0)).toBe(1);
    expect(facade[upstream].received.map((r) => (r.json as Record<string, unknown>)[field])).toEqual([['x1', 'x2'], ['x2', 'x3']]);
  });

  it.each([
    ['bulkDeleteIntents', 'stoq'],
    ['bulkDeleteContacts', 'kore'],
  ] as const)('does not let a 401 that stopped the first %s stop the second', async (name, upstream) => {
    facade = await startSeeded();
    facade[upstream].fault({ status: 401 });
    const answer = await facade.graphql(SAME_UPSTREAM_TWICE[name], { a: { ids: ['x1'] }, b: { ids: ['x2'] } });
    expect(answer.body.data?.a).toBeNull();
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: ['a'], extensions: expect.objectContaining({ code: 'UPSTREAM_AUTH_FAILED' }) })]);
    expect(answer.body.data?.b).toMatchObject({ deletedCount: 1, deletedIds: ['x2'] });
    expect(facade[upstream].received).toHaveLength(2);
  });
});
