import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import { ERROR_CODES } from '../../src/errors/index.ts';
import {
  DeleteContactsDocument, DeleteDealsDocument, DeleteIntentsDocument,
  type BulkDeleteErrorCode, type BulkDeleteFailureCode, type BulkDeleteOutcomeFragment, type DeleteDealsMutation, type DeleteDealsMutationVariables, type DeleteIntentsMutation,
} from '../../examples/typed-client/__generated__/graphql.ts';
import { BulkDeleteClientError, createBulkDeleteClient } from '../../examples/typed-client/client.ts';
import { ERROR_EXTENSIONS, parseErrorExtensions, type ClientErrorExtensions, type FacadeErrorExtensions } from '../../examples/typed-client/errors.ts';
import { adviceFor, adviceForError, dryRunThenDelete, summarise } from '../../examples/typed-client/example.ts';
import { accountingProblems, type FacadeHarness, type HarnessOptions } from '../helpers/facade.ts';
import { startSeeded } from '../helpers/e2e.ts';

// The typed client a frontend copies (examples/typed-client, README "For frontend teams"),
// driven against a real facade and simulators: the generated documents are valid against the
// schema the facade serves, the types they carry match what it answers, and every error code
// the facade raises arrives with the extensions its typed union promises.

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

  it('carry the error codes as a union discriminated on code, with each code\'s extensions', () => {
    expectTypeOf<FacadeErrorExtensions['code']>().toEqualTypeOf<BulkDeleteErrorCode>();
    expectTypeOf<Extract<FacadeErrorExtensions, { code: 'RATE_LIMITED' }>>().toEqualTypeOf<{ code: 'RATE_LIMITED'; retryAfter: number; upstream?: 'stoq' | 'kore' | 'leadlex'; upstreamStatus?: number }>();
    expectTypeOf<Extract<FacadeErrorExtensions, { code: 'NOT_CONFIGURED' }>>().toEqualTypeOf<{ code: 'NOT_CONFIGURED'; upstream: 'stoq' | 'kore' | 'leadlex'; upstreamStatus?: never; retryAfter?: never }>();
    expectTypeOf<Extract<FacadeErrorExtensions, { code: 'UPSTREAM_AUTH_FAILED' }>>().toEqualTypeOf<{ code: 'UPSTREAM_AUTH_FAILED'; upstream: 'stoq' | 'kore' | 'leadlex'; upstreamStatus: number; retryAfter?: never }>();
    expectTypeOf<Extract<FacadeErrorExtensions, { code: 'FORBIDDEN' }>>().toEqualTypeOf<{ code: 'FORBIDDEN'; upstream?: never; upstreamStatus?: never; retryAfter?: never }>();
    expectTypeOf<BulkDeleteClientError['extensions']>().toEqualTypeOf<ClientErrorExtensions>();
  });
});

