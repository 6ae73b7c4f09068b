import { afterEach, describe, expect, it } from 'vitest';
import { DeleteDealsDocument, type DeleteDealsMutationVariables } from '../../src/__generated__/client/graphql.ts';
import { accountingProblems, startFacade, type FacadeHarness } from '../helpers/facade.ts';

let facade: FacadeHarness;
afterEach(async () => facade?.close());

describe('facade over HTTP', () => {
  it('deletes deals across two LeadLex batches and sums them', async () => {
    const ids = Array.from({ length: 700 }, (_, i) => `deal_${i}`);
    facade = await startFacade({ leadlex: { deals: ids.map((id) => ({ id })) } });
    const variables: DeleteDealsMutationVariables = { input: { ids } };
    const answer = await facade.graphql(DeleteDealsDocument, variables);
    expect(answer.status).toBe(200);
    const result = answer.body.data?.bulkDeleteDeals;
    expect(result && accountingProblems(result)).toEqual([]);
    expect(result).toMatchObject({ requestedCount: 700, deletedCount: 700, failedCount: 0 });
    expect(facade.leadlex.received.map((r) => (r.json as { deal_ids: string[] }).deal_ids.length)).toEqual([500, 200]);
    expect(new Set(facade.leadlex.deletedIds)).toEqual(new Set(ids));
  });
});
