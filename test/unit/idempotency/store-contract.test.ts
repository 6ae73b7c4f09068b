import { afterAll, beforeAll } from 'vitest';
import { createMemoryStore, createRedisStore, type RedisStoreOptions } from '../../../src/idempotency/index.ts';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis.ts';
import { defineStoreContract } from './store-contract.ts';

// One behavioural suite, two stores (as the upstream contract suites).

defineStoreContract('in-process store', async ({ retentionMs, quota }) => {
  let now = 1_000_000;
  const store = createMemoryStore({ now: () => now, ...(retentionMs === undefined ? {} : { retentionMs }), ...(quota === undefined ? {} : { quota }) });
  return {
    a: store,
    b: store,
    passTime: async (ms) => void (now += ms),
    close: () => store.close(),
  };
});

const withRedis = redisServerAvailable();
let server: RedisServer | undefined;
let fixtures = 0;
if (withRedis) {
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => server?.stop());

  defineStoreContract('Redis store', async ({ retentionMs, quota }) => {
    if (server === undefined) throw new Error('redis-server did not start');
    // A prefix per fixture: every test starts from an empty store on the one server.
    const options: RedisStoreOptions = { url: server.url, prefix: `test:${++fixtures}:`, pollMinMs: 5, pollMaxMs: 50, ...(retentionMs === undefined ? {} : { retentionMs }), ...(quota === undefined ? {} : { quota }) };
    const a = await createRedisStore(options);
    const b = await createRedisStore(options).catch(async (error: unknown) => {
      await a.close();
      throw error;
    });
    return {
      a,
      b,
      // Redis expires keys on its own clock; the tests poll for it.
      passTime: async () => {},
      close: async () => {
        await Promise.all([a.close(), b.close()]);
      },
    };
  });
}
