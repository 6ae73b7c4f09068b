// docs/contract.md §3 and §8, end to end through the runner: for random job sizes, batch sizes,
// vendor answers (deleted, not found, refused, unknown, a 503 waited out, a 401) and crash
// points (a worker dying with a batch in flight, or while paused), the finished job keeps the
// accounting rule, and its per-ID results match what the simulator really did: nothing is
// reported deleted that it did not delete, and nothing it deleted is reported anything but
// deleted or OUTCOME_UNKNOWN.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJobRunner, SILENT_OBSERVER, type JobRunEnd, type JobRunner } from '../../../src/job-runner/index.ts';
import type { Job, JobTarget } from '../../../src/jobs/index.ts';
import type { SimulatorFault } from '../../../src/simulators/index.ts';
import { createTally, expectCoverage } from '../../helpers/coverage.ts';
import { IDLE_TIMERS, LEASE_MS, OWNER, useRig, type Rig } from './helpers.ts';

const rig = useRig();

type Answer = 'ok' | 'unknownDeleted' | 'unknownKept' | 'unavailable' | 'rejected' | 'unauthorized';
const FAULTS: Readonly<Record<Answer, SimulatorFault | undefined>> = {
  ok: undefined,
  unknownDeleted: { status: 500, process: true, body: { error: 'internal' } },
  unknownKept: { status: 500, process: false, body: { error: 'internal' } },
  unavailable: { status: 503, body: { error: 'maintenance' } },
  rejected: { status: 400, body: { error: { code: 'validation_error', message: 'bad' } } },
  unauthorized: { status: 401, body: { error: { code: 'unauthorized', message: 'no' } } },
};

const caseArb = fc.record({
  target: fc.constantFrom<JobTarget>('INTENTS', 'DEALS'),
  size: fc.integer({ min: 1, max: 30 }),
  batchSize: fc.integer({ min: 1, max: 6 }),
  exists: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
  answers: fc.array(fc.constantFrom<Answer>('ok', 'ok', 'ok', 'unknownDeleted', 'unknownKept', 'unavailable', 'rejected', 'unauthorized'), { minLength: 40, maxLength: 40 }),
  crashAfter: fc.option(fc.nat(3), { nil: null, freq: 2 }),
  // A 503 on the very first call pauses the job before any crash point is reached, so a crash
  // while paused comes up often enough to be counted rather than by luck.
  pauseFirst: fc.boolean(),
});

/** Runs a claimed job to its end on `runner`, moving the clock to each pause's end. */
async function finish(r: Rig, runner: JobRunner, workerId: string, first: JobRunEnd): Promise<Job> {
  let end = first;
  for (let pauses = 0; end.kind === 'paused'; pauses++) {
    if (pauses > 100) throw new Error('never stopped pausing');
    r.clock.set(Math.max(r.clock.now(), end.resumesAt));
    end = await runner.resumeJob(end.job, { workerId, leaseMs: LEASE_MS, signal: new AbortController().signal });
  }
  if (end.kind !== 'ended') throw new Error(`run ended ${end.kind}`);
  return end.job;
}

