import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteJobStore } from '../../../src/jobs/index.ts';
import { defineJobStoreContract } from './store-contract.ts';

// One behavioural suite, two stores.

defineJobStoreContract('SQLite job store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobs-test-'));
  const path = join(dir, 'data', 'jobs.sqlite');
  return {
    open: (clock) => openSqliteJobStore(path, clock === undefined ? {} : { now: clock.now }),
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
