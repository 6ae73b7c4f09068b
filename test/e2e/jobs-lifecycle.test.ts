import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BulkDeleteJobDocument, BulkDeleteJobsDocument, CancelBulkDeleteJobDocument, CreateBulkDeleteJobDocument, DeleteDealsDocument,
} from '../../src/__generated__/client/graphql.ts';
import { accountingProblems } from '../helpers/facade.ts';
import {
  dataOf, facadeEnv, gql, idRange, readResults, spawnFacade, startSimulators, testKey, waitFor,
  type FacadeProcess, type Simulators,
} from '../helpers/job-process.ts';

// docs/contract.md §8 through a facade process, as clients meet it: a job cancelled with a batch
// in flight, who may see a job, and a LeadLex job paced at a short quota window.

const CRM = testKey('crm-sync', '*');
const OTHER = testKey('other-team', '*');
const INTENTS_ONLY = testKey('intents-only', ['intents:delete']);
const BATCH = 20;
const INTENTS = idRange('intent-', 10 * BATCH);
/** LeadLex: a quota of QUOTA requests per WINDOW_MS window; jobs may spend 80 % of it. */
const QUOTA = 5;
const WINDOW_MS = 3_000;
const JOB_SHARE = 0.8;
const DEALS = idRange('deal-', 10 * 500);
/** The answer the delayed Stoq batch waits for: long enough for a cancel to land meanwhile. */
const IN_FLIGHT_DELAY_MS = 5_000;

let sims: Simulators;
let facade: FacadeProcess;
const leadlexStatuses: number[] = [];

beforeAll(async () => {
  sims = await startSimulators({
    stoq: { intents: INTENTS.map((id) => ({ id })) },
    leadlex: { deals: [...DEALS, 'sync-deal'].map((id) => ({ id })), quota: { limit: QUOTA, windowMs: WINDOW_MS }, onReply: (_req, reply) => void leadlexStatuses.push(reply.status) },
  });
  facade = await spawnFacade(facadeEnv(sims, [CRM, OTHER, INTENTS_ONLY], {
    STOQ_JOB_BATCH_SIZE: String(BATCH),
    BATCH_CONCURRENCY: '1',
    JOB_RATE_SHARE: String(JOB_SHARE),
    UPSTREAM_TIMEOUT_MS: '30000',
  }), 60_000);
}, 90_000);
afterAll(async () => {
  facade?.kill();
  await sims?.close();
});

const readJob = async (id: string, key = CRM) => dataOf(await gql(facade.url, BulkDeleteJobDocument, { id }, key.headers)).bulkDeleteJob;

