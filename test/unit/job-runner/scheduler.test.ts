// The embedded scheduler: claims up to its concurrency, sleeps until a paused job's resume time
// (a timer on the injected clock), wakes a paused job at once when it is cancelled, and on stop
// lets batches in flight land and hands its leases back so a restart takes the job at once.
import { describe, expect, it } from 'vitest';
import { createJobScheduler, type JobScheduler } from '../../../src/job-runner/index.ts';
import type { Job } from '../../../src/jobs/index.ts';
import { byOutcome, ids, manualTimers, OWNER, useRig, waitFor, type Rig } from './helpers.ts';

const rig = useRig();

function scheduler(r: Rig, timers: ReturnType<typeof manualTimers>, workerId: string, concurrency = 2): JobScheduler {
  return createJobScheduler({ workerId, concurrency, retentionDays: 7 }, { store: r.store, events: r.events, runner: r.runner, now: r.clock.now, timers: timers.timers });
}

const statusOf = async (r: Rig, id: string) => (await r.store.get(id, OWNER))!.status;

describe('createJobScheduler', () => {
  it('runs queued jobs, at most `concurrency` at once, to the end', async () => {
    const deals = ids('deal', 30);
    let inFlight = 0;
    let most = 0;
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })), latencyMs: 20 }, env: { BATCH_CONCURRENCY: '1' } });
    r.leadlex.faultPlan(() => {
      most = Math.max(most, ++inFlight);
      setTimeout(() => inFlight--, 15);
      return undefined;
    });
    const jobs = await Promise.all([0, 1, 2].map((k) => r.createJob('DEALS', deals.slice(k * 10, k * 10 + 10), 5)));
    const timers = manualTimers(r.clock);
    const s = scheduler(r, timers, 'worker-a', 2);
    s.start();
    await waitFor(async () => (await Promise.all(jobs.map((j) => statusOf(r, j.id)))).every((status) => status === 'COMPLETED'), 'all jobs completed');
    await s.stop();
    expect(most).toBe(2);
    expect(new Set(r.leadlex.deletedIds)).toEqual(new Set(deals));
  });

  it('resumes a paused job when its resume time comes, and not before', async () => {
    const deals = ids('deal', 12);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })), quota: { limit: 5, windowMs: 60_000 } }, env: { BATCH_CONCURRENCY: '1' } });
    r.clock.set(Date.UTC(2026, 0, 1, 0, 0, 0));
    const job = await r.createJob('DEALS', deals, 2);
    const timers = manualTimers(r.clock);
    const s = scheduler(r, timers, 'worker-a');
    s.start();
    await waitFor(async () => (await statusOf(r, job.id)) === 'PAUSED', 'paused');
    const paused = (await r.store.get(job.id, OWNER))!;
    // A share of 0.8 of 5 is 4 batches, then the job waits for the next minute.
    expect(paused).toMatchObject({ resumesAt: Date.UTC(2026, 0, 1, 0, 1, 0), progress: { processed: 8 } });
    expect(r.leadlex.received).toHaveLength(4);
    timers.advanceTo(paused.resumesAt! - 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(r.leadlex.received).toHaveLength(4);
    timers.advanceTo(paused.resumesAt!);
    await waitFor(async () => (await statusOf(r, job.id)) === 'COMPLETED', 'completed');
    await s.stop();
    expect(byOutcome(await r.results(job.id))).toEqual({ deleted: deals });
  });

  it('settles a paused job at once when it is cancelled, without waiting for its resume time', async () => {
    const deals = ids('deal', 12);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })), quota: { limit: 5, windowMs: 24 * 60 * 60_000 } }, env: { BATCH_CONCURRENCY: '1' } });
    const job = await r.createJob('DEALS', deals, 2);
    const timers = manualTimers(r.clock);
    const s = scheduler(r, timers, 'worker-a');
    s.start();
    await waitFor(async () => (await statusOf(r, job.id)) === 'PAUSED', 'paused');
    // The batch the budget refused is in flight, unsent: the cancel must settle it.
    expect((await r.store.get(job.id, OWNER))!.batchesInFlight).toBe(1);
    const cancelled = (await r.store.cancel(job.id, OWNER))!;
    r.events.publish(cancelled);
    await waitFor(async () => (await r.store.get(job.id, OWNER))!.batchesInFlight === 0, 'settled');
    await s.stop();
    const done = (await r.store.get(job.id, OWNER))!;
    expect(done).toMatchObject({ status: 'CANCELLED', progress: { requested: 12, processed: 12, deleted: 8, failed: 4 } });
    expect(byOutcome(await r.results(job.id))).toEqual({ deleted: deals.slice(0, 8), NOT_ATTEMPTED: deals.slice(8) });
    expect(r.leadlex.received).toHaveLength(4);
  });

  it('on stop lets the batch in flight land, then hands the lease back so a restart finishes the job at once', async () => {
    const deals = ids('deal', 20);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })) }, env: { BATCH_CONCURRENCY: '1' } });
    const job = await r.createJob('DEALS', deals, 5);
    let stopping: Promise<void> | null = null;
    const timers = manualTimers(r.clock);
    const first = scheduler(r, timers, 'worker-a');
    r.leadlex.faultPlan((_req, index) => {
      if (index !== 1) return undefined;
      stopping = first.stop();
      return { delayMs: 30 };
    });
    first.start();
    await waitFor(() => stopping !== null, 'stop called');
    await stopping;
    const stopped = (await r.store.get(job.id, OWNER))!;
    expect(stopped).toMatchObject({ status: 'RUNNING', batchesSent: 2, batchesInFlight: 0, progress: { processed: 10, deleted: 10 } });
    expect(stopped.leaseExpiresAt).toBeLessThanOrEqual(r.clock.now());

    r.leadlex.faultPlan(undefined);
    const second = scheduler(r, manualTimers(r.clock), 'worker-b');
    second.start();
    await waitFor(async () => (await statusOf(r, job.id)) === 'COMPLETED', 'completed after restart');
    await second.stop();
    expect(r.leadlex.received).toHaveLength(4);
    expect(byOutcome(await r.results(job.id))).toEqual({ deleted: deals });
  });

  it('picks up a job queued by another process at the next poll', async () => {
    const r = await rig({ leadlex: { deals: [{ id: 'deal-x' }] } });
    const timers = manualTimers(r.clock);
    const s = scheduler(r, timers, 'worker-a');
    s.start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const job: Job = await r.createJob('DEALS', ['deal-x'], 5);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await statusOf(r, job.id)).toBe('QUEUED');
    timers.advanceTo(timers.next()!);
    await waitFor(async () => (await statusOf(r, job.id)) === 'COMPLETED', 'completed');
    await s.stop();
  });
});
