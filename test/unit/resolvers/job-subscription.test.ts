import { describe, expect, it } from 'vitest';
import type { Job } from '../../../src/jobs/index.ts';
import { LatestJobState, isFinalJobState, isOlderJobState } from '../../../src/resolvers/job-subscription.ts';

const BASE: Job = {
  id: 'job-1', owner: 'ops', target: 'DEALS', options: { dryRun: false, skipSent: false, streamId: null } as unknown as Job['options'],
  status: 'RUNNING', batchSize: 500, createdAt: 0, startedAt: 0, finishedAt: null, resumesAt: null,
  progress: { requested: 5000, processed: 0, deleted: 0, notFound: 0, failed: 0 },
  batchCount: 10, batchesSent: 0, batchesInFlight: 0, leaseOwner: 'w', leaseExpiresAt: 1, rateLimit: null, endReason: null,
};

/** The state after `batches` recorded batches of 500, all deleted. */
function after(batches: number, changes: Partial<Job> = {}): Job {
  return { ...BASE, batchesSent: batches, progress: { ...BASE.progress, processed: 500 * batches, deleted: 500 * batches }, ...changes };
}

describe('isOlderJobState', () => {
  it.each([
    ['fewer batches sent', after(1), after(2), true],
    ['more batches sent', after(3), after(2), false],
    ['the same state', after(2), after(2), false],
    ['RUNNING after it ended', after(2), after(2, { status: 'CANCELLED' }), true],
    ['QUEUED after RUNNING', after(0, { status: 'QUEUED' }), after(0), true],
    ['PAUSED after RUNNING, same batches', after(2, { status: 'PAUSED' }), after(2), false],
    ['ended with a batch in flight, after it landed', after(2, { status: 'CANCELLED', batchesInFlight: 1 }), after(2, { status: 'CANCELLED' }), true],
  ])('%s: %s', (_name, candidate, current, older) => {
    expect(isOlderJobState(candidate, current)).toBe(older);
  });
});

describe('isFinalJobState', () => {
  it('is final only when ended with no batch in flight', () => {
    expect(isFinalJobState(after(10, { status: 'COMPLETED' }))).toBe(true);
    expect(isFinalJobState(after(9, { status: 'CANCELLED', batchesInFlight: 1 }))).toBe(false);
    expect(isFinalJobState(after(9, { status: 'PAUSED' }))).toBe(false);
  });
});

describe('LatestJobState', () => {
  it('keeps only the newest of a burst for a watcher that has not read yet', async () => {
    const stream = new LatestJobState(() => {});
    for (let batch = 1; batch <= 1000; batch++) stream.offer(after(batch % 10 === 0 ? 10 : batch > 10 ? 9 : batch));
    expect(await stream.next()).toEqual({ done: false, value: { bulkDeleteJobProgress: after(10) } });
    let settled = false;
    void stream.next().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
  });

  it('drops a state older than the newest it has seen', async () => {
    const stream = new LatestJobState(() => {});
    stream.offer(after(3));
    expect((await stream.next()).value?.bulkDeleteJobProgress).toEqual(after(3));
    stream.offer(after(2));
    stream.offer(after(4));
    expect((await stream.next()).value?.bulkDeleteJobProgress).toEqual(after(4));
  });

  it('ends after delivering the final state, and tells its owner once', async () => {
    let ended = 0;
    const stream = new LatestJobState(() => ended++);
    stream.offer(after(10, { status: 'COMPLETED' }));
    expect((await stream.next()).done).toBe(false);
    expect(ended).toBe(1);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    await stream.return();
    expect(ended).toBe(1);
  });

  it('ends a read that is waiting for an event when returned (an async generator would wait forever)', async () => {
    let ended = 0;
    const stream = new LatestJobState(() => ended++);
    const waiting = stream.next();
    await stream.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(ended).toBe(1);
    stream.offer(after(1));
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });
});
