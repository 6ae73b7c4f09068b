// Create, add, start, cancel, reads, outcomes, results and purge: what every JobStore does alike.
import { describe, expect, it } from 'vitest';
import { MAX_IDS_PER_CHUNK, RESULT_PAGE_SIZE, type Job, type JobStore } from '../../../../src/jobs/index.ts';
import { collect, createInput, failed, idRange, LIMITS, manualClock, outcome, type OpenStore } from '../helpers.ts';

/** Claims the job (it must be the only one waiting) and records every batch with `answer`. */
async function runAll(jobs: JobStore, jobId: string, answer: (ids: string[], index: number) => ReturnType<typeof outcome>): Promise<Job> {
  const claimed = await jobs.claim('worker-1', 60_000);
  expect(claimed?.job.id).toBe(jobId);
  for (let k = 0; k < claimed!.job.batchCount; k += 1) {
    await jobs.markBatchInFlight(jobId, 'worker-1', k);
    await jobs.recordBatch(jobId, 'worker-1', k, answer(await jobs.readBatchIds(jobId, k), k));
  }
  return jobs.finish(jobId, 'worker-1', 'COMPLETED');
}

/** The store's calls one by one, against a store `open` gives. */
export function defineBasics(name: string, open: OpenStore): void {
  const store = (clock = manualClock()): Promise<JobStore> => open(clock);

  describe(`${name}: create`, () => {
    it('creates a QUEUED job with its distinct IDs, or an OPEN one with start: false', async () => {
      const jobs = await store();
      const queued = (await jobs.create(createInput({ ids: ['a', 'b', 'a', 'c'] }), LIMITS)).job;
      expect(queued).toMatchObject({ status: 'QUEUED', target: 'DEALS', batchSize: 2, batchCount: 2, progress: { requested: 3, processed: 0 } });
      expect((await jobs.create(createInput({ start: false }), LIMITS)).job.status).toBe('OPEN');
    });

    it('returns the same job for the same owner, key and input, in any ID order', async () => {
      const jobs = await store();
      const first = await jobs.create(createInput({ idempotencyKey: 'k1', ids: ['a', 'b'] }), LIMITS);
      const again = await jobs.create(createInput({ idempotencyKey: 'k1', ids: ['b', 'a', 'a'] }), LIMITS);
      expect(first.created).toBe(true);
      expect(again).toEqual({ job: first.job, created: false });
      expect((await jobs.list('client-a', { first: 10, after: null, statuses: null })).edges).toHaveLength(1);
    });

    it.each([
      ['other IDs', { ids: ['a', 'z'] }],
      ['another target', { target: 'INTENTS' as const }],
      ['other options', { options: { dryRun: true } }],
      ['start: false', { start: false }],
    ])('refuses the same key with %s as IDEMPOTENCY_KEY_REUSED, changing nothing', async (_, change) => {
      const jobs = await store();
      await jobs.create(createInput({ idempotencyKey: 'k1', ids: ['a', 'b'] }), LIMITS);
      await expect(jobs.create(createInput({ idempotencyKey: 'k1', ids: ['a', 'b'], ...change }), LIMITS)).rejects.toThrow(expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' }));
      expect((await jobs.list('client-a', { first: 10, after: null, statuses: null })).edges).toHaveLength(1);
    });

    it('scopes keys to their owner', async () => {
      const jobs = await store();
      const a = (await jobs.create(createInput({ idempotencyKey: 'k1' }), LIMITS)).job;
      const b = (await jobs.create(createInput({ idempotencyKey: 'k1', owner: 'client-b', ids: ['x'] }), LIMITS)).job;
      expect(b.id).not.toBe(a.id);
    });

    it.each([
      ['an option for another target', { target: 'INTENTS' as const, options: { dryRun: true } }, /dryRun applies to DEALS/],
      ['an unknown target', { target: 'TICKETS' as never }, /Unknown job target "TICKETS"/],
      ['more than one chunk of IDs', { ids: idRange(MAX_IDS_PER_CHUNK + 1) }, /more than 10000/],
      ['an empty ID', { ids: ['a', ''] }, /ids\[1\]/],
      ['no IDs and start: true', { ids: [] }, /A job with no IDs cannot start/],
    ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_, change, message) => {
      const jobs = await store();
      await expect(jobs.create(createInput(change), LIMITS)).rejects.toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(message) }));
      expect((await jobs.list('client-a', { first: 10, after: null, statuses: null })).edges).toEqual([]);
    });
  });

  describe(`${name}: adding IDs`, () => {
    it('de-duplicates across chunks and keeps first-seen order', async () => {
      const jobs = await store();
      const { id } = (await jobs.create(createInput({ start: false, ids: ['c', 'a'], batchSize: 3 }), LIMITS)).job;
      await jobs.addIds(id, 'client-a', ['a', 'b', 'c', 'd', 'b'], LIMITS);
      const job = (await jobs.addIds(id, 'client-a', ['e', 'd', 'f'], LIMITS))!;
      expect(job.progress.requested).toBe(6);
      await jobs.start(id, 'client-a');
      expect([await jobs.readBatchIds(id, 0), await jobs.readBatchIds(id, 1)]).toEqual([['c', 'a', 'b'], ['d', 'e', 'f']]);
    });

    it('refuses a whole chunk that would pass the per-job limit, and changes nothing', async () => {
      const jobs = await store();
      const limits = { maxIdsPerJob: 5 };
      const { id } = (await jobs.create(createInput({ start: false, ids: ['a', 'b', 'c'] }), limits)).job;
      await expect(jobs.addIds(id, 'client-a', ['d', 'e', 'f'], limits)).rejects.toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/6 distinct IDs, more than MAX_IDS_PER_JOB \(5\); nothing was added/) }));
      expect((await jobs.get(id, 'client-a'))!.progress.requested).toBe(3);
      // Duplicates do not count against the limit, and the refused IDs were not kept.
      expect((await jobs.addIds(id, 'client-a', ['a', 'd', 'e', 'c'], limits))!.progress.requested).toBe(5);
      await jobs.start(id, 'client-a');
      expect(await jobs.readBatchIds(id, 2)).toEqual(['e']);
    });

    it('refuses a create whose first chunk passes the limit', async () => {
      const jobs = await store();
      await expect(jobs.create(createInput({ ids: ['a', 'b', 'c'] }), { maxIdsPerJob: 2 })).rejects.toThrow(/MAX_IDS_PER_JOB \(2\)/);
      expect((await jobs.list('client-a', { first: 10, after: null, statuses: null })).edges).toEqual([]);
    });

    it('adds only while OPEN', async () => {
      const jobs = await store();
      const { id } = (await jobs.create(createInput(), LIMITS)).job;
      await expect(jobs.addIds(id, 'client-a', ['z'], LIMITS)).rejects.toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/is QUEUED: IDs can be added only while it is OPEN/) }));
      expect((await jobs.get(id, 'client-a'))!.progress.requested).toBe(3);
    });

    it("answers null for another client's job and leaves it alone", async () => {
      const jobs = await store();
      const { id } = (await jobs.create(createInput({ start: false }), LIMITS)).job;
      expect(await jobs.addIds(id, 'client-b', ['z'], LIMITS)).toBeNull();
      expect(await jobs.start(id, 'client-b')).toBeNull();
      expect(await jobs.cancel(id, 'client-b')).toBeNull();
      expect(await jobs.get(id, 'client-b')).toBeNull();
      expect(await jobs.get(id, 'client-a')).toMatchObject({ status: 'OPEN', progress: { requested: 3 } });
    });
  });

  describe(`${name}: reads`, () => {
    it('reads many jobs in one call, in order, null for unknown and others', async () => {
      const jobs = await store();
      const a = (await jobs.create(createInput(), LIMITS)).job;
      const b = (await jobs.create(createInput({ owner: 'client-b' }), LIMITS)).job;
      const c = (await jobs.create(createInput(), LIMITS)).job;
      expect((await jobs.getMany([c.id, 'nope', b.id, a.id], 'client-a')).map((job) => job?.id ?? null)).toEqual([c.id, null, null, a.id]);
    });

    it('answers null for a job ID that only looks like a stored key of another job', async () => {
      const jobs = await store();
      const { id } = (await jobs.create(createInput(), LIMITS)).job;
      await jobs.claim('w', 60_000);
      await jobs.markBatchInFlight(id, 'w', 0);
      await jobs.recordBatch(id, 'w', 0, outcome(['a'], 0, [failed('b')]));
      const lookalikes = ['batches', 'ids', 'failed', 'inflight'].flatMap((kind) => [`${id}:${kind}`, `${kind}:${id}`]);
      expect(await jobs.getMany(lookalikes, 'client-a')).toEqual(lookalikes.map(() => null));
      expect(await jobs.get(`${id}:batches`, 'client-a')).toBeNull();
    });

    it('counts only the owner’s queued, running and paused jobs as active', async () => {
      const jobs = await store();
      await jobs.create(createInput({ start: false }), LIMITS);
      const cancelled = (await jobs.create(createInput(), LIMITS)).job;
      await jobs.cancel(cancelled.id, 'client-a');
      await jobs.create(createInput(), LIMITS);
      await jobs.create(createInput(), LIMITS);
      await jobs.create(createInput({ owner: 'client-b' }), LIMITS);
      await jobs.claim('w', 60_000);
      expect([await jobs.countActive('client-a'), await jobs.countActive('client-b'), await jobs.countActive('nobody')]).toEqual([2, 1, 0]);
    });

    it('refuses a cursor it did not hand out and a page size out of range', async () => {
      const jobs = await store();
      await expect(jobs.list('client-a', { first: 5, after: 'bm9wZQ', statuses: null })).rejects.toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/not one this API returned/) }));
      await expect(jobs.list('client-a', { first: 101, after: null, statuses: null })).rejects.toThrow(/from 0 to 100/);
      await expect(jobs.list('client-a', { first: 5, after: null, statuses: ['DONE' as never] })).rejects.toThrow(/Unknown job status "DONE"/);
    });
  });

  describe(`${name}: outcomes and the result`, () => {
    it('keeps the accounting rule through progress and the summary, with deleted IDs when known', async () => {
      const clock = manualClock();
      const jobs = await store(clock);
      const { id } = (await jobs.create(createInput({ ids: idRange(5), batchSize: 2 }), LIMITS)).job;
      const answers = [outcome(['id-0'], 1), outcome([], 0, [failed('id-2'), failed('id-3', 'OUTCOME_UNKNOWN', null)]), outcome(['id-4'], 0, [], false)];
      const job = await runAll(jobs, id, (_, k) => answers[k]!);
      expect(job.progress).toEqual({ requested: 5, processed: 5, deleted: 2, notFound: 1, failed: 2 });
      expect(await jobs.summary(id, 'client-a')).toMatchObject({ requestedCount: 5, deletedCount: 2, notFoundCount: 1, failedCount: 2, deletedIds: ['id-0', 'id-4'] });
      expect((await jobs.summary(id, 'client-a'))!.failures.map((f) => [f.id, f.code])).toEqual([['id-2', 'REJECTED'], ['id-3', 'OUTCOME_UNKNOWN']]);
      expect((await collect(await jobs.results(id, 'client-a'))).map((l) => [l.id, l.outcome, l.code])).toEqual([
        ['id-0', 'deleted', null],
        ['id-1', 'notFound', null],
        ['id-2', 'failed', 'REJECTED'],
        ['id-3', 'failed', 'OUTCOME_UNKNOWN'],
        ['id-4', 'deleted', null],
      ]);
    });

    it('never calls an ID deleted when the vendor only counted deletes and not-founds together', async () => {
      const jobs = await store();
      const { id } = (await jobs.create(createInput({ ids: ['a', 'b', 'c'], batchSize: 3 }), LIMITS)).job;
      await runAll(jobs, id, () => ({ ...outcome(['?', '?'], 1), deletedIds: null }));
      const summary = (await jobs.summary(id, 'client-a'))!;
      expect(summary).toMatchObject({ deletedCount: 2, notFoundCount: 1, failedCount: 0, deletedIds: null });
      expect((await collect(await jobs.results(id, 'client-a'))).map((l) => l.outcome)).toEqual(['deletedOrNotFound', 'deletedOrNotFound', 'deletedOrNotFound']);
    });

    it('refuses an outcome that does not account for its batch, and records nothing', async () => {
      const jobs = await store();
      const { id } = (await jobs.create(createInput({ ids: ['a', 'b'] }), LIMITS)).job;
      await jobs.claim('w', 60_000);
      await jobs.markBatchInFlight(id, 'w', 0);
      await expect(jobs.recordBatch(id, 'w', 0, outcome(['a'], 0))).rejects.toThrow(/accounts for 1 IDs, not its 2/);
      await expect(jobs.recordBatch(id, 'w', 0, outcome(['a'], 0, [failed('zz')]))).rejects.toThrow(/failure "zz" matched 0/);
      await expect(jobs.recordBatch(id, 'w', 0, outcome(['a'], 0, [failed('a')]))).rejects.toThrow(/not exactly its IDs \("b" is in neither\)/);
      expect((await jobs.get(id, 'client-a'))!.progress.processed).toBe(0);
      expect((await jobs.batches(id))[0]!.state).toBe('IN_FLIGHT');
      expect((await jobs.recordBatch(id, 'w', 0, outcome(['a'], 0, [failed('b')]))).progress).toMatchObject({ processed: 2, deleted: 1, failed: 1 });
    });

    it('sends batches in order and never resends a recorded one', async () => {
      const jobs = await store();
      const { id } = (await jobs.create(createInput({ ids: idRange(6) }), LIMITS)).job;
      await jobs.claim('w', 60_000);
      await expect(jobs.markBatchInFlight(id, 'w', 1)).rejects.toThrow(/not the next to send/);
      await jobs.markBatchInFlight(id, 'w', 0);
      await jobs.recordBatch(id, 'w', 0, outcome(['id-0', 'id-1'], 0));
      await expect(jobs.markBatchInFlight(id, 'w', 0)).rejects.toThrow(/already recorded/);
      await expect(jobs.finish(id, 'w', 'COMPLETED')).rejects.toThrow(/4 IDs have no outcome yet/);
    });

    it('makes unsent IDs NOT_ATTEMPTED on cancel while the batch in flight still lands', async () => {
      const jobs = await store();
      const { id } = (await jobs.create(createInput({ ids: idRange(5) }), LIMITS)).job;
      await jobs.claim('w', 60_000);
      await jobs.markBatchInFlight(id, 'w', 0);
      await jobs.recordBatch(id, 'w', 0, outcome(['id-0', 'id-1'], 0));
      await jobs.markBatchInFlight(id, 'w', 1);
      const cancelled = (await jobs.cancel(id, 'client-a'))!;
      expect(cancelled).toMatchObject({ status: 'CANCELLED', progress: { processed: 3, failed: 1 } });
      expect(await jobs.summary(id, 'client-a')).toBeNull();
      await expect(jobs.markBatchInFlight(id, 'w', 2)).rejects.toThrow(/CANCELLED: no new batch/);
      await jobs.recordBatch(id, 'w', 1, outcome(['id-2'], 1));
      expect(await jobs.summary(id, 'client-a')).toMatchObject({ requestedCount: 5, deletedCount: 3, notFoundCount: 1, failedCount: 1, failures: [{ id: 'id-4', code: 'NOT_ATTEMPTED', message: 'Not sent: the job was cancelled.' }] });
      await expect(jobs.cancel(id, 'client-a')).rejects.toThrow(/has ended/);
    });

    it('makes unsent IDs NOT_ATTEMPTED with the reason when a job fails', async () => {
      const jobs = await store();
      const { id } = (await jobs.create(createInput({ ids: idRange(4) }), LIMITS)).job;
      await jobs.claim('w', 60_000);
      await jobs.markBatchInFlight(id, 'w', 0);
      await jobs.recordBatch(id, 'w', 0, outcome([], 0, [failed('id-0', 'REJECTED', 'http_401'), failed('id-1', 'REJECTED', 'http_401')]));
      await jobs.finish(id, 'w', 'FAILED', 'Not sent: LeadLex refused the credentials (401).');
      const summary = (await jobs.summary(id, 'client-a'))!;
      expect(summary.failedCount).toBe(4);
      expect(summary.failures.map((f) => [f.id, f.code, f.message])).toEqual([
        ['id-0', 'REJECTED', 'LeadLex refused id-0.'],
        ['id-1', 'REJECTED', 'LeadLex refused id-1.'],
        ['id-2', 'NOT_ATTEMPTED', 'Not sent: LeadLex refused the credentials (401).'],
        ['id-3', 'NOT_ATTEMPTED', 'Not sent: LeadLex refused the credentials (401).'],
      ]);
    });

    it('keeps the newest rate limit and every request ID', async () => {
      const jobs = await store();
      const { id } = (await jobs.create(createInput({ ids: idRange(4) }), LIMITS)).job;
      const limit = (remaining: number, observedAt: number) => ({ rateLimit: { limit: 10, remaining, resetAt: null }, observedAt });
      await runAll(jobs, id, (ids, k) => ({ ...outcome(ids, 0), upstreamRequestIds: [`req-${k}`], rateLimit: limit(k === 0 ? 3 : 7, k === 0 ? 2_000 : 1_000) }));
      expect(await jobs.summary(id, 'client-a')).toMatchObject({ upstreamRequestIds: ['req-0', 'req-1'], rateLimit: { limit: 10, remaining: 3 } });
    });

    it('fails a results stream whose job is purged between two pages, rather than end it short', async () => {
      const clock = manualClock();
      const jobs = await store(clock);
      const ids = idRange(RESULT_PAGE_SIZE + 10);
      const { id } = (await jobs.create(createInput({ start: false, ids: [] }), LIMITS)).job;
      for (let from = 0; from < ids.length; from += 1_000) await jobs.addIds(id, 'client-a', ids.slice(from, from + 1_000), LIMITS);
      await jobs.cancel(id, 'client-a');
      const lines = (await jobs.results(id, 'client-a'))!;
      expect((await lines.next()).value).toMatchObject({ id: 'id-0', outcome: 'failed', code: 'NOT_ATTEMPTED' });
      clock.advance(8 * 86_400_000);
      expect(await jobs.purge(7)).toBe(1);
      await expect(collect(lines)).rejects.toThrow(`was purged while its results were read (${RESULT_PAGE_SIZE} of ${ids.length} lines)`);
    });

    it('purges jobs ended more than the retention ago, and only those', async () => {
      const clock = manualClock();
      const jobs = await store(clock);
      const old = (await jobs.create(createInput(), LIMITS)).job;
      await jobs.cancel(old.id, 'client-a');
      clock.advance(3 * 86_400_000);
      const recent = (await jobs.create(createInput(), LIMITS)).job;
      await jobs.cancel(recent.id, 'client-a');
      const pending = (await jobs.create(createInput({ start: false }), LIMITS)).job;
      clock.advance(86_400_000);
      expect(await jobs.purge(7)).toBe(0);
      expect(await jobs.purge(2)).toBe(1);
      expect((await jobs.getMany([old.id, recent.id, pending.id], 'client-a')).map((j) => j?.status ?? null)).toEqual([null, 'CANCELLED', 'OPEN']);
    });
  });
}
