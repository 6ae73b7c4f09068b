import type { JobsConfig } from './config.ts';
import type { EnvReader } from './reader.ts';

/** Where jobs live when JOBS_DB_PATH is unset and the facade is live (relative to the working directory). */
export const DEFAULT_JOBS_DB_PATH = 'data/jobs.sqlite';

/** SQLite's name for a database that lives in memory only (demo mode's default). */
export const IN_MEMORY_DB = ':memory:';

/**
 * Jobs (docs/contract.md §8). JOBS_DB_PATH defaults to `data/jobs.sqlite`, except in demo mode,
 * where jobs against the simulators need not outlive the process and two demo facades on one
 * machine must not share a file: there it defaults to `:memory:`.
 */
export function loadJobsConfig(env: EnvReader, demo: boolean): JobsConfig {
  const dbPath = env.read('JOBS_DB_PATH') ?? (demo ? IN_MEMORY_DB : DEFAULT_JOBS_DB_PATH);
  // A NUL byte would end the path early in the C library; anything else is the operator's file name.
  if (dbPath.includes('\u0000')) env.problems.push('JOBS_DB_PATH must be a file path (or :memory:) without NUL bytes');
  return {
    dbPath,
    maxIdsPerJob: env.int('MAX_IDS_PER_JOB', 1_000_000, 1, 100_000_000),
    retentionDays: env.int('JOB_RETENTION_DAYS', 7, 0, 3650),
    maxRunningJobsPerClient: env.int('MAX_RUNNING_JOBS_PER_CLIENT', 5, 1, 1000),
    // The store's largest batch (jobs/store.ts MAX_JOB_BATCH_SIZE): one transaction's worth of IDs.
    stoqBatchSize: env.int('STOQ_JOB_BATCH_SIZE', 1_000, 1, 10_000),
  };
}
