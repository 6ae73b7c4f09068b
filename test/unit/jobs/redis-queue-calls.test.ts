// What the BullMQ scheduler needs of the shared store and events, on a real redis-server:
// claiming the one job the queue handed over (never another, never one a live lease or a
// pause still holds), the jobs the queue should hold (its safety net), and job events that
// cross replicas through pub/sub.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisJobEvents, openRedisJobStore, type Job, type JobEvents, type RedisJobStore } from '../../../src/jobs/index.ts';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis.ts';
import { createInput, LIMITS, manualClock, outcome } from './helpers.ts';

const withRedis = redisServerAvailable();
let server: RedisServer;
let prefixes = 0;
const closers: Array<() => Promise<unknown> | void> = [];

async function store(prefix: string, clock: { now: () => number }): Promise<RedisJobStore> {
  const opened = await openRedisJobStore({ url: server.url, prefix, now: clock.now });
  closers.push(() => opened.close());
  return opened;
}

async function events(prefix: string): Promise<JobEvents> {
  const opened = await createRedisJobEvents({ url: server.url, prefix });
  closers.push(() => opened.close());
  return opened;
}

describe.runIf(withRedis)('the shared store and events, as the queue uses them', () => {
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('claims the job asked for, not the oldest, and only once', async () => {
    const clock = manualClock();
    const s = await store(`claim:${++prefixes}:`, clock);
    const older = (await s.create(createInput(), LIMITS)).job;
    const asked = (await s.create(createInput({ ids: ['x', 'y'] }), LIMITS)).job;
    const claim = await s.claimJob(asked.id, 'w1', 1_000);
    expect(claim).toMatchObject({ kind: 'claimed', claimed: { job: { id: asked.id, status: 'RUNNING', leaseOwner: 'w1' }, inFlightBatches: [] } });
    expect(await s.claimJob(asked.id, 'w2', 1_000)).toEqual({ kind: 'held', until: clock.now() + 1_000 });
    expect((await s.get(older.id, 'client-a'))!.status).toBe('QUEUED');
  });

  it('hands a dead worker\'s job over once its lease lapses, with the batches it left in flight', async () => {
    const clock = manualClock();
    const s = await store(`takeover:${++prefixes}:`, clock);
    const { job } = await s.create(createInput({ ids: ['a', 'b', 'c', 'd'] }), LIMITS);
    await s.claimJob(job.id, 'dead', 1_000);
    await s.markBatchInFlight(job.id, 'dead', 0);
    await s.recordBatch(job.id, 'dead', 0, outcome(['a', 'b'], 0));
    await s.markBatchInFlight(job.id, 'dead', 1);
    clock.advance(999);
    expect(await s.claimJob(job.id, 'next', 1_000)).toEqual({ kind: 'held', until: clock.now() + 1 });
    clock.advance(1);
    expect(await s.claimJob(job.id, 'next', 1_000)).toMatchObject({ kind: 'claimed', claimed: { job: { leaseOwner: 'next' }, inFlightBatches: [1] } });
  });

  it('holds a paused job until its resumesAt even when its worker let go of the lease, but settles a cancelled one at once', async () => {
    const clock = manualClock();
    const s = await store(`paused:${++prefixes}:`, clock);
    const { job } = await s.create(createInput({ ids: ['a', 'b', 'c', 'd'] }), LIMITS);
    await s.claimJob(job.id, 'w1', 1_000);
    await s.markBatchInFlight(job.id, 'w1', 0);
    const resumesAt = clock.now() + 60_000;
    await s.pause(job.id, 'w1', resumesAt, 1_000);
    await s.renewLease(job.id, 'w1', 0);
    expect(await s.claimJob(job.id, 'w2', 1_000)).toEqual({ kind: 'held', until: resumesAt });
    expect(await s.claimableJobIds(10)).toEqual([job.id]);
    await s.cancel(job.id, 'client-a');
    expect(await s.claimJob(job.id, 'w2', 1_000)).toMatchObject({ kind: 'claimed', claimed: { job: { status: 'CANCELLED' }, inFlightBatches: [0] } });
  });

  it('has nothing to claim for an unknown, open or ended job', async () => {
    const clock = manualClock();
    const s = await store(`none:${++prefixes}:`, clock);
    const open = (await s.create(createInput({ start: false }), LIMITS)).job;
    const { job } = await s.create(createInput({ ids: ['a'] }), LIMITS);
    await s.claimJob(job.id, 'w1', 1_000);
    await s.markBatchInFlight(job.id, 'w1', 0);
    await s.recordBatch(job.id, 'w1', 0, outcome(['a'], 0));
    await s.finish(job.id, 'w1', 'COMPLETED');
    for (const id of ['no-such-job', open.id, job.id]) expect(await s.claimJob(id, 'w2', 1_000)).toEqual({ kind: 'none' });
    expect(await s.claimableJobIds(10)).toEqual([]);
  });

  it('lists what the queue should hold: queued jobs, and jobs under a lapsed lease', async () => {
    const clock = manualClock();
    const s = await store(`claimable:${++prefixes}:`, clock);
    const queued = (await s.create(createInput(), LIMITS)).job;
    const held = (await s.create(createInput(), LIMITS)).job;
    await s.claimJob(held.id, 'w1', 1_000);
    expect(await s.claimableJobIds(10)).toEqual([queued.id]);
    clock.advance(1_001);
    expect((await s.claimableJobIds(10)).sort()).toEqual([queued.id, held.id].sort());
  });

  it('delivers a change published on one replica to the job\'s watchers on another, and to its own at once', async () => {
    const prefix = `events:${++prefixes}:`;
    const [a, b] = [await events(prefix), await events(prefix)];
    const onB: string[] = [];
    const onA: string[] = [];
    const unsubscribe = b.subscribe('job-1', (job) => onB.push(`${job.id}:${job.status}`));
    b.subscribe('job-2', (job) => onB.push(`${job.id}:${job.status}`));
    a.subscribe('job-1', (job) => onA.push(`${job.id}:${job.status}`));
    // A subscription takes a round trip to Redis: wait until one message makes it through.
    await until(async () => {
      a.publish(fakeJob('job-2', 'QUEUED'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      return onB.length > 0;
    });
    onB.length = 0;
    a.publish(fakeJob('job-1', 'RUNNING'));
    expect(onA).toEqual(['job-1:RUNNING']);
    a.publish(fakeJob('job-1', 'COMPLETED'));
    await until(() => onB.length >= 2);
    expect(onB).toEqual(['job-1:RUNNING', 'job-1:COMPLETED']);
    // A replica hears its own publishes once, not again through Redis.
    expect(onA).toEqual(['job-1:RUNNING', 'job-1:COMPLETED']);
    unsubscribe();
    a.publish(fakeJob('job-1', 'CANCELLED'));
    a.publish(fakeJob('job-2', 'RUNNING'));
    await until(() => onB.includes('job-2:RUNNING'));
    expect(onB).not.toContain('job-1:CANCELLED');
  });
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function fakeJob(id: string, status: Job['status']): Job {
  return {
    id, owner: 'client-a', target: 'DEALS', options: { dryRun: false, skipSent: false, streamId: null }, status, batchSize: 500,
    createdAt: 0, startedAt: null, finishedAt: null, resumesAt: null, progress: { requested: 1, processed: 0, deleted: 0, notFound: 0, failed: 0 },
    batchCount: 1, batchesSent: 0, batchesInFlight: 0, leaseOwner: null, leaseExpiresAt: null, rateLimit: null, endReason: null,
  };
}
