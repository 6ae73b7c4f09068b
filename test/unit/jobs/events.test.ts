import { describe, expect, it } from 'vitest';
import { createLocalJobEvents, type Job } from '../../../src/jobs/index.ts';

function job(id: string, processed = 0): Job {
  return {
    id,
    owner: 'client-a',
    target: 'DEALS',
    options: { dryRun: false, skipSent: false, streamId: null },
    status: 'RUNNING',
    batchSize: 500,
    createdAt: 0,
    startedAt: 0,
    finishedAt: null,
    resumesAt: null,
    progress: { requested: 1000, processed, deleted: processed, notFound: 0, failed: 0 },
    batchCount: 2,
    batchesSent: 0,
    batchesInFlight: 0,
    leaseOwner: null,
    leaseExpiresAt: null,
    rateLimit: null,
    endReason: null,
  };
}

describe('createLocalJobEvents', () => {
  it('delivers a job only to the listeners of that job, in publish order', () => {
    const events = createLocalJobEvents();
    const seenA: number[] = [];
    const seenB: number[] = [];
    events.subscribe('a', (j) => seenA.push(j.progress.processed));
    events.subscribe('b', (j) => seenB.push(j.progress.processed));
    events.publish(job('a', 1));
    events.publish(job('a', 2));
    events.publish(job('b', 7));
    expect(seenA).toEqual([1, 2]);
    expect(seenB).toEqual([7]);
  });

  it('stops delivering after unsubscribe, and unsubscribing twice is harmless', () => {
    const events = createLocalJobEvents();
    const seen: number[] = [];
    const off = events.subscribe('a', (j) => seen.push(j.progress.processed));
    events.publish(job('a', 1));
    off();
    off();
    events.publish(job('a', 2));
    expect(seen).toEqual([1]);
  });

  it('treats the same function subscribed twice as two subscriptions', () => {
    const events = createLocalJobEvents();
    const seen: string[] = [];
    const listener = (j: Job) => seen.push(j.id);
    const off1 = events.subscribe('a', listener);
    events.subscribe('a', listener);
    off1();
    events.publish(job('a'));
    expect(seen).toEqual(['a']);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const events = createLocalJobEvents();
    const seen: string[] = [];
    events.subscribe('a', () => {
      throw new Error('a broken watcher');
    });
    events.subscribe('a', (j) => seen.push(j.id));
    expect(() => events.publish(job('a'))).not.toThrow();
    expect(seen).toEqual(['a']);
  });

  it('lets a listener unsubscribe another while a job is delivered', () => {
    const events = createLocalJobEvents();
    const seen: string[] = [];
    let offSecond = () => {};
    events.subscribe('a', () => offSecond());
    offSecond = events.subscribe('a', (j) => seen.push(j.id));
    events.publish(job('a'));
    events.publish(job('a'));
    // The first delivery was already under way with a copy of the listeners.
    expect(seen).toEqual(['a']);
  });

  it('holds a thousand listeners of one job without a leak warning', () => {
    const events = createLocalJobEvents();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      let count = 0;
      const offs = Array.from({ length: 1000 }, () => events.subscribe('a', () => void (count += 1)));
      events.publish(job('a'));
      expect(count).toBe(1000);
      for (const off of offs) off();
      events.publish(job('a'));
      expect(count).toBe(1000);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it('does nothing after close', () => {
    const events = createLocalJobEvents();
    const seen: string[] = [];
    events.subscribe('a', (j) => seen.push(j.id));
    events.close();
    events.publish(job('a'));
    const off = events.subscribe('a', (j) => seen.push(j.id));
    events.publish(job('a'));
    off();
    expect(seen).toEqual([]);
  });
});
