import type { BulkDeleteResultModel } from '../bulk-delete/result.ts';
import { IDEMPOTENCY_RETENTION_MS, type Claim, type IdempotencyStore, type StoredCall } from './store.ts';

type Entry =
  | { state: 'in-flight'; fingerprint: string; done: Promise<StoredCall | null>; settle: (call: StoredCall | null) => void }
  | { state: 'completed'; fingerprint: string; result: string; expiresAt: number };

/** Options of the in-process store. */
export interface MemoryStoreOptions {
  /** @default 24 hours (CONTRACT §6) */
  readonly retentionMs?: number;
  /** Completed keys kept at most; the oldest go first, so memory stays bounded. @default 10000 */
  readonly maxEntries?: number;
  /**
   * Characters of stored results kept at most (about bytes: IDs are ASCII); the oldest go
   * first. 10,000 keys of 10,000-ID results would otherwise hold gigabytes.
   * @default 64 Mi (some 400 results of 10,000 IDs, or 10,000 of a few hundred)
   */
  readonly maxResultChars?: number;
  readonly now?: () => number;
}

/**
 * The in-process IdempotencyStore: one replica's keys in a Map. Insertion order doubles as
 * age order, so evicting the oldest and sweeping expired keys are cheap.
 *
 * A completed result is kept as its JSON text, as the Redis store keeps it: one string per
 * key instead of an object graph with a string per ID, which the garbage collector would
 * otherwise walk at every full collection, and whose size is known for `maxResultChars`.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): IdempotencyStore {
  const retentionMs = options.retentionMs ?? IDEMPOTENCY_RETENTION_MS;
  const maxEntries = options.maxEntries ?? 10_000;
  const maxResultChars = options.maxResultChars ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let resultChars = 0;

  function forget(key: string, entry: Entry): void {
    entries.delete(key);
    if (entry.state === 'completed') resultChars -= entry.result.length;
  }

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry?.state === 'completed' && entry.expiresAt <= now()) {
      forget(key, entry);
      return undefined;
    }
    return entry;
  }

  function evict(): void {
    for (const [key, entry] of entries) {
      if (entries.size <= maxEntries && resultChars <= maxResultChars) return;
      if (entry.state === 'completed') forget(key, entry);
    }
  }

  const parse = (text: string) => JSON.parse(text) as BulkDeleteResultModel;

  return {
    async claim(key, fingerprint): Promise<Claim> {
      const entry = live(key);
      if (entry === undefined) {
        let settle!: (call: StoredCall | null) => void;
        const done = new Promise<StoredCall | null>((resolve) => (settle = resolve));
        entries.set(key, { state: 'in-flight', fingerprint, done, settle });
        return { kind: 'claimed' };
      }
      if (entry.fingerprint !== fingerprint) return { kind: 'conflict' };
      return entry.state === 'in-flight' ? { kind: 'in-flight' } : { kind: 'completed', result: parse(entry.result) };
    },
    async complete(key, call) {
      const entry = entries.get(key);
      if (entry !== undefined) forget(key, entry);
      const result = JSON.stringify(call.result);
      entries.set(key, { state: 'completed', fingerprint: call.fingerprint, result, expiresAt: now() + retentionMs });
      resultChars += result.length;
      if (entry?.state === 'in-flight') entry.settle(call);
      evict();
    },
    async release(key) {
      const entry = entries.get(key);
      if (entry?.state !== 'in-flight') return;
      entries.delete(key);
      entry.settle(null);
    },
    async waitFor(key) {
      const entry = live(key);
      if (entry === undefined) return null;
      return entry.state === 'in-flight' ? entry.done : { fingerprint: entry.fingerprint, result: parse(entry.result) };
    },
    async close() {
      for (const entry of entries.values()) if (entry.state === 'in-flight') entry.settle(null);
      entries.clear();
      resultChars = 0;
    },
  };
}
