// What only the Redis job store has: replicas racing on one Redis, Redis's own clock for leases,
// Redis failing (JOB_STORE_UNAVAILABLE), and what a million IDs cost in Redis memory. The
// behaviour it shares with the SQLite store is the contract suite (store-contract.test.ts).
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IDS_PER_CHUNK, openRedisJobStore, type JobStore, type RedisJobStoreOptions } from '../../../src/jobs/index.ts';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis.ts';
import { collect, createInput, failed, idRange, LIMITS, manualClock, outcome } from './helpers.ts';

const withRedis = redisServerAvailable();
let server: RedisServer;
let admin: Redis;
let prefixes = 0;
const opened: JobStore[] = [];

async function replica(options: Partial<RedisJobStoreOptions> & { prefix: string }): Promise<JobStore> {
  const store = await openRedisJobStore({ url: server.url, ...options });
  opened.push(store);
  return store;
}

/** Two replicas on one Redis, with a prefix of their own. */
async function replicas(clock?: { now: () => number }): Promise<[JobStore, JobStore, string]> {
  const prefix = `replicas:${++prefixes}:`;
  const now = clock === undefined ? {} : { now: clock.now };
  return [await replica({ prefix, ...now }), await replica({ prefix, ...now }), prefix];
}

async function usedMemory(): Promise<number> {
  const info = await admin.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

describe.runIf(withRedis)('Redis job store', () => {
  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.url, { lazyConnect: true });
    // The outage test stops the server under it; it reconnects by itself.
    admin.on('error', () => {});
    await admin.connect();
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });
  afterAll(async () => {
    admin?.disconnect();
    await server?.stop();
  });

  it('lets each waiting job be claimed by exactly one of two replicas racing for it', async () => {
    const [a, b] = await replicas();
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).create(createInput({ owner: `client-${i % 3}` }), LIMITS)));
    const claims = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? a : b).claim(`worker-${i}`, 60_000)));
    const claimed = claims.filter((claim) => claim !== null).map((claim) => claim.job.id);
    expect(claimed.sort()).toEqual(created.map(({ job }) => job.id).sort());
    expect(claims.filter((claim) => claim === null)).toHaveLength(10);
  });

  it('makes one job of the same idempotencyKey sent to two replicas at once', async () => {
    const [a, b] = await replicas();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).create(createInput({ idempotencyKey: 'k1', ids: ['x', 'y'] }), LIMITS)));
    expect(new Set(results.map(({ job }) => job.id)).size).toBe(1);
    expect(results.filter(({ created }) => created)).toHaveLength(1);
    expect((await a.list('client-a', { first: 10, after: null, statuses: null })).edges).toHaveLength(1);
  });

  it('keeps every ID once when two replicas add chunks to one job at once', async () => {
    const [a, b] = await replicas();
    const { id } = (await a.create(createInput({ start: false, ids: [] }), LIMITS)).job;
    const chunks = Array.from({ length: 8 }, (_, i) => idRange(500, i * 250));
    await Promise.all(chunks.map((chunk, i) => (i % 2 === 0 ? a : b).addIds(id, 'client-a', chunk, LIMITS)));
    await b.start(id, 'client-a');
    const job = (await a.get(id, 'client-a'))!;
    // Overlapping chunks: IDs id-0 … id-2249, each once.
    expect(job.progress.requested).toBe(2_250);
    const ids: string[] = [];
    for (let k = 0; k < job.batchCount; k += 1) ids.push(...(await a.readBatchIds(id, k)));
    expect(ids.toSorted()).toEqual(idRange(2_250).toSorted());
  });

  it("times leases by Redis's clock when no clock is given, so replicas' own clocks do not matter", async () => {
    const [a, b] = await replicas();
    const { id } = (await a.create(createInput(), LIMITS)).job;
    const [seconds, micros] = await admin.time();
    const redisNow = Number(seconds) * 1_000 + Math.floor(Number(micros) / 1_000);
    const claimed = (await a.claim('worker-1', 60_000))!;
    expect(claimed.job.leaseExpiresAt! - redisNow - 60_000).toBeGreaterThanOrEqual(0);
    expect(claimed.job.leaseExpiresAt! - redisNow - 60_000).toBeLessThan(10_000);
    expect(await b.claim('worker-2', 60_000)).toBeNull();
    // A lease of 1 ms has passed by Redis's clock once a later command runs.
    await a.renewLease(id, 'worker-1', 1);
    let taken = await b.claim('worker-2', 60_000);
    for (let i = 0; taken === null && i < 100; i += 1) taken = await b.claim('worker-2', 60_000);
    expect(taken?.job).toMatchObject({ id, leaseOwner: 'worker-2' });
  });

  it('answers JOB_STORE_UNAVAILABLE while Redis is down, and works again once it is back', async () => {
    const [a] = await replicas();
    const { id } = (await a.create(createInput(), LIMITS)).job;
    await server.stop();
    try {
      for (const call of [() => a.get(id, 'client-a'), () => a.create(createInput(), LIMITS), () => a.claim('w', 1_000), () => a.countActive('client-a')]) {
        await expect(call()).rejects.toMatchObject({ code: 'JOB_STORE_UNAVAILABLE', message: expect.stringMatching(/shared job store \(Redis\) did not answer/) });
      }
    } finally {
      await server.start();
    }
    // No persistence in this test server: the job is gone with it, but the store answers again.
    let answer: unknown = 'not yet';
    for (let i = 0; i < 100 && answer === 'not yet'; i += 1) {
      answer = await a.get(id, 'client-a').catch(() => 'not yet');
      if (answer === 'not yet') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(answer).toBeNull();
  });

  it('answers JOB_STORE_UNAVAILABLE, changing nothing, when Redis is out of memory', async () => {
    const full = await startRedisServer({ maxMemory: '4mb' });
    try {
      const store = await openRedisJobStore({ url: full.url, prefix: 'full:' });
      opened.push(store);
      const { id } = (await store.create(createInput({ start: false, ids: [] }), LIMITS)).job;
      let error: unknown;
      let added = 0;
      for (let chunk = 0; chunk < 200 && error === undefined; chunk += 1) {
        try {
          await store.addIds(id, 'client-a', idRange(MAX_IDS_PER_CHUNK, chunk * MAX_IDS_PER_CHUNK, 'a-rather-long-record-id-'), LIMITS);
          added += MAX_IDS_PER_CHUNK;
        } catch (e) {
          error = e;
        }
      }
      expect(error).toMatchObject({ code: 'JOB_STORE_UNAVAILABLE', message: expect.stringMatching(/is out of memory \(maxmemory\)/) });
      expect((await store.get(id, 'client-a'))!.progress.requested).toBe(added);
      const direct = new Redis(full.url);
      try {
        expect(added).toBeGreaterThan(0);
        expect(await direct.llen(`full:ids:${id}`)).toBe(added);
      } finally {
        direct.disconnect();
      }
    } finally {
      await full.stop();
    }
  });

  it('loads its scripts again after Redis forgot them (a restart, SCRIPT FLUSH)', async () => {
    const [a] = await replicas();
    const { id } = (await a.create(createInput(), LIMITS)).job;
    await admin.script('FLUSH');
    expect(await a.get(id, 'client-a')).toMatchObject({ id, status: 'QUEUED' });
  });

  it('refuses to open, naming REDIS_URL without its password, when Redis cannot be reached', async () => {
    const { refusingPort } = await import('../../helpers/stub-server.ts');
    const url = `redis://user:s3cret-pw@127.0.0.1:${await refusingPort()}`;
    const error = await openRedisJobStore({ url, connectTimeoutMs: 2_000 }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Cannot connect to the shared job store at REDIS_URL \(redis:\/\/127\.0\.0\.1:\d+\)/);
    expect((error as Error).message).not.toContain('s3cret-pw');
  });

  it('keeps its keys under its prefix, and a purge leaves none of a job behind', async () => {
    const clock = manualClock();
    const [a, , prefix] = await replicas(clock);
    const { id } = (await a.create(createInput({ ids: idRange(5), idempotencyKey: 'k' }), LIMITS)).job;
    await a.claim('w', 60_000);
    await a.markBatchInFlight(id, 'w', 0);
    await a.recordBatch(id, 'w', 0, outcome(['id-0'], 0, [failed('id-1')]));
    await a.markBatchInFlight(id, 'w', 1);
    await a.recordBatch(id, 'w', 1, { ...outcome(['?'], 1), deletedIds: null });
    await a.markBatchInFlight(id, 'w', 2);
    await a.recordBatch(id, 'w', 2, outcome(['id-4'], 0));
    await a.finish(id, 'w', 'COMPLETED');
    expect((await admin.keys(`${prefix}*:${id}`)).toSorted()).toEqual(['batches', 'failed', 'ids', 'job'].map((kind) => `${prefix}${kind}:${id}`));
    clock.advance(8 * 86_400_000);
    expect(await a.purge(7)).toBe(1);
    // Only the job counter stays.
    expect(await admin.keys(`${prefix}*`)).toEqual([`${prefix}seq`]);
  });
});

