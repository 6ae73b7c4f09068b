import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CallObserver } from '../upstreams/index.ts';
import type { BulkDeleteResultModel, ResultKind } from '../bulk-delete/result.ts';

/** The facade's Prometheus metrics, in a registry of their own (two apps in one test never collide). */
export interface Metrics {
  readonly registry: Registry;
  readonly upstreamObserver: CallObserver;
  mutationStarted(kind: ResultKind): () => void;
  recordResult(kind: ResultKind, result: BulkDeleteResultModel): void;
  recordError(kind: ResultKind, code: string): void;
  recordIdempotentReplay(kind: ResultKind): void;
}

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

  return {
    registry,
    upstreamObserver: {
      attempt: (upstream, statusClass, seconds) => upstreamDuration.observe({ upstream, status_class: statusClass }, seconds),
      retry: (upstream, reason) => retries.inc({ upstream, reason }),
    },
    mutationStarted(kind) {
      inFlight.inc({ mutation: kind });
      return () => inFlight.dec({ mutation: kind });
    },
    recordResult(kind, result) {
      if (result.deletedCount > 0) ids.inc({ mutation: kind, outcome: 'deleted' }, result.deletedCount);
      if (result.notFoundCount > 0) ids.inc({ mutation: kind, outcome: 'not_found' }, result.notFoundCount);
      for (const failure of result.failures) ids.inc({ mutation: kind, outcome: failure.code.toLowerCase() });
    },
    recordError: (kind, code) => errors.inc({ mutation: kind, code }),
    recordIdempotentReplay: (kind) => replays.inc({ mutation: kind }),
  };
}
