import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/index.ts';

const LEADLEX = { LEADLEX_API_KEY: 'wbk_leadlex_key_5678' };

function problems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError, the configuration loaded');
}

describe('jobs configuration', () => {
  it('defaults: a database file when live, 1,000,000 IDs a job, 5 running jobs a client, 7 days, Stoq batches of 1,000', () => {
    expect(loadConfig(LEADLEX).jobs).toEqual({ dbPath: 'data/jobs.sqlite', maxIdsPerJob: 1_000_000, maxRunningJobsPerClient: 5, retentionDays: 7, stoqBatchSize: 1_000 });
  });

  it('keeps demo mode\'s jobs in memory unless JOBS_DB_PATH says otherwise, so two demo facades never share a file', () => {
    expect(loadConfig({}).jobs.dbPath).toBe(':memory:');
    expect(loadConfig({ JOBS_DB_PATH: '/var/lib/facade/jobs.sqlite' }).jobs.dbPath).toBe('/var/lib/facade/jobs.sqlite');
  });

  it('reads every variable', () => {
    const jobs = loadConfig({ ...LEADLEX, JOBS_DB_PATH: 'jobs.db', MAX_IDS_PER_JOB: '5000', MAX_RUNNING_JOBS_PER_CLIENT: '2', JOB_RETENTION_DAYS: '0', STOQ_JOB_BATCH_SIZE: '10000' }).jobs;
    expect(jobs).toEqual({ dbPath: 'jobs.db', maxIdsPerJob: 5_000, maxRunningJobsPerClient: 2, retentionDays: 0, stoqBatchSize: 10_000 });
  });

  it.each([
    ['MAX_IDS_PER_JOB', '0'],
    ['MAX_IDS_PER_JOB', '1e6'],
    ['MAX_RUNNING_JOBS_PER_CLIENT', '0'],
    ['MAX_RUNNING_JOBS_PER_CLIENT', '-1'],
    ['JOB_RETENTION_DAYS', 'seven'],
    ['STOQ_JOB_BATCH_SIZE', '10001'],
    ['STOQ_JOB_BATCH_SIZE', '0'],
  ])('refuses %s=%s at start-up, naming the variable and quoting the value', (name, value) => {
    const found = problems({ ...LEADLEX, [name]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(name);
    expect(found[0]).toContain(JSON.stringify(value));
  });

  it('refuses a JOBS_DB_PATH with a NUL byte', () => {
    expect(problems({ ...LEADLEX, JOBS_DB_PATH: 'jobs\u0000.db' })).toEqual([expect.stringContaining('JOBS_DB_PATH')]);
  });
});
