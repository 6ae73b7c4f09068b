import type { BatchOutcome } from '../bulk-delete/index.ts';
import type { Job, JobStatus } from '../jobs/index.ts';
import type { JobBatchTrace, Logger, Metrics, Tracing } from '../observability/index.ts';
import type { AttemptTracer } from '../upstreams/http.ts';

/** One batch's span: its attempts are children; `end` says how the batch ended. */
export interface BatchSpan extends AttemptTracer {
  end(outcome: BatchOutcome): void;
}

/** What the runner tells the outside about a job: logs, metrics and spans. Never changes the job. */
export interface JobRunObserver {
  /** The job's status as this worker now holds it; `from` null when the worker just took it. One log line each. */
  stateChanged(job: Job, from: JobStatus | null, detail?: Readonly<Record<string, unknown>>): void;
  /** This worker let go of the job (ended, lost, or stopping). */
  released(job: Job): void;
  batchRecorded(job: Job, batchIndex: number, outcome: BatchOutcome): void;
  startBatch(job: Job, batchIndex: number): BatchSpan;
  /** Something the runner could not do as it meant to (never a client's error). */
  problem(job: Job, error: unknown, message: string): void;
}

/** The runner's logs, metrics and spans, through the app's logger, registry and tracer. */
export function createJobObserver(logger: Logger, metrics: Metrics, tracing: Tracing): JobRunObserver {
  const log = logger.child({ component: 'job-runner' });
  return {
    stateChanged(job, from, detail = {}) {
      metrics.jobs.held(job.id, job.status, job.resumesAt);
      // The owner is a client's name (docs/contract.md §6), never a credential.
      log.info({ jobId: job.id, target: job.target, owner: job.owner, from, status: job.status, progress: job.progress, batchesSent: job.batchesSent, batchCount: job.batchCount, resumesAt: job.resumesAt === null ? null : new Date(job.resumesAt).toISOString(), endReason: job.endReason, ...detail }, from === null ? `job ${job.id} taken: ${job.status}` : `job ${job.id} ${from} -> ${job.status}`);
    },
    released(job) {
      metrics.jobs.released(job.id);
    },
    batchRecorded(job, batchIndex, outcome) {
      metrics.jobs.batchRecorded(job.target, outcome);
      log.debug({ jobId: job.id, batchIndex, kind: outcome.kind, progress: job.progress }, 'job batch recorded');
    },
    startBatch(job, batchIndex): JobBatchTrace {
      return tracing.startJobBatch(job.id, job.target, batchIndex);
    },
    problem(job, error, message) {
      log.error({ jobId: job.id, target: job.target, err: error }, message);
    },
  };
}

/** An observer that does nothing (tests of the runner alone). */
export const SILENT_OBSERVER: JobRunObserver = {
  stateChanged() {},
  released() {},
  batchRecorded() {},
  startBatch: () => ({ startAttempt: () => ({ headers: {}, end() {} }), end() {} }),
  problem() {},
};
