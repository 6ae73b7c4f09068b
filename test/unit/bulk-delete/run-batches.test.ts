import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { refusedBatch, NO_METADATA, accountOf, type BatchOutcome } from '../../../src/bulk-delete/outcome.ts';
import { createPlan, type Plan } from '../../../src/bulk-delete/plan.ts';
import { buildResult } from '../../../src/bulk-delete/result.ts';
import { runBatches, type BatchSource, type SendBatch } from '../../../src/bulk-delete/run-batches.ts';
import { FacadeError } from '../../../src/errors/index.ts';
import { createTally, expectCoverage } from '../../helpers/coverage.ts';
import { answered, deferred, makeIds, settle, type Deferred } from './helpers.ts';

const plan = (ids: readonly string[], batchSize: number): Plan => createPlan(ids, { batchSize, fingerprintOptions: null });

/** A sendBatch that records each call and answers "all deleted" at once. */
function recorder() {
  const calls: Array<{ ids: readonly string[]; batchIndex: number }> = [];
  const sendBatch: SendBatch = async (ids, batchIndex) => {
    calls.push({ ids, batchIndex });
    return answered(ids, ids.length, 0);
  };
  return { calls, sendBatch };
}

/** A sendBatch whose calls stay in flight until the test resolves them; counts the most in flight at once. */
function gate() {
  const pending: Array<{ ids: readonly string[]; batchIndex: number; answer: Deferred<BatchOutcome> }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const sendBatch: SendBatch = async (ids, batchIndex) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const answer = deferred<BatchOutcome>();
    pending.push({ ids, batchIndex, answer });
    try {
      return await answer.promise;
    } finally {
      inFlight--;
    }
  };
  return { pending, sendBatch, get inFlight() { return inFlight; }, get maxInFlight() { return maxInFlight; } };
}

const authRefusal = (ids: readonly string[]) =>
  refusedBatch(ids, new FacadeError('UPSTREAM_AUTH_FAILED', 'LeadLex refused the facade\'s credentials.', { upstream: 'leadlex', upstreamStatus: 401 }), 'invalid_key', NO_METADATA);

/** Every ID deleted. */
const allDeleted = (ids: readonly string[]): BatchOutcome => answered(ids, ids.length, 0);

/** How each outcome reads in one word. */
const verdicts = (outcomes: readonly BatchOutcome[]) => outcomes.map((o) => (o.kind === 'refused' ? o.error.code : o.kind === 'answered' ? `deleted ${o.deletedCount}` : o.kind));

