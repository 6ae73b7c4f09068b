import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CallObserver, CircuitState } from '../upstreams/index.ts';
import type { BulkDeleteResultModel, ResultKind } from '../bulk-delete/result.ts';
import { accountOf, type BatchOutcome } from '../bulk-delete/outcome.ts';

/** The facade's Prometheus metrics, in a registry of their own (two apps in one test never collide). */
export interface Metrics {
  readonly registry: Registry;
  readonly upstreamObserver: CallObserver;
  mutationStarted(kind: ResultKind): () => void;
  recordResult(kind: ResultKind, result: BulkDeleteResultModel): void;
  recordError(kind: ResultKind, code: string): void;
  recordIdempotentReplay(kind: ResultKind): void;
  readonly jobs: JobMetrics;
}

/** The job runner's metrics: what this replica's worker holds, and what its batches did. */
export interface JobMetrics {
  /** The worker holds this job in this status (RUNNING, PAUSED with `resumesAt`, or an end). */
  held(jobId: string, status: string, resumesAt: number | null): void;
  /** The worker no longer holds this job. */
  released(jobId: string): void;
  /** One batch recorded: counted by kind, its IDs by outcome. */
  batchRecorded(target: string, outcome: BatchOutcome): void;
}

const CIRCUIT_STATE_VALUES: Readonly<Record<CircuitState, number>> = { closed: 0, 'half-open': 1, open: 2 };

