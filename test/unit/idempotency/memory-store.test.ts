import { describe, expect, it } from 'vitest';
import { createMemoryStore, IDEMPOTENCY_RETENTION_MS, type StoredCall } from '../../../src/idempotency/index.ts';
import { resultOf } from './results.ts';

const call = (fingerprint: string, deleted = 1): StoredCall => ({ fingerprint, result: resultOf(deleted) });

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => { now += ms; } };
}

describe('createMemoryStore', () => {
  it('lets the first claim on a key run and tells a repeat it is in flight', async () => {
    const store = createMemoryStore();
    expect(await store.claim('k', 'fp')).toEqual({ kind: 'claimed' });
    expect(await store.claim('k', 'fp')).toEqual({ kind: 'in-flight' });
  });

  it('returns the stored result to a claim with the same fingerprint once completed', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp');
    await store.complete('k', call('fp', 7));
    expect(await store.claim('k', 'fp')).toEqual({ kind: 'completed', result: resultOf(7) });
  });

  it('answers conflict to another fingerprint, in flight or completed', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp');
    expect(await store.claim('k', 'other')).toEqual({ kind: 'conflict' });
    await store.complete('k', call('fp'));
    expect(await store.claim('k', 'other')).toEqual({ kind: 'conflict' });
  });

  it('keeps keys apart', async () => {
    const store = createMemoryStore();
    await store.claim('a', 'fp');
    expect(await store.claim('b', 'other')).toEqual({ kind: 'claimed' });
  });

  it('frees a released key for a new claim, with any fingerprint', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp');
    await store.release('k');
    expect(await store.claim('k', 'other')).toEqual({ kind: 'claimed' });
  });

  it('does not release a completed key', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp');
    await store.complete('k', call('fp', 3));
    await store.release('k');
    expect(await store.claim('k', 'fp')).toEqual({ kind: 'completed', result: resultOf(3) });
  });

  it('wakes a waiter with the stored call when the key completes', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp');
    const waiting = store.waitFor('k');
    await store.complete('k', call('fp', 4));
    expect(await waiting).toEqual(call('fp', 4));
  });

  it('wakes a waiter with null when the key is released', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp');
    const waiting = store.waitFor('k');
    await store.release('k');
    expect(await waiting).toBeNull();
  });

  it('answers waitFor at once for a completed key and for an unknown one', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp');
    await store.complete('k', call('fp', 2));
    expect(await store.waitFor('k')).toEqual(call('fp', 2));
    expect(await store.waitFor('never')).toBeNull();
  });

  it('keeps a result for the retention period and forgets it after', async () => {
    const time = clock();
    const store = createMemoryStore({ now: time.now, retentionMs: 1_000 });
    await store.claim('k', 'fp');
    await store.complete('k', call('fp'));
    time.advance(999);
    expect((await store.claim('k', 'fp')).kind).toBe('completed');
    expect(await store.waitFor('k')).not.toBeNull();
    time.advance(1);
    expect(await store.waitFor('k')).toBeNull();
    expect(await store.claim('k', 'other')).toEqual({ kind: 'claimed' });
  });

  it('keeps results 24 hours by default', async () => {
    const time = clock();
    const store = createMemoryStore({ now: time.now });
    await store.claim('k', 'fp');
    await store.complete('k', call('fp'));
    time.advance(IDEMPOTENCY_RETENTION_MS - 1);
    expect((await store.claim('k', 'fp')).kind).toBe('completed');
    time.advance(1);
    expect((await store.claim('k', 'fp')).kind).toBe('claimed');
  });

  it('never expires a call still in flight', async () => {
    const time = clock();
    const store = createMemoryStore({ now: time.now, retentionMs: 10 });
    await store.claim('k', 'fp');
    time.advance(1_000_000);
    expect(await store.claim('k', 'fp')).toEqual({ kind: 'in-flight' });
  });

  it('evicts the oldest completed keys beyond maxEntries', async () => {
    const store = createMemoryStore({ maxEntries: 2 });
    for (const key of ['k1', 'k2', 'k3']) {
      await store.claim(key, 'fp');
      await store.complete(key, call('fp'));
    }
    expect((await store.claim('k1', 'fp')).kind).toBe('claimed');
    expect((await store.claim('k2', 'fp')).kind).toBe('completed');
    expect((await store.claim('k3', 'fp')).kind).toBe('completed');
  });

  it('evicts the oldest completed keys beyond maxResultChars of stored results', async () => {
    const size = JSON.stringify(resultOf(1)).length;
    const store = createMemoryStore({ maxResultChars: 2 * size });
    for (const key of ['k1', 'k2', 'k3']) {
      await store.claim(key, 'fp');
      await store.complete(key, call('fp'));
    }
    expect((await store.claim('k1', 'fp')).kind).toBe('claimed');
    expect(await store.claim('k2', 'fp')).toEqual({ kind: 'completed', result: resultOf(1) });
    expect(await store.claim('k3', 'fp')).toEqual({ kind: 'completed', result: resultOf(1) });
  });

  it('gives every reader its own copy of a stored result', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp');
    await store.complete('k', call('fp', 3));
    const first = await store.claim('k', 'fp');
    const second = await store.waitFor('k');
    expect(first).toEqual({ kind: 'completed', result: resultOf(3) });
    expect(second).toEqual({ fingerprint: 'fp', result: resultOf(3) });
    expect(first.kind === 'completed' && first.result).not.toBe(second?.result);
  });

  it('never evicts a call in flight to make room', async () => {
    const store = createMemoryStore({ maxEntries: 1 });
    await store.claim('running', 'fp');
    for (const key of ['k1', 'k2']) {
      await store.claim(key, 'fp');
      await store.complete(key, call('fp'));
    }
    expect(await store.claim('running', 'fp')).toEqual({ kind: 'in-flight' });
  });

  it('counts a re-completed key as new, so it is evicted last', async () => {
    const store = createMemoryStore({ maxEntries: 2 });
    for (const key of ['k1', 'k2']) {
      await store.claim(key, 'fp');
      await store.complete(key, call('fp'));
    }
    await store.complete('k1', call('fp', 9));
    await store.claim('k3', 'fp');
    await store.complete('k3', call('fp'));
    expect((await store.claim('k2', 'fp')).kind).toBe('claimed');
    expect(await store.claim('k1', 'fp')).toEqual({ kind: 'completed', result: resultOf(9) });
  });

  it('wakes every waiter with null on close and forgets every key', async () => {
    const store = createMemoryStore();
    await store.claim('a', 'fp');
    await store.claim('b', 'fp');
    await store.complete('b', call('fp'));
    const waiting = store.waitFor('a');
    await store.close();
    expect(await waiting).toBeNull();
    expect(await store.claim('b', 'fp')).toEqual({ kind: 'claimed' });
  });
});
