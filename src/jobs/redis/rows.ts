import type { Job, JobBatch } from '../job.ts';
import { toBatch, toJob, type Row } from '../sqlite/rows.ts';

export { toJob };

// A job's hash has the fields of the SQLite store's `jobs` row, by the same names, and a batch's
// JSON the columns of its `job_batches` row: one mapping to Job and JobBatch (sqlite/rows.ts,
// which throws on a value this version did not write) serves both stores.

const INTEGER_FIELDS = new Set([
  'seq', 'dry_run', 'skip_sent', 'batch_size', 'created_at', 'started_at', 'finished_at', 'resumes_at', 'lease_expires_at',
  'requested', 'processed', 'deleted', 'not_found', 'failed', 'batches_sent', 'in_flight', 'unknown_deleted_batches', 'rate_limit_observed_at',
]);
const NULLABLE_FIELDS = ['stream_id', 'started_at', 'finished_at', 'resumes_at', 'lease_owner', 'lease_expires_at', 'rate_limit', 'end_reason', 'idempotency_key'];

/** A job's hash as HGETALL answers it from a script (field, value, field, value, …) as a row; null for an empty answer (no such job). */
export function hashToRow(flat: unknown): Row | null {
  if (!Array.isArray(flat) || flat.length === 0) return null;
  const row: Row = {};
  for (const name of NULLABLE_FIELDS) row[name] = null;
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const name = String(flat[i]);
    const value = String(flat[i + 1]);
    row[name] = INTEGER_FIELDS.has(name) ? Number(value) : value;
  }
  return row;
}

/** A job's hash as a Job; null for no such job. */
export function hashToJob(flat: unknown): Job | null {
  const row = hashToRow(flat);
  return row === null ? null : toJob(row);
}

/** A batch's stored JSON as a JobBatch. */
export function jsonToBatch(json: string): JobBatch {
  return toBatch({ rate_limit: null, ...(JSON.parse(json) as Row) });
}