describe('the typed client, self-contained', () => {
  const EXAMPLE = new URL('../../examples/typed-client/', import.meta.url);

  it('imports nothing from the facade\'s own source: only its generated folder and packages', () => {
    const files = readdirSync(EXAMPLE, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
    expect(files).toEqual(expect.arrayContaining(['client.ts', 'errors.ts', 'example.ts']));
    for (const file of files) {
      const imports = [...readFileSync(new URL(file, EXAMPLE), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
      expect(imports.filter((path) => path.startsWith('..')), file).toEqual([]);
    }
  });

  it('knows the shape of exactly the codes the facade raises (ERROR_CODES, the SDL enum)', () => {
    expect(Object.keys(ERROR_EXTENSIONS).sort()).toEqual([...ERROR_CODES].sort());
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
    expect(forbidden).toMatchObject({ code: 'FORBIDDEN', status: 200, extensions: { code: 'FORBIDDEN' } });

    const without = await createBulkDeleteClient({ url: facade.url }).request(DeleteDealsDocument, { input: { ids: ['x2'] } }).catch((e: unknown) => e);
    expect(without).toBeInstanceOf(BulkDeleteClientError);
    expect(without).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(String((without as Error).message)).not.toContain(key);
    expect(facade.leadlex.deletedIds).toEqual(['x1']);
  });

  it('says UNRECOGNISED, with the HTTP status, when a non-2xx answer has no GraphQL error', async () => {
    facade = await startSeeded();
    const client = createBulkDeleteClient({ url: `${facade.url}/no-such-path` });
    const error = await client.request(DeleteDealsDocument, { input: { ids: ['x1'] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkDeleteClientError);
    expect(error).toMatchObject({ code: 'UNRECOGNISED', status: 404, extensions: { code: 'UNRECOGNISED', received: null } });
  });
});

/** One way to make the facade raise each of its codes, and the extensions the client must then read. */
const ERROR_CASES: ReadonlyArray<{
  code: BulkDeleteErrorCode;
  why: string;
  options?: HarnessOptions;
  /** Sets the simulators up and makes the call; resolves with what the client threw. */
  trigger: (facade: FacadeHarness) => Promise<unknown>;
  expected: FacadeErrorExtensions;
}> = [
  { code: 'BAD_USER_INPUT', why: 'ids is empty', trigger: (f) => deals(f, []), expected: { code: 'BAD_USER_INPUT' } },
  { code: 'BAD_USER_INPUT', why: 'LeadLex answers 400', trigger: (f) => (f.leadlex.fault({ status: 400, body: { error: { code: 'invalid_request', message: 'bad' } } }), deals(f, ['x1'])), expected: { code: 'BAD_USER_INPUT', upstream: 'leadlex', upstreamStatus: 400 } },
  { code: 'UNAUTHENTICATED', why: 'no credential is sent to a facade that requires one', options: { env: { AUTH_API_KEYS: buildApiKeyLine('someone', '*', hashApiKey(generateApiKey())) } }, trigger: (f) => deals(f, ['x1']), expected: { code: 'UNAUTHENTICATED' } },
  { code: 'NOT_CONFIGURED', why: 'LeadLex has no key', options: { unconfigured: ['leadlex'] }, trigger: (f) => deals(f, ['x1']), expected: { code: 'NOT_CONFIGURED', upstream: 'leadlex' } },
  { code: 'UPSTREAM_AUTH_FAILED', why: 'LeadLex refuses the facade\'s key', options: { env: { LEADLEX_API_KEY: 'wbk_not-the-right-key' } }, trigger: (f) => deals(f, ['x1']), expected: { code: 'UPSTREAM_AUTH_FAILED', upstream: 'leadlex', upstreamStatus: 401 } },
  { code: 'RATE_LIMITED', why: 'LeadLex answers 429 for longer than the facade waits', trigger: (f) => (f.leadlex.fault({ status: 429, headers: { 'retry-after': '120' } }), deals(f, ['x1'])), expected: { code: 'RATE_LIMITED', upstream: 'leadlex', upstreamStatus: 429, retryAfter: 120 } },
  { code: 'RATE_LIMITED', why: 'the client is over its own request limit', options: { env: { CLIENT_RATE_LIMIT_PER_MINUTE: '1' } }, trigger: async (f) => (await deals(f, ['x1']), deals(f, ['x2'])), expected: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) as unknown as number } },
  { code: 'UPSTREAM_UNAVAILABLE', why: 'LeadLex answers 503', options: { env: { UPSTREAM_MAX_ATTEMPTS: '1' } }, trigger: (f) => (f.leadlex.fault({ status: 503 }), deals(f, ['x1'])), expected: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'leadlex', upstreamStatus: 503 } },
  { code: 'UPSTREAM_BAD_RESPONSE', why: 'LeadLex answers 418', trigger: (f) => (f.leadlex.fault({ status: 418, body: { error: 'teapot' } }), deals(f, ['x1'])), expected: { code: 'UPSTREAM_BAD_RESPONSE', upstream: 'leadlex', upstreamStatus: 418 } },
  { code: 'IDEMPOTENCY_KEY_REUSED', why: 'a key comes back with other IDs', trigger: async (f) => (await deals(f, ['x1'], 'k1'), deals(f, ['x2'], 'k1')), expected: { code: 'IDEMPOTENCY_KEY_REUSED' } },
  { code: 'IDEMPOTENCY_STORE_FULL', why: 'the client holds its quota of keys', options: { env: { IDEMPOTENCY_MAX_KEYS_PER_CLIENT: '1' } }, trigger: async (f) => (await deals(f, ['x1'], 'k1'), deals(f, ['x2'], 'k2')), expected: { code: 'IDEMPOTENCY_STORE_FULL', retryAfter: expect.any(Number) as unknown as number } },
];

/** Deletes `ids` from LeadLex through the typed client; resolves with what it threw (or undefined). */
async function deals(f: FacadeHarness, ids: string[], idempotencyKey?: string): Promise<unknown> {
  const client = createBulkDeleteClient({ url: f.url });
  return client.request(DeleteDealsDocument, { input: { ids, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) } }).then(() => undefined, (e: unknown) => e);
}

describe('errors through the typed client', () => {
  it.each(ERROR_CASES)('$code when $why, with its extensions typed', async ({ options, trigger, expected }) => {
    facade = await startSeeded(options);
    const error = await trigger(facade);
    expect(error).toBeInstanceOf(BulkDeleteClientError);
    expect((error as BulkDeleteClientError).extensions).toEqual(expected);
    expect(adviceForError((error as BulkDeleteClientError).extensions).action).not.toBe('report-bug');
  });

  // IDEMPOTENCY_STORE_UNAVAILABLE needs Redis stopped under a running facade: test/e2e/shared-store.test.ts;
  // JOB_STORE_UNAVAILABLE, the Redis job store's, is tested with Redis stopped in test/unit/jobs/redis-store.test.ts.
  // The HTTP-level refusals have their own tests: BAD_REQUEST (serving, edge), SHUTTING_DOWN
  // (shutdown), IDENTITY_PROVIDER_UNAVAILABLE (auth, a JWKS that does not answer).
  it('covers every code but FORBIDDEN (above), the store\'s and HTTP-level ones, and INTERNAL_SERVER_ERROR (a bug has no trigger)', () => {
    const covered = new Set([...ERROR_CASES.map((c) => c.code), 'FORBIDDEN', 'IDEMPOTENCY_STORE_UNAVAILABLE', 'JOB_STORE_UNAVAILABLE', 'BAD_REQUEST', 'SHUTTING_DOWN', 'IDENTITY_PROVIDER_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);
    expect([...covered].sort()).toEqual([...ERROR_CODES].sort());
  });
});

describe('parseErrorExtensions', () => {
  it.each<[string, unknown, ClientErrorExtensions]>([
    ['a code with its fields', { code: 'RATE_LIMITED', retryAfter: 3, upstream: 'stoq', upstreamStatus: 429 }, { code: 'RATE_LIMITED', retryAfter: 3, upstream: 'stoq', upstreamStatus: 429 }],
    ['a router\'s extra field, left out', { code: 'FORBIDDEN', serviceName: 'bulk-delete' }, { code: 'FORBIDDEN' }],
    ['a request-level code', { code: 'GRAPHQL_VALIDATION_FAILED' }, { code: 'GRAPHQL_VALIDATION_FAILED' }],
    ['the shared store down', { code: 'IDEMPOTENCY_STORE_UNAVAILABLE' }, { code: 'IDEMPOTENCY_STORE_UNAVAILABLE' }],
    ['the store full without its retryAfter', { code: 'IDEMPOTENCY_STORE_FULL' }, { code: 'UNRECOGNISED', received: 'IDEMPOTENCY_STORE_FULL' }],
    ['no extensions', undefined, { code: 'UNRECOGNISED', received: null }],
    ['a code this client does not know', { code: 'JOB_NOT_FOUND' }, { code: 'UNRECOGNISED', received: 'JOB_NOT_FOUND' }],
    ['a field the code always has, missing', { code: 'RATE_LIMITED' }, { code: 'UNRECOGNISED', received: 'RATE_LIMITED' }],
    ['a field the code never has', { code: 'FORBIDDEN', retryAfter: 5 }, { code: 'UNRECOGNISED', received: 'FORBIDDEN' }],
    ['a field of the wrong type', { code: 'NOT_CONFIGURED', upstream: 'salesforce' }, { code: 'UNRECOGNISED', received: 'NOT_CONFIGURED' }],
  ])('reads %s', (_what, extensions, expected) => {
    expect(parseErrorExtensions(extensions)).toEqual(expected);
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
