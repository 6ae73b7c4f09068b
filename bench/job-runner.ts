// npm run bench:job-runner [-- --ids 100000] [-- --latency 0] [-- --concurrency 4]
//
// Measures the job runner alone on one LeadLex job: the embedded SQLite store on a temporary
// file (each commit synced before it is answered, as in production), the runner and the job
// adapters as the app builds them, and the LeadLex simulator in a process of its own answering
// after `--latency` ms.
// Prints batches per second, the time against the ideal (batches in waves of `--concurrency`,
// each wave one latency), the growth of this process's RSS over the run (peak minus the RSS
// once the job's IDs were stored), and how much of the run the store's calls took:
// markBatchInFlight + recordBatch (from the call until its commit, fsync'd, is on disk) and
// readBatchIds, how busy the event loop was, and the vendor calls (an HTTP request each,
// summed over the slots).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.ts';
import { createJobRunner, SILENT_OBSERVER } from '../src/job-runner/index.ts';
import { createLocalJobEvents, MAX_IDS_PER_CHUNK, openSqliteJobStore, type JobStore } from '../src/jobs/index.ts';
import { createJobTargetRunners } from '../src/server/job-targets.ts';
import { createUpstreamSets } from '../src/upstreams/index.ts';
import { spawnBenchChild, WORK_DIR } from './lib/children.ts';

const { values } = parseArgs({ options: { ids: { type: 'string', default: '100000' }, latency: { type: 'string', default: '0' }, concurrency: { type: 'string', default: '4' } } });
const idCount = Number(values.ids);
const latencyMs = Number(values.latency);
const concurrency = Number(values.concurrency);
const BATCH = 500;
const API_KEY = 'bench-leadlex-key';

const simulator = await spawnBenchChild('simulator', { BENCH_SIMULATOR: JSON.stringify({ vendor: 'leadlex', apiKey: API_KEY, latencyMs }) });
const dir = mkdtempSync(join(WORK_DIR, 'job-runner-'));
try {
  const store = await openSqliteJobStore(join(dir, 'jobs.sqlite'));
  const owner = 'bench-client';
  const limits = { maxIdsPerJob: 10_000_000 };
  const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `deal_${from + i}`);
  const { job } = await store.create({ owner, target: 'DEALS', options: {}, ids: ids(0, Math.min(idCount, MAX_IDS_PER_CHUNK)), start: false, batchSize: BATCH, idempotencyKey: null }, limits);
  for (let from = MAX_IDS_PER_CHUNK; from < idCount; from += MAX_IDS_PER_CHUNK) await store.addIds(job.id, owner, ids(from, Math.min(idCount, from + MAX_IDS_PER_CHUNK)), limits);
  await store.start(job.id, owner);

  const config = loadConfig({ LEADLEX_API_URL: String(simulator.info.url), LEADLEX_API_KEY: API_KEY, BATCH_CONCURRENCY: String(concurrency), UPSTREAM_CONCURRENCY: String(Math.max(8, concurrency)) });
  const sets = createUpstreamSets(config.upstreams, config.policy, {}, config.protection, config.jobRunner.rateShare);
  const built = createJobTargetRunners(sets.jobUpstreams, { concurrency });
  const timing = { writes: 0, writeCalls: 0, reads: 0, sends: 0 };
  const targets = {
    ...built,
    DEALS: {
      ...built.DEALS,
      send: async (...args: Parameters<typeof built.DEALS.send>) => {
        const t = performance.now();
        try {
          return await built.DEALS.send(...args);
        } finally {
          timing.sends += performance.now() - t;
        }
      },
    },
  };
  const timed: JobStore = {
    ...store,
    markBatchInFlight: (...args) => measure('writes', () => store.markBatchInFlight(...args)),
    recordBatch: (...args) => measure('writes', () => store.recordBatch(...args)),
    readBatchIds: (...args) => measure('reads', () => store.readBatchIds(...args)),
  };
  const runner = createJobRunner({ store: timed, events: createLocalJobEvents(), targets, observer: SILENT_OBSERVER, now: Date.now });

  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => void (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const eluStart = performance.eventLoopUtilization();
  const end = await runner.runJob((await store.claim('bench-worker', 60_000))!, { workerId: 'bench-worker', leaseMs: 60_000, signal: new AbortController().signal });
  const elapsedMs = performance.now() - started;
  const elu = performance.eventLoopUtilization(eluStart);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (end.kind !== 'ended' || end.job.status !== 'COMPLETED') throw new Error(`the job ended ${end.kind} ${end.kind === 'ended' ? end.job.status : ''}`);

  const batches = end.job.batchCount;
  const idealMs = Math.ceil(batches / concurrency) * latencyMs;
  const row = (name: string, value: string) => process.stdout.write(`${name.padEnd(34)} ${value}\n`);
  row('IDs, batches, concurrency', `${idCount}, ${batches}, ${concurrency}`);
  row('simulator latency', `${latencyMs} ms`);
  row('wall time', `${(elapsedMs / 1000).toFixed(2)} s`);
  row('batches per second', (batches / (elapsedMs / 1000)).toFixed(0));
  if (idealMs > 0) row('against the ideal (waves x latency)', `${(elapsedMs / idealMs).toFixed(2)}x of ${(idealMs / 1000).toFixed(2)} s`);
  row('RSS growth (peak - start)', `${((peak - baseline) / 1024 / 1024).toFixed(1)} MB`);
  row('store writes (call to durable)', `${(timing.writes / 1000).toFixed(2)} s summed over slots, ${(timing.writes / timing.writeCalls).toFixed(2)} ms per write, ${timing.writeCalls} writes`);
  row('event loop busy', `${(elu.utilization * 100).toFixed(0)} % of the run`);
  row('store reads (a batch before its send)', `${(timing.reads / 1000).toFixed(2)} s`);
  row('vendor calls (summed over slots)', `${(timing.sends / 1000).toFixed(2)} s, ${(timing.sends / batches).toFixed(1)} ms per batch`);
  row('load average (1 min) at the end', loadavg()[0]!.toFixed(2));
  store.close();

  /** Time from the call to its answer: for a write, until its commit is on disk (a group's commit included). */
  async function measure<T>(kind: 'writes' | 'reads', work: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await work();
    } finally {
      timing[kind] += performance.now() - t;
      if (kind === 'writes') timing.writeCalls += 1;
    }
  }
} finally {
  await simulator.stop();
  rmSync(dir, { recursive: true, force: true });
}
