import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FacadeError } from '../../../src/errors/index.ts';
import {
  DEFAULT_CLIENT_QUOTA, IDEMPOTENCY_RETENTION_MS, createIdempotencyStore, createRedisStore, runIdempotent,
  type IdempotencyStore, type RedisStoreOptions,
} from '../../../src/idempotency/index.ts';
import { freePort, redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis.ts';
import { resultOf } from './results.ts';
import { until } from './store-contract.ts';

// What only the shared store has: leases and their owners, waking across replicas, and a
// Redis that is missing at start or goes away mid-way. The shared behaviour is in
// store-contract.test.ts.

const PASSWORD = 'redis-SECRET-pw-5e1c';

describe.runIf(redisServerAvailable())('createRedisStore', () => {
  let server: RedisServer;
  /** A plain connection to look at (and tamper with) what the stores wrote. */
  let raw: Redis;
  let stores: IdempotencyStore[] = [];
  let prefix = '';
  let tests = 0;

  beforeAll(async () => {
    server = await startRedisServer();
    raw = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    raw.on('error', () => {});
    await raw.connect();
  });
  afterAll(async () => {
    raw?.disconnect();
    await server?.stop();
  });
  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    stores = [];
  });

  /** A store on the test server; every test gets its own prefix, so they never share keys. */
  async function store(options: Partial<RedisStoreOptions> = {}): Promise<IdempotencyStore> {
    const created = await createRedisStore({ url: server.url, prefix, pollMinMs: 5, pollMaxMs: 50, ...options });
    stores.push(created);
    return created;
  }
  const call = (fingerprint: string, deleted = 1) => ({ fingerprint, result: resultOf(deleted) });

  beforeEach(() => void (prefix = `t${++tests}:`));

  describe('each client\'s accounting', () => {
    const accountOf = (client: string): { records: string; sizes: string } => {
      const base = `${prefix}client:${createHash('sha256').update(client).digest('base64url')}`;
      return { records: `${base}:records`, sizes: `${base}:sizes` };
    };

    it('counts a client\'s records and their bytes exactly, and gives both back on release', async () => {
      const a = await store();
      const { records, sizes } = accountOf('acme');
      await a.claim('k1', 'fp', 'acme');
      await a.claim('k2', 'fp', 'acme');
      await a.complete('k2', call('fp', 5));
      const stored = (await raw.get(`${prefix}k2`)) ?? '';
      const running = (await raw.get(`${prefix}k1`)) ?? '';
      expect(await raw.zrange(records, '0', '-1')).toEqual(expect.arrayContaining(['k1', 'k2']));
      expect(await raw.hgetall(sizes)).toEqual({ k1: String(Buffer.byteLength(running)), k2: String(Buffer.byteLength(stored)), '*': String(Buffer.byteLength(running) + Buffer.byteLength(stored)) });
      await a.release('k1');
      expect(await raw.zrange(records, '0', '-1')).toEqual(['k2']);
      expect(await raw.hget(sizes, '*')).toBe(String(Buffer.byteLength(stored)));
      expect(await raw.zcard(accountOf('other').records)).toBe(0);
    });

    it('scores each record with its expiry, and lets the accounting keys outlive them', async () => {
      const a = await store({ leaseMs: 60_000, retentionMs: 120_000 });
      const { records, sizes } = accountOf('acme');
      await a.claim('k', 'fp', 'acme');
      const [, claimedScore] = await raw.zrange(records, '0', '-1', 'WITHSCORES');
      const [seconds, micros] = await raw.time();
      const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      expect(Number(claimedScore) - now).toBeGreaterThan(55_000);
      expect(Number(claimedScore) - now).toBeLessThanOrEqual(60_000);
      await a.complete('k', call('fp'));
      const [, completedScore] = await raw.zrange(records, '0', '-1', 'WITHSCORES');
      expect(Number(completedScore) - now).toBeGreaterThan(115_000);
      for (const key of [records, sizes]) {
        expect(await raw.pttl(key)).toBeGreaterThan(120_000);
        expect(await raw.pttl(key)).toBeLessThanOrEqual(120_000 + 60_000);
      }
    });

    it('drops a record that expired by its TTL from the count at the client\'s next claim', async () => {
      // Redis expires on its own clock: the record must outlive the next two commands however
      // slow the machine, and then expire while the test polls.
      const a = await store({ retentionMs: 2_000, quota: { maxKeys: 1 } });
      const { records, sizes } = accountOf('acme');
      await a.claim('old', 'fp', 'acme');
      await a.complete('old', call('fp'));
      expect(await a.claim('new', 'fp', 'acme')).toMatchObject({ kind: 'full', limit: 'keys' });
      await until(async () => (await raw.exists(`${prefix}old`)) === 0, 'the record expires');
      expect(await raw.zcard(records)).toBe(1);
      expect(await a.claim('new', 'fp', 'acme')).toEqual({ kind: 'claimed' });
      expect(await raw.zrange(records, '0', '-1')).toEqual(['new']);
      expect(await raw.hkeys(sizes)).toEqual(expect.arrayContaining(['new', '*']));
      expect(await raw.hexists(sizes, 'old')).toBe(0);
    });
  });

  describe('entries', () => {
    it('keeps an in-flight claim as JSON under the prefix, with the lease as its TTL', async () => {
      const a = await store({ leaseMs: 60_000 });
      await a.claim('k', 'fp', 'client');
      const value = JSON.parse((await raw.get(`${prefix}k`)) ?? 'null');
      expect(value).toMatchObject({ state: 'in-flight', fingerprint: 'fp' });
      expect(typeof value.owner).toBe('string');
      const ttl = await raw.pttl(`${prefix}k`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    });

    it('replaces the lease with the 24-hour retention on complete', async () => {
      const a = await store({ leaseMs: 60_000 });
      await a.claim('k', 'fp', 'client');
      await a.complete('k', call('fp', 3));
      expect(JSON.parse((await raw.get(`${prefix}k`)) ?? 'null')).toMatchObject({ state: 'completed', fingerprint: 'fp', stored: resultOf(3) });
      const ttl = await raw.pttl(`${prefix}k`);
      expect(ttl).toBeGreaterThan(IDEMPOTENCY_RETENTION_MS - 60 * 60 * 1000);
      expect(ttl).toBeLessThanOrEqual(IDEMPOTENCY_RETENTION_MS);
    });

    it('replays a record an earlier version stored (the whole result, as `result`)', async () => {
      const a = await store();
      await raw.set(`${prefix}k`, JSON.stringify({ state: 'completed', fingerprint: 'fp', owner: 'earlier', result: resultOf(4) }));
      expect(await a.claim('k', 'fp', 'client')).toEqual({ kind: 'completed', result: resultOf(4) });
      expect(await runIdempotent(a, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, async () => resultOf(99))).toEqual({ result: resultOf(4), replayed: true });
    });

    it('refuses an unreadable entry with a clear error instead of replaying it', async () => {
      const a = await store();
      await raw.set(`${prefix}k`, 'not json');
      await expect(a.claim('k', 'fp', 'client')).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: expect.stringMatching(/unreadable entry/) });
    });
  });

  describe('leases and owners', () => {
    it('frees the key of an owner that died mid-call once its lease ends', async () => {
      // Long enough that the lease cannot end, on a slow machine, before b's first claim sees it.
      const dead = await store({ leaseMs: 2_000 });
      const b = await store({ leaseMs: 2_000 });
      await dead.claim('k', 'fp', 'client');
      await dead.close(); // dies without completing or releasing
      expect(await b.claim('k', 'fp', 'client')).toEqual({ kind: 'in-flight' });
      expect(await b.waitFor('k')).toBeNull();
      expect(await b.claim('k', 'fp', 'client')).toEqual({ kind: 'claimed' });
    });

    it('renews the lease of a live owner, so a call longer than the lease keeps its claim', async () => {
      // Renewed every third of a lease: a stalled event loop has two thirds (1 s) to spare.
      const a = await store({ leaseMs: 1_500 });
      const b = await store({ leaseMs: 1_500 });
      await a.claim('k', 'fp', 'client');
      // Three leases of Redis's (real) time: without renewal the claim would be gone by then.
      const start = Date.now();
      await until(async () => {
        expect(await b.claim('k', 'fp', 'client')).toEqual({ kind: 'in-flight' });
        return Date.now() - start >= 3 * 1_500;
      }, 'three leases have passed');
      await a.complete('k', call('fp', 2));
      expect(await b.claim('k', 'fp', 'client')).toEqual({ kind: 'completed', result: resultOf(2) });
    });

    it('never lets an owner that lost its lease complete or release another owner\'s claim', async () => {
      const late = await store();
      const b = await store();
      const c = await store();
      await late.claim('k', 'fp', 'client');
      await raw.del(`${prefix}k`); // the lease ran out
      expect(await b.claim('k', 'fp', 'client')).toEqual({ kind: 'claimed' });
      await late.complete('k', call('fp', 1));
      expect(await c.claim('k', 'fp', 'client')).toEqual({ kind: 'in-flight' });
      await late.release('k');
      expect(await c.claim('k', 'fp', 'client')).toEqual({ kind: 'in-flight' });
      await b.complete('k', call('fp', 2));
      expect(await c.claim('k', 'fp', 'client')).toEqual({ kind: 'completed', result: resultOf(2) });
    });

    it('ignores complete and release from a replica that does not hold the claim', async () => {
      const a = await store();
      const b = await store();
      await a.claim('k', 'fp', 'client');
      await b.complete('k', call('fp', 9));
      await b.release('k');
      expect(await b.claim('k', 'fp', 'client')).toEqual({ kind: 'in-flight' });
      await a.complete('k', call('fp', 1));
      expect(await b.claim('k', 'fp', 'client')).toEqual({ kind: 'completed', result: resultOf(1) });
    });

    it('gives one claim of 50 concurrent ones with mixed inputs; the rest see it in flight or in conflict', async () => {
      const a = await store();
      const b = await store();
      const fingerprints = Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? 'fp-x' : 'fp-y'));
      const claims = await Promise.all(fingerprints.map((fp, i) => (i % 2 === 0 ? a : b).claim('k', fp, 'client')));
      const winners = claims.flatMap((c, i) => (c.kind === 'claimed' ? [fingerprints[i]] : []));
      expect(winners).toHaveLength(1);
      claims.forEach((c, i) => {
        if (c.kind !== 'claimed') expect(c.kind).toBe(fingerprints[i] === winners[0] ? 'in-flight' : 'conflict');
      });
    });
  });

  describe('waiting', () => {
    it('is woken by the completion message from another replica, not only by polling', async () => {
      const a = await store();
      // Polls once, then not again for a minute: only the pub/sub wake-up can end this wait.
      const b = await store({ pollMinMs: 60_000, pollMaxMs: 60_000 });
      await a.claim('k', 'fp', 'client');
      const waiting = b.waitFor('k');
      await until(async () => (await raw.call('PUBSUB', 'NUMSUB', `${prefix}settled`) as [string, number])[1] >= 2, 'both stores listen');
      await a.complete('k', call('fp', 5));
      expect(await waiting).toEqual(call('fp', 5));
    });

    it('falls back to polling when no wake-up comes', async () => {
      const a = await store();
      await a.claim('k', 'fp', 'client');
      const waiting = a.waitFor('k');
      // Completed behind the store's back: no message is published.
      await raw.set(`${prefix}k`, JSON.stringify({ state: 'completed', fingerprint: 'fp', owner: 'someone', result: resultOf(4) }), 'PX', 60_000);
      expect(await waiting).toEqual(call('fp', 4));
    });

    it('gives up after one lease, so the caller claims again', async () => {
      const a = await store({ leaseMs: 200 });
      // An in-flight entry that outlives any lease (written by something else).
      await raw.set(`${prefix}k`, JSON.stringify({ state: 'in-flight', fingerprint: 'fp', owner: 'someone' }), 'PX', 60_000);
      expect(await a.waitFor('k')).toBeNull();
    });
  });

  describe('connection', () => {
    it('fails at start with a message naming REDIS_URL, without its password, when nothing listens', async () => {
      const port = await freePort();
      const error = await createRedisStore({ url: `redis://facade:${PASSWORD}@127.0.0.1:${port}/0`, connectTimeoutMs: 1_000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const message = (error as Error).message;
      expect(message).toMatch(/REDIS_URL/);
      expect(message).toContain(`127.0.0.1:${port}`);
      expect(message).not.toContain(PASSWORD);
    });

    it('fails at start, within its connect timeout, when the server accepts but never answers', async () => {
      const sockets: Socket[] = [];
      const silent: Server = createServer((socket) => void sockets.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as { port: number };
      try {
        await expect(createRedisStore({ url: `redis://:${PASSWORD}@127.0.0.1:${port}`, connectTimeoutMs: 300, commandTimeoutMs: 300 }))
          .rejects.toThrow(/REDIS_URL \(redis:\/\/127\.0\.0\.1:\d+\)/);
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
    });

    it('fails at start when Redis refuses the password, without showing it', async () => {
      const guarded = await startRedisServer({ password: 'the-right-one' });
      try {
        const error = await createRedisStore({ url: `redis://:${PASSWORD}@127.0.0.1:${guarded.port}` }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(/REDIS_URL.*WRONGPASS/);
        expect((error as Error).message).not.toContain(PASSWORD);
        const store = await createRedisStore({ url: `redis://:the-right-one@127.0.0.1:${guarded.port}` });
        await store.close();
      } finally {
        await guarded.stop();
      }
    });

    it('quits its connections on close', async () => {
      const named = async () => (await raw.client('LIST') as string).split('\n').filter((line) => / name=bulk-delete-facade/.test(line)).length;
      await until(async () => (await named()) === 0, 'earlier tests\' connections are gone');
      const a = await store();
      expect(await named()).toBe(2);
      await a.close();
      await until(async () => (await named()) === 0, 'the connections are gone');
    });

    it('picks Redis when REDIS_URL is set: two stores from one config share their keys', async () => {
      const a = await createIdempotencyStore({ redisUrl: server.url, idempotencyQuota: DEFAULT_CLIENT_QUOTA });
      const b = await createIdempotencyStore({ redisUrl: server.url, idempotencyQuota: DEFAULT_CLIENT_QUOTA });
      stores.push(a, b);
      const key = `shared-${prefix}`;
      expect(await a.claim(key, 'fp', 'client')).toEqual({ kind: 'claimed' });
      expect(await b.claim(key, 'fp', 'client')).toEqual({ kind: 'in-flight' });
      await a.release(key);
    });

    it('picks the in-process store without REDIS_URL', async () => {
      const a = await createIdempotencyStore({ redisUrl: null, idempotencyQuota: DEFAULT_CLIENT_QUOTA });
      const b = await createIdempotencyStore({ redisUrl: null, idempotencyQuota: DEFAULT_CLIENT_QUOTA });
      stores.push(a, b);
      expect(await a.claim('k', 'fp', 'client')).toEqual({ kind: 'claimed' });
      expect(await b.claim('k', 'fp', 'client')).toEqual({ kind: 'claimed' });
    });
  });
});

// Stopping the server affects every store on it, so these cases get a server of their own.
describe.runIf(redisServerAvailable())('createRedisStore when Redis goes away', () => {
  let server: RedisServer;
  let stores: IdempotencyStore[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => server?.stop());
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    stores = [];
    // A failed case must not leave the next one without a server.
    if (server.running()) server.resume();
    else await server.start();
  });
  async function store(options: Partial<RedisStoreOptions> = {}): Promise<IdempotencyStore> {
    const created = await createRedisStore({ url: server.url, pollMinMs: 5, pollMaxMs: 50, ...options });
    stores.push(created);
    return created;
  }
  const unavailable = { code: 'IDEMPOTENCY_STORE_UNAVAILABLE', message: expect.stringMatching(/idempotency store \(Redis\).*nothing was deleted|idempotency store \(Redis\).*deleted nothing/) };

  it('refuses a claim with a clear error once Redis is stopped, and works again when it is back', async () => {
    const a = await store();
    await a.claim('before', 'fp', 'client');
    await server.stop();
    const error = await a.claim('k', 'fp', 'client').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FacadeError);
    expect(error).toMatchObject(unavailable);
    await server.start();
    await until(async () => (await a.claim('k', 'fp', 'client').then((c) => c.kind, () => 'failed')) === 'claimed', 'the store reconnects');
  });

  it('fails a waiter with a clear error when Redis stops during the wait', async () => {
    const a = await store();
    const b = await store();
    await a.claim('k', 'fp', 'client');
    const waiting = b.waitFor('k').catch((e: unknown) => e);
    await server.stop();
    expect(await waiting).toMatchObject(unavailable);
  });

  it('refuses a claim within the command timeout when Redis stops answering', async () => {
    const a = await store({ commandTimeoutMs: 200 });
    server.pause();
    await expect(a.claim('k', 'fp', 'client')).rejects.toMatchObject(unavailable);
  });

  it('never runs the call when the claim fails, and closes without hanging', async () => {
    const a = await store();
    await server.stop();
    let runs = 0;
    await expect(runIdempotent(a, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, async () => (runs++, resultOf(1)))).rejects.toMatchObject(unavailable);
    expect(runs).toBe(0);
    await a.close();
  });

  it('reports its health: ok while Redis answers, a reason (no password) while it is stopped or frozen', async () => {
    const a = await store({ commandTimeoutMs: 200 });
    expect(await a.health()).toEqual({ ok: true });
    server.pause();
    expect(await a.health()).toEqual({ ok: false, reason: expect.stringMatching(/Redis at redis:\/\/127\.0\.0\.1:\d+\) does not answer/) });
    server.resume();
    await server.stop();
    // At once, a PING fails ("does not answer"); once the client has seen the connection close,
    // it says so without trying.
    expect(await a.health()).toMatchObject({ ok: false });
    await until(async () => /is not connected/.test(JSON.stringify(await a.health())), 'the lost connection shows');
    expect(await a.health()).toEqual({ ok: false, reason: expect.stringMatching(/Redis at redis:\/\/127\.0\.0\.1:\d+\) is not connected/) });
    await server.start();
    await until(async () => (await a.health()).ok, 'the store reconnects');
  });

  it('still returns the result of a call that ran when Redis fails before it is stored', async () => {
    const a = await store();
    const result = await runIdempotent(a, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, async () => {
      await server.stop();
      return resultOf(3);
    });
    expect(result).toEqual({ result: resultOf(3), replayed: false });
  });
});

