// Scenario 6: bulk-delete jobs (docs/contract.md §8), run by the facade process itself.
//
// a) A large LeadLex job against the simulator at a fixed latency, BATCH_CONCURRENCY=4: its time
//    against the ideal (its batches in waves of 4, each wave one latency) and the facade's RSS
//    growth over the run. The IDs get in before the facade starts: the job is written OPEN into
//    the database (JOBS_DB_PATH) directly, as uploading a million IDs through GraphQL is not what
//    is measured; the run is timed from startBulkDeleteJob to the job's finishedAt.
// b) A LeadLex job against a paced budget (a quota per fixed window, X-RateLimit-* headers):
//    the share of JOB_RATE_SHARE × limit the job used in the whole windows, the 429s the
//    simulator answered (no 429 after the first headers), and the latency of synchronous deletes
//    sent during the job, against one batch's time (a synchronous delete on the idle facade).
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_IDS_PER_CHUNK, openSqliteJobStore } from '../../src/jobs/index.ts';

/** LeadLex's batch in a job (its maximum). */
const DEALS_BATCH = 500;
import { FACADE_CHILD_ARGV, spawnBenchChild, WORK_DIR, type Child } from '../lib/children.ts';
import { DELETE_DEALS, FACADE_AUTH, MB, SIM_KEYS, facadeEnv, fmt, startSimulator, type Check, type RunSettings } from '../lib/setup.ts';
import { inManifestLimit, type MemoryGroup } from '../lib/memory-group.ts';
import { median } from '../lib/stats.ts';
import type { MemoryWindow } from '../children/facade.ts';
import type { SimulatorStats } from '../children/simulator.ts';

const OWNER = 'bench-client';
const CONCURRENCY = 4;
const JOB_RATE_SHARE = 0.8;

export interface LargeJobRun {
  readonly ids: number;
  readonly batches: number;
  readonly latencyMs: number;
  readonly elapsedMs: number;
  readonly idealMs: number;
  readonly rssBeforeMb: number;
  readonly rssPeakMb: number;
  /** V8 heap used plus external, before and at its worst (sampled every 2 ms). */
  readonly heapBeforeMb: number;
  readonly heapPeakMb: number;
}

export interface PacedJobRun {
  readonly ids: number;
  readonly batches: number;
  readonly limit: number;
  readonly windowMs: number;
  readonly latencyMs: number;
  readonly allowedPerWindow: number;
  /** Job requests in each whole window between the first and the last. */
  readonly jobPerWindow: number[];
  readonly simulator: SimulatorStats;
  readonly idleSyncMs: number;
  readonly syncMs: number[];
  readonly pauses: number;
}

export interface JobsResult {
  readonly large: LargeJobRun;
  /** The same job inside the facade manifest's memory limit; null where no group could be made. */
  readonly largeInManifestLimit: (LargeJobRun & { limitBytes: number }) | null;
  readonly paced: PacedJobRun;
  readonly checks: Check[];
}

const JOB_QUERY = 'query($id: ID!) { job: bulkDeleteJob(id: $id) { status startedAt finishedAt resumesAt progress { processedCount failedCount } } }';
const START = 'mutation($id: ID!) { job: startBulkDeleteJob(id: $id) { status } }';

interface JobState { status: string; startedAt: string | null; finishedAt: string | null; resumesAt: string | null; progress: { processedCount: number; failedCount: number } }

