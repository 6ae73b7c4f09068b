import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import {
  DeleteContactsDocument, DeleteDealsDocument, DeleteIntentsDocument,
  type BulkDeleteFailureCode, type BulkDeleteOutcomeFragment, type DeleteDealsMutation, type DeleteDealsMutationVariables, type DeleteIntentsMutation,
} from '../../src/__generated__/client/graphql.ts';
import { BulkDeleteClientError, createBulkDeleteClient } from '../../examples/typed-client/client.ts';
import { adviceFor, dryRunThenDelete, summarise } from '../../examples/typed-client/example.ts';
import { accountingProblems, type FacadeHarness } from '../helpers/facade.ts';
import { startSeeded } from '../helpers/e2e.ts';

// The typed client a frontend copies (examples/typed-client, README "For frontend teams"),
// driven against a real facade and simulators: the generated documents are valid against the
// schema the facade serves, and the types they carry match what it answers.

let facade: FacadeHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

describe('the generated operation types', () => {
  it('carry the result interface as the contract states it', () => {
    type Outcome = NonNullable<DeleteDealsMutation['bulkDeleteDeals']>;
    expectTypeOf<Outcome['deletedIds']>().toEqualTypeOf<string[] | null>();
    expectTypeOf<Outcome['requestedCount']>().toEqualTypeOf<number>();
    expectTypeOf<Outcome['dryRun']>().toEqualTypeOf<boolean>();
    expectTypeOf<Outcome['upstreamRequestIds']>().toEqualTypeOf<string[]>();
    expectTypeOf<Outcome['failures'][number]['code']>().toEqualTypeOf<BulkDeleteFailureCode>();
    expectTypeOf<Outcome['failures'][number]['upstreamCode']>().toEqualTypeOf<string | null>();
    expectTypeOf<Outcome['rateLimit']>().toEqualTypeOf<{ limit: number; remaining: number; resetAt: string | null } | null>();
    expectTypeOf<Outcome>().toExtend<BulkDeleteOutcomeFragment>();
    expectTypeOf<DeleteDealsMutation['bulkDeleteDeals']>().toExtend<object | null>();
    expectTypeOf<NonNullable<DeleteIntentsMutation['bulkDeleteIntents']>['sentIntentIds']>().toEqualTypeOf<string[]>();
    expectTypeOf<BulkDeleteFailureCode>().toEqualTypeOf<'ALREADY_SENT' | 'NOT_ATTEMPTED' | 'REJECTED' | 'RATE_LIMITED' | 'UPSTREAM_ERROR' | 'OUTCOME_UNKNOWN'>();
    expectTypeOf<DeleteDealsMutationVariables['input']['ids']>().toEqualTypeOf<string[]>();
  });
});

describe('the typed client', () => {
  it('runs a deals dry run, then the delete', async () => {
    facade = await startSeeded({ leadlex: { deals: [{ id: 'locked', locked: true }] } });
    const client = createBulkDeleteClient({ url: facade.url });

    const { dryRun, deleted } = await dryRunThenDelete(client, ['x1', 'x2', 'locked']);

    expect(dryRun).toMatchObject({ dryRun: true, requestedCount: 3, deletedCount: 2, failedCount: 1 });
    expect(dryRun.failures).toEqual([expect.objectContaining({ id: 'locked', code: 'REJECTED' })]);
    expect(accountingProblems(dryRun)).toEqual([]);
    expect(deleted).toMatchObject({ dryRun: false, requestedCount: 3, deletedCount: 2, deletedIds: ['x1', 'x2'], failedCount: 1 });
    expect(deleted && accountingProblems(deleted)).toEqual([]);
    expect(facade.leadlex.deletedIds).toEqual(['x1', 'x2']);
    expect(summarise(deleted ?? dryRun)).toContain('locked: REJECTED → fix-and-retry');
  });

  it('skips the delete when the dry run would delete nothing', async () => {
    facade = await startSeeded();
    const client = createBulkDeleteClient({ url: facade.url });
    const { dryRun, deleted } = await dryRunThenDelete(client, ['nope']);
    expect(dryRun).toMatchObject({ dryRun: true, deletedCount: 0, notFoundCount: 1 });
    expect(deleted).toBeNull();
    expect(facade.leadlex.deletedIds).toEqual([]);
  });

  it('types and returns the intents-only field and the contacts result', async () => {
    facade = await startSeeded({ stoq: { intents: [{ id: 'sent', sent: true }] } });
    const client = createBulkDeleteClient({ url: facade.url });
    const intents = await client.request(DeleteIntentsDocument, { input: { ids: ['x1', 'sent'], skipSent: true } });
    expect(intents.bulkDeleteIntents).toMatchObject({ deletedCount: 1, sentIntentIds: ['sent'] });
    const contacts = await client.request(DeleteContactsDocument, { input: { ids: ['x1'] } });
    expect(contacts.bulkDeleteContacts).toMatchObject({ deletedCount: 1, deletedIds: ['x1'], dryRun: false });
  });

  it('throws BAD_USER_INPUT for an empty ID list, and deletes nothing', async () => {
    facade = await startSeeded();
    const client = createBulkDeleteClient({ url: facade.url });
    const error = await client.request(DeleteDealsDocument, { input: { ids: [] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkDeleteClientError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', status: 200 });
    expect(facade.leadlex.deletedIds).toEqual([]);
  });

  it('sends the token as a Bearer credential when client auth is on', async () => {
    const key = generateApiKey();
    facade = await startSeeded({ env: { AUTH_API_KEYS: buildApiKeyLine('frontend', ['deals:delete'], hashApiKey(key)) } });

    const withKey = createBulkDeleteClient({ url: facade.url, token: key });
    const answer = await withKey.request(DeleteDealsDocument, { input: { ids: ['x1'] } });
    expect(answer.bulkDeleteDeals).toMatchObject({ deletedCount: 1, deletedIds: ['x1'] });

    const forbidden = await withKey.request(DeleteContactsDocument, { input: { ids: ['x1'] } }).catch((e: unknown) => e);
    expect(forbidden).toMatchObject({ code: 'FORBIDDEN', status: 200 });

    const without = await createBulkDeleteClient({ url: facade.url }).request(DeleteDealsDocument, { input: { ids: ['x2'] } }).catch((e: unknown) => e);
    expect(without).toBeInstanceOf(BulkDeleteClientError);
    expect(without).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(String((without as Error).message)).not.toContain(key);
    expect(facade.leadlex.deletedIds).toEqual(['x1']);
  });

  it('carries HTTP_<status> when a non-2xx answer has no GraphQL error', async () => {
    facade = await startSeeded();
    const client = createBulkDeleteClient({ url: `${facade.url}/no-such-path` });
    const error = await client.request(DeleteDealsDocument, { input: { ids: ['x1'] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkDeleteClientError);
    expect((error as BulkDeleteClientError).code).toMatch(/^HTTP_4\d\d$/);
  });
});

describe('adviceFor', () => {
  it.each([
    ['OUTCOME_UNKNOWN', 'check-before-retry'],
    ['ALREADY_SENT', 'fix-and-retry'],
    ['REJECTED', 'fix-and-retry'],
    ['RATE_LIMITED', 'retry-later'],
    ['UPSTREAM_ERROR', 'retry-later'],
    ['NOT_ATTEMPTED', 'retry'],
  ] as const)('advises %s → %s', (code, advice) => {
    expect(adviceFor(code)).toBe(advice);
  });
});
