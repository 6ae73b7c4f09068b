// The embedded store commits the writes asked for in one turn of the event loop together
// (src/jobs/sqlite/group-commit.ts). Sharing a commit must not mean sharing a fate: each write is
// still all-or-nothing on its own, and a refused one leaves its neighbours in the group written.
// That a grouped write is answered only once durable is crash.test.ts's SIGKILL test.
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { createGroupCommit, type SyncWrites } from '../../../src/jobs/sqlite/group-commit.ts';
import { collect, createInput, failed, LIMITS, outcome, useStores, useTempDb } from './helpers.ts';

const tempDb = useTempDb();
const openStore = useStores();

describe('writes grouped in one commit', () => {
  it('a write refused half-way changes nothing, and the writes beside it in the group are kept', async () => {
    const path = tempDb();
    let jobs = await openStore(path);
    const { id } = (await jobs.create(createInput({ ids: ['a', 'b', 'c', 'd', 'e', 'f'] }), LIMITS)).job;
    await jobs.claim('worker-1', 30_000);
    await Promise.all([0, 1].map((index) => jobs.markBatchInFlight(id, 'worker-1', index)));

    // One turn: batch 0 recorded; batch 1's outcome fails 'c' (an UPDATE that lands) then an ID
    // not in the batch (refused after it); batch 3 marked out of turn (refused); batch 2 marked.
    const settled = await Promise.allSettled([
      jobs.recordBatch(id, 'worker-1', 0, outcome(['a', 'b'], 0)),
      jobs.recordBatch(id, 'worker-1', 1, outcome([], 0, [failed('c'), failed('zz')])),
      jobs.markBatchInFlight(id, 'worker-1', 3),
      jobs.markBatchInFlight(id, 'worker-1', 2),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);

    // What a fresh process finds on disk.
    await jobs.close();
    jobs = await openStore(path);
    expect((await jobs.batches(id)).map((b) => [b.index, b.state])).toEqual([[0, 'RECORDED'], [1, 'IN_FLIGHT'], [2, 'IN_FLIGHT']]);
    expect((await jobs.get(id, 'client-a'))!).toMatchObject({ batchesSent: 3, batchesInFlight: 2, progress: { processed: 2, deleted: 2, failed: 0 } });

    // 'c' kept no trace of the refused record: batch 1 records as if it had never been tried.
    await jobs.recordBatch(id, 'worker-1', 1, outcome(['d'], 0, [failed('c')]));
    await jobs.recordBatch(id, 'worker-1', 2, outcome(['e', 'f'], 0));
    await jobs.finish(id, 'worker-1', 'COMPLETED');
    expect((await collect(await jobs.results(id, 'client-a'))).map((line) => [line.id, line.outcome])).toEqual([
      ['a', 'deleted'], ['b', 'deleted'], ['c', 'failed'], ['d', 'deleted'], ['e', 'deleted'], ['f', 'deleted'],
    ]);
  });

  describe('with the WAL fsynced off the event loop', () => {
    /** A sync whose fsyncs finish when the test says, in any order. */
    function heldSync() {
      const pending: Array<(error: Error | null) => void> = [];
      const sync: SyncWrites = (done) => void pending.push(done);
      return { sync, pending };
    }
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    function database(): DatabaseSync {
      const db = new DatabaseSync(':memory:');
      db.exec('CREATE TABLE t (x INTEGER)');
      return db;
    }

    it('answers a group only once its fsync is done, and groups in commit order', async () => {
      const db = database();
      const { sync, pending } = heldSync();
      const writes = createGroupCommit(db, sync);
      const answered: string[] = [];
      const first = writes.write(() => db.prepare('INSERT INTO t VALUES (1)').run()).then(() => void answered.push('first'));
      await turn();
      const second = writes.write(() => db.prepare('INSERT INTO t VALUES (2)').run()).then(() => void answered.push('second'));
      await turn();
      // Both committed (readable), neither answered: their fsyncs have not finished.
      expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
      expect(pending).toHaveLength(2);
      // The later fsync finishes first: the earlier group still goes first.
      pending[1]!(null);
      await turn();
      expect(answered).toEqual([]);
      pending[0]!(null);
      await Promise.all([first, second]);
      expect(answered).toEqual(['first', 'second']);
      await writes.settled();
    });

    it('fails the callers of a group whose fsync failed: committed, but not known to be on disk', async () => {
      const db = database();
      const { sync, pending } = heldSync();
      const writes = createGroupCommit(db, sync);
      const write = writes.write(() => 'value');
      await turn();
      pending[0]!(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
      await expect(write).rejects.toThrow(/EIO/);
    });
  });
});
