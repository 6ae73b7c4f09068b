import type { DatabaseSync, StatementSync } from 'node:sqlite';

/**
 * Group commit: the writes asked for in one turn of the event loop (a job's slots recording
 * their batches and marking their next ones, an API call's change) run in ONE transaction,
 * each inside a savepoint of its own, and share its commit, so its fsync (synchronous=FULL)
 * is paid once for all of them instead of once each. Each caller's promise settles only after
 * that COMMIT returned, so an answer is never given for a write that is not yet on disk; a
 * write that throws rolls back to its savepoint and changes nothing, the others still commit.
 *
 * Why a turn: the answers of a job's slots arrive as separate I/O callbacks of one poll phase,
 * each followed by its own microtasks, so the flush waits for the check phase (setImmediate)
 * to gather them. Writes run in the order asked, and a group commits before the next one
 * starts: a write whose promise settled implies every write asked before it is durable too.
 */
export interface GroupCommit {
  /** Runs `work` in the next group's transaction; settles with its value or error after the commit. */
  write<T>(work: () => T): Promise<T>;
  /** Commits what is queued now (before the database closes); nothing is left unsettled. */
  flush(): void;
}

interface Pending {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Settled = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** Creates the store's one writer; every write transaction of the SQLite store goes through it. */
export function createGroupCommit(db: DatabaseSync): GroupCommit {
  const p = (sql: string): StatementSync => db.prepare(sql);
  // BEGIN IMMEDIATE takes the write lock up front, so a second process on the same file waits
  // (the connection's busy timeout) instead of failing half-way through a group.
  const st = { begin: p('BEGIN IMMEDIATE'), commit: p('COMMIT'), rollback: p('ROLLBACK'), savepoint: p('SAVEPOINT write'), release: p('RELEASE write'), undo: p('ROLLBACK TO write') };
  let queue: Pending[] = [];
  let scheduled = false;

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
    group.forEach((item, i) => {
      const outcome = settled[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
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

  return { write, flush };
}
