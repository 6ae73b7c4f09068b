import type { ResultOf } from '@graphql-typed-document-node/core';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import type { Scope } from '../../src/config/index.ts';
import { openSqliteJobStore, type JobStore } from '../../src/jobs/index.ts';
import { accountingProblems, startFacade, toQuery, type FacadeHarness, type GraphQLAnswer, type SendGraphQL } from '../helpers/facade.ts';
import { JOB_OPS, allDeleted, countingStore, driveJob, type JobCreateInput, type StoreCalls } from '../helpers/jobs.ts';

// docs/contract.md §8, the API: jobs created, filled, started, cancelled, read and listed through
// GraphQL by real clients (API keys and JWTs), with the store driven to a job's end directly
// (the runner is not what this suite tests).

const JWT_SECRET = 'jwt-SECRET-jobs-hs256-0123456789abcdef';
const JWT_ENV = { AUTH_JWT_SECRET: JWT_SECRET, AUTH_JWT_ISSUER: 'https://idp.example.test/', AUTH_JWT_AUDIENCE: 'bulk-delete-facade' };

function apiKey(name: string, scopes: readonly Scope[] | '*'): { headers: Record<string, string>; line: string } {
  const key = generateApiKey();
  return { headers: { authorization: `Bearer ${key}` }, line: buildApiKeyLine(name, scopes, hashApiKey(key)) };
}

async function jwtHeaders(sub: string, scope: string): Promise<Record<string, string>> {
  const token = await new SignJWT({ sub, scope })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(JWT_ENV.AUTH_JWT_ISSUER).setAudience(JWT_ENV.AUTH_JWT_AUDIENCE)
    .setIssuedAt().setExpirationTime('5m')
    .sign(new TextEncoder().encode(JWT_SECRET));
  return { authorization: `Bearer ${token}` };
}

const CRM = apiKey('crm-sync', '*');
const OTHER = apiKey('other-team', '*');
const INTENTS_ONLY = apiKey('intents-only', ['intents:delete']);

let facade: FacadeHarness;
let store: JobStore;
let calls: StoreCalls;

beforeAll(async () => {
  const counted = countingStore(await openSqliteJobStore(':memory:'));
  store = counted.store;
  calls = counted.calls;
  facade = await startFacade({
    env: { AUTH_REQUIRED: 'true', AUTH_API_KEYS: [CRM.line, OTHER.line, INTENTS_ONLY.line].join('\n'), ...JWT_ENV, MAX_IDS_PER_CALL: '50', MAX_IDS_PER_JOB: '60', MAX_RUNNING_JOBS_PER_CLIENT: '3', JOB_WORKER_CONCURRENCY: '0' },
    jobStore: store,
  });
});
afterAll(async () => facade.close());

/** The one job the answer holds under `job`, with no error. */
function expectJob<J>(answer: GraphQLAnswer<{ job: J | null }>): J {
  expect(answer.body.errors).toBeUndefined();
  expect(answer.status).toBe(200);
  const job = answer.body.data?.job;
  expect(job).toBeTruthy();
  return job!;
}

/** The answer's one error, its code and message; `data.job` null. */
function expectJobError(answer: GraphQLAnswer<unknown>, code: string): string {
  expect(answer.body.errors).toHaveLength(1);
  expect(answer.body.errors?.[0]?.extensions?.code).toBe(code);
  if (answer.body.data !== undefined) expect(answer.body.data).toEqual({ job: null });
  return answer.body.errors?.[0]?.message ?? '';
}

/** facade.graphql, as CRM unless told otherwise. */
const call = ((document: Parameters<SendGraphQL>[0], variables?: Record<string, unknown>, headers: Record<string, string> = CRM.headers) => facade.graphql(document as string, variables, headers)) as SendGraphQL;
const create = (input: JobCreateInput, headers?: Record<string, string>) => call(JOB_OPS.create, { input }, headers);
const ids = (n: number, prefix = 'd') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Cancels every job of the client's that still counts against MAX_RUNNING_JOBS_PER_CLIENT. */
async function cancelActive(headers: Record<string, string>): Promise<void> {
  const page = await call(JOB_OPS.list, { first: 100, status: ['QUEUED', 'RUNNING', 'PAUSED'] }, headers);
  for (const edge of page.body.data?.jobs.edges ?? []) await call(JOB_OPS.cancel, { id: edge.node.id }, headers);
}

