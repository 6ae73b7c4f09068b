import type { DatabaseSync, StatementSync } from 'node:sqlite';

// An ID's outcome: its own mark, else its recorded batch's (batch k holds positions
// [k*size, (k+1)*size); `:batchSize` is cast because node:sqlite binds a JS number as REAL).
const IDS_WITH_BATCH = 'job_ids i LEFT JOIN job_batches b ON b.job_seq = i.job_seq AND b.batch_index = i.pos / CAST(:batchSize AS INTEGER)';
const OUTCOME_OF_ID = 'coalesce(i.outcome, b.rest_outcome)';

/**
 * Every statement the store runs, prepared once when it opens: a call binds values and runs,
 * nothing is parsed or planned per call. Status filters and ID lists travel as one JSON
 * parameter read by `json_each`, so a list of any length is still one prepared statement.
 */
export function prepareStatements(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  // Rows as arrays for the statements that read IDs by the thousand: node:sqlite builds an
  // object row property by property, and a million of those fill V8's old space before a full
  // collection (measured: the heap grew ~50 MB streaming a million results; as arrays it stays flat).
  const rows = (sql: string): StatementSync => {
    const statement = db.prepare(sql);
    statement.setReturnArrays(true);
    return statement;
  };
  return {
    jobById: p('SELECT * FROM jobs WHERE id = ?'),
    jobByKey: p('SELECT * FROM jobs WHERE owner = ? AND idempotency_key = ?'),
    // Driven by the id index (unary + keeps the planner off the owner index, which scans all of an owner's jobs).
    jobsByIds: p('SELECT * FROM jobs WHERE id IN (SELECT value FROM json_each(:ids)) AND +owner = :owner'),
    listJobs: p(`SELECT * FROM jobs WHERE owner = :owner AND seq < :before
      AND (:statuses IS NULL OR status IN (SELECT value FROM json_each(:statuses)))
      ORDER BY seq DESC LIMIT :limit`),
    countActive: p("SELECT count(*) AS n FROM jobs WHERE owner = ? AND status IN ('QUEUED', 'RUNNING', 'PAUSED')"),
    insertJob: p(`INSERT INTO jobs (id, owner, target, dry_run, skip_sent, stream_id, idempotency_key,
      input_fingerprint, status, batch_size, created_at)
      VALUES (:id, :owner, :target, :dryRun, :skipSent, :streamId, :idempotencyKey, :fingerprint, 'OPEN', :batchSize, :now)
      RETURNING seq`),
    setRequested: p('UPDATE jobs SET requested = ? WHERE seq = ?'),
    setQueued: p("UPDATE jobs SET status = 'QUEUED' WHERE seq = ?"),
    setCancelled: p(`UPDATE jobs SET status = 'CANCELLED', finished_at = :now, resumes_at = NULL, end_reason = :reason,
      failed = failed + :notAttempted, processed = processed + :notAttempted WHERE seq = :seq`),
    setFinished: p(`UPDATE jobs SET status = :status, finished_at = :now, resumes_at = NULL, lease_owner = NULL,
      lease_expires_at = NULL, end_reason = :reason, failed = failed + :notAttempted,
      processed = processed + :notAttempted WHERE seq = :seq`),
    claimable: p(`SELECT * FROM jobs WHERE (finished_at IS NULL OR in_flight > 0)
      AND (status = 'QUEUED' OR (status IN ('RUNNING', 'PAUSED', 'CANCELLED') AND lease_expires_at <= :now))
      ORDER BY seq LIMIT 1`),
    setClaimed: p(`UPDATE jobs SET status = :status, lease_owner = :worker, lease_expires_at = :expires,
      started_at = coalesce(started_at, :now), resumes_at = NULL WHERE seq = :seq`),
    setLease: p('UPDATE jobs SET lease_expires_at = ? WHERE seq = ?'),
    setPaused: p("UPDATE jobs SET status = 'PAUSED', resumes_at = ?, lease_expires_at = ? WHERE seq = ?"),
    setResumed: p("UPDATE jobs SET status = 'RUNNING', resumes_at = NULL, lease_expires_at = ? WHERE seq = ?"),
    addProgress: p(`UPDATE jobs SET processed = processed + :size, deleted = deleted + :deleted,
      not_found = not_found + :notFound, failed = failed + :failed, in_flight = in_flight - 1,
      unknown_deleted_batches = unknown_deleted_batches + :unknown,
      rate_limit = CASE WHEN :rateLimit IS NOT NULL AND (rate_limit_observed_at IS NULL OR rate_limit_observed_at <= :observedAt)
        THEN :rateLimit ELSE rate_limit END,
      rate_limit_observed_at = CASE WHEN :rateLimit IS NOT NULL AND (rate_limit_observed_at IS NULL OR rate_limit_observed_at <= :observedAt)
        THEN :observedAt ELSE rate_limit_observed_at END
      WHERE seq = :seq`),
    purgeable: p('SELECT seq FROM jobs WHERE finished_at IS NOT NULL AND finished_at < ? AND in_flight = 0'),
    deleteJob: p('DELETE FROM jobs WHERE seq = ?'),
    incrementalVacuum: p('PRAGMA incremental_vacuum'),

    insertId: p('INSERT OR IGNORE INTO job_ids (job_seq, pos, id) VALUES (?, ?, ?)'),
    batchIds: rows('SELECT id FROM job_ids WHERE job_seq = ? AND pos >= ? AND pos < ? ORDER BY pos'),
    markIdFailed: p(`UPDATE job_ids SET outcome = :outcome, code = :code, message = :message, upstream_code = :upstreamCode
      WHERE job_seq = :seq AND id = :id AND pos >= :from AND pos < :to AND outcome IS NULL`),
    markIdOutcome: p('UPDATE job_ids SET outcome = :outcome WHERE job_seq = :seq AND id = :id AND pos >= :from AND pos < :to AND outcome IS NULL'),
    // How many of a JSON list of IDs are in a batch's range without a mark: one index seek each, no row read into JS.
    countUnmarked: p(`SELECT count(*) AS n FROM job_ids WHERE job_seq = :seq AND id IN (SELECT value FROM json_each(:ids))
      AND pos >= :from AND pos < :to AND outcome IS NULL`),
    failedIds: p(`SELECT id, code, message, upstream_code FROM job_ids INDEXED BY job_ids_failed
      WHERE job_seq = ? AND outcome = 3 ORDER BY pos`),
    idsFrom: rows('SELECT id FROM job_ids WHERE job_seq = ? AND pos >= ? ORDER BY pos'),
    deletedIds: rows(`SELECT i.id FROM ${IDS_WITH_BATCH} WHERE i.job_seq = :seq AND ${OUTCOME_OF_ID} = 1 ORDER BY i.pos`),
    resultPage: rows(`SELECT i.pos, i.id, ${OUTCOME_OF_ID}, i.code, i.message, i.upstream_code
      FROM ${IDS_WITH_BATCH} WHERE i.job_seq = :seq AND i.pos >= :from ORDER BY i.pos LIMIT :limit`),

    batch: p('SELECT * FROM job_batches WHERE job_seq = ? AND batch_index = ?'),
    batches: p('SELECT * FROM job_batches WHERE job_seq = ? ORDER BY batch_index'),
    inFlightBatches: p("SELECT batch_index FROM job_batches WHERE job_seq = ? AND state = 'IN_FLIGHT' ORDER BY batch_index"),
    insertBatch: p(`INSERT INTO job_batches (job_seq, batch_index, first_pos, size, state, attempts)
      VALUES (?, ?, ?, ?, 'IN_FLIGHT', 1)`),
    resendBatch: p('UPDATE job_batches SET attempts = attempts + 1 WHERE job_seq = ? AND batch_index = ?'),
    setBatchSent: p('UPDATE jobs SET batches_sent = batches_sent + 1, in_flight = in_flight + 1 WHERE seq = ?'),
    setBatchRecorded: p(`UPDATE job_batches SET state = 'RECORDED', deleted = :deleted, not_found = :notFound, failed = :failed,
      deleted_ids_known = :known, upstream_request_ids = :requestIds, rate_limit = :rateLimit, rest_outcome = :rest
      WHERE job_seq = :seq AND batch_index = :index`),
    requestIds: p('SELECT upstream_request_ids FROM job_batches WHERE job_seq = ? ORDER BY batch_index'),
  };
}

/** The store's prepared statements, by operation. */
export type Statements = ReturnType<typeof prepareStatements>;
