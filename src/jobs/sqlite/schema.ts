import type { DatabaseSync } from 'node:sqlite';

/**
 * Bumped with any change to the tables below. Version 1 is migrated in place (MIGRATIONS); a
 * database of any other version is refused.
 */
export const SCHEMA_VERSION = 2;

// Outcome codes, in job_ids.outcome (an ID's own mark) and job_batches.rest_outcome (the
// outcome of a recorded batch's IDs without a mark of their own). An ID with neither was never
// sent once the job has ended.
export const OUTCOME_DELETED = 1;
export const OUTCOME_NOT_FOUND = 2;
export const OUTCOME_FAILED = 3;
export const OUTCOME_DELETED_OR_NOT_FOUND = 4;

// Why each table and index exists is in ../index.ts. WITHOUT ROWID: job_ids and job_batches
// are looked up only by their composite keys, so the key is the storage order and no rowid
// b-tree is kept beside it.
const TABLES = `
CREATE TABLE IF NOT EXISTS jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  target TEXT NOT NULL,
  dry_run INTEGER NOT NULL,
  skip_sent INTEGER NOT NULL,
  stream_id TEXT,
  idempotency_key TEXT,
  input_fingerprint TEXT NOT NULL,
  status TEXT NOT NULL,
  batch_size INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  resumes_at INTEGER,
  lease_owner TEXT,
  lease_expires_at INTEGER,
  requested INTEGER NOT NULL DEFAULT 0,
  processed INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  not_found INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  batches_sent INTEGER NOT NULL DEFAULT 0,
  in_flight INTEGER NOT NULL DEFAULT 0,
  unknown_deleted_batches INTEGER NOT NULL DEFAULT 0,
  rate_limit TEXT,
  rate_limit_observed_at INTEGER,
  end_reason TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS jobs_idempotency ON jobs (owner, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS jobs_owner ON jobs (owner, seq);
CREATE INDEX IF NOT EXISTS jobs_unsettled ON jobs (seq) WHERE finished_at IS NULL OR in_flight > 0;
CREATE INDEX IF NOT EXISTS jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS job_ids (
  job_seq INTEGER NOT NULL REFERENCES jobs (seq) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  id TEXT NOT NULL,
  outcome INTEGER,
  code TEXT,
  message TEXT,
  upstream_code TEXT,
  PRIMARY KEY (job_seq, pos)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS job_ids_distinct ON job_ids (job_seq, id);
CREATE INDEX IF NOT EXISTS job_ids_failed ON job_ids (job_seq, pos) WHERE outcome = ${OUTCOME_FAILED};

CREATE TABLE IF NOT EXISTS job_batches (
  job_seq INTEGER NOT NULL REFERENCES jobs (seq) ON DELETE CASCADE,
  batch_index INTEGER NOT NULL,
  first_pos INTEGER NOT NULL,
  size INTEGER NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  not_found INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  deleted_ids_known INTEGER NOT NULL DEFAULT 1,
  upstream_request_ids TEXT NOT NULL DEFAULT '[]',
  rate_limit TEXT,
  rest_outcome INTEGER,
  PRIMARY KEY (job_seq, batch_index)
) WITHOUT ROWID;
`;

/**
 * How a database of an earlier version becomes the current one, by the version it has. Version
 * 1 marked every ID of a recorded batch one by one; its batches keep those marks (rest_outcome
 * NULL), so reading them is unchanged.
 */
const MIGRATIONS: Readonly<Record<number, string>> = {
  1: 'ALTER TABLE job_batches ADD COLUMN rest_outcome INTEGER',
};

/**
 * Sets the connection's pragmas and creates the tables. WAL: readers (a results stream, a
 * progress read) never block the worker's writes. synchronous=FULL: every commit is fsynced
 * before it returns, so a batch's outcome, once recorded, survives not only SIGKILL (which
 * WAL with NORMAL already survives) but a power cut, before the next batch goes out. The file
 * store then moves that fsync off the event loop (group-commit.ts), with the same guarantee.
 */
export function applySchema(db: DatabaseSync): void {
  // auto_vacuum must be chosen before the first table exists; INCREMENTAL lets purge hand
  // freed pages back to the file system without a full VACUUM.
  db.exec('PRAGMA auto_vacuum = INCREMENTAL');
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  // 16 MiB of page cache instead of SQLite's 2 MiB: adding random IDs to a million-ID job
  // lands all over the (job, id) index, and measured 2-3x faster with it (300,000 UUIDs:
  // 17 s -> 6 s on a loaded 2-core machine), for 16 MiB of RSS at most.
  db.exec('PRAGMA cache_size = -16384');
  const version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  if (version !== 0 && version !== SCHEMA_VERSION && MIGRATIONS[version] === undefined) {
    throw new Error(`The jobs database has schema version ${version}; this facade reads version ${SCHEMA_VERSION}. Point JOBS_DB_PATH at a new file.`);
  }
  db.exec('BEGIN IMMEDIATE');
  try {
    for (let from = version; from !== 0 && from < SCHEMA_VERSION; from++) db.exec(MIGRATIONS[from]!);
    db.exec(TABLES);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