describe('a job through its life', () => {
  it('created OPEN, filled in chunks (duplicates once), started, then read with its ISO-8601 times and progress', async () => {
    const before = Date.now();
    const created = expectJob(await create({ target: 'DEALS', ids: ['d1', 'd2', 'd1'], start: false }));
    expect(created).toMatchObject({
      target: 'DEALS', status: 'OPEN', dryRun: false, startedAt: null, finishedAt: null, resumesAt: null,
      progress: { requestedCount: 2, processedCount: 0, deletedCount: 0, notFoundCount: 0, failedCount: 0 },
    });
    expect(Date.parse(created.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(created.createdAt).toBe(new Date(created.createdAt).toISOString());

    const added = expectJob(await call(JOB_OPS.add, { id: created.id, ids: ['d2', 'd3', 'd4'] }));
    expect(added.progress.requestedCount).toBe(4);
    const started = expectJob(await call(JOB_OPS.start, { id: created.id }));
    expect(started.status).toBe('QUEUED');
    expect(expectJob(await call(JOB_OPS.get, { id: created.id }))).toMatchObject({ status: 'QUEUED', result: null });

    // Adding to a job that has left OPEN is refused, and changes nothing.
    const message = expectJobError(await call(JOB_OPS.add, { id: created.id, ids: ['d9'] }), 'BAD_USER_INPUT');
    expect(message).toMatch(/QUEUED.*only while it is OPEN/);
    expect(expectJob(await call(JOB_OPS.get, { id: created.id })).progress.requestedCount).toBe(4);

    await driveJob(store, created.id);
    const done = expectJob(await call(JOB_OPS.get, { id: created.id }));
    expect(done).toMatchObject({ status: 'COMPLETED', progress: { requestedCount: 4, processedCount: 4, deletedCount: 4 } });
    expect(done.startedAt).toBe(new Date(done.startedAt!).toISOString());
    expect(done.finishedAt).toBe(new Date(done.finishedAt!).toISOString());
    // The target's own result type, so fragments on it work; the accounting rule of §3 holds.
    expect(done.result).toMatchObject({ __typename: 'BulkDeleteDealsResult', requestedCount: 4, deletedCount: 4, failedCount: 0, deletedIds: ['d1', 'd2', 'd3', 'd4'], dryRun: false });
    expect(accountingProblems(done.result)).toEqual([]);
  });

  it('cancelled mid-job: CANCELLED, the recorded batch kept, every ID never sent NOT_ATTEMPTED', async () => {
    const job = expectJob(await create({ target: 'INTENTS', ids: ids(30, 'i') }));
    // STOQ_JOB_BATCH_SIZE is 1,000: one batch of 30. Run it on LeadLex-sized batches instead.
    const deals = expectJob(await create({ target: 'DEALS', ids: ids(40, 'c') }));
    await driveJob(store, job.id);
    await driveJob(store, deals.id, allDeleted, 0);
    const cancelled = await call(JOB_OPS.cancel, { id: deals.id });
    const result = expectJob(cancelled);
    expect(result.status).toBe('CANCELLED');
    expect(result.result).toMatchObject({ __typename: 'BulkDeleteDealsResult', requestedCount: 40, deletedCount: 0, failedCount: 40 });
    expect(new Set(result.result!.failures.map((f) => f.code))).toEqual(new Set(['NOT_ATTEMPTED']));
    expect(accountingProblems(result.result)).toEqual([]);
    // Fixed at create from the capabilities' jobBatchSize: STOQ_JOB_BATCH_SIZE (1,000) and LeadLex's 500.
    expect([(await store.get(job.id, 'crm-sync'))?.batchSize, (await store.get(deals.id, 'crm-sync'))?.batchSize]).toEqual([1_000, 500]);
    const intents = expectJob(await call(JOB_OPS.get, { id: job.id }));
    expect(intents.result).toMatchObject({ __typename: 'BulkDeleteIntentsResult', requestedCount: 30, deletedCount: 30, sentIntentIds: [] });
    // Cancelling an ended job is refused with what is possible.
    expect(expectJobError(await call(JOB_OPS.cancel, { id: deals.id }), 'BAD_USER_INPUT')).toMatch(/has ended/);
  });

  it('the same idempotencyKey and input return the same job; the same key with another input is IDEMPOTENCY_KEY_REUSED', async () => {
    await cancelActive(CRM.headers);
    const input: JobCreateInput = { target: 'CONTACTS', ids: ['k1', 'k2'], idempotencyKey: 'import-2026-12-05' };
    const first = expectJob(await create(input));
    const again = expectJob(await create({ ...input, ids: ['k2', 'k1', 'k1'] }));
    expect(again.id).toBe(first.id);
    const message = expectJobError(await create({ ...input, ids: ['k1', 'k3'] }), 'IDEMPOTENCY_KEY_REUSED');
    expect(message).toMatch(/different input/);
    // Another client's same key is its own.
    expect(expectJob(await create(input, OTHER.headers)).id).not.toBe(first.id);
  });

  it('keeps the configured Kore.ai stream in a CONTACTS job and a dry run in a DEALS job', async () => {
    await cancelActive(CRM.headers);
    expect(expectJob(await create({ target: 'DEALS', ids: ['x'], dryRun: true, start: false })).dryRun).toBe(true);
    expect(expectJob(await create({ target: 'CONTACTS', ids: ['x'], streamId: 'st-test', start: false })).target).toBe('CONTACTS');
  });
});

describe('who sees a job', () => {
  let jobId: string;
  beforeAll(async () => {
    await cancelActive(CRM.headers);
    jobId = expectJob(await create({ target: 'DEALS', ids: ['v1'], start: false })).id;
  });

  it('another client reads null, finds it in no list, and its mutations answer as for an unknown job', async () => {
    expect((await call(JOB_OPS.get, { id: jobId }, OTHER.headers)).body).toEqual({ data: { job: null } });
    const listed = await call(JOB_OPS.list, { first: 100 }, OTHER.headers);
    expect(listed.body.data?.jobs.edges.map((e) => e.node.id)).not.toContain(jobId);
    const unknown = expectJobError(await call(JOB_OPS.start, { id: 'no-such-job' }, OTHER.headers), 'BAD_USER_INPUT');
    for (const op of ['start', 'cancel'] as const) {
      expect(expectJobError(await call(JOB_OPS[op], { id: jobId }, OTHER.headers), 'BAD_USER_INPUT')).toBe(unknown.replace('no-such-job', jobId));
    }
    expectJobError(await call(JOB_OPS.add, { id: jobId, ids: ['v2'] }, OTHER.headers), 'BAD_USER_INPUT');
    expect(expectJob(await call(JOB_OPS.get, { id: jobId }))).toMatchObject({ status: 'OPEN', progress: { requestedCount: 1 } });
  });

  it('a client without the target\'s delete scope gets FORBIDDEN on create, and nothing is stored', async () => {
    const before = (await call(JOB_OPS.list, { first: 100 }, INTENTS_ONLY.headers)).body.data?.jobs.edges.length;
    const message = expectJobError(await create({ target: 'DEALS', ids: ['v1'] }, INTENTS_ONLY.headers), 'FORBIDDEN');
    expect(message).toContain('deals:delete');
    expect((await call(JOB_OPS.list, { first: 100 }, INTENTS_ONLY.headers)).body.data?.jobs.edges).toHaveLength(before!);
    expectJob(await create({ target: 'INTENTS', ids: ['v1'], start: false }, INTENTS_ONLY.headers));
  });

  it('the same client, with a token lacking the target\'s scope, sees its job as unknown (reads, list, mutations)', async () => {
    const full = await jwtHeaders('dashboard', 'deals:delete intents:delete');
    const dealsJob = expectJob(await create({ target: 'DEALS', ids: ['j1'], start: false }, full)).id;
    const intentsJob = expectJob(await create({ target: 'INTENTS', ids: ['j1'], start: false }, full)).id;
    const intentsOnly = await jwtHeaders('dashboard', 'intents:delete');
    expect((await call(JOB_OPS.get, { id: dealsJob }, intentsOnly)).body).toEqual({ data: { job: null } });
    expect(expectJob(await call(JOB_OPS.get, { id: intentsJob }, intentsOnly)).id).toBe(intentsJob);
    const listed = await call(JOB_OPS.list, { first: 100 }, intentsOnly);
    expect(listed.body.data?.jobs.edges.map((e) => e.node.id)).toEqual([intentsJob]);
    expectJobError(await call(JOB_OPS.start, { id: dealsJob }, intentsOnly), 'BAD_USER_INPUT');
    expect(expectJob(await call(JOB_OPS.get, { id: dealsJob }, full)).status).toBe('OPEN');
  });
});

describe('limits', () => {
  it('MAX_RUNNING_JOBS_PER_CLIENT: a create that would start one more is BAD_USER_INPUT and stores nothing; an OPEN one is fine', async () => {
    const headers = await jwtHeaders('limited', 'deals:delete');
    for (let i = 0; i < 3; i++) expectJob(await create({ target: 'DEALS', ids: [`l${i}`] }, headers));
    const count = async () => (await call(JOB_OPS.list, { first: 100 }, headers)).body.data?.jobs.edges.length;
    expect(await count()).toBe(3);
    expect(expectJobError(await create({ target: 'DEALS', ids: ['l9'] }, headers), 'BAD_USER_INPUT')).toMatch(/MAX_RUNNING_JOBS_PER_CLIENT \(3\)/);
    expect(await count()).toBe(3);
    const open = expectJob(await create({ target: 'DEALS', ids: ['l9'], start: false }, headers));
    expectJobError(await call(JOB_OPS.start, { id: open.id }, headers), 'BAD_USER_INPUT');
    // Another client is not held back by this one's jobs.
    expectJob(await create({ target: 'DEALS', ids: ['l9'] }, await jwtHeaders('unlimited', 'deals:delete')));
  });

  it('MAX_RUNNING_JOBS_PER_CLIENT holds for creates sent at once', async () => {
    const headers = await jwtHeaders('eager', 'deals:delete');
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => create({ target: 'DEALS', ids: [`r${i}`] }, headers)));
    const codes = answers.map((answer) => answer.body.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'OK', 'OK', 'OK']);
    const active = await call(JOB_OPS.list, { first: 100, status: ['QUEUED', 'RUNNING', 'PAUSED'] }, headers);
    expect(active.body.data?.jobs.edges).toHaveLength(3);
  });

  it('MAX_RUNNING_JOBS_PER_CLIENT holds with a store that does not check it (the API asks first), and a keyed repeat still returns its job', async () => {
    const inner = await openSqliteJobStore(':memory:');
    const lax: JobStore = Object.assign(Object.create(inner) as JobStore, {
      create: (input: Parameters<JobStore['create']>[0], limits: Parameters<JobStore['create']>[1]) => inner.create(input, { maxIdsPerJob: limits.maxIdsPerJob }),
      start: (jobId: string, owner: string) => inner.start(jobId, owner),
    });
    const other = await startFacade({ env: { MAX_RUNNING_JOBS_PER_CLIENT: '1', JOB_WORKER_CONCURRENCY: '0' }, jobStore: lax });
    try {
      const keyed: JobCreateInput = { target: 'DEALS', ids: ['z1'], idempotencyKey: 'only-one' };
      const first = await other.graphql(JOB_OPS.create, { input: keyed });
      expect(first.body.errors).toBeUndefined();
      expectJobError(await other.graphql(JOB_OPS.create, { input: { target: 'DEALS', ids: ['z2'] } }), 'BAD_USER_INPUT');
      const open = expectJob(await other.graphql(JOB_OPS.create, { input: { target: 'DEALS', ids: ['z3'], start: false } }));
      expectJobError(await other.graphql(JOB_OPS.start, { id: open.id }), 'BAD_USER_INPUT');
      expect(expectJob(await other.graphql(JOB_OPS.create, { input: keyed })).id).toBe(expectJob(first).id);
    } finally {
      await other.close();
    }
  });

  it('MAX_IDS_PER_JOB: a chunk that would pass it is refused whole', async () => {
    const headers = await jwtHeaders('big-import', 'deals:delete');
    const job = expectJob(await create({ target: 'DEALS', ids: ids(50), start: false }, headers));
    expect(expectJobError(await call(JOB_OPS.add, { id: job.id, ids: ids(20, 'e') }, headers), 'BAD_USER_INPUT')).toMatch(/MAX_IDS_PER_JOB \(60\)/);
    expect(expectJob(await call(JOB_OPS.get, { id: job.id }, headers)).progress.requestedCount).toBe(50);
    expect(expectJob(await call(JOB_OPS.add, { id: job.id, ids: ids(10, 'e') }, headers)).progress.requestedCount).toBe(60);
  });

  it('MAX_IDS_PER_CALL: more IDs in one request is BAD_USER_INPUT, counted before de-duplication', async () => {
    const headers = await jwtHeaders('chunky', 'deals:delete');
    expect(expectJobError(await create({ target: 'DEALS', ids: Array(51).fill('same') }, headers), 'BAD_USER_INPUT')).toMatch(/at most 50/);
    const open = expectJob(await create({ target: 'DEALS', ids: [], start: false }, headers));
    expectJobError(await call(JOB_OPS.add, { id: open.id, ids: ids(51) }, headers), 'BAD_USER_INPUT');
  });
});

