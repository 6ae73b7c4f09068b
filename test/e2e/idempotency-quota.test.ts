import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import type { FacadeHarness } from '../helpers/facade.ts';
import { expectError, expectResult, leakedSecrets, mutate, startSeeded } from '../helpers/e2e.ts';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../helpers/redis.ts';

// docs/contract.md §6 scopes idempotency keys to the client; so does the room for them. A client at
// its quota (IDEMPOTENCY_MAX_KEYS_PER_CLIENT) is refused with IDEMPOTENCY_STORE_FULL before
// any upstream call (§4: an error means nothing was deleted), and no other client notices.

function client(name: string): { key: string; line: string; headers: Record<string, string> } {
  const key = generateApiKey();
  return { key, line: buildApiKeyLine(name, '*', hashApiKey(key)), headers: { authorization: `Bearer ${key}` } };
}

const GREEDY = client('greedy-batch');
const QUIET = client('quiet-console');
const SEED = ['g1', 'g2', 'g3', 'g4', 'q1', 'q2'];
const PASSWORD = 'redis-SECRET-pw-quota-4b7e';

let redis: RedisServer | undefined;
let facade: FacadeHarness | undefined;
beforeAll(async () => {
  if (redisServerAvailable()) redis = await startRedisServer({ password: PASSWORD });
});
afterAll(async () => redis?.stop());
afterEach(async () => {
  await facade?.close();
  facade = undefined;
  if (redis !== undefined && !redis.running()) await redis.start();
});

/** Each store, with the environment that selects it (read once the server has started). */
const stores: Array<[string, () => Record<string, string>]> = [['in-process', () => ({})]];
if (redisServerAvailable()) stores.push(['Redis', () => ({ REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${redis?.port}` })]);

describe.each(stores)('IDEMPOTENCY_STORE_FULL (%s store)', (_name, storeEnv) => {
  it('refuses a client\'s new key past its quota before any upstream call; its stored keys, its unkeyed calls and other clients work on', async () => {
    facade = await startSeeded({ env: { AUTH_REQUIRED: 'true', AUTH_API_KEYS: `${GREEDY.line}\n${QUIET.line}`, IDEMPOTENCY_MAX_KEYS_PER_CLIENT: '2', ...storeEnv() } }, SEED);
    const quiet = expectResult(await mutate(facade, 'deals', { ids: ['q1'], idempotencyKey: 'quiet-1' }, QUIET.headers));
    const greedy = expectResult(await mutate(facade, 'deals', { ids: ['g1'], idempotencyKey: 'greedy-1' }, GREEDY.headers));
    expectResult(await mutate(facade, 'deals', { ids: ['g2'], idempotencyKey: 'greedy-2' }, GREEDY.headers));
    const calls = facade.leadlex.received.length;

    const refused = expectError(await mutate(facade, 'deals', { ids: ['g3'], idempotencyKey: 'greedy-3' }, GREEDY.headers), { code: 'IDEMPOTENCY_STORE_FULL', retryAfter: 'any' });
    expect(refused.message).toMatch(/nothing was deleted/);
    expect(refused.extensions.retryAfter).toBeLessThanOrEqual(24 * 60 * 60);
    expect(facade.leadlex.received).toHaveLength(calls);
    expect(facade.leadlex.has('g3')).toBe(true);

    expect(expectResult(await mutate(facade, 'deals', { ids: ['g1'], idempotencyKey: 'greedy-1' }, GREEDY.headers))).toEqual(greedy);
    expect(expectResult(await mutate(facade, 'deals', { ids: ['g4'] }, GREEDY.headers))).toMatchObject({ deletedCount: 1 });
    expect(expectResult(await mutate(facade, 'deals', { ids: ['q1'], idempotencyKey: 'quiet-1' }, QUIET.headers))).toEqual(quiet);
    expect(expectResult(await mutate(facade, 'deals', { ids: ['q2'], idempotencyKey: 'quiet-2' }, QUIET.headers))).toMatchObject({ deletedCount: 1 });
    expect(facade.leadlex.received).toHaveLength(calls + 2);
    expect(leakedSecrets([refused.message, ...facade.logs], [GREEDY.key, QUIET.key, PASSWORD])).toEqual([]);
  });
});

describe.each(stores)('what a stored result takes (%s store)', (_name, storeEnv) => {
  it('charges a keyed call of 2,000 IDs of 256 characters a few kilobytes, not the 0.5 MB of its IDs', async () => {
    const calls = [0, 1, 2].map((call) => Array.from({ length: 2_000 }, (_, i) => `${call}-${String((i * 7) % 2_000).padStart(4, '0')}-`.padEnd(256, 'x')));
    facade = await startSeeded({ env: { IDEMPOTENCY_MAX_BYTES_PER_CLIENT: String(64 * 1024), ...storeEnv() } }, calls.flat());
    const results = [];
    for (const [call, ids] of calls.entries()) {
      results.push(expectResult(await mutate(facade, 'intents', { ids, idempotencyKey: `long-${call}` })));
    }
    for (const [call, ids] of calls.entries()) {
      const again = expectResult(await mutate(facade, 'intents', { ids: [...ids].reverse(), idempotencyKey: `long-${call}` }));
      expect(again).toEqual(results[call]);
      expect(again.deletedIds).toEqual(ids);
    }
    expect(facade.stoq.received).toHaveLength(3);
  });
});

describe.runIf(redisServerAvailable())('/readyz with REDIS_URL', () => {
  it('answers 503 with a reason while Redis is down, and 200 again once it is back', async () => {
    const server = redis as RedisServer;
    facade = await startSeeded({ env: { REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${server.port}` } });
    const ready = async (): Promise<{ status: number; body: Record<string, unknown>; text: string }> => {
      const response = await fetch(`${(facade as FacadeHarness).url}/readyz`);
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
    };
    expect(await ready()).toMatchObject({ status: 200, body: { status: 'ready' } });

    await server.stop();
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'unavailable', reason: expect.stringMatching(/idempotency store \(Redis at redis:\/\/127\.0\.0\.1:\d+\)/) });
    expect(down.text).not.toContain(PASSWORD);
    expect((await fetch(`${facade.url}/healthz`)).status).toBe(200);

    await server.start();
    const deadline = Date.now() + 15_000;
    while ((await ready()).status !== 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await ready()).toMatchObject({ status: 200, body: { status: 'ready' } });
  });
});
