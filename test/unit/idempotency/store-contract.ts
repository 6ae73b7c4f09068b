/**
 * `defineStoreContract`: the behaviour every IdempotencyStore shares (docs/contract.md §6), run against
 * the in-process store and the Redis store alike. Each case uses two handles, `a` and `b`, on
 * one shared state: two replicas' stores on one Redis, or the same in-process store twice, so
 * "a repeat on another replica" is the same test for both.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BulkDeleteResultModel } from '../../../src/bulk-delete/result.ts';
import { runIdempotent, type ClientQuota, type IdempotencyStore, type StoredCall } from '../../../src/idempotency/index.ts';
import { deferred } from '../bulk-delete/helpers.ts';
import { resultOf } from './results.ts';

/** Two handles on one store's state, and control over its expiry. */
export interface StoreFixture {
  readonly a: IdempotencyStore;
  readonly b: IdempotencyStore;
  /** Lets `ms` pass for expiry: moves the store's clock, or nothing where the store's own time runs (tests then poll). */
  passTime(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** What a fixture may override: the 24-hour retention, each client's quota. */
export interface StoreFixtureOptions {
  readonly retentionMs?: number;
  readonly quota?: Partial<ClientQuota>;
}

/** Builds a fresh, empty fixture. */
export type StoreFactory = (options: StoreFixtureOptions) => Promise<StoreFixture>;

/** Polls `condition` until it holds; fails the test after `timeoutMs` instead of hanging. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const call = (fingerprint: string, deleted = 1): StoredCall => ({ fingerprint, result: resultOf(deleted) });

/** A result with `failures` failed IDs, each with a message: the largest a mutation returns. */
export function bigResult(failures: number): BulkDeleteResultModel {
  return {
    kind: 'contacts', requestedCount: failures, deletedCount: 0, notFoundCount: 0, failedCount: failures, deletedIds: null,
    failures: Array.from({ length: failures }, (_, i) => ({
      id: `contact_${String(i).padStart(6, '0')}`, code: 'REJECTED' as const,
      message: `Contact ${i} is locked by a running campaign "ünïcødé ✓" \u0000\n`, upstreamCode: i % 2 === 0 ? 'LOCKED' : null,
    })),
    dryRun: false, upstreamRequestIds: ['req-1', 'req-2'], rateLimit: { limit: 100, remaining: 3, resetAt: '2030-01-01T00:00:00.000Z' }, sentIntentIds: [],
  };
}

/** Defines the shared store behaviour for one implementation. */
export function defineStoreContract(name: string, factory: StoreFactory): void {
  describe(`${name}: IdempotencyStore contract`, () => {
    let fixture: StoreFixture | undefined;
    afterEach(async () => {
      await fixture?.close();
      fixture = undefined;
    });
    const start = async (options: StoreFixtureOptions = {}): Promise<StoreFixture> => (fixture = await factory(options));

    it('lets the first claim on a key run and tells a repeat on another replica it is in flight', async () => {
      const { a, b } = await start();
      expect(await a.claim('k', 'fp', 'client')).toEqual({ kind: 'claimed' });
      expect(await b.claim('k', 'fp', 'client')).toEqual({ kind: 'in-flight' });
    });

    it('returns the stored result to a claim with the same fingerprint once completed', async () => {
      const { a, b } = await start();
      await a.claim('k', 'fp', 'client');
      await a.complete('k', call('fp', 7));
      expect(await b.claim('k', 'fp', 'client')).toEqual({ kind: 'completed', result: resultOf(7) });
    });

    it('answers conflict to another fingerprint, in flight or completed', async () => {
      const { a, b } = await start();
      await a.claim('k', 'fp', 'client');
      expect(await b.claim('k', 'other', 'client')).toEqual({ kind: 'conflict' });
      await a.complete('k', call('fp'));
      expect(await b.claim('k', 'other', 'client')).toEqual({ kind: 'conflict' });
    });

    it('keeps keys apart', async () => {
      const { a, b } = await start();
      await a.claim('a', 'fp', 'client');
      expect(await b.claim('b', 'other', 'client')).toEqual({ kind: 'claimed' });
    });

    it('frees a released key for a new claim, with any fingerprint', async () => {
      const { a, b } = await start();
      await a.claim('k', 'fp', 'client');
      await a.release('k');
      expect(await b.claim('k', 'other', 'client')).toEqual({ kind: 'claimed' });
    });

    it('does not release a completed key', async () => {
      const { a, b } = await start();
      await a.claim('k', 'fp', 'client');
      await a.complete('k', call('fp', 3));
      await a.release('k');
      expect(await b.claim('k', 'fp', 'client')).toEqual({ kind: 'completed', result: resultOf(3) });
    });

    it('gives exactly one of 50 concurrent claims on a free key, from both replicas', async () => {
      const { a, b } = await start();
      const claims = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a : b).claim('k', 'fp', 'client')));
      expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
      expect(claims.filter((c) => c.kind === 'in-flight')).toHaveLength(49);
    });

    it('wakes a waiter on another replica with the stored call when the key completes', async () => {
      const { a, b } = await start();
      await a.claim('k', 'fp', 'client');
      const waiting = b.waitFor('k');
      await a.complete('k', call('fp', 4));
      expect(await waiting).toEqual(call('fp', 4));
    });

    it('wakes every waiter, on both replicas', async () => {
      const { a, b } = await start();
      await a.claim('k', 'fp', 'client');
      const waiting = [a.waitFor('k'), b.waitFor('k'), b.waitFor('k')];
      await a.complete('k', call('fp', 6));
      expect(await Promise.all(waiting)).toEqual([call('fp', 6), call('fp', 6), call('fp', 6)]);
    });

    it('wakes a waiter with null when the key is released', async () => {
      const { a, b } = await start();
      await a.claim('k', 'fp', 'client');
      const waiting = b.waitFor('k');
      await a.release('k');
      expect(await waiting).toBeNull();
    });

    it('answers waitFor at once for a completed key and for an unknown one', async () => {
      const { a, b } = await start();
      await a.claim('k', 'fp', 'client');
      await a.complete('k', call('fp', 2));
      expect(await b.waitFor('k')).toEqual(call('fp', 2));
      expect(await b.waitFor('never')).toBeNull();
    });

    it('keeps a result with 10,000 failures intact', async () => {
      const { a, b } = await start();
      const result = bigResult(10_000);
      await a.claim('big', 'fp', 'client');
      await a.complete('big', { fingerprint: 'fp', result });
      expect(await b.claim('big', 'fp', 'client')).toEqual({ kind: 'completed', result });
      expect(await b.waitFor('big')).toEqual({ fingerprint: 'fp', result });
    });

    it('forgets a result after the retention period, freeing the key for any input', async () => {
      // 2 s: Redis keeps time itself, and the record must outlive the claim below on a slow machine.
      const { a, b, passTime } = await start({ retentionMs: 2_000 });
      await a.claim('k', 'fp', 'client');
      await a.complete('k', call('fp'));
      expect((await b.claim('k', 'fp', 'client')).kind).toBe('completed');
      await passTime(2_000);
      await until(async () => (await b.waitFor('k')) === null, 'the result expires');
      expect(await b.claim('k', 'other', 'client')).toEqual({ kind: 'claimed' });
    });

    it('wakes its waiters with null on close', async () => {
      const { a, b } = await start();
      await a.claim('k', 'fp', 'client');
      const waiting = b.waitFor('k');
      await b.close();
      expect(await waiting).toBeNull();
    });

    describe('each client\'s quota', () => {
      const store = async (s: IdempotencyStore, key: string, client: string, result = resultOf(1)): Promise<void> => {
        expect(await s.claim(key, 'fp', client)).toEqual({ kind: 'claimed' });
        await s.complete(key, { fingerprint: 'fp', result });
      };

      it('refuses a new key from a client at its key quota, before claiming it, and keeps every record', async () => {
        const { a, b } = await start({ quota: { maxKeys: 2 } });
        await store(a, 'k1', 'greedy');
        await store(b, 'k2', 'greedy');
        expect(await a.claim('k3', 'fp', 'greedy')).toMatchObject({ kind: 'full', limit: 'keys' });
        expect(await b.claim('k3', 'fp', 'greedy')).toMatchObject({ kind: 'full', limit: 'keys' });
        expect(await b.claim('k1', 'fp', 'greedy')).toEqual({ kind: 'completed', result: resultOf(1) });
        expect(await a.claim('k2', 'fp', 'greedy')).toEqual({ kind: 'completed', result: resultOf(1) });
        expect(await a.waitFor('k3')).toBeNull();
      });

      it('never lets one client\'s records evict or crowd out another\'s', async () => {
        const size = JSON.stringify(bigResult(200)).length;
        const { a, b } = await start({ quota: { maxBytes: 3 * size } });
        await store(a, 'victim-old', 'victim', resultOf(7));
        const answers: string[] = [];
        for (let i = 0; i < 10; i++) {
          const claim = await (i % 2 === 0 ? a : b).claim(`attack-${i}`, 'fp', 'attacker');
          answers.push(claim.kind);
          if (claim.kind === 'claimed') await (i % 2 === 0 ? a : b).complete(`attack-${i}`, { fingerprint: 'fp', result: bigResult(200) });
        }
        expect(answers.slice(0, 3)).toEqual(['claimed', 'claimed', 'claimed']);
        expect(answers.slice(3)).toEqual(Array(7).fill('full'));
        expect(await b.claim('attack-3', 'fp', 'attacker')).toMatchObject({ kind: 'full', limit: 'bytes' });
        expect(await b.claim('victim-old', 'fp', 'victim')).toEqual({ kind: 'completed', result: resultOf(7) });
        await store(b, 'victim-new', 'victim', resultOf(8));
        expect(await a.claim('victim-new', 'fp', 'victim')).toEqual({ kind: 'completed', result: resultOf(8) });
      });

      it('counts a call in flight against its client\'s keys, and frees the room when it is released', async () => {
        const { a, b } = await start({ quota: { maxKeys: 1 } });
        expect(await a.claim('running', 'fp', 'c')).toEqual({ kind: 'claimed' });
        expect(await b.claim('other', 'fp', 'c')).toMatchObject({ kind: 'full', limit: 'keys' });
        expect(await b.claim('running', 'fp', 'c')).toEqual({ kind: 'in-flight' });
        await a.release('running');
        expect(await b.claim('other', 'fp', 'c')).toEqual({ kind: 'claimed' });
      });

      it('says when the client\'s oldest record expires, and has room again once it has', async () => {
        const { a, b, passTime } = await start({ retentionMs: 2_000, quota: { maxKeys: 1 } });
        await store(a, 'k1', 'c');
        const refusal = await b.claim('k2', 'fp', 'c');
        expect(refusal).toMatchObject({ kind: 'full', limit: 'keys' });
        const wait = refusal.kind === 'full' ? refusal.retryAfterMs : -1;
        expect(wait).toBeGreaterThan(0);
        expect(wait).toBeLessThanOrEqual(2_000);
        await passTime(2_000);
        await until(async () => (await b.claim('k2', 'fp', 'c')).kind === 'claimed', 'the oldest record expires and frees room');
      });
    });

    describe('with runIdempotent', () => {
      it('runs two concurrent calls on two replicas once and gives both the same result', async () => {
        const { a, b } = await start();
        const gate = deferred<BulkDeleteResultModel>();
        let runs = 0;
        const run = () => (++runs === 1 ? gate.promise : Promise.resolve(resultOf(99)));
        const first = runIdempotent(a, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, run);
        await until(() => runs === 1, 'the first call runs');
        const second = runIdempotent(b, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, run);
        gate.resolve(resultOf(5));
        expect(await first).toEqual({ result: resultOf(5), replayed: false });
        expect(await second).toEqual({ result: resultOf(5), replayed: true });
        expect(runs).toBe(1);
      });

      it('lets a repeat on another replica make its own attempt when the first call throws', async () => {
        const { a, b } = await start();
        const gate = deferred<BulkDeleteResultModel>();
        let runs = 0;
        const run = () => (++runs === 1 ? gate.promise : Promise.resolve(resultOf(8)));
        const first = runIdempotent(a, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, run);
        await until(() => runs === 1, 'the first call runs');
        const second = runIdempotent(b, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, run);
        gate.reject(new Error('refused'));
        await expect(first).rejects.toThrow('refused');
        expect(await second).toEqual({ result: resultOf(8), replayed: false });
        expect(runs).toBe(2);
      });
    });
  });
}
