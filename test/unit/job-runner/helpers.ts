import { afterEach } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { createJobRunner, SILENT_OBSERVER, type JobRunContext, type JobRunEnd, type JobRunner, type JobTargetRunners, type Timers } from '../../../src/job-runner/index.ts';
import { createLocalJobEvents, type Job, type JobEvents, type JobResultLine, type JobStore, type JobTarget } from '../../../src/jobs/index.ts';
import { createJobTargetRunners } from '../../../src/server/job-targets.ts';
import {
  startKoreSimulator, startLeadLexSimulator, startStoqSimulator,
  type KoreSimulator, type KoreSimulatorOptions, type LeadLexSimulator, type LeadLexSimulatorOptions, type StoqSimulator, type StoqSimulatorOptions,
} from '../../../src/simulators/index.ts';
import { createUpstreamSets, type Upstreams } from '../../../src/upstreams/index.ts';
import { manualClock, useStores, useTempDb } from '../jobs/helpers.ts';

export { manualClock, useTempDb };

export const OWNER = 'client-a';
export const WORKER = 'worker-1';
export const LEASE_MS = 30_000;

/** Timers that never fire: the runner's lease renewal is not what these tests are about. */
export const IDLE_TIMERS: Timers = { setTimeout: () => null, clearTimeout: () => {} };

/** The credentials the simulators and the facade's config share (test-only, recognisable). */
export const CREDENTIALS = {
  stoq: 'stoq-test-token-3c1f',
  leadlex: 'wbk_test-leadlex-key-8d2e',
  koreClientId: 'cs-runner-test-client',
  koreClientSecret: 'kore-runner-test-secret',
} as const;

/** Environment for loadConfig pointing at the simulators. */
export function simulatorEnv(sims: { stoq: StoqSimulator; kore: KoreSimulator; leadlex: LeadLexSimulator }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    UPSTREAM_TIMEOUT_MS: '2000',
    RATE_LIMIT_MAX_WAIT_MS: '1000',
    STOQ_API_URL: sims.stoq.url,
    STOQ_API_KEY: CREDENTIALS.stoq,
    KORE_API_URL: sims.kore.url,
    KORE_STREAM_ID: 'st-test',
    KORE_ACCOUNT_ID: 'acct-test',
    KORE_CLIENT_ID: CREDENTIALS.koreClientId,
    KORE_CLIENT_SECRET: CREDENTIALS.koreClientSecret,
    LEADLEX_API_URL: sims.leadlex.url,
    LEADLEX_API_KEY: CREDENTIALS.leadlex,
    ...extra,
  };
}

/** What a rig is built with. */
export interface RigOptions {
  readonly stoq?: StoqSimulatorOptions;
  readonly kore?: KoreSimulatorOptions;
  readonly leadlex?: LeadLexSimulatorOptions;
  readonly env?: Record<string, string>;
  /** The database file; a fresh temporary one by default. */
  readonly path?: string;
  readonly clock?: ReturnType<typeof manualClock>;
  readonly events?: JobEvents;
}

/** A runner over a real SQLite file and real simulators on loopback, time moved by hand. */
export interface Rig {
  readonly store: JobStore;
  readonly events: JobEvents;
  readonly runner: JobRunner;
  readonly clock: ReturnType<typeof manualClock>;
  readonly stoq: StoqSimulator;
  readonly kore: KoreSimulator;
  readonly leadlex: LeadLexSimulator;
  /** The mutations' adapters, sharing the guards with the jobs' (for a sync delete during a job). */
  readonly upstreams: Upstreams;
  /** The runner's targets, to send a batch as it would (a worker that dies before recording). */
  readonly targets: JobTargetRunners;
  readonly path: string;
  createJob(target: JobTarget, ids: readonly string[], batchSize: number, options?: Record<string, unknown>): Promise<Job>;
  /** Claims the next job and runs it until it ends, moving the clock to each pause's end. */
  runToEnd(onPause?: (end: Extract<JobRunEnd, { kind: 'paused' }>) => void | Promise<void>): Promise<Job>;
  results(jobId: string): Promise<JobResultLine[]>;
  context(signal?: AbortSignal): JobRunContext;
}