describe('runBatches', () => {
  it('splits 1,200 IDs into batches of 500, 500 and 200, in order, indexed 0, 1, 2', async () => {
    const { calls, sendBatch } = recorder();
    const ids = makeIds(1200);
    const outcomes = await runBatches(plan(ids, 500), { concurrency: 4, sendBatch });
    expect(calls.map((c) => [c.batchIndex, c.ids.length])).toEqual([[0, 500], [1, 500], [2, 200]]);
    expect(calls.flatMap((c) => c.ids)).toEqual(ids);
    expect(outcomes.map((o) => o.ids.length)).toEqual([500, 500, 200]);
  });

  it('sends every ID in one call when the batch size is Infinity', async () => {
    const { calls, sendBatch } = recorder();
    const ids = makeIds(1200);
    const outcomes = await runBatches(plan(ids, Infinity), { concurrency: 4, sendBatch });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ids).toEqual(ids);
    expect(outcomes).toHaveLength(1);
  });

  it('sends the first `concurrency` batches at once, without waiting for the rest of the plan', async () => {
    const g = gate();
    const running = runBatches(plan(makeIds(10_100), 500), { concurrency: 4, sendBatch: g.sendBatch });
    await settle();
    expect(g.pending.map((p) => p.batchIndex)).toEqual([0, 1, 2, 3]);
    for (let index = 0; index < 21; index++) {
      await settle();
      g.pending[index]?.answer.resolve(allDeleted(g.pending[index]?.ids ?? []));
    }
    const outcomes = await running;
    expect(outcomes.map((o) => o.ids.length)).toEqual([...Array<number>(20).fill(500), 100]);
  });

  it('never has more than `concurrency` calls in flight, and starts the next as one ends', async () => {
    const g = gate();
    const running = runBatches(plan(makeIds(10), 1), { concurrency: 3, sendBatch: g.sendBatch });
    await settle();
    expect(g.pending.map((p) => p.batchIndex)).toEqual([0, 1, 2]);
    for (let done = 0; done < 10; done++) {
      expect(g.inFlight).toBeLessThanOrEqual(3);
      const next = g.pending[done];
      if (!next) throw new Error(`batch ${done} never started`);
      next.answer.resolve(allDeleted(next.ids));
      await settle();
      expect(g.pending.length).toBe(Math.min(10, done + 4));
    }
    const outcomes = await running;
    expect(outcomes).toHaveLength(10);
    expect(g.maxInFlight).toBe(3);
  });

  it('runs one call at a time with concurrency 1', async () => {
    const g = gate();
    const running = runBatches(plan(makeIds(6), 2), { concurrency: 1, sendBatch: g.sendBatch });
    for (let index = 0; index < 3; index++) {
      await settle();
      expect(g.pending).toHaveLength(index + 1);
      g.pending[index]?.answer.resolve(allDeleted(g.pending[index]?.ids ?? []));
    }
    await running;
    expect(g.maxInFlight).toBe(1);
  });

  it('does not send batches that had not started after a batch that stops later ones', async () => {
    const g = gate();
    const ids = makeIds(8);
    const running = runBatches(plan(ids, 2), { concurrency: 1, sendBatch: g.sendBatch });
    await settle();
    g.pending[0]?.answer.resolve(authRefusal(g.pending[0].ids));
    const outcomes = await running;
    expect(g.pending.map((p) => p.batchIndex)).toEqual([0]);
    expect(verdicts(outcomes)).toEqual(['UPSTREAM_AUTH_FAILED', 'not-sent', 'not-sent', 'not-sent']);
    for (const outcome of outcomes.slice(1)) {
      const { failures } = accountOf(outcome);
      expect(failures.map((f) => f.code)).toEqual(['NOT_ATTEMPTED', 'NOT_ATTEMPTED']);
      expect(failures[0]?.message).toMatch(/earlier batch was refused/);
    }
    expect(outcomes.flatMap((o) => o.ids)).toEqual(ids);
  });

  it('lets batches already in flight finish when one of them stops later ones', async () => {
    const g = gate();
    const running = runBatches(plan(makeIds(8), 2), { concurrency: 2, sendBatch: g.sendBatch });
    await settle();
    expect(g.pending.map((p) => p.batchIndex)).toEqual([0, 1]);
    g.pending[0]?.answer.resolve(authRefusal(g.pending[0].ids));
    await settle();
    g.pending[1]?.answer.resolve(allDeleted(g.pending[1].ids));
    const outcomes = await running;
    expect(g.pending.map((p) => p.batchIndex)).toEqual([0, 1]);
    expect(verdicts(outcomes)).toEqual(['UPSTREAM_AUTH_FAILED', 'deleted 2', 'not-sent', 'not-sent']);
  });

  it('keeps sending after a refusal that does not stop later batches', async () => {
    const { calls, sendBatch: record } = recorder();
    const sendBatch: SendBatch = async (ids, batchIndex) => {
      await record(ids, batchIndex);
      return batchIndex === 0
        ? refusedBatch(ids, new FacadeError('UPSTREAM_UNAVAILABLE', 'LeadLex is unavailable.'), 'http_503', NO_METADATA)
        : answered(ids, ids.length, 0);
    };
    const outcomes = await runBatches(plan(makeIds(6), 2), { concurrency: 1, sendBatch });
    expect(calls).toHaveLength(3);
    expect(verdicts(outcomes)).toEqual(['UPSTREAM_UNAVAILABLE', 'deleted 2', 'deleted 2']);
  });

  it('turns a sendBatch that rejects into OUTCOME_UNKNOWN for that batch, keeps the others\' answers, and says why', async () => {
    const errors: Array<[unknown, number]> = [];
    const sendBatch: SendBatch = async (ids, batchIndex) => {
      if (batchIndex === 1) throw new Error('adapter bug');
      return answered(ids, ids.length, 0);
    };
    const ids = makeIds(7);
    const outcomes = await runBatches(plan(ids, 2), { concurrency: 1, sendBatch, onSendError: (error, index) => errors.push([error, index]) });
    expect(verdicts(outcomes)).toEqual(['deleted 2', 'unknown', 'deleted 2', 'deleted 1']);
    expect(accountOf(outcomes[1] as BatchOutcome).failures.map((f) => [f.id, f.code])).toEqual([['id2', 'OUTCOME_UNKNOWN'], ['id3', 'OUTCOME_UNKNOWN']]);
    expect(errors).toEqual([[new Error('adapter bug'), 1]]);
    // A partial success stays a result, never an error that hides the deleted IDs.
    const result = buildResult('deals', ids, outcomes, false);
    expect([result.deletedCount, result.failedCount]).toEqual([5, 2]);
  });

  it('turns a sendBatch that throws synchronously into OUTCOME_UNKNOWN too', async () => {
    const sendBatch = ((ids: readonly string[]) => {
      if (ids[0] === 'id0') throw new TypeError('built no request');
      return Promise.resolve(answered(ids, ids.length, 0));
    }) as SendBatch;
    const outcomes = await runBatches(plan(makeIds(4), 2), { concurrency: 2, sendBatch });
    expect(verdicts(outcomes)).toEqual(['unknown', 'deleted 2']);
  });

  describe('for a worker that stores outcomes', () => {
    it('(a) starts from batch k of a plan, and sends none before it', async () => {
      const { calls, sendBatch } = recorder();
      const ids = makeIds(10);
      const outcomes = await runBatches(plan(ids, 2), { concurrency: 2, sendBatch, startAt: 3 });
      expect(calls.map((c) => [c.batchIndex, c.ids])).toEqual([[3, ['id6', 'id7']], [4, ['id8', 'id9']]]);
      expect(outcomes.map((o) => o.ids)).toEqual([['id6', 'id7'], ['id8', 'id9']]);
      expect(await runBatches(plan(ids, 2), { concurrency: 2, sendBatch, startAt: 5 })).toEqual([]);
    });

    it('(b) is told each outcome, and reuses a slot only once that is done', async () => {
      const g = gate();
      const stored: number[] = [];
      const storing: Array<Deferred<void>> = [];
      const running = runBatches(plan(makeIds(6), 2), {
        concurrency: 1,
        sendBatch: g.sendBatch,
        onOutcome: async (_outcome, index) => {
          const write = deferred<void>();
          storing.push(write);
          await write.promise;
          stored.push(index);
        },
      });
      await settle();
      g.pending[0]?.answer.resolve(allDeleted(g.pending[0].ids));
      await settle();
      // Batch 0 answered but is not stored yet: batch 1 waits.
      expect([g.pending.length, stored]).toEqual([1, []]);
      storing[0]?.resolve();
      await settle();
      expect([g.pending.length, stored]).toEqual([2, [0]]);
      g.pending[1]?.answer.resolve(allDeleted(g.pending[1].ids));
      await settle();
      storing[1]?.resolve();
      await settle();
      g.pending[2]?.answer.resolve(allDeleted(g.pending[2].ids));
      await settle();
      storing[2]?.resolve();
      await running;
      expect(stored).toEqual([0, 1, 2]);
    });

    it('(b) sends nothing more once storing an outcome fails, and rejects with that error', async () => {
      const { calls, sendBatch } = recorder();
      const failure = new Error('store down');
      const running = runBatches(plan(makeIds(6), 2), { concurrency: 1, sendBatch, onOutcome: () => Promise.reject(failure) });
      await expect(running).rejects.toBe(failure);
      expect(calls).toHaveLength(1);
    });

    it('(c) stops on a signal: batches not yet sent are not sent, and are reported', async () => {
      const g = gate();
      const cancel = new AbortController();
      const reported: Array<[number, string]> = [];
      const running = runBatches(plan(makeIds(8), 2), { concurrency: 2, sendBatch: g.sendBatch, signal: cancel.signal, onOutcome: (o, index) => void reported.push([index, o.kind]) });
      await settle();
      cancel.abort();
      g.pending[0]?.answer.resolve(allDeleted(g.pending[0].ids));
      g.pending[1]?.answer.resolve(allDeleted(g.pending[1].ids));
      const outcomes = await running;
      expect(g.pending).toHaveLength(2);
      expect(verdicts(outcomes)).toEqual(['deleted 2', 'deleted 2', 'not-sent', 'not-sent']);
      expect(accountOf(outcomes[2] as BatchOutcome).failures[0]?.message).toMatch(/cancelled/);
      expect(reported.map(([index]) => index).sort()).toEqual([0, 1, 2, 3]);
    });

    it('(d) builds the final result from stored outcomes, earlier runs\' and a resumed run\'s', async () => {
      const ids = makeIds(9);
      const p = plan(ids, 3);
      const stored = new Map<number, BatchOutcome>();
      const store = (outcome: BatchOutcome, index: number) => void stored.set(index, JSON.parse(JSON.stringify(outcome)) as BatchOutcome);
      // First run: batch 0 answered, then the worker stopped (cancelled) before the rest.
      const cancel = new AbortController();
      await runBatches(p, { concurrency: 1, startAt: 0, signal: cancel.signal, sendBatch: async (batch) => (cancel.abort(), answered(batch, 2, 1)), onOutcome: (o, index) => (o.kind === 'not-sent' ? undefined : store(o, index)) });
      expect([...stored.keys()]).toEqual([0]);
      // Resumed from batch 1.
      const { calls, sendBatch } = recorder();
      await runBatches(p, { concurrency: 2, startAt: stored.size, sendBatch, onOutcome: store });
      expect(calls.map((c) => c.batchIndex)).toEqual([1, 2]);
      const outcomes = Array.from({ length: p.batchCount }, (_, index) => stored.get(index) as BatchOutcome);
      const result = buildResult('deals', p.ids, outcomes, false);
      expect([result.requestedCount, result.deletedCount, result.notFoundCount, result.failedCount]).toEqual([9, 8, 1, 0]);
      expect(result.deletedIds).toEqual(['id0', 'id1', 'id3', 'id4', 'id5', 'id6', 'id7', 'id8']);
    });
  });

  it('refuses a start outside the plan or a concurrency below 1', async () => {
    const { sendBatch } = recorder();
    await expect(runBatches(plan(makeIds(4), 2), { concurrency: 1, sendBatch, startAt: 3 })).rejects.toThrow(RangeError);
    await expect(runBatches(plan(makeIds(4), 2), { concurrency: 0, sendBatch })).rejects.toThrow(RangeError);
  });

  it('cuts batches of at most the batch size whose concatenation is the input', async () => {
    const tally = createTally(['one batch', 'several batches', 'a short last batch', 'only full batches', 'fewer batches than slots', 'more batches than slots'] as const);
    await fc.assert(fc.asyncProperty(
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 120 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5 }),
      async (ids, batchSize, concurrency) => {
        const { calls, sendBatch } = recorder();
        const outcomes = await runBatches(plan(ids, batchSize), { concurrency, sendBatch });
        expect(calls.every((c) => c.ids.length >= 1 && c.ids.length <= batchSize)).toBe(true);
        expect(calls.map((c) => c.batchIndex)).toEqual(calls.map((_, index) => index));
        expect(calls.flatMap((c) => c.ids)).toEqual(ids);
        expect(outcomes.flatMap((o) => o.ids)).toEqual(ids);
        expect(calls).toHaveLength(Math.ceil(ids.length / batchSize));
        tally.addWhere({
          'one batch': calls.length === 1, 'several batches': calls.length > 1,
          'a short last batch': ids.length % batchSize !== 0 && calls.length > 1, 'only full batches': ids.length % batchSize === 0 && calls.length > 1,
          'fewer batches than slots': calls.length < concurrency, 'more batches than slots': calls.length > concurrency,
        });
      },
    ), { seed: 2002, numRuns: 100 });
    expectCoverage(tally, 5);
  });
});

