import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openSqliteJobStore, type CreateJobInput, type JobBatchOutcome, type JobFailure, type JobStore } from '../../../src/jobs/index.ts';

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms), set: (ms: number) => void (now = ms) };
}

/** A fresh temporary folder per test, removed after it; returns the path of a database file in it. */
export function useTempDb(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobs-test-'));
    dirs.push(dir);
    return join(dir, 'data', 'jobs.sqlite');
  };
}

/** Opens a handle on the current test's store state, with the test's clock or the store's own. */
export type OpenStore = (clock?: { now: () => number }) => Promise<JobStore>;

/**
 * One store state per test (an SQLite file, a Redis key prefix) and a way to open handles on
 * it: two handles are two processes on one file, or two replicas on one Redis.
 */
export interface JobStoreFixture {
  readonly open: OpenStore;
  close(): Promise<void>;
}

/** Builds a fresh, empty store state. */
export type JobStoreFactory = () => Promise<JobStoreFixture>;

/** A fresh fixture per test; every handle opened on it, then the fixture, closed after the test. */
export function useFixture(factory: JobStoreFactory): OpenStore {
  let fixture: JobStoreFixture | undefined;
  const handles: JobStore[] = [];
  beforeEach(async () => {
    fixture = await factory();
  });
  afterEach(async () => {
    for (const handle of handles.splice(0)) {
      try {
        await handle.close();
      } catch {
        // already closed by the test (a simulated crash)
      }
    }
    await fixture?.close();
    fixture = undefined;
  });
  return async (clock) => {
    if (fixture === undefined) throw new Error('open() is for use inside a test');
    const handle = await fixture.open(clock);
    handles.push(handle);
    return handle;
  };
}

/** Opened stores are closed after each test. */
export function useStores(): (path: string, clock?: { now: () => number }) => Promise<JobStore> {
  const open: JobStore[] = [];
  afterEach(async () => {
    for (const store of open.splice(0)) {
      try {
        await store.close();
      } catch {
        // already closed by the test (a simulated crash)
      }
    }
  });
  return async (path, clock) => {
    const store = await openSqliteJobStore(path, clock === undefined ? {} : { now: clock.now });
    open.push(store);
    return store;
  };
}

export const LIMITS = { maxIdsPerJob: 1_000_000 };

/** A create input with defaults: a started DEALS job of client-a, batches of 2. */
export function createInput(overrides: Partial<CreateJobInput> = {}): CreateJobInput {
  return { owner: 'client-a', target: 'DEALS', options: {}, ids: ['a', 'b', 'c'], start: true, batchSize: 2, idempotencyKey: null, ...overrides };
}

/** IDs id-0 … id-(n-1). */
export function idRange(n: number, from = 0, prefix = 'id-'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${from + i}`);
}

/** A batch outcome: these IDs deleted (named), those not found, these failed. */
export function outcome(deleted: readonly string[], notFound: number, failures: readonly JobFailure[] = [], knowsDeleted = true): JobBatchOutcome {
  return { deletedCount: deleted.length, notFoundCount: notFound, deletedIds: knowsDeleted ? deleted : null, failures, upstreamRequestIds: [], rateLimit: null };
}

/** A failure row for an ID. */
export function failed(id: string, code: JobFailure['code'] = 'REJECTED', upstreamCode: string | null = 'deal_locked'): JobFailure {
  return { id, code, message: `LeadLex refused ${id}.`, upstreamCode };
}

/** Reads an async iterator to the end. */
export async function collect<T>(lines: AsyncIterable<T> | null): Promise<T[]> {
  const all: T[] = [];
  if (lines === null) return all;
  for await (const line of lines) all.push(line);
  return all;
}