/** Starts a rig; everything is closed after the test. */
export function useRig(): (options?: RigOptions) => Promise<Rig> {
  const tempDb = useTempDb();
  const openStore = useStores();
  const toClose: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of toClose.splice(0)) await close();
  });
  return async (options = {}) => {
    const clock = options.clock ?? manualClock(Date.UTC(2026, 0, 1, 0, 0, 0));
    const [stoq, kore, leadlex] = await Promise.all([
      startStoqSimulator({ apiKey: CREDENTIALS.stoq, now: clock.now, ...options.stoq }),
      startKoreSimulator({ clientId: CREDENTIALS.koreClientId, clientSecret: CREDENTIALS.koreClientSecret, accountId: 'acct-test', streamIds: ['st-test'], now: clock.now, ...options.kore }),
      startLeadLexSimulator({ apiKey: CREDENTIALS.leadlex, now: clock.now, ...options.leadlex }),
    ]);
    toClose.push(() => Promise.all([stoq.close(), kore.close(), leadlex.close()]).then(() => undefined));
    const config = loadConfig(simulatorEnv({ stoq, kore, leadlex }, options.env));
    const sets = createUpstreamSets(config.upstreams, config.policy, { now: clock.now, retryBaseDelayMs: 1 }, config.protection, config.jobRunner.rateShare);
    const path = options.path ?? tempDb();
    const store = await openStore(path, clock);
    const events = options.events ?? createLocalJobEvents();
    const targets = createJobTargetRunners(sets.jobUpstreams, { concurrency: config.policy.batchConcurrency });
    const runner = createJobRunner({ store, events, targets, observer: SILENT_OBSERVER, now: clock.now, timers: IDLE_TIMERS });
    const context = (signal = new AbortController().signal): JobRunContext => ({ workerId: WORKER, leaseMs: LEASE_MS, signal });
    return {
      store, events, runner, clock, stoq, kore, leadlex, path, context, targets,
      upstreams: sets.upstreams,
      async createJob(target, ids, batchSize, jobOptions = {}) {
        const created = await store.create({ owner: OWNER, target, options: jobOptions, ids, start: true, batchSize, idempotencyKey: null }, { maxIdsPerJob: 1_000_000 });
        return created.job;
      },
      async runToEnd(onPause) {
        const claimed = await store.claim(WORKER, LEASE_MS);
        if (claimed === null) throw new Error('no job to claim');
        let end = await runner.runJob(claimed, context());
        for (let pauses = 0; end.kind === 'paused'; pauses++) {
          if (pauses > 1000) throw new Error('the job never stopped pausing');
          await onPause?.(end);
          clock.set(Math.max(clock.now(), end.resumesAt));
          end = await runner.resumeJob(end.job, context());
        }
        if (end.kind !== 'ended') throw new Error(`the run ended ${end.kind}`);
        return end.job;
      },
      async results(jobId) {
        const lines: JobResultLine[] = [];
        const iterable = await store.results(jobId, OWNER);
        if (iterable === null) throw new Error(`job ${jobId} has no results yet`);
        for await (const line of iterable) lines.push(line);
        return lines;
      },
    };
  };
}

/** `prefix-0` … `prefix-(n-1)`. */
export function ids(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
}

/** The result lines grouped: which IDs each outcome (or failure code) holds. */
export function byOutcome(lines: readonly JobResultLine[]): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const line of lines) (groups[line.code ?? line.outcome] ??= []).push(line.id);
  return groups;
}

/** Timers on the rig's clock: they fire only when the test moves the clock with `advanceTo`. */
export function manualTimers(clock: ReturnType<typeof manualClock>) {
  const pending = new Set<{ at: number; callback: () => void }>();
  const timers: Timers = {
    setTimeout(callback, ms) {
      const timer = { at: clock.now() + ms, callback };
      pending.add(timer);
      return timer;
    },
    clearTimeout(handle) {
      pending.delete(handle as { at: number; callback: () => void });
    },
  };
  return {
    timers,
    /** Moves the clock to `at` and fires every timer due by then, in time order. */
    advanceTo(at: number): void {
      clock.set(Math.max(clock.now(), at));
      const due = [...pending].filter((t) => t.at <= clock.now()).sort((a, b) => a.at - b.at);
      for (const timer of due) {
        pending.delete(timer);
        timer.callback();
      }
    },
    /** When the next timer is due, or null. */
    next(): number | null {
      let first: number | null = null;
      for (const timer of pending) first = first === null ? timer.at : Math.min(first, timer.at);
      return first;
    },
  };
}

/** Waits (on the event loop, not the clock) until `condition` holds. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what = 'condition', timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
