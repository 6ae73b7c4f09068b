// The embedded store's file outlives a facade version: a database written by the previous
// schema opens and reads the same, and one of a version this facade does not know is refused
// before anything in it is touched (src/jobs/sqlite/schema.ts). A database with no WAL file
// of its own to sync (temporary, in memory) still opens, at synchronous=FULL (sqlite-store.ts).
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../src/jobs/sqlite/schema.ts';
import { collect, createInput, failed, LIMITS, outcome, useStores, useTempDb } from './helpers.ts';

const tempDb = useTempDb();
const openStore = useStores();

/** A finished job of every kind of batch: all deleted, deleted and not found named, counted only, failed. */
async function finishedJob(path: string): Promise<{ id: string; lines: unknown[] }> {
  const jobs = await openStore(path);
  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  const { id } = (await jobs.create(createInput({ ids, batchSize: 2 }), LIMITS)).job;
  await jobs.claim('w', 30_000);
  const outcomes = [outcome(['a', 'b'], 0), outcome(['c'], 1), outcome(['?'], 1, [], false), outcome([], 1, [failed('h')])];
  for (const [index, batch] of outcomes.entries()) {
    await jobs.markBatchInFlight(id, 'w', index);
    await jobs.recordBatch(id, 'w', index, batch);
  }
  // 'i' is never sent.
  await jobs.finish(id, 'w', 'FAILED', 'Stopped.');
  const lines = await collect(await jobs.results(id, 'client-a'));
  await jobs.close();
  return { id, lines };
}

describe('the jobs database file', () => {
  it('reads a version 1 database, whose batches marked each ID, exactly as it was written', async () => {
    const path = tempDb();
    const { id, lines } = await finishedJob(path);
    expect(lines.map((l) => (l as { outcome: string }).outcome)).toEqual(['deleted', 'deleted', 'deleted', 'notFound', 'deletedOrNotFound', 'deletedOrNotFound', 'notFound', 'failed', 'failed']);
    // What version 1 left on disk: every ID of a recorded batch marked on its own row, no shared outcome.
    const db = new DatabaseSync(path);
    db.exec(`UPDATE job_ids SET outcome = (SELECT b.rest_outcome FROM job_batches b
      WHERE b.job_seq = job_ids.job_seq AND b.batch_index = job_ids.pos / 2) WHERE outcome IS NULL`);
    db.exec('ALTER TABLE job_batches DROP COLUMN rest_outcome');
    db.exec('PRAGMA user_version = 1');
    db.close();

    const jobs = await openStore(path);
    expect(await collect(await jobs.results(id, 'client-a'))).toEqual(lines);
    expect((await jobs.summary(id, 'client-a'))!.deletedIds).toBeNull();
    await jobs.close();
    const migrated = new DatabaseSync(path);
    expect(migrated.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION });
    migrated.close();
  });

  it('refuses a database of a version it does not know, naming it, and leaves the file as it was', async () => {
    const path = tempDb();
    await finishedJob(path);
    const db = new DatabaseSync(path);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    await expect(openStore(path)).rejects.toThrow(`The jobs database has schema version ${SCHEMA_VERSION + 1}; this facade reads version ${SCHEMA_VERSION}. Point JOBS_DB_PATH at a new file.`);
    const after = new DatabaseSync(path);
    expect(after.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION + 1 });
    after.close();
  });
});

describe('a database without a WAL file of its own', () => {
  it.each([
    ['temporary (an empty path)', ''],
    ['in memory', ':memory:'],
  ])('%s opens, and its writes are answered (committed at FULL, nothing to sync)', async (_name, path) => {
    const jobs = await openStore(path);
    const { id } = (await jobs.create(createInput({ ids: ['a', 'b'] }), LIMITS)).job;
    await jobs.claim('w', 30_000);
    await jobs.markBatchInFlight(id, 'w', 0);
    await jobs.recordBatch(id, 'w', 0, outcome(['a', 'b'], 0));
    await jobs.finish(id, 'w', 'COMPLETED');
    expect((await collect(await jobs.results(id, 'client-a'))).map((l) => l.outcome)).toEqual(['deleted', 'deleted']);
    await jobs.close();
  });
});
