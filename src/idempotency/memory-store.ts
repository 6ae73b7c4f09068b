import { IDEMPOTENCY_RETENTION_MS, type Claim, type IdempotencyStore, type StoredCall } from './store.ts';

type Entry =
  | { state: 'in-flight'; fingerprint: string; done: Promise<StoredCall | null>; settle: (call: StoredCall | null) => void }
  | { state: 'completed'; call: StoredCall; expiresAt: number };

/** Options of the in-process store. */
export interface MemoryStoreOptions {
  /** @default 24 hours (CONTRACT §6) */
  readonly retentionMs?: number;
  /** Completed keys kept at most; the oldest go first, so memory stays bounded. @default 10000 */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/**
 * The in-process IdempotencyStore: one replica's keys in a Map. Insertion order doubles as
 * age order, so evicting the oldest and sweeping expired keys are cheap.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): IdempotencyStore {
  const retentionMs = options.retentionMs ?? IDEMPOTENCY_RETENTION_MS;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry?.state === 'completed' && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function evict(): void {
    for (const [key, entry] of entries) {
      if (entries.size <= maxEntries) return;
      if (entry.state === 'completed') entries.delete(key);
    }
  }

  return {
    async claim(key, fingerprint): Promise<Claim> {
      const entry = live(key);
      if (entry === undefined) {
        let settle!: (call: StoredCall | null) => void;
        const done = new Promise<StoredCall | null>((resolve) => (settle = resolve));
        entries.set(key, { state: 'in-flight', fingerprint, done, settle });
        return { kind: 'claimed' };
      }
      const held = entry.state === 'in-flight' ? entry.fingerprint : entry.call.fingerprint;
      if (held !== fingerprint) return { kind: 'conflict' };
      return entry.state === 'in-flight' ? { kind: 'in-flight' } : { kind: 'completed', result: entry.call.result };
    },
    async complete(key, call) {
      const entry = entries.get(key);
      entries.delete(key);
      entries.set(key, { state: 'completed', call, expiresAt: now() + retentionMs });
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
      return entry.state === 'in-flight' ? entry.done : entry.call;
    },
    async close() {
      for (const entry of entries.values()) if (entry.state === 'in-flight') entry.settle(null);
      entries.clear();
    },
  };
}