describe('a job cancelled mid-job', () => {
  let jobId = '';

  it('is CANCELLED at once; the batch in flight finishes and is recorded; every ID never sent is NOT_ATTEMPTED, in result and NDJSON', { timeout: 60_000 }, async () => {
    // The third Stoq batch is answered late: it is in flight when the client cancels.
    sims.stoq.faultPlan((_req, index) => (index === 2 ? { delayMs: IN_FLIGHT_DELAY_MS } : undefined));
    const created = dataOf(await gql(facade.url, CreateBulkDeleteJobDocument, { input: { target: 'INTENTS', ids: INTENTS } }, CRM.headers)).createBulkDeleteJob!;
    jobId = created.id;
    await waitFor(() => (sims.stoq.received.length === 3 ? true : undefined));

    const cancelled = dataOf(await gql(facade.url, CancelBulkDeleteJobDocument, { id: jobId }, CRM.headers)).cancelBulkDeleteJob!;
    expect(cancelled.status).toBe('CANCELLED');
    // Two batches recorded, the third still in flight: its IDs' outcome is not known yet.
    expect(cancelled.progress.deletedCount).toBe(2 * BATCH);
    expect(cancelled.progress.processedCount).toBeLessThan(INTENTS.length);

    // The batch in flight lands and is recorded, deleted as Stoq did; nothing is sent after it.
    const done = await waitFor(async () => {
      const job = await readJob(jobId);
      return job?.progress.processedCount === INTENTS.length ? job : undefined;
    });
    expect(done.status).toBe('CANCELLED');
    expect(sims.stoq.received).toHaveLength(3);
    const sent = INTENTS.slice(0, 3 * BATCH);
    const never = INTENTS.slice(3 * BATCH);
    expect(sims.stoq.deletedIds).toEqual(sent);
    const result = done.result!;
    expect(accountingProblems(result)).toEqual([]);
    expect(result).toMatchObject({ requestedCount: INTENTS.length, deletedCount: sent.length, notFoundCount: 0, failedCount: never.length });
    expect(result.failures.map((f) => f.id)).toEqual(never);
    expect(new Set(result.failures.map((f) => f.code))).toEqual(new Set(['NOT_ATTEMPTED']));

    const lines = await readResults(facade.url, jobId, CRM.headers);
    expect(lines.filter((l) => l.outcome === 'deleted').map((l) => l.id)).toEqual(sent);
    expect(lines.filter((l) => l.outcome === 'failed').map((l) => [l.id, l.code])).toEqual(never.map((id) => [id, 'NOT_ATTEMPTED']));
    expect(lines).toHaveLength(INTENTS.length);
    sims.stoq.faultPlan(() => undefined);
  });

  it('is seen by its owner only: another client reads null and gets 404 for its results; a client without the scope gets FORBIDDEN', async () => {
    expect(jobId).not.toBe('');
    expect(await readJob(jobId, OTHER)).toBeNull();
    expect(dataOf(await gql(facade.url, BulkDeleteJobsDocument, { first: 10 }, OTHER.headers)).bulkDeleteJobs.edges).toEqual([]);
    const results = await fetch(`${facade.url}/jobs/${jobId}/results`, { headers: OTHER.headers });
    expect(results.status).toBe(404);
    expect(await results.text()).not.toContain('intent-');
    expect((await fetch(`${facade.url}/jobs/${jobId}/results`, { headers: CRM.headers })).status).toBe(200);

    const refused = await gql(facade.url, CreateBulkDeleteJobDocument, { input: { target: 'DEALS', ids: ['deal-0'] } }, INTENTS_ONLY.headers);
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(dataOf(await gql(facade.url, BulkDeleteJobsDocument, { first: 10 }, INTENTS_ONLY.headers)).bulkDeleteJobs.edges).toEqual([]);
    expect(sims.leadlex.received).toHaveLength(0);
  });
});

describe('a LeadLex job at a short quota window', () => {
  it('goes PAUSED with resumesAt, resumes by itself, completes, never meets a 429, and leaves the rest of each window to mutations', { timeout: 120_000 }, async () => {
    const created = dataOf(await gql(facade.url, CreateBulkDeleteJobDocument, { input: { target: 'DEALS', ids: DEALS } }, CRM.headers)).createBulkDeleteJob!;
    const seen = new Set<string>();
    let pausedWith: string | null = null;
    const done = await waitFor(async () => {
      const job = (await readJob(created.id))!;
      seen.add(job.status);
      if (job.status === 'PAUSED' && pausedWith === null) {
        pausedWith = job.resumesAt;
        // The job spent its share: a synchronous delete still finds the rest of the window, no 429.
        const sync = await gql(facade.url, DeleteDealsDocument, { input: { ids: ['sync-deal'] } }, CRM.headers);
        expect(sync.errors).toBeUndefined();
        expect(sync.data?.bulkDeleteDeals?.deletedCount).toBe(1);
      }
      return job.status === 'COMPLETED' ? job : undefined;
    }, 20);

    expect(seen).toContain('PAUSED');
    expect(pausedWith).not.toBeNull();
    // Paused until a window's reset itself (the simulator's windows start at multiples of
    // WINDOW_MS): resumesAt is LeadLex's X-RateLimit-Reset carried as is, not rounded up to the
    // whole seconds of a client's retryAfter, so no tolerance for scheduling is needed.
    expect(Date.parse(pausedWith!) % WINDOW_MS).toBe(0);
    expect(done.result).toMatchObject({ requestedCount: DEALS.length, deletedCount: DEALS.length, failedCount: 0 });
    expect(DEALS.every((id) => !sims.leadlex.has(id))).toBe(true);
    expect(leadlexStatuses.filter((status) => status === 429)).toEqual([]);
    // Per window, jobs sent at most their share of the quota.
    const perWindow = new Map<number, number>();
    for (const req of sims.leadlex.received) {
      const ids = (req.json as { deal_ids: string[] }).deal_ids;
      if (ids.includes('sync-deal')) continue;
      const window = Math.floor(req.receivedAt / WINDOW_MS);
      perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
    }
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(Math.floor(QUOTA * JOB_SHARE));
    expect([...perWindow.values()].reduce((a, b) => a + b, 0)).toBe(DEALS.length / 500);
  });
});
