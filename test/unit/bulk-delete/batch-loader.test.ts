import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createBatchLoader, loadBatchOutcomes, type BatchLoaderOptions, type RunBatch } from '../../../src/bulk-delete/batch-loader.ts';
import { refusedBatch, NO_METADATA, type BatchOutcome } from '../../../src/bulk-delete/outcome.ts';
import { FacadeError } from '../../../src/errors/index.ts';
import { createTally, expectCoverage } from '../../helpers/coverage.ts';
import { answered, deferred, makeIds, settle, type Deferred } from './helpers.ts';

/** Loads `ids` through a loader built with `options`, as runBulkDelete does. */
const load = (options: BatchLoaderOptions, ids: readonly string[]) => loadBatchOutcomes(createBatchLoader(options), ids, options);

/** A runBatch that records each call and answers "all deleted" at once. */
function recorder() {
  const calls: Array<{ ids: readonly string[]; batchIndex: number }> = [];
  const runBatch: RunBatch = async (ids, batchIndex) => {
    calls.push({ ids, batchIndex });
    return answered(ids, ids.length, 0);
  };
  return { calls, runBatch };
}

/** A runBatch whose calls stay in flight until the test resolves them; counts the most in flight at once. */
function gate() {
  const pending: Array<{ ids: readonly string[]; batchIndex: number; answer: Deferred<BatchOutcome> }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const runBatch: RunBatch = async (ids, batchIndex) => {
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
  return { pending, runBatch, get inFlight() { return inFlight; }, get maxInFlight() { return maxInFlight; } };
}

const authRefusal = (ids: readonly string[]) =>
  refusedBatch(ids, new FacadeError('UPSTREAM_AUTH_FAILED', 'LeadLex refused the facade\'s credentials.', { upstream: 'leadlex', upstreamStatus: 401 }), 'invalid_key', NO_METADATA);

describe('createBatchLoader', () => {
  it('splits 1,200 IDs into batches of 500, 500 and 200, in order, indexed 0, 1, 2', async () => {
    const { calls, runBatch } = recorder();
    const ids = makeIds(1200);
    const outcomes = await load({ maxBatchSize: 500, concurrency: 4, runBatch }, ids);
    expect(calls.map((c) => [c.batchIndex, c.ids.length])).toEqual([[0, 500], [1, 500], [2, 200]]);
    expect(calls.flatMap((c) => c.ids)).toEqual(ids);
    expect(outcomes.map((o) => o.ids.length)).toEqual([500, 500, 200]);
  });

  it('sends every ID in one call when maxBatchSize is Infinity', async () => {
    const { calls, runBatch } = recorder();
    const ids = makeIds(1200);
    const outcomes = await load({ maxBatchSize: Infinity, concurrency: 4, runBatch }, ids);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ids).toEqual(ids);
    expect(outcomes).toHaveLength(1);
  });

  it('sends the first `concurrency` batches before loading the other IDs, and cuts the same batches', async () => {
    const loaded: number[] = [];
    let loads = 0;
    const runBatch: RunBatch = async (ids, batchIndex) => {
      loaded[batchIndex] = loads;
      return answered(ids, ids.length, 0);
    };
    const options = { maxBatchSize: 500, concurrency: 4, runBatch };
    const loader = createBatchLoader(options);
    const load = loader.load.bind(loader);
    loader.load = (id) => (loads++, load(id));
    const ids = makeIds(10_100);
    const outcomes = await loadBatchOutcomes(loader, ids, options);
    expect(loaded.slice(0, 4)).toEqual([2_000, 2_000, 2_000, 2_000]); // the other 8,100 not yet
    expect(loaded.at(-1)).toBe(10_100);
    expect(outcomes.map((o) => o.ids.length)).toEqual([...Array<number>(20).fill(500), 100]);
    expect(outcomes.flatMap((o) => o.ids)).toEqual(ids);
  });

  it('sends a repeated ID once', async () => {
    const { calls, runBatch } = recorder();
    await load({ maxBatchSize: 2, concurrency: 1, runBatch }, ['a', 'b', 'a', 'c']);
    expect(calls.flatMap((c) => c.ids)).toEqual(['a', 'b', 'c']);
  });

  it('never has more than `concurrency` calls in flight, and starts the next as one ends', async () => {
    const g = gate();
    const loading = load({ maxBatchSize: 1, concurrency: 3, runBatch: g.runBatch }, makeIds(10));
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
    const outcomes = await loading;
    expect(outcomes).toHaveLength(10);
    expect(g.maxInFlight).toBe(3);
  });

  it('runs one call at a time with concurrency 1', async () => {
    const g = gate();
    const loading = load({ maxBatchSize: 2, concurrency: 1, runBatch: g.runBatch }, makeIds(6));
    for (let index = 0; index < 3; index++) {
      await settle();
      expect(g.pending).toHaveLength(index + 1);
      g.pending[index]?.answer.resolve(allDeleted(g.pending[index]?.ids ?? []));
    }
    await loading;
    expect(g.maxInFlight).toBe(1);
  });

  it('does not send batches that had not started after a batch that stops later ones', async () => {
    const g = gate();
    const ids = makeIds(8);
    const loading = load({ maxBatchSize: 2, concurrency: 1, runBatch: g.runBatch }, ids);
    await settle();
    g.pending[0]?.answer.resolve(authRefusal(g.pending[0].ids));
    const outcomes = await loading;
    expect(g.pending.map((p) => p.batchIndex)).toEqual([0]);
    expect(outcomes).toHaveLength(4);
    expect(outcomes[0]?.refusal?.code).toBe('UPSTREAM_AUTH_FAILED');
    for (const outcome of outcomes.slice(1)) {
      expect(outcome.notSent).toBe(true);
      expect(outcome.refusal).toBeNull();
      expect(outcome.failures.map((f) => f.code)).toEqual(['NOT_ATTEMPTED', 'NOT_ATTEMPTED']);
      expect(outcome.failures[0]?.message).toMatch(/earlier batch was refused/);
    }
    expect(outcomes.flatMap((o) => o.ids)).toEqual(ids);
  });

  it('lets batches already in flight finish when one of them stops later ones', async () => {
    const g = gate();
    const loading = load({ maxBatchSize: 2, concurrency: 2, runBatch: g.runBatch }, makeIds(8));
    await settle();
    expect(g.pending.map((p) => p.batchIndex)).toEqual([0, 1]);
    g.pending[0]?.answer.resolve(authRefusal(g.pending[0].ids));
    await settle();
    g.pending[1]?.answer.resolve(allDeleted(g.pending[1].ids));
    const outcomes = await loading;
    expect(g.pending.map((p) => p.batchIndex)).toEqual([0, 1]);
    expect(outcomes.map((o) => (o.notSent ? 'not sent' : o.refusal ? o.refusal.code : `deleted ${o.deletedCount}`)))
      .toEqual(['UPSTREAM_AUTH_FAILED', 'deleted 2', 'not sent', 'not sent']);
  });

  it('keeps sending after a refusal that does not stop later batches', async () => {
    const { calls, runBatch: record } = recorder();
    const runBatch: RunBatch = async (ids, batchIndex) => {
      await record(ids, batchIndex);
      return batchIndex === 0
        ? refusedBatch(ids, new FacadeError('UPSTREAM_UNAVAILABLE', 'LeadLex is unavailable.'), 'http_503', NO_METADATA)
        : answered(ids, ids.length, 0);
    };
    const outcomes = await load({ maxBatchSize: 2, concurrency: 1, runBatch }, makeIds(6));
    expect(calls).toHaveLength(3);
    expect(outcomes.map((o) => o.notSent)).toEqual([false, false, false]);
  });

  it('surfaces a runBatch that rejects instead of dropping its IDs, and loads no more after it', async () => {
    let calls = 0;
    const runBatch: RunBatch = async () => {
      calls++;
      throw new Error('adapter bug');
    };
    await expect(load({ maxBatchSize: 2, concurrency: 1, runBatch }, makeIds(7))).rejects.toThrow('adapter bug');
    expect(calls).toBe(1);
  });

  it('cuts batches of at most maxBatchSize whose concatenation is the input', async () => {
    const tally = createTally(['one batch', 'several batches', 'a short last batch', 'only full batches', 'fewer batches than slots', 'more batches than slots'] as const);
    await fc.assert(fc.asyncProperty(
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 120 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5 }),
      async (ids, maxBatchSize, concurrency) => {
        const { calls, runBatch } = recorder();
        const outcomes = await load({ maxBatchSize, concurrency, runBatch }, ids);
        expect(calls.every((c) => c.ids.length >= 1 && c.ids.length <= maxBatchSize)).toBe(true);
        expect(calls.map((c) => c.batchIndex)).toEqual(calls.map((_, index) => index));
        expect(calls.flatMap((c) => c.ids)).toEqual(ids);
        expect(outcomes.flatMap((o) => o.ids)).toEqual(ids);
        expect(calls).toHaveLength(Math.ceil(ids.length / maxBatchSize));
        tally.addWhere({
          'one batch': calls.length === 1, 'several batches': calls.length > 1,
          'a short last batch': ids.length % maxBatchSize !== 0 && calls.length > 1, 'only full batches': ids.length % maxBatchSize === 0 && calls.length > 1,
          'fewer batches than slots': calls.length < concurrency, 'more batches than slots': calls.length > concurrency,
        });
      },
    ), { seed: 2002, numRuns: 100 });
    expectCoverage(tally, 5);
  });
});

/** Every ID deleted. */
function allDeleted(ids: readonly string[]): BatchOutcome {
  return answered(ids, ids.length, 0);
}
