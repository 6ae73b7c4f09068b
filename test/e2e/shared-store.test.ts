import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createApp } from '../../src/server/create-app.ts';
import type { FacadeHarness } from '../helpers/facade.ts';
import { expectError, expectResult, leakedSecrets, mutate, startSeeded } from '../helpers/e2e.ts';
import { freePort, redisServerAvailable, startRedisServer, type RedisServer } from '../helpers/redis.ts';

// docs/contract.md §6 with REDIS_URL: the facade keeps idempotency keys in Redis. When Redis fails, a
// call with a key fails before any upstream call (never runs without its guarantee); a call
// without one is unaffected; the Redis password appears nowhere.

const PASSWORD = 'redis-SECRET-pw-77d1';

describe.runIf(redisServerAvailable())('a facade with REDIS_URL', () => {
  let redis: RedisServer;
  let facade: FacadeHarness | undefined;
  beforeAll(async () => {
    redis = await startRedisServer({ password: PASSWORD });
  });
  afterAll(async () => redis?.stop());
  afterEach(async () => {
    await facade?.close();
    facade = undefined;
    if (!redis.running()) await redis.start();
  });
  const redisUrl = (): string => `redis://:${PASSWORD}@127.0.0.1:${redis.port}`;

  it('replays a keyed call from Redis: a second facade on the same Redis makes no upstream call', async () => {
    facade = await startSeeded({ env: { REDIS_URL: redisUrl() } });
    const other = await startSeeded({ env: { REDIS_URL: redisUrl() }, simulators: { stoq: facade.stoq } });
    try {
      const first = expectResult(await mutate(facade, 'intents', { ids: ['x1'], idempotencyKey: 'k-shared-store' }));
      const again = expectResult(await mutate(other, 'intents', { ids: ['x1'], idempotencyKey: 'k-shared-store' }));
      expect(again).toEqual(first);
      expect(facade.stoq.received).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('fails a keyed call before any upstream call while Redis is down, serves calls without a key, and recovers', async () => {
    facade = await startSeeded({ env: { REDIS_URL: redisUrl() } });
    await redis.stop();
    const refused = expectError(await mutate(facade, 'deals', { ids: ['x1'], idempotencyKey: 'k-down' }), { code: 'IDEMPOTENCY_STORE_UNAVAILABLE' });
    expect(refused.message).toMatch(/idempotency store \(Redis\).*nothing was deleted/);
    expect(facade.leadlex.received).toHaveLength(0);
    expect(facade.leadlex.has('x1')).toBe(true);

    expect(expectResult(await mutate(facade, 'deals', { ids: ['x2'] }))).toMatchObject({ deletedCount: 1 });

    await redis.start();
    const deadline = Date.now() + 15_000;
    let answer = await mutate(facade, 'deals', { ids: ['x1'], idempotencyKey: 'k-down' });
    while (answer.body.errors !== undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await mutate(facade, 'deals', { ids: ['x1'], idempotencyKey: 'k-down' });
    }
    expect(expectResult(answer)).toMatchObject({ deletedCount: 1 });
    expect(leakedSecrets([...facade.logs, answer.text, refused.message], [PASSWORD])).toEqual([]);
    expect(facade.logs.some((line) => /lost the connection to Redis/.test(line))).toBe(true);
  });

  it('does not start when Redis is unreachable, and says why without the password', async () => {
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${await freePort()}` });
    const error = await createApp(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/REDIS_URL \(redis:\/\/127\.0\.0\.1:\d+\)/);
    expect((error as Error).message).not.toContain(PASSWORD);
  });
});
