// A 1,000,000-ID job (MAX_IDS_PER_JOB's default) end to end through the store: added in chunks,
// cut into batches, recorded, and its results streamed while the process's RSS stays bounded.
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_IDS_PER_CHUNK, MAX_JOB_BATCH_SIZE } from '../../../src/jobs/index.ts';
import { failed, idRange, LIMITS, useStores, useTempDb } from './helpers.ts';

const tempDb = useTempDb();
const openStore = useStores();
const TOTAL = 1_000_000;
const MB = 1024 * 1024;
/**
 * Growth allowed after warm-up: the allocator's slack (measured ~1 MB), far below the ~200 MB
 * that holding every line takes, and the ~50 MB V8's old space reached when rows came back as objects.
 */
const MAX_RSS_GROWTH_MB = 16;
const WARM_UP = 50_000;

describe('a million-ID job', () => {
  it('streams every result line in order while RSS grows by less than 16 MB after warm-up', async () => {
    const path = tempDb();
    const jobs = await openStore(path);
    const { id } = (await jobs.create({ owner: 'client-a', target: 'DEALS', options: {}, ids: [], start: false, batchSize: MAX_JOB_BATCH_SIZE, idempotencyKey: null }, LIMITS)).job;
    for (let from = 0; from < TOTAL; from += MAX_IDS_PER_CHUNK) await jobs.addIds(id, 'client-a', idRange(MAX_IDS_PER_CHUNK, from, 'deal-'), LIMITS);
    await jobs.start(id, 'client-a');
    const { job } = (await jobs.claim('worker-1', 60_000))!;
    expect(job.batchCount).toBe(TOTAL / MAX_JOB_BATCH_SIZE);
    for (let k = 0; k < job.batchCount; k += 1) {
      await jobs.markBatchInFlight(id, 'worker-1', k);
      const first = `deal-${k * MAX_JOB_BATCH_SIZE}`;
      // Every batch: its first ID locked, the rest deleted, counted only (as LeadLex answers).
      await jobs.recordBatch(id, 'worker-1', k, { deletedCount: MAX_JOB_BATCH_SIZE - 1, notFoundCount: 0, deletedIds: null, failures: [failed(first)], upstreamRequestIds: [`req-${k}`], rateLimit: null });
    }
    expect((await jobs.finish(id, 'worker-1', 'COMPLETED')).progress).toEqual({ requested: TOTAL, processed: TOTAL, deleted: TOTAL - 100, notFound: 0, failed: 100 });
    expect(statSync(path).size).toBeLessThan(200 * MB);

    // The baseline is taken once the stream is warm (V8's young generation and SQLite's page
    // cache at their working size): what must not grow is memory per line read after that.
    let baseline = 0;
    let peak = 0;
    let count = 0;
    let failures = 0;
    for await (const line of (await jobs.results(id, 'client-a'))!) {
      if (line.id !== `deal-${count}`) throw new Error(`line ${count} is ${line.id}`);
      if (line.outcome === 'failed') failures += 1;
      count += 1;
      if (count === WARM_UP) baseline = process.memoryUsage.rss();
      if (count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage.rss());
    }
    expect(count).toBe(TOTAL);
    expect(failures).toBe(100);
    expect((peak - baseline) / MB).toBeLessThan(MAX_RSS_GROWTH_MB);
  }, 60_000);
});
