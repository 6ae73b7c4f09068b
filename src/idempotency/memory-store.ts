import type { StoredRecord } from './stored-result.ts';
import { DEFAULT_CLIENT_QUOTA, IDEMPOTENCY_RETENTION_MS, type Claim, type ClientQuota, type IdempotencyStore, type StoredCall } from './store.ts';

type Entry =
  | { state: 'in-flight'; client: Account; fingerprint: string; done: Promise<StoredCall | null>; settle: (call: StoredCall | null) => void }
  | { state: 'completed'; client: Account; fingerprint: string; result: string; expiresAt: number };

/** One client's share of the store: what it holds, and its completed keys oldest first. */
interface Account {
  readonly name: string;
  keys: number;
  bytes: number;
  readonly completed: Set<string>;
}

/** Options of the in-process store. */
export interface MemoryStoreOptions {
  /** @default 24 hours (docs/contract.md §6) */
  readonly retentionMs?: number;
  /** Each client's quota; its `maxBytes` counts characters of stored results (bytes for ASCII IDs). */
  readonly quota?: Partial<ClientQuota>;
  readonly now?: () => number;
}

/**
 * The in-process IdempotencyStore: one replica's keys in a Map. Insertion order doubles as
 * age order (a completed key is re-inserted, and every result is kept as long), so sweeping
 * expired keys looks only at the oldest ones.
 *
 * Each client has its own quota of keys and result characters; a client at its quota is
 * refused (`full`) until its own records expire. Nothing is ever evicted: the store holds at
 * most the quota times the number of clients that used it within the retention period.
 *
 * A completed result is kept as its JSON text, as the Redis store keeps it: one string per
 * key instead of an object graph with a string per ID, which the garbage collector would
 * otherwise walk at every full collection, and whose size is known for the quota.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): IdempotencyStore {
  const retentionMs = options.retentionMs ?? IDEMPOTENCY_RETENTION_MS;
  const quota: ClientQuota = { ...DEFAULT_CLIENT_QUOTA, ...options.quota };
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const accounts = new Map<string, Account>();

  function account(name: string): Account {
    let found = accounts.get(name);
    if (found === undefined) accounts.set(name, (found = { name, keys: 0, bytes: 0, completed: new Set() }));
    return found;
  }

  function forget(key: string, entry: Entry): void {
    entries.delete(key);
    const owner = entry.client;
    owner.keys--;
    if (entry.state === 'completed') {
      owner.bytes -= entry.result.length;
      owner.completed.delete(key);
    }
    if (owner.keys === 0) accounts.delete(owner.name);
  }

  /**
   * Forgets expired results, oldest first, stopping at the first live one: completed keys are
   * in expiry order, so each call costs the keys it frees plus the calls still running ahead.
   */
  function sweep(): void {
    const time = now();
    for (const [key, entry] of entries) {
      if (entry.state === 'in-flight') continue;
      if (entry.expiresAt > time) return;
      forget(key, entry);
    }
  }

  function full(owner: Account | undefined): Claim | null {
    if (owner === undefined) return null;
    const limit = owner.keys >= quota.maxKeys ? 'keys' : owner.bytes >= quota.maxBytes ? 'bytes' : null;
    if (limit === null) return null;
    const [oldest] = owner.completed;
    const oldestEntry = oldest === undefined ? undefined : entries.get(oldest);
    // Only calls still running: room comes when one of them ends, soon; say a second.
    const retryAfterMs = oldestEntry?.state === 'completed' ? Math.max(0, oldestEntry.expiresAt - now()) : 1_000;
    return { kind: 'full', limit, retryAfterMs };
  }

  const parse = (text: string) => JSON.parse(text) as StoredRecord;

  return {
    async claim(key, fingerprint, client): Promise<Claim> {
      sweep();
      const entry = entries.get(key);
      if (entry === undefined) {
        const refusal = full(accounts.get(client));
        if (refusal !== null) return refusal;
        let settle!: (call: StoredCall | null) => void;
        const done = new Promise<StoredCall | null>((resolve) => (settle = resolve));
        const owner = account(client);
        owner.keys++;
        entries.set(key, { state: 'in-flight', client: owner, fingerprint, done, settle });
        return { kind: 'claimed' };
      }
      if (entry.fingerprint !== fingerprint) return { kind: 'conflict' };
      return entry.state === 'in-flight' ? { kind: 'in-flight' } : { kind: 'completed', result: parse(entry.result) };
    },
    async complete(key, call) {
      const entry = entries.get(key);
      // Only a claimed key is completed: its client is charged, and the quota was checked.
      if (entry === undefined) return;
      forget(key, entry);
      const result = JSON.stringify(call.result);
      const owner = account(entry.client.name);
      owner.keys++;
      owner.bytes += result.length;
      owner.completed.add(key);
      entries.set(key, { state: 'completed', client: owner, fingerprint: call.fingerprint, result, expiresAt: now() + retentionMs });
      if (entry.state === 'in-flight') entry.settle(call);
      sweep();
    },
    async release(key) {
      const entry = entries.get(key);
      if (entry?.state !== 'in-flight') return;
      forget(key, entry);
      entry.settle(null);
    },
    async waitFor(key) {
      sweep();
      const entry = entries.get(key);
      if (entry === undefined) return null;
      return entry.state === 'in-flight' ? entry.done : { fingerprint: entry.fingerprint, result: parse(entry.result) };
    },
    async health() {
      return { ok: true };
    },
    async close() {
      for (const entry of entries.values()) if (entry.state === 'in-flight') entry.settle(null);
      entries.clear();
      accounts.clear();
    },
  };
}