/** Waits `turns` turns of the event loop. */
async function turns(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn++) await settle();
}

/**
 * A source of `batchCount` batches of two IDs whose reads take `readTurns[index]` turns; records
 * each read, how many batches had been reported when it was asked, and any read asked while
 * another was still pending.
 */
function slowSource(batchCount: number, readTurns: (index: number) => number, reported: () => number) {
  const reads: Array<{ index: number; reported: number }> = [];
  let pending = 0;
  let overlapping = 0;
  const source: BatchSource = {
    batchCount,
    async readBatch(index) {
      reads.push({ index, reported: reported() });
      if (++pending > 1) overlapping++;
      await turns(readTurns(index));
      pending--;
      return [`id${2 * index}`, `id${2 * index + 1}`];
    },
  };
  return { source, reads, get overlapping() { return overlapping; } };
}

describe('runBatches from a source', () => {
  it('sends in index order and holds at most `concurrency` batches, whatever order reads and calls end in', async () => {
    const tally = createTally(['fewer batches than slots', 'more batches than slots', 'a later call ended first', 'a resumed run'] as const);
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 30, maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 30, maxLength: 30 }), fc.integer({ min: 0, max: 3 }),
      async (batchCount, concurrency, readTurns, callTurns, skip) => {
        const startAt = Math.min(skip, batchCount);
        const reported: number[] = [];
        const ended: number[] = [];
        const sent: number[] = [];
        const s = slowSource(batchCount, (index) => readTurns[index] ?? 0, () => reported.length);
        const sendBatch: SendBatch = async (ids, index) => {
          sent.push(index);
          await turns(callTurns[index] ?? 0);
          ended.push(index);
          return allDeleted(ids);
        };
        const done = await runBatches(s.source, { concurrency, startAt, sendBatch, onOutcome: (outcome, index) => void reported.push(index) });
        const all = Array.from({ length: batchCount - startAt }, (_, k) => startAt + k);
        expect(done).toBeUndefined();
        expect(s.reads.map((r) => r.index)).toEqual(all);
        expect(s.overlapping).toBe(0);
        expect(sent).toEqual(all);
        expect([...reported].sort((a, b) => a - b)).toEqual(all);
        // When batch i is read, every batch before it is reported but for at most concurrency - 1.
        for (const read of s.reads) expect(read.index - startAt - read.reported).toBeLessThan(concurrency);
        tally.addWhere({
          'fewer batches than slots': all.length < concurrency, 'more batches than slots': all.length > concurrency,
          'a later call ended first': ended.some((index, k) => k > 0 && index < (ended[k - 1] ?? 0)), 'a resumed run': startAt > 0 && all.length > 0,
        });
      },
    ), { seed: 1313, numRuns: 60 });
    expectCoverage(tally, 5);
  });

  it('lets a slow batch hold up its own slot only: the other slots go through the rest', async () => {
    const g = gate();
    const s = slowSource(10, () => 0, () => 0);
    const running = runBatches(s.source, { concurrency: 2, sendBatch: async (ids, index) => (index === 0 ? g.sendBatch(ids, index) : allDeleted(ids)) });
    await turns(5);
    expect(s.reads.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    g.pending[0]?.answer.resolve(allDeleted(g.pending[0].ids));
    await running;
  });

  it('reads nothing more once stopped, by a refusal or a signal, and reports only the batches it took', async () => {
    const reported: Array<[number, string]> = [];
    const s = slowSource(8, () => 0, () => reported.length);
    await runBatches(s.source, { concurrency: 2, sendBatch: async (ids, index) => (index === 1 ? authRefusal(ids) : allDeleted(ids)), onOutcome: (o, index) => void reported.push([index, o.kind]) });
    // Batch 2 was read while batch 1 was in flight: it is reported not sent, and nothing after it is read.
    expect(s.reads.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(reported.sort()).toEqual([[0, 'answered'], [1, 'refused'], [2, 'not-sent']]);

    const cancel = new AbortController();
    const t = slowSource(8, () => 0, () => 0);
    await runBatches(t.source, { concurrency: 1, signal: cancel.signal, sendBatch: async (ids) => (cancel.abort(), allDeleted(ids)) });
    expect(t.reads.map((r) => r.index)).toEqual([0]);
  });

  it('sends nothing more when a read fails, reports the batches in flight, then rejects with its error', async () => {
    const g = gate();
    const failure = new Error('store down');
    const reported: number[] = [];
    const source: BatchSource = { batchCount: 6, readBatch: async (index) => (index === 2 ? Promise.reject(failure) : [`id${index}`]) };
    const running = runBatches(source, { concurrency: 2, sendBatch: g.sendBatch, onOutcome: (_, index) => void reported.push(index) });
    await settle();
    expect(g.pending.map((p) => p.batchIndex)).toEqual([0, 1]);
    g.pending[0]?.answer.resolve(allDeleted(g.pending[0].ids));
    await settle();
    g.pending[1]?.answer.resolve(allDeleted(g.pending[1].ids));
    await expect(running).rejects.toBe(failure);
    expect(g.pending).toHaveLength(2);
    expect(reported).toEqual([0, 1]);
  });
});
