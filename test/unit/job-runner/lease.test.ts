// A run's lease is renewed on a timer every third of the lease, stops with the run, and tells
// the run when another worker has taken the job over.
import { describe, expect, it } from 'vitest';
import { keepLease } from '../../../src/job-runner/lease.ts';
import { ids, LEASE_MS, manualTimers, OWNER, useRig, waitFor } from './helpers.ts';

const rig = useRig();

describe('keepLease', () => {
  it('renews every third of the lease until stopped, and never after', async () => {
    const r = await rig();
    const job = await r.createJob('DEALS', ids('deal', 3), 5);
    await r.store.claim('w', LEASE_MS);
    const timers = manualTimers(r.clock);
    const lost: string[] = [];
    const stop = keepLease(r.store, job, 'w', LEASE_MS, timers.timers, { onLost: () => void lost.push('lost'), onProblem: () => undefined });
    const start = r.clock.now();
    timers.advanceTo(start + LEASE_MS / 3);
    await waitFor(() => timers.next() !== null, 'next renewal armed');
    expect((await r.store.get(job.id, OWNER))!.leaseExpiresAt).toBe(start + LEASE_MS / 3 + LEASE_MS);
    // Stopped while the timer is due: nothing renews any more.
    stop();
    timers.advanceTo(start + LEASE_MS);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await r.store.get(job.id, OWNER))!.leaseExpiresAt).toBe(start + LEASE_MS / 3 + LEASE_MS);
    expect(timers.next()).toBeNull();
    expect(lost).toEqual([]);
  });

  it('tells the run when another worker took the job over', async () => {
    const r = await rig();
    const job = await r.createJob('DEALS', ids('deal', 3), 5);
    await r.store.claim('w', LEASE_MS);
    const timers = manualTimers(r.clock);
    let lost = false;
    keepLease(r.store, job, 'w', LEASE_MS, timers.timers, { onLost: () => void (lost = true), onProblem: () => undefined });
    r.clock.advance(LEASE_MS);
    expect((await r.store.claim('other', LEASE_MS))?.job.id).toBe(job.id);
    timers.advanceTo(r.clock.now() + LEASE_MS / 3);
    await waitFor(() => lost, 'lost');
    expect(timers.next()).toBeNull();
  });
});
