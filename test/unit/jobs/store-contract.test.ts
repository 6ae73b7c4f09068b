import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openRedisJobStore, openSqliteJobStore } from '../../../src/jobs/index.ts';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis.ts';
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

// Under CI a missing redis-server fails here (helpers/redis.ts), it is not skipped.
const withRedis = redisServerAvailable();
let server: RedisServer | undefined;
let fixtures = 0;
if (withRedis) {
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => server?.stop());

  defineJobStoreContract('Redis job store', async () => {
    if (server === undefined) throw new Error('redis-server did not start');
    // A prefix per fixture: every test starts from an empty store on the one server. Without
    // an injected clock the store reads Redis's own.
    const prefix = `test:${++fixtures}:`;
    const url = server.url;
    return {
      open: (clock) => openRedisJobStore({ url, prefix, ...(clock === undefined ? {} : { now: clock.now }) }),
      close: async () => {},
    };
  });
}
