// Durability (docs/contract.md §8): a batch in flight at a crash is found by the next worker, and a
// dead worker's job is taken over once its lease expires. Time is an injected clock.
import { describe, expect, it } from 'vitest';
import { JobLeaseLostError } from '../../../../src/jobs/index.ts';
import { collect, createInput, failed, idRange, LIMITS, manualClock, outcome, type OpenStore } from '../helpers.ts';

const LEASE = 30_000;

/** Every ID of the batch OUTCOME_UNKNOWN: what a worker records for a lost Stoq or Kore.ai batch. */
const unknown = (ids: readonly string[]) => outcome([], 0, ids.map((id) => failed(id, 'OUTCOME_UNKNOWN', null)));

/** Crashes with a batch in flight and leases, against stores `open` gives on one shared state (a reopened file, another replica). */
export function defineLeases(name: string, open: OpenStore): void {
  describe(`${name}: a crash with a batch in flight`, () => {
    it('is reported after reopening, and the batch is settled without being sent again', async () => {
      const clock = manualClock();
      const before = await open(clock);
      const { id } = (await before.create(createInput({ target: 'INTENTS', ids: idRange(5) }), LIMITS)).job;
      await before.claim('worker-1', LEASE);
      await before.markBatchInFlight(id, 'worker-1', 0);
      await before.recordBatch(id, 'worker-1', 0, outcome(['id-0', 'id-1'], 0));
      await before.markBatchInFlight(id, 'worker-1', 1);
      await before.close();

      const after = await open(clock);
      expect(await after.claim('worker-2', LEASE)).toBeNull();
      clock.advance(LEASE);
      const claimed = (await after.claim('worker-2', LEASE))!;
      expect(claimed.inFlightBatches).toEqual([1]);
      expect(claimed.job).toMatchObject({ id, status: 'RUNNING', leaseOwner: 'worker-2', batchesSent: 2, progress: { processed: 2, deleted: 2 } });
      await after.recordBatch(id, 'worker-2', 1, unknown(await after.readBatchIds(id, 1)));
      await after.markBatchInFlight(id, 'worker-2', 2);
      await after.recordBatch(id, 'worker-2', 2, outcome(['id-4'], 0));
      await after.finish(id, 'worker-2', 'COMPLETED');
      expect((await after.batches(id)).map((b) => b.attempts)).toEqual([1, 1, 1]);
      expect((await collect(await after.results(id, 'client-a'))).map((l) => `${l.id}:${l.code ?? l.outcome}`)).toEqual(['id-0:deleted', 'id-1:deleted', 'id-2:OUTCOME_UNKNOWN', 'id-3:OUTCOME_UNKNOWN', 'id-4:deleted']);
    });

    it('lets a LeadLex batch in flight be resent, counting the attempt', async () => {
      const clock = manualClock();
      const jobs = await open(clock);
      const { id } = (await jobs.create(createInput({ ids: idRange(2) }), LIMITS)).job;
      await jobs.claim('worker-1', LEASE);
      await jobs.markBatchInFlight(id, 'worker-1', 0);
      clock.advance(LEASE);
      expect((await jobs.claim('worker-2', LEASE))!.inFlightBatches).toEqual([0]);
      expect(await jobs.markBatchInFlight(id, 'worker-2', 0)).toMatchObject({ index: 0, state: 'IN_FLIGHT', attempts: 2 });
      expect((await jobs.recordBatch(id, 'worker-2', 0, outcome(['id-0', 'id-1'], 0))).progress.deleted).toBe(2);
    });

    it('settles a cancelled job whose worker died with a batch in flight', async () => {
      const clock = manualClock();
      const jobs = await open(clock);
      const { id } = (await jobs.create(createInput({ target: 'CONTACTS', ids: idRange(4) }), LIMITS)).job;
      await jobs.claim('worker-1', LEASE);
      await jobs.markBatchInFlight(id, 'worker-1', 0);
      await jobs.cancel(id, 'client-a');
      expect(await jobs.summary(id, 'client-a')).toBeNull();
      clock.advance(LEASE);
      const claimed = (await jobs.claim('worker-2', LEASE))!;
      expect(claimed).toMatchObject({ job: { status: 'CANCELLED' }, inFlightBatches: [0] });
      await jobs.recordBatch(id, 'worker-2', 0, unknown(await jobs.readBatchIds(id, 0)));
      expect((await jobs.summary(id, 'client-a'))!.failures.map((f) => f.code)).toEqual(['OUTCOME_UNKNOWN', 'OUTCOME_UNKNOWN', 'NOT_ATTEMPTED', 'NOT_ATTEMPTED']);
      expect(await jobs.claim('worker-3', LEASE)).toBeNull();
    });
  });

  describe(`${name}: leases`, () => {
    it('hands a job to another worker only after the lease expires, and the old worker is shut out', async () => {
      const clock = manualClock();
      const jobs = await open(clock);
      const { id } = (await jobs.create(createInput({ ids: idRange(4) }), LIMITS)).job;
      expect((await jobs.claim('worker-1', LEASE))!.job.leaseExpiresAt).toBe(clock.now() + LEASE);
      clock.advance(LEASE - 1);
      expect(await jobs.claim('worker-2', LEASE)).toBeNull();
      await jobs.renewLease(id, 'worker-1', LEASE);
      clock.advance(LEASE - 1);
      expect(await jobs.claim('worker-2', LEASE)).toBeNull();
      clock.advance(1);
      expect((await jobs.claim('worker-2', LEASE))!.job).toMatchObject({ id, status: 'RUNNING', leaseOwner: 'worker-2' });
      await expect(jobs.markBatchInFlight(id, 'worker-1', 0)).rejects.toThrow(JobLeaseLostError);
      await expect(jobs.renewLease(id, 'worker-1', LEASE)).rejects.toThrow(JobLeaseLostError);
      await expect(jobs.finish(id, 'worker-1', 'FAILED')).rejects.toThrow(JobLeaseLostError);
    });

    it('keeps a paused job with its worker until the resume, and hands it over if that worker is gone', async () => {
      const clock = manualClock();
      const jobs = await open(clock);
      const { id } = (await jobs.create(createInput({ ids: idRange(4) }), LIMITS)).job;
      await jobs.claim('worker-1', LEASE);
      const resumesAt = clock.now() + 60_000;
      expect(await jobs.pause(id, 'worker-1', resumesAt, LEASE)).toMatchObject({ status: 'PAUSED', resumesAt });
      clock.set(resumesAt + LEASE - 1);
      expect(await jobs.claim('worker-2', LEASE)).toBeNull();
      clock.advance(1);
      expect((await jobs.claim('worker-2', LEASE))!.job).toMatchObject({ status: 'RUNNING', resumesAt: null, leaseOwner: 'worker-2' });
    });

    it('resumes a paused job by its own worker', async () => {
      const clock = manualClock();
      const jobs = await open(clock);
      const { id } = (await jobs.create(createInput(), LIMITS)).job;
      await jobs.claim('worker-1', LEASE);
      await jobs.pause(id, 'worker-1', clock.now() + 1_000, LEASE);
      clock.advance(1_000);
      expect(await jobs.resume(id, 'worker-1', LEASE)).toMatchObject({ status: 'RUNNING', resumesAt: null, leaseExpiresAt: clock.now() + LEASE });
    });

    it('never claims OPEN or ended jobs, and claims the oldest waiting job first', async () => {
      const clock = manualClock();
      const jobs = await open(clock);
      await jobs.create(createInput({ start: false }), LIMITS);
      const cancelled = (await jobs.create(createInput(), LIMITS)).job;
      await jobs.cancel(cancelled.id, 'client-a');
      const first = (await jobs.create(createInput(), LIMITS)).job;
      const second = (await jobs.create(createInput({ owner: 'client-b' }), LIMITS)).job;
      expect((await jobs.claim('w', LEASE))!.job.id).toBe(first.id);
      expect((await jobs.claim('w', LEASE))!.job.id).toBe(second.id);
      expect(await jobs.claim('w', LEASE)).toBeNull();
    });
  });
}