describe.runIf(withRedis)('a million-ID job in Redis', () => {
  const TOTAL = 1_000_000;
  const BATCH = 500;
  /**
   * RSS growth allowed while the results stream, after warm-up. Holding every line would take
   * ~200 MB (million.test.ts). Each page of 1,000 lines also leaves the Redis client's reply
   * buffers behind, and V8's young generation may grow to its largest semi-spaces meanwhile:
   * CI measured 16.4 MB once against an earlier bound of 16, so the bound is twice that.
   */
  const MAX_RSS_GROWTH_MB = 32;

  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.url, { lazyConnect: true });
    await admin.connect();
  });
  afterAll(async () => {
    for (const store of opened.splice(0)) await store.close();
    admin?.disconnect();
    await server?.stop();
  });

  it('costs a bounded number of bytes per ID, and streams its results page by page', async () => {
    const jobs = await replica({ prefix: 'million:' });
    const empty = await usedMemory();
    const { id } = (await jobs.create({ owner: 'client-a', target: 'DEALS', options: {}, ids: [], start: false, batchSize: BATCH, idempotencyKey: null }, LIMITS)).job;
    for (let from = 0; from < TOTAL; from += MAX_IDS_PER_CHUNK) await jobs.addIds(id, 'client-a', idRange(MAX_IDS_PER_CHUNK, from, 'deal-'), LIMITS);
    const open = (await usedMemory()) - empty;
    await jobs.start(id, 'client-a');
    const started = (await usedMemory()) - empty;
    const { job } = (await jobs.claim('worker-1', 60_000))!;
    for (let k = 0; k < job.batchCount; k += 1) {
      await jobs.markBatchInFlight(id, 'worker-1', k);
      // Every batch: its first ID locked, the rest deleted, counted only (as LeadLex answers).
      await jobs.recordBatch(id, 'worker-1', k, { deletedCount: BATCH - 1, notFoundCount: 0, deletedIds: null, failures: [failed(`deal-${k * BATCH}`)], upstreamRequestIds: [`req-${k}`], rateLimit: null });
    }
    expect((await jobs.finish(id, 'worker-1', 'COMPLETED')).progress).toEqual({ requested: TOTAL, processed: TOTAL, deleted: TOTAL - 2_000, notFound: 0, failed: 2_000 });
    const done = (await usedMemory()) - empty;
    const perId = (bytes: number) => Math.round((bytes / TOTAL) * 10) / 10;
    console.info(`Redis memory per ID of a 1,000,000-ID job: ${perId(open)} B while OPEN (IDs + de-duplication), ${perId(started)} B once started, ${perId(done)} B when done (2,000 batches, 2,000 failures)`);
    expect(perId(open)).toBeLessThan(60);
    expect(perId(started)).toBeLessThan(24);
    expect(perId(done)).toBeLessThan(26);

    let count = 0;
    let failures = 0;
    let baseline = 0;
    let peak = 0;
    for await (const line of (await jobs.results(id, 'client-a'))!) {
      if (line.id !== `deal-${count}`) throw new Error(`line ${count} is ${line.id}`);
      if (line.outcome === 'failed') failures += 1;
      count += 1;
      if (count === 50_000) baseline = process.memoryUsage.rss();
      if (count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage.rss());
    }
    expect(count).toBe(TOTAL);
    expect(failures).toBe(2_000);
    expect((peak - baseline) / 1024 / 1024).toBeLessThan(MAX_RSS_GROWTH_MB);
    expect((await collect((await jobs.results(id, 'client-b')) ?? null))).toEqual([]);
  }, 240_000);
});