async function graphql<T>(url: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { authorization: FACADE_AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const answer = (await response.json()) as { data?: T; errors?: unknown[] };
  if (answer.errors !== undefined || answer.data === undefined) throw new Error(`the facade answered ${JSON.stringify(answer)}`);
  return answer.data;
}

/** Writes an OPEN DEALS job of `count` IDs into a fresh database; returns its path and ID. */
async function writeJob(dir: string, count: number, prefix: string): Promise<{ path: string; id: string }> {
  const path = join(dir, 'jobs.sqlite');
  const store = await openSqliteJobStore(path);
  const limits = { maxIdsPerJob: count };
  const { job } = await store.create({ owner: OWNER, target: 'DEALS', options: {}, ids: [], start: false, batchSize: DEALS_BATCH, idempotencyKey: null }, limits);
  for (let from = 0; from < count; from += MAX_IDS_PER_CHUNK) {
    await store.addIds(job.id, OWNER, Array.from({ length: Math.min(MAX_IDS_PER_CHUNK, count - from) }, (_, i) => `${prefix}${from + i}`), limits);
  }
  await store.close();
  return { path, id: job.id };
}

/** Starts the job and polls it until it ends, calling `onPoll` with each state. */
async function runToEnd(url: string, id: string, onPoll: (job: JobState) => void = () => {}): Promise<JobState> {
  await graphql(url, START, { id });
  for (;;) {
    const { job } = await graphql<{ job: JobState }>(url, JOB_QUERY, { id });
    onPoll(job);
    if (job.status === 'COMPLETED') return job;
    if (job.status === 'FAILED' || job.status === 'CANCELLED') throw new Error(`the job ended ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function syncDelete(url: string, id: string): Promise<number> {
  const started = performance.now();
  const answer = await graphql<{ bulkDeleteDeals: { deletedCount: number } }>(url, DELETE_DEALS, { input: { ids: [id] } });
  if (answer.bulkDeleteDeals.deletedCount !== 1) throw new Error(`a synchronous delete answered ${JSON.stringify(answer)}`);
  return performance.now() - started;
}

async function withFacade<T>(simulatorUrl: string, dbPath: string, work: (facade: Child & { url: string }) => Promise<T>, memoryGroup?: MemoryGroup): Promise<T> {
  const child = await spawnBenchChild('facade', facadeEnv({
    LEADLEX_API_URL: simulatorUrl,
    LEADLEX_API_KEY: SIM_KEYS.leadlex,
    JOBS_DB_PATH: dbPath,
    BATCH_CONCURRENCY: String(CONCURRENCY),
    JOB_WORKER_CONCURRENCY: '1',
    JOB_RATE_SHARE: String(JOB_RATE_SHARE),
    UPSTREAM_CONCURRENCY: '8',
    // Logs to stdout (/dev/null); info keeps the line per state change a real run writes.
    LOG_LEVEL: 'info',
  }), FACADE_CHILD_ARGV, memoryGroup);
  try {
    return await work(Object.assign(child, { url: String(child.info.url) }));
  } finally {
    await child.stop();
  }
}

async function runLarge(settings: RunSettings, log: (line: string) => void, memoryGroup?: MemoryGroup): Promise<LargeJobRun> {
  const ids = settings.smoke ? 20_000 : 1_000_000;
  const latencyMs = 10;
  const simulator = await startSimulator({ vendor: 'leadlex', apiKey: SIM_KEYS.leadlex, latencyMs });
  const dir = mkdtempSync(join(WORK_DIR, 'jobs-large-'));
  try {
    const { path, id } = await writeJob(dir, ids, 'deal_');
    return await withFacade(simulator.url, path, async (facade) => {
      await facade.request('mark');
      const job = await runToEnd(facade.url, id);
      const memory = await facade.request<MemoryWindow>('peak');
      const batches = ids / DEALS_BATCH;
      const run: LargeJobRun = {
        ids, batches, latencyMs,
        elapsedMs: Date.parse(job.finishedAt!) - Date.parse(job.startedAt!),
        idealMs: Math.ceil(batches / CONCURRENCY) * latencyMs,
        rssBeforeMb: memory.rssBefore / MB,
        rssPeakMb: memory.rssPeak / MB,
        heapBeforeMb: memory.heapBefore / MB,
        heapPeakMb: memory.heapPeak / MB,
      };
      log(`  ${ids} IDs: ${fmt(run.elapsedMs / 1000, 2)} s (ideal ${fmt(run.idealMs / 1000, 2)} s), RSS ${fmt(run.rssBeforeMb)} → ${fmt(run.rssPeakMb)} MB, heap ${fmt(run.heapBeforeMb)} → ${fmt(run.heapPeakMb)} MB`);
      return run;
    }, memoryGroup);
  } finally {
    await simulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runPaced(settings: RunSettings, log: (line: string) => void): Promise<PacedJobRun> {
  const limit = settings.smoke ? 10 : 50;
  const windowMs = settings.smoke ? 1_000 : 2_000;
  const latencyMs = 20;
  const allowedPerWindow = Math.floor(limit * JOB_RATE_SHARE);
  // Enough batches for several whole windows at the job's share.
  const batches = allowedPerWindow * (settings.smoke ? 4 : 6);
  const ids = batches * DEALS_BATCH;
  const simulator = await startSimulator({ vendor: 'leadlex', apiKey: SIM_KEYS.leadlex, latencyMs, quota: { limit, windowMs }, keepAdmittedTimes: true });
  const dir = mkdtempSync(join(WORK_DIR, 'jobs-paced-'));
  try {
    const { path, id } = await writeJob(dir, ids, 'paced_');
    return await withFacade(simulator.url, path, async (facade) => {
      // One batch's time: a synchronous delete on the idle facade (it also shows the facade the headers).
      const idle: number[] = [];
      for (let i = 0; i < 3; i++) idle.push(await syncDelete(facade.url, `idle_${i}`));
      await simulator.request('reset');
      const syncMs: number[] = [];
      const syncSentAt: number[] = [];
      let pauses = 0;
      let lastStatus = '';
      let nextSync = Date.now() + windowMs / 3;
      let pending: Promise<void> | null = null;
      await runToEnd(facade.url, id, (job) => {
        if (job.status === 'PAUSED' && lastStatus !== 'PAUSED') pauses += 1;
        lastStatus = job.status;
        // A synchronous delete every ~0.7 window while the job runs or waits: within the rest of the budget.
        if (pending === null && Date.now() >= nextSync) {
          syncSentAt.push(Date.now());
          pending = syncDelete(facade.url, `sync_${syncMs.length}`).then((ms) => void syncMs.push(ms)).finally(() => {
            pending = null;
            nextSync = Date.now() + (windowMs * 2) / 3;
          });
        }
      });
      await pending;
      const stats = await simulator.request<SimulatorStats>('stats');
      const windows = new Map<number, number>();
      for (const at of stats.admittedAt) windows.set(Math.floor(at / windowMs), (windows.get(Math.floor(at / windowMs)) ?? 0) + 1);
      for (const at of syncSentAt) windows.set(Math.floor(at / windowMs), (windows.get(Math.floor(at / windowMs)) ?? 0) - 1);
      const keys = [...windows.keys()].sort((a, b) => a - b);
      const whole = keys.slice(1, -1).map((w) => windows.get(w)!);
      const run: PacedJobRun = { ids, batches, limit, windowMs, latencyMs, allowedPerWindow, jobPerWindow: whole, simulator: stats, idleSyncMs: median(idle), syncMs, pauses };
      log(`  paced: ${whole.join(', ')} job requests per whole window (allowed ${allowedPerWindow}); 429s ${stats.byStatus['429'] ?? 0}; sync ${syncMs.map((ms) => fmt(ms, 0)).join(', ')} ms (idle ${fmt(run.idleSyncMs, 0)} ms)`);
      return run;
    });
  } finally {
    await simulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runJobs(settings: RunSettings, log: (line: string) => void): Promise<JobsResult> {
  const large = await runLarge(settings, log);
  // The same job where Node sizes V8's heap from the container's limit, as deployed.
  const largeInManifestLimit = await inManifestLimit('the same job', log, (group) => runLarge(settings, log, group));
  const paced = await runPaced(settings, log);
  const ratio = large.elapsedMs / large.idealMs;
  const growth = large.rssPeakMb - large.rssBeforeMb;
  const share = paced.jobPerWindow.length === 0 ? Number.NaN : paced.jobPerWindow.reduce((a, b) => a + b, 0) / (paced.jobPerWindow.length * paced.allowedPerWindow);
  const batchTimeMs = paced.idleSyncMs;
  const syncMedian = median(paced.syncMs);
  const checks: Check[] = [
    { scenario: '6', what: `${large.ids.toLocaleString('en')}-ID LeadLex job, ${large.latencyMs} ms per call, concurrency ${CONCURRENCY}: time against the ideal`, target: '≤ 1.25×', measured: `${fmt(ratio, 2)}× (${fmt(large.elapsedMs / 1000, 2)} s / ${fmt(large.idealMs / 1000, 2)} s)`, met: ratio <= 1.25 },
    { scenario: '6', what: 'the same job: facade peak RSS growth', target: '≤ 64 MB', measured: `${fmt(growth)} MB`, met: growth <= 64 },
    ...(largeInManifestLimit === null ? [] : [{
      scenario: '6', what: `the same job inside the Kubernetes manifest's memory limit (${fmt(largeInManifestLimit.limitBytes / MB, 0)} MiB): time against the ideal, peak RSS growth`, target: 'reported',
      measured: `${fmt(largeInManifestLimit.elapsedMs / largeInManifestLimit.idealMs, 2)}×, ${fmt(largeInManifestLimit.rssPeakMb - largeInManifestLimit.rssBeforeMb)} MB`, met: null,
    }]),
    { scenario: '6', what: `paced job (${paced.limit} per ${paced.windowMs / 1000} s, JOB_RATE_SHARE ${JOB_RATE_SHARE}): share of the job budget used in whole windows`, target: '≥ 95 %', measured: `${fmt(share * 100, 0)} %`, met: share >= 0.95 },
    { scenario: '6', what: 'paced job: 429s after the first headers', target: '0', measured: String(paced.simulator.byStatus['429'] ?? 0), met: (paced.simulator.byStatus['429'] ?? 0) === 0 },
    { scenario: '6', what: 'paced job: a synchronous delete during the job (median, max)', target: `≤ one batch's time (${fmt(batchTimeMs, 0)} ms idle) + ${paced.latencyMs} ms`, measured: `${fmt(syncMedian, 0)} ms, ${fmt(Math.max(...paced.syncMs), 0)} ms`, met: syncMedian <= batchTimeMs + paced.latencyMs },
  ];
  return { large, largeInManifestLimit, paced, checks };
}