describe('hostile and malformed input: BAD_USER_INPUT with what to fix, and nothing stored', () => {
  const headers = jwtHeaders('hostile', 'deals:delete intents:delete contacts:delete');
  const jobCount = async () => (await call(JOB_OPS.list, { first: 100 }, await headers)).body.data?.jobs.edges.length;

  it.each<[string, JobCreateInput, RegExp]>([
    ['an empty list with start', { target: 'DEALS', ids: [] }, /no IDs cannot start/],
    ['a blank ID', { target: 'DEALS', ids: ['ok', '  '] }, /ids\[1\]` is blank/],
    ['a 100 kB ID', { target: 'DEALS', ids: ['x'.repeat(100_000)] }, /characters long/],
    ['a lone surrogate', { target: 'DEALS', ids: ['k\ud800'] }, /well-formed Unicode/],
    ['a control character', { target: 'DEALS', ids: ['a\u0000b'] }, /control character/],
    ['dryRun on INTENTS', { target: 'INTENTS', ids: ['a'], dryRun: true }, /dryRun applies to DEALS jobs only/],
    ['skipSent on CONTACTS', { target: 'CONTACTS', ids: ['a'], skipSent: true }, /skipSent applies to INTENTS jobs only/],
    ['streamId on DEALS', { target: 'DEALS', ids: ['a'], streamId: 'st-test' }, /streamId applies to CONTACTS jobs only/],
    ['a streamId that could name another path', { target: 'CONTACTS', ids: ['a'], streamId: '../admin' }, /not a plain token/],
    ['a 300-character idempotencyKey', { target: 'DEALS', ids: ['a'], idempotencyKey: 'k'.repeat(300) }, /at most 255/],
    ['a blank idempotencyKey', { target: 'DEALS', ids: ['a'], idempotencyKey: ' ' }, /blank/],
  ])('create with %s', async (_what, input, message) => {
    const before = await jobCount();
    expect(expectJobError(await create(input, await headers), 'BAD_USER_INPUT')).toMatch(message);
    expect(await jobCount()).toBe(before);
  });

  it('accepts unicode IDs as sent, and counts duplicates once', async () => {
    const job = expectJob(await create({ target: 'DEALS', ids: ['deal-ü', '交易-7', '🗑️', 'deal-ü', '交易-7'], start: false }, await headers));
    expect(job.progress.requestedCount).toBe(3);
  });

  it('an unknown target or status is refused by GraphQL validation itself', async () => {
    // Values the schema's types forbid: the typed documents sent raw, with untyped variables.
    const answer = await call(toQuery(JOB_OPS.create), { input: { target: 'INVOICES', ids: ['a'] } }, await headers);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.body.data).toBeUndefined();
    const listed = await call(toQuery(JOB_OPS.list), { status: ['DONE'] }, await headers);
    expect(listed.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['negative first', { first: -1 }, /first must be an integer from 0 to 100/],
    ['first over 100', { first: 101 }, /first must be an integer from 0 to 100/],
    ['a cursor it never handed out', { after: 'bm90LWEtY3Vyc29y' }, /not one this API returned/],
    ['a 10 kB cursor', { after: 'A'.repeat(10_000) }, /not one this API returned/],
    ['a cursor with quotes and unicode', { after: '"}]🙂' }, /not one this API returned/],
  ])('list with %s', async (_what, variables, message) => {
    const answer = await call(JOB_OPS.list, variables, await headers);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.body.errors?.[0]?.message).toMatch(message);
  });

  it('a job ID of any shape reads null, and mutations on it say there is no such job', async () => {
    for (const id of ['', 'x'.repeat(100_000), '\u0000', '🙂', "' OR 1=1 --"]) {
      expect((await call(JOB_OPS.get, { id }, await headers)).body).toEqual({ data: { job: null } });
      expect(expectJobError(await call(JOB_OPS.cancel, { id }, await headers), 'BAD_USER_INPUT')).toMatch(/^No job /);
    }
  });
});

describe('bulkDeleteJobs: a Relay connection', () => {
  it('pages newest first with stable cursors, filters by status, and ends with hasNextPage false', async () => {
    const headers = await jwtHeaders('pager', 'deals:delete');
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push(expectJob(await create({ target: 'DEALS', ids: [`p${i}`], start: i === 0 || i === 3 }, headers)).id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      // Annotated: `after` is assigned from this answer below, which TypeScript cannot infer around.
      const answer: GraphQLAnswer<ResultOf<typeof JOB_OPS.list>> = await call(JOB_OPS.list, { first: 3, after }, headers);
      const { edges, pageInfo } = answer.body.data!.jobs;
      seen.push(...edges.map((e) => e.node.id));
      expect(pageInfo.hasPreviousPage).toBe(false);
      expect(pageInfo.startCursor).toBe(edges[0]?.cursor ?? null);
      expect(pageInfo.endCursor).toBe(edges.at(-1)?.cursor ?? null);
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual([...made].reverse());
    const open = await call(JOB_OPS.list, { first: 100, status: ['OPEN'] }, headers);
    expect(open.body.data?.jobs.edges.map((e) => e.node.id)).toEqual([made[6], made[5], made[4], made[2], made[1]]);
    const none = await call(JOB_OPS.list, { first: 0 }, headers);
    expect(none.body.data?.jobs).toEqual({ edges: [], pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });
});

describe('reads by ID go through one DataLoader per request', () => {
  it('N jobs in one document (aliases and _entities) cost one store read, and a job read twice is read once', async () => {
    const headers = await jwtHeaders('batched', 'deals:delete');
    const jobIds: string[] = [];
    for (let i = 0; i < 4; i++) jobIds.push(expectJob(await create({ target: 'DEALS', ids: [`b${i}`], start: false }, headers)).id);
    const document = `query($a: ID!, $b: ID!, $c: ID!, $reps: [_Any!]!) {
      a: bulkDeleteJob(id: $a) { id status }
      b: bulkDeleteJob(id: $b) { id status }
      c: bulkDeleteJob(id: $c) { id }
      again: bulkDeleteJob(id: $a) { id }
      _entities(representations: $reps) { ... on BulkDeleteJob { id target } }
    }`;
    const reps = [{ __typename: 'BulkDeleteJob', id: jobIds[3] }, { __typename: 'BulkDeleteJob', id: jobIds[0] }, { __typename: 'BulkDeleteJob', id: 'unknown' }];
    const before = calls.getMany;
    const answer = await call(document, { a: jobIds[0], b: jobIds[1], c: jobIds[2], reps }, headers);
    expect(answer.body.errors).toBeUndefined();
    expect(calls.getMany - before).toBe(1);
    expect(answer.body.data).toEqual({
      a: { id: jobIds[0], status: 'OPEN' },
      b: { id: jobIds[1], status: 'OPEN' },
      c: { id: jobIds[2] },
      again: { id: jobIds[0] },
      _entities: [{ id: jobIds[3], target: 'DEALS' }, { id: jobIds[0], target: 'DEALS' }, null],
    });
    // A request that reads no job makes no loader and no read.
    const idle = calls.getMany;
    await call('{ bulkDeleteCapabilities { maxIdsPerCall } }', {}, headers);
    expect(calls.getMany).toBe(idle);
  });

  it('_entities answers another client\'s job as null, and refuses a representation that names no entity', async () => {
    const mine = expectJob(await create({ target: 'DEALS', ids: ['e1'], start: false }, await jwtHeaders('entity-owner', 'deals:delete'))).id;
    const document = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on BulkDeleteJob { id } } }';
    const other = await call(document, { reps: [{ __typename: 'BulkDeleteJob', id: mine }] }, OTHER.headers);
    expect(other.body).toEqual({ data: { _entities: [null] } });
    for (const reps of [[{ __typename: 'Viewer', id: 'x' }], [{ id: mine }], ['just a string'], [{ __typename: 'x'.repeat(10_000) }]]) {
      const answer = await call(document, { reps }, OTHER.headers);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(answer.body.errors?.[0]?.message.length).toBeLessThan(400);
    }
  });
});

describe('a vendor without credentials', () => {
  let bare: FacadeHarness;
  beforeAll(async () => {
    bare = await startFacade({ unconfigured: ['kore'] });
  });
  afterAll(async () => bare.close());

  it('answers NOT_CONFIGURED for its jobs, naming it, and stores nothing', async () => {
    const answer = await bare.graphql(JOB_OPS.create, { input: { target: 'CONTACTS', ids: ['a'] } });
    expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_CONFIGURED', upstream: 'kore' });
    expect((await bare.graphql(JOB_OPS.list, {})).body.data?.jobs.edges).toEqual([]);
  });
});
