import type { DatabaseSync, StatementSync } from 'node:sqlite';

/**
 * Group commit: the writes asked for in one turn of the event loop (a job's slots recording
 * their batches and marking their next ones, an API call's change) run in ONE transaction,
 * each inside a savepoint of its own, and share its commit, so its fsync is paid once for all
 * of them instead of once each. Each caller's promise settles only after that commit is on
 * disk, so an answer is never given for a write that is not; a write that throws rolls back to
 * its savepoint and changes nothing, the others still commit.
 *
 * The fsync: node:sqlite runs on the event loop, so with synchronous=FULL every COMMIT held
 * the loop, and with it every other slot's HTTP traffic, for the whole fsync (about a quarter
 * of a millisecond per commit here, over half of the store's share of a job's profile). With a
 * `sync` (the file store's), the connection runs synchronous=NORMAL, whose COMMIT only hands
 * the WAL frames to the OS, and the group's callers are answered once `sync` has fsynced the
 * WAL file on libuv's thread pool: as durable as FULL before any answer, and the loop is free
 * meanwhile (bench/optimisations.md, "Jobs: the store per batch").
 *
 * Why a turn: the answers of a job's slots arrive as separate I/O callbacks of one poll phase,
 * each followed by its own microtasks, so the flush waits for the check phase (setImmediate)
 * to gather them. Writes run in the order asked, and a group commits before the next one
 * starts: a write whose promise settled implies every write asked before it is durable too.
 */
export interface GroupCommit {
  /** Runs `work` in the next group's transaction; settles with its value or error after the commit. */
  write<T>(work: () => T): Promise<T>;
  /** Commits what is queued now (before the database closes). */
  flush(): void;
  /** Resolves once every commit so far is durable and its callers answered. */
  settled(): Promise<void>;
}

/** Makes every write committed so far durable (fsync of the WAL file), then calls back. */
export type SyncWrites = (done: (error: Error | null) => void) => void;

interface Pending {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Settled = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * Creates the store's one writer; every write transaction of the SQLite store goes through it.
 * Without `sync`, a COMMIT is durable when it returns (synchronous=FULL, or a database in memory).
 */
export function createGroupCommit(db: DatabaseSync, sync?: SyncWrites): GroupCommit {
  const p = (sql: string): StatementSync => db.prepare(sql);
  // BEGIN IMMEDIATE takes the write lock up front, so a second process on the same file waits
  // (the connection's busy timeout) instead of failing half-way through a group.
  const st = { begin: p('BEGIN IMMEDIATE'), commit: p('COMMIT'), rollback: p('ROLLBACK'), savepoint: p('SAVEPOINT write'), release: p('RELEASE write'), undo: p('ROLLBACK TO write') };
  let queue: Pending[] = [];
  let scheduled = false;
  // Groups are answered in commit order: a settled write implies every earlier one is durable.
  let answered: Promise<void> = Promise.resolve();

  function runOne(item: Pending): Settled {
    st.savepoint.run();
    try {
      const value = item.work();
      st.release.run();
      return { ok: true, value };
    } catch (error) {
      st.undo.run();
      st.release.run();
      return { ok: false, error };
    }
  }

  function flush(): void {
    scheduled = false;
    const group = queue;
    queue = [];
    if (group.length === 0) return;
    let settled: Settled[];
    try {
      st.begin.run();
      try {
        settled = group.map(runOne);
        st.commit.run();
      } catch (error) {
        // SQLite may have rolled back already (an I/O error, a full disk): the first error is the one to tell.
        if (db.isTransaction) st.rollback.run();
        throw error;
      }
    } catch (error) {
      // The transaction itself failed (the lock, the disk): none of the group is written.
      for (const item of group) item.reject(error);
      return;
    }
    const answer = (syncError: Error | null): void => {
      group.forEach((item, i) => {
        const outcome = settled[i]!;
        // Committed but not known to be on disk: the caller must not act as if it were.
        if (syncError !== null) item.reject(syncError);
        else if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    };
    if (sync === undefined) {
      answer(null);
      return;
    }
    // The fsync starts now, beside the earlier groups' (each covers every frame written before it).
    const durable = new Promise<Error | null>((resolve) => sync(resolve));
    const previous = answered;
    answered = Promise.all([durable, previous]).then(([error]) => answer(error));
  }

  function write<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
  }

  return { write, flush, settled: () => answered };
}