// docs/contract.md §6 keeps every record 24 hours, and the README asks for `noeviction`: one client
// filling Redis would then fail every client's keyed calls. Its quota stops it first.
describe.runIf(redisServerAvailable())('createRedisStore under one client\'s flood', () => {
  it('refuses the flooding client at its quota, so a Redis that must not evict keeps serving every other client', async () => {
    const server = await startRedisServer({ maxMemory: '16mb' });
    const store = await createRedisStore({ url: server.url, quota: { maxBytes: 6 * 1024 * 1024 } });
    try {
      await store.claim('victim-old', 'fp', 'victim');
      await store.complete('victim-old', { fingerprint: 'fp', result: resultOf(7) });
      const answers: string[] = [];
      // 40 results of 2,000 IDs of 256 characters: some 20 MB, past Redis's 16 MB.
      for (let i = 0; i < 40; i++) {
        const claim = await store.claim(`attack-${i}`, 'fp', 'attacker').catch((error: unknown) => ({ kind: `error: ${(error as Error).message}` }));
        answers.push(claim.kind);
        if (claim.kind !== 'claimed') continue;
        const ids = Array.from({ length: 2_000 }, (_, n) => `${i}-${n}-`.padEnd(256, 'x'));
        await store.complete(`attack-${i}`, { fingerprint: 'fp', result: { ...resultOf(ids.length), deletedIds: ids } }).catch(() => {});
      }
      // The other client's record is untouched, and its next call, as large as the flood's, is
      // stored (a result Redis refuses to store is a repeat that deletes again).
      expect(await store.claim('victim-old', 'fp', 'victim')).toEqual({ kind: 'completed', result: resultOf(7) });
      expect(await store.claim('victim-new', 'fp', 'victim')).toEqual({ kind: 'claimed' });
      const large = { ...resultOf(2_000), deletedIds: Array.from({ length: 2_000 }, (_, n) => `victim-${n}-`.padEnd(256, 'x')) };
      await store.complete('victim-new', { fingerprint: 'fp', result: large });
      expect(await store.claim('victim-new', 'fp', 'victim')).toEqual({ kind: 'completed', result: large });
      // The flooding client was told, before each refused call ran.
      const firstFull = answers.indexOf('full');
      expect(firstFull).toBeGreaterThanOrEqual(10);
      expect(answers.slice(0, firstFull).every((kind) => kind === 'claimed')).toBe(true);
      expect(answers.slice(firstFull).every((kind) => kind === 'full')).toBe(true);
    } finally {
      await store.close();
      await server.stop();
    }
  });
});
