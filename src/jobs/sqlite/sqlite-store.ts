import { randomUUID } from 'node:crypto';
import { closeSync, fdatasync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { JobStore } from '../store.ts';
import { inTransaction, type StoreContext } from './context.ts';
import { createGroupCommit, type SyncWrites } from './group-commit.ts';
import { createOwnerCalls } from './owner-calls.ts';
import { streamResults, summarise } from './results.ts';
import { seqOf, type Row } from './rows.ts';
import { applySchema } from './schema.ts';
import { prepareStatements } from './statements.ts';
import { createWorkerCalls } from './worker-calls.ts';

/** Dependencies of the SQLite store; tests inject the clock. */
export interface SqliteJobStoreOptions {
  /** Epoch milliseconds. @default Date.now */
  readonly now?: () => number;
  /** New job IDs. @default crypto.randomUUID */
  readonly newId?: () => string;
}

const DAY_MS = 86_400_000;

/**
 * Opens (creating it and its folder if needed) the jobs database at `path` (JOBS_DB_PATH).
 * `node:sqlite` is imported here, not at the top of the module, so a process that keeps its
 * jobs elsewhere never loads it, nor prints the ExperimentalWarning Node 22 gives on its load.
 */
export async function openSqliteJobStore(path: string, options: SqliteJobStoreOptions = {}): Promise<JobStore> {
  const { DatabaseSync } = await import('node:sqlite');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // timeout: another process on the same file (an operator's copy, a second replica by mistake)
  // makes a writer wait for the lock, not fail at once.
  const db = new DatabaseSync(path, { timeout: 5_000 });
  let walFd: number | null = null;
  try {
    applySchema(db);
    // A file's commits are made durable off the event loop (group-commit.ts): the WAL file,
    // which journal_mode=WAL has just opened and which stays while this connection is open,
    // is synced (fdatasync, as SQLite's FULL does) on libuv's thread pool before a group's
    // callers are answered. Where there is no such file (a database in memory or a temporary
    // one, a file system that refused WAL), the connection keeps synchronous=FULL.
    let sync: SyncWrites | undefined;
    walFd = openWal(db, path);
    if (walFd !== null) {
      const fd = walFd;
      db.exec('PRAGMA synchronous = NORMAL');
      sync = (done) => fdatasync(fd, done);
    }
    const ctx: StoreContext = { db, st: prepareStatements(db), writes: createGroupCommit(db, sync), now: options.now ?? Date.now, newId: options.newId ?? randomUUID };
    return createSqliteJobStore(ctx, walFd);
  } catch (error) {
    if (walFd !== null) closeSync(walFd);
    db.close();
    throw error;
  }
}

/** The connection's WAL file, opened to be synced; null when it has none. */
function openWal(db: DatabaseSync, path: string): number | null {
  const mode = (db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode;
  if (mode !== 'wal' || path === '' || path === ':memory:') return null;
  try {
    return openSync(`${path}-wal`, 'r');
  } catch {
    return null;
  }
}

function createSqliteJobStore(ctx: StoreContext, walFd: number | null): JobStore {
  const { st } = ctx;

  async function purge(retentionDays: number): Promise<number> {
    if (!(retentionDays >= 0)) throw new RangeError(`Retention must be zero or more days, not ${retentionDays}.`);
    const cutoff = ctx.now() - retentionDays * DAY_MS;
    const seqs = (st.purgeable.all(cutoff) as Row[]).map(seqOf);
    // One transaction per job: a million-ID job's delete holds the write lock once, not
    // every expired job's at the same time.
    for (const seq of seqs) await inTransaction(ctx, () => st.deleteJob.run(seq));
    if (seqs.length > 0) st.incrementalVacuum.all();
    return seqs.length;
  }

  return {
    ...createOwnerCalls(ctx),
    ...createWorkerCalls(ctx),
    summary: async (jobId, owner) => summarise(ctx, jobId, owner),
    results: async (jobId, owner) => streamResults(ctx, jobId, owner),
    purge,
    close: async () => {
      // Writes asked for before the close are committed and answered, not dropped.
      ctx.writes.flush();
      await ctx.writes.settled();
      if (walFd !== null) closeSync(walFd);
      ctx.db.close();
    },
  };
}
