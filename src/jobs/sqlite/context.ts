import type { DatabaseSync } from 'node:sqlite';
import { JobLeaseLostError } from '../store.ts';
import type { GroupCommit } from './group-commit.ts';
import type { Row } from './rows.ts';
import type { Statements } from './statements.ts';

/** What every part of the SQLite store shares: the connection, its statements, the clock. */
export interface StoreContext {
  readonly db: DatabaseSync;
  readonly st: Statements;
  /** The one writer: every write transaction goes through it. */
  readonly writes: GroupCommit;
  /** Epoch milliseconds; injected so tests move time without sleeping. */
  readonly now: () => number;
  readonly newId: () => string;
}

/**
 * Runs `work` as one write: atomic on its own (a throw rolls back all it did, so a refused call
 * changes nothing), committed with the other writes of the same turn (group-commit.ts), and
 * settled only once that commit is on disk.
 */
export function inTransaction<T>(ctx: StoreContext, work: () => T): Promise<T> {
  return ctx.writes.write(work);
}

/** The job's row when it exists and belongs to `owner`; null otherwise (another client's job is unknown to it). */
export function ownedJobRow(ctx: StoreContext, jobId: string, owner: string): Row | null {
  const row = ctx.st.jobById.get(jobId) as Row | undefined;
  return row !== undefined && row.owner === owner ? row : null;
}

/** The job's row when `workerId` holds its lease; JobLeaseLostError otherwise. */
export function heldJobRow(ctx: StoreContext, jobId: string, workerId: string): Row {
  const row = ctx.st.jobById.get(jobId) as Row | undefined;
  if (row === undefined || row.lease_owner !== workerId) throw new JobLeaseLostError(jobId, workerId);
  return row;
}

/** The job's row, re-read after a change. */
export function reloadJobRow(ctx: StoreContext, jobId: string): Row {
  const row = ctx.st.jobById.get(jobId) as Row | undefined;
  if (row === undefined) throw new Error(`jobs database: job ${jobId} vanished`);
  return row;
}
