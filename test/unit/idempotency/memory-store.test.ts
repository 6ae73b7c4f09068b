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
    expect(await store.claim('k', 'fp', 'client')).toEqual({ kind: 'claimed' });
    expect(await store.claim('k', 'fp', 'client')).toEqual({ kind: 'in-flight' });
  });

  it('returns the stored result to a claim with the same fingerprint once completed', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp', 'client');
    await store.complete('k', call('fp', 7));
    expect(await store.claim('k', 'fp', 'client')).toEqual({ kind: 'completed', result: resultOf(7) });
  });

  it('answers conflict to another fingerprint, in flight or completed', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp', 'client');
    expect(await store.claim('k', 'other', 'client')).toEqual({ kind: 'conflict' });
    await store.complete('k', call('fp'));
    expect(await store.claim('k', 'other', 'client')).toEqual({ kind: 'conflict' });
  });

  it('keeps keys apart', async () => {
    const store = createMemoryStore();
    await store.claim('a', 'fp', 'client');
    expect(await store.claim('b', 'other', 'client')).toEqual({ kind: 'claimed' });
  });

  it('frees a released key for a new claim, with any fingerprint', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp', 'client');
    await store.release('k');
    expect(await store.claim('k', 'other', 'client')).toEqual({ kind: 'claimed' });
  });

  it('does not release a completed key', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp', 'client');
    await store.complete('k', call('fp', 3));
    await store.release('k');
    expect(await store.claim('k', 'fp', 'client')).toEqual({ kind: 'completed', result: resultOf(3) });
  });

  it('wakes a waiter with the stored call when the key completes', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp', 'client');
    const waiting = store.waitFor('k');
    await store.complete('k', call('fp', 4));
    expect(await waiting).toEqual(call('fp', 4));
  });

  it('wakes a waiter with null when the key is released', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp', 'client');
    const waiting = store.waitFor('k');
    await store.release('k');
    expect(await waiting).toBeNull();
  });

  it('answers waitFor at once for a completed key and for an unknown one', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp', 'client');
    await store.complete('k', call('fp', 2));
    expect(await store.waitFor('k')).toEqual(call('fp', 2));
    expect(await store.waitFor('never')).toBeNull();
  });

  it('keeps a result for the retention period and forgets it after', async () => {
    const time = clock();
    const store = createMemoryStore({ now: time.now, retentionMs: 1_000 });
    await store.claim('k', 'fp', 'client');
    await store.complete('k', call('fp'));
    time.advance(999);
    expect((await store.claim('k', 'fp', 'client')).kind).toBe('completed');
    expect(await store.waitFor('k')).not.toBeNull();
    time.advance(1);
    expect(await store.waitFor('k')).toBeNull();
    expect(await store.claim('k', 'other', 'client')).toEqual({ kind: 'claimed' });
  });

  it('keeps results 24 hours by default', async () => {
    const time = clock();
    const store = createMemoryStore({ now: time.now });
    await store.claim('k', 'fp', 'client');
    await store.complete('k', call('fp'));
    time.advance(IDEMPOTENCY_RETENTION_MS - 1);
    expect((await store.claim('k', 'fp', 'client')).kind).toBe('completed');
    time.advance(1);
    expect((await store.claim('k', 'fp', 'client')).kind).toBe('claimed');
  });

  it('never expires a call still in flight', async () => {
    const time = clock();
    const store = createMemoryStore({ now: time.now, retentionMs: 10 });
    await store.claim('k', 'fp', 'client');
    time.advance(1_000_000);
    expect(await store.claim('k', 'fp', 'client')).toEqual({ kind: 'in-flight' });
  });

  it('keeps another client\'s record while one client sends 30 calls of 10,000 IDs of 256 characters', async () => {
    const store = createMemoryStore();
    await store.claim('victim-key', 'fp', 'victim');
    await store.complete('victim-key', call('fp', 7));
    const answers: string[] = [];
    for (let i = 0; i < 30; i++) {
      const ids = Array.from({ length: 10_000 }, (_, n) => `${String(i).padStart(2, '0')}-${String(n).padStart(5, '0')}`.padEnd(256, 'x'));
      const claim = await store.claim(`attack-${i}`, 'fp', 'attacker');
      answers.push(claim.kind);
      if (claim.kind === 'claimed') await store.complete(`attack-${i}`, { fingerprint: 'fp', result: { ...resultOf(ids.length), deletedIds: ids } });
    }
    expect(await store.claim('victim-key', 'fp', 'victim')).toEqual({ kind: 'completed', result: resultOf(7) });
    // The attacker filled its own quota and was told so: its later calls were refused, not stored.
    expect(answers).toContain('full');
    expect(answers.slice(answers.indexOf('full')).every((kind) => kind === 'full')).toBe(true);
    expect(await store.claim('victim-new', 'fp', 'victim')).toEqual({ kind: 'claimed' });
  });

  it('gives every reader its own copy of a stored result', async () => {
    const store = createMemoryStore();
    await store.claim('k', 'fp', 'client');
    await store.complete('k', call('fp', 3));
    const first = await store.claim('k', 'fp', 'client');
    const second = await store.waitFor('k');
    expect(first).toEqual({ kind: 'completed', result: resultOf(3) });
    expect(second).toEqual({ fingerprint: 'fp', result: resultOf(3) });
    expect(first.kind === 'completed' && first.result).not.toBe(second?.result);
  });

  it('wakes every waiter with null on close and forgets every key', async () => {
    const store = createMemoryStore();
    await store.claim('a', 'fp', 'client');
    await store.claim('b', 'fp', 'client');
    await store.complete('b', call('fp'));
    const waiting = store.waitFor('a');
    await store.close();
    expect(await waiting).toBeNull();
    expect(await store.claim('b', 'fp', 'client')).toEqual({ kind: 'claimed' });
  });
});