describe('a job run through crashes and any vendor answers', () => {
  it('keeps the accounting rule and reports only what the simulator did', async () => {
    const r = await rig({ stoq: { rateLimit: { points: 1_000_000 } }, env: { BATCH_CONCURRENCY: '1', UPSTREAM_MAX_ATTEMPTS: '1' } });
    const tally = createTally(['INTENTS', 'DEALS', 'crashInFlight', 'lostStoqDeletes', 'lostLeadLexDeletes', 'crashPaused', 'completed', 'failed', 'unknown', 'rejected', 'notFound', 'paused']);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ target, size, batchSize, exists, answers: drawn, crashAfter, pauseFirst }) => {
        run += 1;
        const answers: readonly Answer[] = pauseFirst ? ['unavailable', ...drawn] : drawn;
        const ids = Array.from({ length: size }, (_, i) => `r${run}-${i}`);
        const existing = new Set(ids.filter((_, i) => exists[i]));
        const sim = target === 'INTENTS' ? r.stoq : r.leadlex;
        if (target === 'INTENTS') r.stoq.addIntents([...existing].map((id) => ({ id })));
        else r.leadlex.addDeals([...existing].map((id) => ({ id })));
        const deletedBefore = sim.deletedIds.length;
        sim.faultPlan((_req, index) => FAULTS[answers[index % answers.length]!]);
        tally.add(target === 'INTENTS' ? 'INTENTS' : 'DEALS');

        const job = await r.createJob(target, ids, batchSize);
        const worker1 = `w${run}-a`;
        const runner1 = createJobRunner({ store: r.store, events: r.events, targets: r.targets, observer: SILENT_OBSERVER, now: r.clock.now, timers: IDLE_TIMERS });
        const stop = new AbortController();
        let paused = false;
        const off = r.events.subscribe(job.id, (j) => {
          if (j.status === 'PAUSED') paused = true;
          if (crashAfter !== null && j.batchesSent - j.batchesInFlight >= crashAfter) stop.abort();
        });
        const claimed = (await r.store.claim(worker1, LEASE_MS))!;
        if (crashAfter === 0) stop.abort();
        let end = await runner1.runJob(claimed, { workerId: worker1, leaseMs: LEASE_MS, signal: stop.signal });
        let done: Job;
        if (crashAfter === null) {
          done = await finish(r, runner1, worker1, end);
        } else {
          // The worker dies: a paused job as it is, a running one with its next batch in flight.
          let current = (await r.store.get(job.id, OWNER))!;
          if (end.kind === 'stopped' && current.batchesSent < current.batchCount && current.batchesInFlight === 0) {
            await r.store.markBatchInFlight(job.id, worker1, current.batchesSent);
            // The vendor processes it (its answer is what gets lost); the plan then goes on from another point.
            sim.faultPlan(undefined);
            const lost = await r.targets[target].send(await r.store.readBatchIds(job.id, current.batchesSent), current.batchesSent, current);
            tally.add('crashInFlight');
            // Deletes the vendor made whose answer no worker recorded: the case a careless resend misreports.
            if (lost.kind === 'answered' && lost.deletedCount > 0) tally.add(target === 'INTENTS' ? 'lostStoqDeletes' : 'lostLeadLexDeletes');
            sim.faultPlan((_req, index) => FAULTS[answers[(index + 7) % answers.length]!]);
          }
          if (end.kind === 'paused') tally.add('crashPaused');
          current = (await r.store.get(job.id, OWNER))!;
          r.clock.set(Math.max(r.clock.now(), current.leaseExpiresAt ?? 0) + 1);
          if (end.kind === 'ended') {
            done = end.job;
          } else {
            // A fresh process: nothing of the dead worker's memory.
            const runner2 = createJobRunner({ store: r.store, events: r.events, targets: r.targets, observer: SILENT_OBSERVER, now: r.clock.now, timers: IDLE_TIMERS });
            const worker2 = `w${run}-b`;
            const again = await r.store.claim(worker2, LEASE_MS);
            expect(again?.job.id).toBe(job.id);
            end = await runner2.runJob(again!, { workerId: worker2, leaseMs: LEASE_MS, signal: new AbortController().signal });
            done = await finish(r, runner2, worker2, end);
          }
        }
        off();
        sim.faultPlan(undefined);

        // The accounting rule, in the job and in its lines.
        expect(done.batchesInFlight).toBe(0);
        expect(['COMPLETED', 'FAILED']).toContain(done.status);
        const { requested, processed, deleted, notFound, failed } = done.progress;
        expect(requested).toBe(size);
        expect(processed).toBe(requested);
        expect(deleted + notFound + failed).toBe(requested);
        const lines = await r.results(job.id);
        expect(lines.map((l) => l.id)).toEqual(ids);
        const count = (outcome: string) => lines.filter((l) => l.outcome === outcome).length;
        expect(count('failed')).toBe(failed);
        expect(count('deleted') + count('deletedOrNotFound') + count('notFound')).toBe(deleted + notFound);

        // What the simulator really did.
        const reallyDeleted = new Set(sim.deletedIds.slice(deletedBefore));
        for (const line of lines) {
          if (line.outcome === 'deleted') expect(reallyDeleted.has(line.id), `${line.id} reported deleted`).toBe(true);
          if (line.outcome === 'notFound') expect(existing.has(line.id), `${line.id} existed but is reported not found`).toBe(false);
          if (reallyDeleted.has(line.id)) expect(['deleted', 'deletedOrNotFound', 'failed']).toContain(line.outcome);
          if (reallyDeleted.has(line.id) && line.outcome === 'failed') expect(line.code).toBe('OUTCOME_UNKNOWN');
        }
        tally.addWhere({
          completed: done.status === 'COMPLETED',
          failed: done.status === 'FAILED',
          unknown: lines.some((l) => l.code === 'OUTCOME_UNKNOWN'),
          rejected: lines.some((l) => l.code === 'REJECTED'),
          notFound: notFound > 0,
          paused,
        });
      }),
      { numRuns: 160 },
    );
    // A lost batch that really deleted something is the rarest case (a crash, an existing ID in the batch).
    expectCoverage(tally, { INTENTS: 3, DEALS: 3, crashInFlight: 3, lostStoqDeletes: 2, lostLeadLexDeletes: 2, crashPaused: 1, completed: 3, failed: 3, unknown: 3, rejected: 3, notFound: 3, paused: 3 });
  }, 120_000);
});
