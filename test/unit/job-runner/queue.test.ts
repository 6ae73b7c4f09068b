// Jobs through BullMQ on a real redis-server (docs/contract.md §8, "Where jobs live"): two
// replicas, each an app with its own worker and Redis connections, against one set of
// simulators. Whichever replica the queue hands a job to runs it; a paused job waits in
// BullMQ's `delayed` set until its reset, then any replica resumes it; the replicas spend one
// shared budget; a cancel settles a paused job at once; job events cross replicas.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { JOB_QUEUE_NAME } from '../../../src/job-runner/queue.ts';
import { openRedisJobStore, type Job, type JobStore } from '../../../src/jobs/index.ts';
import { createApp, type App } from '../../../src/server/create-app.ts';
import { startKoreSimulator, startLeadLexSimulator, startStoqSimulator, type LeadLexSimulatorOptions, type StoqSimulatorOptions } from '../../../src/simulators/index.ts';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis.ts';
import { collect } from '../jobs/helpers.ts';
import { CREDENTIALS, ids, OWNER, simulatorEnv, waitFor } from './helpers.ts';

const run = redisServerAvailable();
let redis: RedisServer;
let prefixes = 0;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  if (run) redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  // Each test its own vendors: nothing the last one's replicas learnt (the budget ledger) carries over.
  const admin = new Redis(redis.url);
  await admin.flushall();
  admin.disconnect();
});

/** Two replicas of the facade sharing one Redis (under fresh prefixes) and one set of simulators. */
async function replicas(options: { leadlex?: LeadLexSimulatorOptions; stoq?: StoqSimulatorOptions; env?: Record<string, string>; count?: number } = {}) {
  const [stoq, kore, leadlex] = await Promise.all([
    startStoqSimulator({ apiKey: CREDENTIALS.stoq, ...options.stoq }),
    startKoreSimulator({ clientId: CREDENTIALS.koreClientId, clientSecret: CREDENTIALS.koreClientSecret, accountId: 'acct-test', streamIds: ['st-test'] }),
    startLeadLexSimulator({ apiKey: CREDENTIALS.leadlex, ...options.leadlex }),
  ]);
  closers.push(() => Promise.all([stoq.close(), kore.close(), leadlex.close()]));
  const queuePrefix = `q${++prefixes}`;
  const env = { PORT: '0', LOG_LEVEL: 'silent', REDIS_URL: redis.url, JOB_QUEUE_PREFIX: queuePrefix, JOB_LOCK_MS: '1000', ...simulatorEnv({ stoq, kore, leadlex }), ...options.env };
  const apps: App[] = [];
  const startReplica = async (): Promise<App> => {
    const app = await createApp(loadConfig(env), { http: { retryBaseDelayMs: 1 } });
    closers.push(() => app.close(0));
    await app.listen();
    apps.push(app);
    return app;
  };
  for (let i = 0; i < (options.count ?? 2); i++) await startReplica();
  const store = await openRedisJobStore({ url: redis.url });
  closers.push(() => store.close());
  const queue = new Queue(JOB_QUEUE_NAME, { connection: { url: redis.url, maxRetriesPerRequest: null }, prefix: queuePrefix });
  closers.push(() => queue.close());
  return {
    stoq,
    leadlex,
    apps,
    startReplica,
    store,
    queue,
    /** A started job, published QUEUED on replica `via` as the API does after `start`. */
    async startJob(target: 'DEALS' | 'INTENTS', jobIds: readonly string[], batchSize: number, via = 0): Promise<Job> {
      const { job } = await store.create({ owner: OWNER, target, options: {}, ids: jobIds, start: true, batchSize, idempotencyKey: null }, { maxIdsPerJob: 1_000_000 });
      apps[via]!.jobEvents!.publish(job);
      return job;
    },
  };
}

async function statusOf(store: JobStore, jobId: string): Promise<Job> {
  const job = await store.get(jobId, OWNER);
  if (job === null) throw new Error(`job ${jobId} vanished`);
  return job;
}