/** Creates every metric handle once, at start-up, so the hot path only increments. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const upstreamDuration = new Histogram({
    name: 'facade_upstream_request_duration_seconds',
    help: 'Duration of each HTTP attempt to an upstream, by status class (error: no answer).',
    labelNames: ['upstream', 'status_class'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const retries = new Counter({ name: 'facade_upstream_retries_total', help: 'Upstream attempts retried, by reason (status or lost/not-sent).', labelNames: ['upstream', 'reason'], registers: [registry] });
  const ids = new Counter({ name: 'facade_bulk_delete_ids_total', help: 'IDs processed by mutations, by outcome (deleted, not_found, or the failure code).', labelNames: ['mutation', 'outcome'], registers: [registry] });
  const errors = new Counter({ name: 'facade_bulk_delete_errors_total', help: 'Mutations that ended in a GraphQL error, by code.', labelNames: ['mutation', 'code'], registers: [registry] });
  const inFlight = new Gauge({ name: 'facade_mutations_in_flight', help: 'Bulk-delete mutations running now.', labelNames: ['mutation'], registers: [registry] });
  const replays = new Counter({ name: 'facade_idempotency_replays_total', help: 'Mutations answered from the idempotency store.', labelNames: ['mutation'], registers: [registry] });
  const circuitState = new Gauge({ name: 'facade_upstream_circuit_state', help: 'Circuit breaker state per upstream: 0 closed, 1 half-open, 2 open (until the next call after CIRCUIT_OPEN_MS probes it).', labelNames: ['upstream'], registers: [registry] });
  const circuitRefusals = new Counter({ name: 'facade_upstream_circuit_refusals_total', help: 'Upstream attempts refused without sending because the circuit was open.', labelNames: ['upstream'], registers: [registry] });
  const rateLimitRefusals = new Counter({ name: 'facade_upstream_rate_limit_refusals_total', help: 'Upstream attempts refused without sending because the X-RateLimit budget would not be back within RATE_LIMIT_MAX_WAIT_MS.', labelNames: ['upstream'], registers: [registry] });
  const waits = new Histogram({
    name: 'facade_upstream_wait_seconds',
    help: 'Time an upstream attempt waited before it was sent, by reason: slot (UPSTREAM_CONCURRENCY) or rate_limit (X-RateLimit budget); only attempts that waited.',
    labelNames: ['upstream', 'reason'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const upstreamInFlight = new Gauge({ name: 'facade_upstream_in_flight', help: 'HTTP requests in flight to each upstream now (at most UPSTREAM_CONCURRENCY).', labelNames: ['upstream'], registers: [registry] });

  // Jobs this worker holds, read when /metrics is scraped: nothing to keep in step per batch.
  const heldJobs = new Map<string, { status: string; resumesAt: number | null }>();
  const countHeld = (status: string): number => [...heldJobs.values()].filter((job) => job.status === status).length;
  new Gauge({ name: 'facade_jobs_running', help: 'Bulk-delete jobs this replica is running now.', registers: [registry], collect() { this.set(countHeld('RUNNING')); } });
  new Gauge({ name: 'facade_jobs_paused', help: 'Bulk-delete jobs this replica holds PAUSED, waiting for a vendor budget to reset.', registers: [registry], collect() { this.set(countHeld('PAUSED')); } });
  new Gauge({
    name: 'facade_job_seconds_until_resume',
    help: 'Seconds until the first paused job held by this replica resumes; 0 when none is paused.',
    registers: [registry],
    collect() {
      let first = Infinity;
      for (const job of heldJobs.values()) if (job.status === 'PAUSED' && job.resumesAt !== null) first = Math.min(first, job.resumesAt);
      this.set(first === Infinity ? 0 : Math.max(0, (first - Date.now()) / 1000));
    },
  });
  const jobBatches = new Counter({ name: 'facade_job_batches_total', help: 'Job batches recorded, by target and kind (answered, refused, unknown, not-sent); its rate is batches per second.', labelNames: ['target', 'kind'], registers: [registry] });
  const jobIds = new Counter({ name: 'facade_job_ids_total', help: 'IDs of job batches recorded, by target and outcome (deleted, not_found, or the failure code).', labelNames: ['target', 'outcome'], registers: [registry] });

  return {
    registry,
    jobs: {
      held(jobId, status, resumesAt) {
        heldJobs.set(jobId, { status, resumesAt });
      },
      released(jobId) {
        heldJobs.delete(jobId);
      },
      batchRecorded(target, outcome) {
        jobBatches.inc({ target, kind: outcome.kind });
        const account = accountOf(outcome);
        if (account.deletedCount > 0) jobIds.inc({ target, outcome: 'deleted' }, account.deletedCount);
        if (account.notFoundCount > 0) jobIds.inc({ target, outcome: 'not_found' }, account.notFoundCount);
        const failedByCode = new Map<string, number>();
        for (const failure of account.failures) failedByCode.set(failure.code, (failedByCode.get(failure.code) ?? 0) + 1);
        for (const [code, count] of failedByCode) jobIds.inc({ target, outcome: code.toLowerCase() }, count);
      },
    },
    upstreamObserver: {
      attempt: (upstream, statusClass, seconds) => upstreamDuration.observe({ upstream, status_class: statusClass }, seconds),
      retry: (upstream, reason) => retries.inc({ upstream, reason }),
      circuitState: (upstream, state) => circuitState.set({ upstream }, CIRCUIT_STATE_VALUES[state]),
      refused: (upstream, reason) => (reason === 'circuit_open' ? circuitRefusals : rateLimitRefusals).inc({ upstream }),
      waited: (upstream, reason, seconds) => waits.observe({ upstream, reason }, seconds),
      inFlight: (upstream, count) => upstreamInFlight.set({ upstream }, count),
    },
    mutationStarted(kind) {
      inFlight.inc({ mutation: kind });
      return () => inFlight.dec({ mutation: kind });
    },
    recordResult(kind, result) {
      if (result.deletedCount > 0) ids.inc({ mutation: kind, outcome: 'deleted' }, result.deletedCount);
      if (result.notFoundCount > 0) ids.inc({ mutation: kind, outcome: 'not_found' }, result.notFoundCount);
      // One increment per failure code, not per failed ID: prom-client hashes the labels of each call.
      const failedByCode = new Map<string, number>();
      for (const failure of result.failures) failedByCode.set(failure.code, (failedByCode.get(failure.code) ?? 0) + 1);
      for (const [code, count] of failedByCode) ids.inc({ mutation: kind, outcome: code.toLowerCase() }, count);
    },
    recordError: (kind, code) => errors.inc({ mutation: kind, code }),
    recordIdempotentReplay: (kind) => replays.inc({ mutation: kind }),
  };
}
