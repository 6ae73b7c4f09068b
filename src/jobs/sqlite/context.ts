import type { DatabaseSync } from 'node:sqlite';
import { JobLeaseLostError } from '../store.ts';
import type { Row } from './rows.ts';
import type { Statements } from './statements.ts';

/** What every part of the SQLite store shares: the connection, its statements, the clock. */
export interface StoreContext {
  readonly db: DatabaseSync;
  readonly st: Statements;
  /** Epoch milliseconds; injected so tests move time without sleeping. */
  readonly now: () => number;
  readonly newId: () => string;
}

/**
 * Runs `work` in one write transaction (BEGIN IMMEDIATE takes the write lock up front, so a
 * second process on the same file waits instead of failing mid-way) and rolls back on any
 * throw: a refused call changes nothing.
 */
export function inTransaction<T>(ctx: StoreContext, work: () => T): T {
  ctx.st.begin.run();
  try {
    const result = work();
    ctx.st.commit.run();
    return result;
  } catch (error) {
    ctx.st.rollback.run();
    throw error;
  }
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
