// The runner inside the app (server/create-app.ts): started with `listen`, stopped with `close`,
// observable through a log line per state change, the facade_job* metrics and a span per batch,
// with no credential in any of them.
import { Writable } from 'node:stream';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { type JobStore } from '../../../src/jobs/index.ts';
import { createApp, type App } from '../../../src/server/create-app.ts';
import { startKoreSimulator, startLeadLexSimulator, startStoqSimulator } from '../../../src/simulators/index.ts';
import { useStores, useTempDb } from '../jobs/helpers.ts';
import { postGraphQL } from '../../helpers/facade.ts';
import { JOB_OPS } from '../../helpers/jobs.ts';
import { CREDENTIALS, IDLE_TIMERS, ids, manualClock, OWNER, simulatorEnv, waitFor } from './helpers.ts';

const tempDb = useTempDb();
const openStore = useStores();
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('the job runner in the app', () => {
  it('runs a job between listen and close, with a log line per state change, metrics and a span per batch', async () => {
    const deals = ids('deal', 12);
    const [stoq, kore, leadlex] = await Promise.all([
      startStoqSimulator({ apiKey: CREDENTIALS.stoq }),
      startKoreSimulator({ clientId: CREDENTIALS.koreClientId, clientSecret: CREDENTIALS.koreClientSecret, accountId: 'acct-test', streamIds: ['st-test'] }),
      startLeadLexSimulator({ apiKey: CREDENTIALS.leadlex, deals: deals.map((id) => ({ id })) }),
    ]);
    closers.push(() => Promise.all([stoq.close(), kore.close(), leadlex.close()]));
    const store: JobStore = await openStore(tempDb());
    const logs: string[] = [];
    const spans = new InMemorySpanExporter();
    const app: App = await createApp(loadConfig({ PORT: '0', LOG_LEVEL: 'info', ...simulatorEnv({ stoq, kore, leadlex }) }), {
      jobStore: store,
      spanExporter: spans,
      http: { retryBaseDelayMs: 1 },
      logDestination: new Writable({ write: (chunk: Buffer, _enc, done) => void (logs.push(...chunk.toString().split('\n').filter(Boolean)), done()) }),
    });
    const url = await app.listen();
    closers.push(() => app.close());

    const { job } = await store.create({ owner: OWNER, target: 'DEALS', options: {}, ids: deals, start: true, batchSize: 5, idempotencyKey: null }, { maxIdsPerJob: 100 });
    app.jobScheduler!.wake();
    await waitFor(async () => (await store.get(job.id, OWNER))!.status === 'COMPLETED', 'job completed');
    // The runner logs a state change once its write is durable: a reader of the store can see
    // COMPLETED while the runner still waits for the sync that precedes its line.
    const runnerLines = () => logs.map((line) => JSON.parse(line) as Record<string, any>).filter((line) => line.component === 'job-runner' && line.jobId === job.id);
    await waitFor(() => runnerLines().some((line) => line.status === 'COMPLETED'), 'the COMPLETED line logged');

    const lines = runnerLines();
    expect(lines.map((line) => [line.from, line.status])).toEqual([[null, 'RUNNING'], ['RUNNING', 'COMPLETED']]);
    expect(lines[1]).toMatchObject({ target: 'DEALS', owner: OWNER, progress: { requested: 12, deleted: 12 } });

    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^facade_job_batches_total\{target="DEALS",kind="answered"\} 3$/m);
    expect(metrics).toMatch(/^facade_job_ids_total\{target="DEALS",outcome="deleted"\} 12$/m);
    expect(metrics).toMatch(/^facade_jobs_running 0$/m);
    expect(metrics).toMatch(/^facade_jobs_paused 0$/m);
    expect(metrics).toMatch(/^facade_job_seconds_until_resume 0$/m);

    const batchSpans = spans.getFinishedSpans().filter((span) => span.name === 'job batch');
    expect(batchSpans.map((span) => span.attributes['bulk_delete.job.batch_index']).sort()).toEqual([0, 1, 2]);
    for (const span of batchSpans) {
      expect(span.attributes).toMatchObject({ 'bulk_delete.job.id': job.id, 'bulk_delete.batch.outcome': 'answered', 'bulk_delete.requested': span.attributes['bulk_delete.job.batch_index'] === 2 ? 2 : 5 });
      const attempts = spans.getFinishedSpans().filter((child) => child.parentSpanContext?.spanId === span.spanContext().spanId);
      expect(attempts.map((child) => child.name)).toEqual(['POST leadlex']);
    }
    expect(leadlex.received.map((req) => req.headers['x-request-id']).sort()).toEqual([0, 1, 2].map((k) => `job:${job.id}:${k}`));

    const everything = [...logs, metrics, JSON.stringify(batchSpans.map((span) => span.attributes))].join('\n');
    for (const secret of [CREDENTIALS.leadlex, CREDENTIALS.stoq, CREDENTIALS.koreClientSecret]) expect(everything).not.toContain(secret);
  });

  it('stops sending on close, lets the batch in flight land, and leaves the job for the next start', async () => {
    const deals = ids('deal', 20);
    const [stoq, kore, leadlex] = await Promise.all([
      startStoqSimulator({ apiKey: CREDENTIALS.stoq }),
      startKoreSimulator({ clientId: CREDENTIALS.koreClientId, clientSecret: CREDENTIALS.koreClientSecret, accountId: 'acct-test', streamIds: ['st-test'] }),
      startLeadLexSimulator({ apiKey: CREDENTIALS.leadlex, deals: deals.map((id) => ({ id })) }),
    ]);
    closers.push(() => Promise.all([stoq.close(), kore.close(), leadlex.close()]));
    const db = tempDb();
    const store: JobStore = await openStore(db);
    const app = await createApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', BATCH_CONCURRENCY: '1', ...simulatorEnv({ stoq, kore, leadlex }) }), { jobStore: store, http: { retryBaseDelayMs: 1 } });
    await app.listen();
    let closing: Promise<unknown> | null = null;
    leadlex.faultPlan((_req, index) => {
      if (index !== 1) return undefined;
      closing = app.close();
      return { delayMs: 30 };
    });
    const { job } = await store.create({ owner: OWNER, target: 'DEALS', options: {}, ids: deals, start: true, batchSize: 5, idempotencyKey: null }, { maxIdsPerJob: 100 });
    app.jobScheduler!.wake();
    await waitFor(() => closing !== null, 'close called');
    await closing;
    expect(leadlex.received).toHaveLength(2);
    // The app closed its store; the next start opens the same file.
    expect(await (await openStore(db)).get(job.id, OWNER)).toMatchObject({ status: 'RUNNING', batchesInFlight: 0, progress: { processed: 10, deleted: 10 } });
  });
  it('holds a job under a JOB_LOCK_MS lease: another worker takes it once that has passed, not before', async () => {
    const deals = ids('deal', 5);
    const [stoq, kore, leadlex] = await Promise.all([
      startStoqSimulator({ apiKey: CREDENTIALS.stoq }),
      startKoreSimulator({ clientId: CREDENTIALS.koreClientId, clientSecret: CREDENTIALS.koreClientSecret, accountId: 'acct-test', streamIds: ['st-test'] }),
      startLeadLexSimulator({ apiKey: CREDENTIALS.leadlex, deals: deals.map((id) => ({ id })) }),
    ]);
    closers.push(() => Promise.all([stoq.close(), kore.close(), leadlex.close()]));
    // The store's clock moves only when told, and no renewal timer fires: the lease is the claim's alone.
    const clock = manualClock(Date.UTC(2026, 0, 1, 0, 0, 0));
    const store: JobStore = await openStore(tempDb(), clock);
    const app = await createApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', JOB_LOCK_MS: '5000', ...simulatorEnv({ stoq, kore, leadlex }) }), {
      jobStore: store, jobClock: { now: clock.now, timers: IDLE_TIMERS }, http: { retryBaseDelayMs: 1 },
    });
    await app.listen();
    closers.push(() => app.close());
    // The batch stays in flight while the test looks at the lease.
    leadlex.faultPlan(() => ({ delayMs: 1_000 }));
    const { job } = await store.create({ owner: OWNER, target: 'DEALS', options: {}, ids: deals, start: true, batchSize: 5, idempotencyKey: null }, { maxIdsPerJob: 100 });
    const claimedAt = clock.now();
    app.jobScheduler!.wake();
    await waitFor(() => leadlex.received.length === 1, 'batch sent');

    clock.set(claimedAt + 4_999);
    expect(await store.claim('another-worker', 60_000)).toBeNull();
    clock.set(claimedAt + 5_000);
    expect((await store.claim('another-worker', 60_000))?.job.id).toBe(job.id);
  });

  it('takes a job the API queued at once, without waiting for a poll', async () => {
    const deals = ids('deal', 3);
    const [stoq, kore, leadlex] = await Promise.all([
      startStoqSimulator({ apiKey: CREDENTIALS.stoq }),
      startKoreSimulator({ clientId: CREDENTIALS.koreClientId, clientSecret: CREDENTIALS.koreClientSecret, accountId: 'acct-test', streamIds: ['st-test'] }),
      startLeadLexSimulator({ apiKey: CREDENTIALS.leadlex, deals: deals.map((id) => ({ id })) }),
    ]);
    closers.push(() => Promise.all([stoq.close(), kore.close(), leadlex.close()]));
    // Timers that never fire: the scheduler's poll never comes, so only the API's wake can start the job.
    const app = await createApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...simulatorEnv({ stoq, kore, leadlex }) }), {
      jobClock: { now: Date.now, timers: IDLE_TIMERS },
      http: { retryBaseDelayMs: 1 },
    });
    const url = await app.listen();
    closers.push(() => app.close());
    const created = (await postGraphQL(url, JOB_OPS.create, { input: { target: 'DEALS', ids: deals } })).body.data?.job;
    expect(created?.status).toBe('QUEUED');
    const status = async () => (await postGraphQL(url, JOB_OPS.get, { id: created!.id })).body.data?.job?.status;
    await waitFor(async () => (await status()) === 'COMPLETED', 'job completed');
    expect(leadlex.received).toHaveLength(1);
  });
});
