import { afterAll, describe, expect, it } from 'vitest';
import { MAX_IDS_PER_CHUNK, openSqliteJobStore } from '../../src/jobs/index.ts';
import { startSimulators, facadeEnv, idRange, rssOf, spawnFacade, tempJobsDb, testKey, type FacadeProcess, type Simulators } from '../helpers/job-process.ts';

// docs/contract.md §8, "Results": a 1,000,000-ID job's NDJSON read to the end through the real
// route of a facade process, whose RSS (from /proc) stays bounded while it streams. The job is
// written to the database directly (uploading a million IDs through the API is not what this
// measures), then served by a facade that runs no jobs itself.

const CRM = testKey('crm-sync', '*');
const TOTAL = 1_000_000;
/** A DEALS job's batch: LeadLex's maximum. */
const BATCH = 500;
const MB = 1024 * 1024;
/**
 * What the facade's RSS may grow while streaming, over its RSS before the request: the issue's
 * bound for a million-ID job (measured: ~43 MB, ~23 MB of it after the first 50,000 lines).
 * Holding every line would take ~200 MB more.
 */
const MAX_RSS_GROWTH_MB = 64;
const WARM_UP_LINES = 50_000;

const db = tempJobsDb();
let sims: Simulators | undefined;
let facade: FacadeProcess | undefined;
afterAll(async () => {
  facade?.kill();
  await sims?.close();
  db.remove();
});

describe('the results of a million-ID job', () => {
  it('stream to the end, in order, while the facade process\'s RSS stays bounded', { timeout: 300_000 }, async () => {
    const store = await openSqliteJobStore(db.path);
    const limits = { maxIdsPerJob: TOTAL };
    const { id } = (await store.create({ owner: CRM.client, target: 'DEALS', options: {}, ids: [], start: false, batchSize: BATCH, idempotencyKey: null }, limits)).job;
    for (let from = 0; from < TOTAL; from += MAX_IDS_PER_CHUNK) await store.addIds(id, CRM.client, idRange('deal-', MAX_IDS_PER_CHUNK, from), limits);
    await store.start(id, CRM.client);
    const claimed = await store.claim('filler', 600_000);
    expect(claimed?.job.batchCount).toBe(TOTAL / BATCH);
    for (let k = 0; k < claimed!.job.batchCount; k++) {
      const ids = await store.readBatchIds(id, k);
      await store.markBatchInFlight(id, 'filler', k);
      // Every batch named its deleted IDs but the first, which was not found.
      await store.recordBatch(id, 'filler', k, { deletedCount: ids.length - 1, notFoundCount: 1, deletedIds: ids.slice(1), failures: [], upstreamRequestIds: [`req-${k}`], rateLimit: null });
    }
    await store.finish(id, 'filler', 'COMPLETED');
    await store.close();

    sims = await startSimulators();
    facade = await spawnFacade(facadeEnv(sims, [CRM], { JOBS_DB_PATH: db.path, JOB_WORKER_CONCURRENCY: '0' }), 60_000);
    const pid = facade.child.pid!;
    const idle = rssOf(pid);

    const response = await fetch(`${facade.url}/jobs/${id}/results`, { headers: CRM.headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    let warm = 0;
    let peak = 0;
    let count = 0;
    let notFound = 0;
    let rest = '';
    const decoder = new TextDecoder();
    for await (const chunk of response.body!) {
      const lines = (rest + decoder.decode(chunk as Uint8Array, { stream: true })).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const parsed = JSON.parse(line) as { id: string; outcome: string };
        if (parsed.id !== `deal-${count}`) throw new Error(`line ${count} is ${line}`);
        if (parsed.outcome === 'notFound') notFound += 1;
        else if (parsed.outcome !== 'deleted') throw new Error(`line ${count} is ${line}`);
        count += 1;
        if (count === WARM_UP_LINES) warm = rssOf(pid);
        if (count % 20_000 === 0) peak = Math.max(peak, rssOf(pid));
      }
    }
    expect(rest).toBe('');
    expect(count).toBe(TOTAL);
    expect(notFound).toBe(TOTAL / BATCH);
    const growthMb = (peak - idle) / MB;
    // The figures, for BENCHMARKS.md: idle, warm, peak.
    console.info(`results stream of ${TOTAL} lines: facade RSS idle ${(idle / MB).toFixed(1)} MB, warm ${(warm / MB).toFixed(1)} MB, peak ${(peak / MB).toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(MAX_RSS_GROWTH_MB);
  });
});
