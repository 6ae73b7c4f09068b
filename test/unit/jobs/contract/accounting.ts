// docs/contract.md §3 and §8: whatever the job's size, its batches' answers, and where it stops
// (completed, cancelled, failed, or its worker crashed with a batch in flight), the stored
// result keeps the accounting rule, and the per-ID results agree with it without ever
// calling an ID deleted that no answer named deleted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JobBatchOutcome, JobFailure, JobStore } from '../../../../src/jobs/index.ts';
import { collect, LIMITS, manualClock, type OpenStore } from '../helpers.ts';

const LEASE = 30_000;

type Fate = 'deleted' | 'notFound' | JobFailure['code'];
const fateArb = fc.constantFrom<Fate>('deleted', 'deleted', 'notFound', 'REJECTED', 'OUTCOME_UNKNOWN', 'ALREADY_SENT');
const caseArb = fc.record({
  // IDs from a small pool, so chunks repeat IDs within and across themselves.
  chunks: fc.array(fc.array(fc.integer({ min: 0, max: 40 }).map((n) => `id-${n}`), { minLength: 1, maxLength: 15 }), { minLength: 1, maxLength: 4 }),
  batchSize: fc.integer({ min: 1, max: 7 }),
  fates: fc.array(fateArb, { minLength: 41, maxLength: 41 }),
  countedOnly: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
  stop: fc.oneof(
    fc.constant({ kind: 'complete' as const, after: 0 }),
    fc.record({ kind: fc.constantFrom('cancel' as const, 'fail' as const, 'crash' as const), after: fc.nat(12) }),
  ),
});

function answer(ids: readonly string[], fate: (id: string) => Fate, countedOnly: boolean): JobBatchOutcome {
  const deleted = ids.filter((id) => fate(id) === 'deleted');
  const notFound = ids.filter((id) => fate(id) === 'notFound').length;
  const failures = ids.filter((id) => !['deleted', 'notFound'].includes(fate(id))).map((id) => ({ id, code: fate(id) as JobFailure['code'], message: `${fate(id)} ${id}`, upstreamCode: null }));
  return { deletedCount: deleted.length, notFoundCount: notFound, deletedIds: countedOnly ? null : deleted, failures, upstreamRequestIds: [], rateLimit: null };
}

/** The accounting property, against a store `open` gives. */
export function defineAccounting(name: string, open: OpenStore): void {
  describe(`${name}: job accounting`, () => {
    it('holds for any job size, batch answers and stopping point', async () => {
      const clock = manualClock();
      // Two handles on one state: the client's calls through one (a replica serving the API),
      // the worker's through the other (the replica running the job), as in production.
      const jobs: JobStore = await open(clock);
      const runner: JobStore = await open(clock);
      const seen = { complete: 0, cancel: 0, fail: 0, crash: 0, ambiguous: 0, duplicates: 0 };
      let run = 0;
      await fc.assert(
        fc.asyncProperty(caseArb, async ({ chunks, batchSize, fates, countedOnly, stop }) => {
          run += 1;
          const owner = `owner-${run}`;
          const fate = (id: string): Fate => fates[Number(id.slice(3))]!;
          const { id } = (await jobs.create({ owner, target: 'DEALS', options: {}, ids: chunks[0]!, start: false, batchSize, idempotencyKey: null }, LIMITS)).job;
          for (const chunk of chunks.slice(1)) await jobs.addIds(id, owner, chunk, LIMITS);
          const distinct = [...new Set(chunks.flat())];
          if (distinct.length < chunks.flat().length) seen.duplicates += 1;
          await jobs.start(id, owner);
          const worker = `w-${run}`;
          const { job } = (await runner.claim(worker, LEASE))!;
          expect(job.progress.requested).toBe(distinct.length);

          const stopAt = stop.kind === 'complete' ? job.batchCount : Math.min(stop.after, job.batchCount - 1);
          let ambiguous = false;
          for (let k = 0; k < stopAt; k += 1) {
            await runner.markBatchInFlight(id, worker, k);
            const ids = await runner.readBatchIds(id, k);
            expect(ids).toEqual(distinct.slice(k * batchSize, (k + 1) * batchSize));
            const outcome = answer(ids, fate, countedOnly[k % countedOnly.length]!);
            if (outcome.deletedIds === null && outcome.deletedCount > 0 && outcome.notFoundCount > 0) ambiguous = true;
            const progress = (await runner.recordBatch(id, worker, k, outcome)).progress;
            expect(progress.processed).toBe(progress.deleted + progress.notFound + progress.failed);
          }
          if (stop.kind === 'complete') await runner.finish(id, worker, 'COMPLETED');
          else if (stop.kind === 'fail') await runner.finish(id, worker, 'FAILED', 'Not sent: stopped.');
          else if (stop.kind === 'cancel') await jobs.cancel(id, owner);
          else {
            // The worker dies with batch `stopAt` in flight; the next one settles it as unknown and goes on.
            await runner.markBatchInFlight(id, worker, stopAt);
            clock.advance(LEASE);
            const next = (await runner.claim(`${worker}-next`, LEASE))!;
            expect(next.inFlightBatches).toEqual([stopAt]);
            const lost = await runner.readBatchIds(id, stopAt);
            await runner.recordBatch(id, `${worker}-next`, stopAt, answer(lost, () => 'OUTCOME_UNKNOWN', false));
            for (let k = stopAt + 1; k < job.batchCount; k += 1) {
              await runner.markBatchInFlight(id, `${worker}-next`, k);
              await runner.recordBatch(id, `${worker}-next`, k, answer(await runner.readBatchIds(id, k), fate, false));
            }
            await runner.finish(id, `${worker}-next`, 'COMPLETED');
          }
          seen[stop.kind] += 1;
          if (ambiguous) seen.ambiguous += 1;

          const summary = (await jobs.summary(id, owner))!;
          expect(summary.requestedCount).toBe(distinct.length);
          expect(summary.deletedCount + summary.notFoundCount + summary.failedCount).toBe(summary.requestedCount);
          expect(summary.failures).toHaveLength(summary.failedCount);
          expect(summary.deletedIds === null).toBe(ambiguous);
          const lines = await collect(await jobs.results(id, owner));
          expect(lines.map((line) => line.id)).toEqual(distinct);
          const count = (outcome: string) => lines.filter((line) => line.outcome === outcome).length;
          expect(count('failed')).toBe(summary.failedCount);
          expect(count('deleted') + count('notFound') + count('deletedOrNotFound')).toBe(summary.deletedCount + summary.notFoundCount);
          // Only an ID an answer named deleted is ever called deleted.
          for (const line of lines) if (line.outcome === 'deleted') expect(fate(line.id)).toBe('deleted');
          if (summary.deletedIds !== null) expect(summary.deletedIds).toEqual(lines.filter((l) => l.outcome === 'deleted').map((l) => l.id));
          clock.advance(1);
        }),
        { numRuns: 100 },
      );
      // The runs covered every way a job ends, ambiguous counted-only batches, and duplicate IDs.
      for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
    });
  });
}