describe.runIf(run)('jobs through BullMQ, two replicas', () => {
  it('runs a job on whichever replica the queue hands it to, to the end', async () => {
    const deals = ids('deal', 40);
    const r = await replicas({ leadlex: { deals: deals.map((id) => ({ id })) } });
    const job = await r.startJob('DEALS', deals, 5);
    await waitFor(async () => (await statusOf(r.store, job.id)).status === 'COMPLETED', 'job completed', 20_000);
    expect(deals.filter((id) => r.leadlex.has(id))).toEqual([]);
    const lines = await collect(await r.store.results(job.id, OWNER));
    expect(lines.map((line) => line.outcome)).toEqual(deals.map(() => 'deleted'));
    // Done queue jobs leave the queue: the store keeps the result. BullMQ removes the job when the
    // processor returns, which is after the store already reads COMPLETED.
    await waitFor(async () => (await r.queue.getJob(job.id)) === undefined, 'the done job left the queue');
  });

  it('pauses on a spent LeadLex quota in BullMQ\'s delayed set, resumes at the reset on any replica, and the replicas never pass the budget together', async () => {
    const deals = ids('deal', 120);
    const statuses: number[] = [];
    // 8 requests a 2-second window, 80 % for jobs (6 a window), one job per replica, eight
    // batches in flight per job: each replica alone would spend the whole job share at every
    // reset, so together they would pass the budget without the shared ledger.
    const r = await replicas({
      leadlex: { deals: deals.map((id) => ({ id })), quota: { limit: 8, windowMs: 2_000 }, latencyMs: 50, onReply: (_req, reply) => void statuses.push(reply.status) },
      env: { BATCH_CONCURRENCY: '8', JOB_WORKER_CONCURRENCY: '1' },
    });
    const first = await r.startJob('DEALS', deals.slice(0, 60), 5, 0);
    // The second job starts once an answer has told the budget (to one replica, or to the ledger).
    await waitFor(async () => (await statusOf(r.store, first.id)).progress.processed > 0, 'a first batch recorded');
    const second = await r.startJob('DEALS', deals.slice(60), 5, 1);
    let sawDelayed = false;
    // Watched on replica 0, whichever replica runs them: the events cross through Redis.
    const seen: string[] = [];
    for (const job of [first, second]) r.apps[0]!.jobEvents!.subscribe(job.id, (changed) => seen.push(`${changed.id === first.id ? 'first' : 'second'}:${changed.status}`));
    await waitFor(async () => {
      const [a, b] = await Promise.all([statusOf(r.store, first.id), statusOf(r.store, second.id)]);
      for (const job of [a, b]) {
        const queued = job.status === 'PAUSED' ? await r.queue.getJob(job.id) : undefined;
        if (queued !== undefined && (await queued.isDelayed())) sawDelayed = true;
      }
      return a.status === 'COMPLETED' && b.status === 'COMPLETED';
    }, 'both jobs completed', 30_000);
    expect(seen.filter((change) => change.endsWith(':PAUSED')).length).toBeGreaterThan(0);
    expect(sawDelayed).toBe(true);
    expect(deals.filter((id) => r.leadlex.has(id))).toEqual([]);
    for (const job of [first, second]) expect((await collect(await r.store.results(job.id, OWNER))).filter((line) => line.outcome !== 'deleted')).toEqual([]);
    expect(statuses.filter((status) => status === 429)).toEqual([]);
    expect(statuses).toHaveLength(24);
    // A paused job is held by no replica while it waits: none still counts it once it is done.
    for (const app of r.apps) expect(await app.services.metrics.registry.metrics()).toMatch(/^facade_jobs_paused 0$/m);
  });

  it('settles a job cancelled while paused at once, not at its reset, and sends nothing more', async () => {
    const deals = ids('deal', 40);
    // Four requests a minute: the job pauses for most of a minute after its first batches.
    const r = await replicas({ leadlex: { deals: deals.map((id) => ({ id })), quota: { limit: 4, windowMs: 60_000 } }, env: { BATCH_CONCURRENCY: '1', JOB_RATE_SHARE: '1' } });
    const job = await r.startJob('DEALS', deals, 5);
    await waitFor(async () => (await statusOf(r.store, job.id)).status === 'PAUSED', 'job paused');
    await waitFor(async () => (await r.queue.getJob(job.id))?.isDelayed() ?? false, 'queue job delayed');
    const sent = r.leadlex.received.length;

    // As the API does: cancel in the store, publish the change (here through the other replica).
    const cancelled = await r.store.cancel(job.id, OWNER);
    r.apps[1]!.jobEvents!.publish(cancelled!);
    await waitFor(async () => {
      const current = await statusOf(r.store, job.id);
      return current.status === 'CANCELLED' && current.batchesInFlight === 0 && (await r.queue.getJob(job.id)) === undefined;
    }, 'cancelled job settled', 10_000);
    expect(r.leadlex.received).toHaveLength(sent);
    const lines = await collect(await r.store.results(job.id, OWNER));
    const deleted = lines.filter((line) => line.outcome === 'deleted').map((line) => line.id);
    expect(deleted).toEqual(deals.slice(0, deleted.length));
    expect(deleted.length).toBeGreaterThan(0);
    expect(lines.slice(deleted.length).map((line) => [line.outcome, line.code])).toEqual(deals.slice(deleted.length).map(() => ['failed', 'NOT_ATTEMPTED']));
  });

  it('hands a job back on a clean shutdown: its batch in flight lands, and another replica goes on at once', async () => {
    const intents = ids('int', 30);
    const r = await replicas({ stoq: { intents: intents.map((id) => ({ id })), latencyMs: 100, rateLimit: { points: 1_000_000 } }, env: { BATCH_CONCURRENCY: '1', JOB_LOCK_MS: '60000' }, count: 1 });
    const job = await r.startJob('INTENTS', intents, 3);
    await waitFor(async () => (await statusOf(r.store, job.id)).progress.processed >= 6, 'two batches recorded');
    await r.startReplica();
    // The lock is a minute: only the hand-back, not a stalled-job check, lets the second replica go on now.
    await r.apps[0]!.close(5_000);
    await waitFor(async () => (await statusOf(r.store, job.id)).status === 'COMPLETED', 'job completed on the other replica', 15_000);
    const sent = r.stoq.received.flatMap((req) => (req.json as { intent_ids: string[] }).intent_ids);
    expect([...sent].sort()).toEqual([...intents].sort());
    const lines = await collect(await r.store.results(job.id, OWNER));
    expect(lines.map((line) => line.outcome)).toEqual(intents.map(() => 'deleted'));
    expect(intents.filter((id) => r.stoq.has(id))).toEqual([]);
  });
});
