import type { IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, defaultTextMapGetter, defaultTextMapSetter, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core/build/src/trace/W3CTraceContextPropagator.js';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { TracingConfig } from '../config/index.ts';
import type { UpstreamName } from '../errors/index.ts';
import { accountOf, type BatchOutcome } from '../bulk-delete/outcome.ts';

/** The caller's application, as a router or client names it (never used to authorise). */
export interface ClientApp {
  readonly name: string;
  readonly version: string | null;
}

/** What one GraphQL request carries into every upstream call it makes. */
export interface RequestTrace {
  readonly requestId: string;
  /** The W3C trace ID of this request (the caller's, or a new one when spans are exported); null when neither. */
  readonly traceId: string | null;
  /** Names the operation span once the operation is known (`mutation DeleteIntents`). */
  setOperation(type: string, name: string | null): void;
  /** Ends the operation span with the request's outcome; later calls do nothing. */
  end(outcome: RequestOutcome): void;
  /** Opens the span of one HTTP attempt to an upstream; `headers` carry it (and the request ID) upstream. */
  startAttempt(upstream: UpstreamName, method: string, url: string, attempt: number): AttemptTrace;
}

/** How a request ended, for its span. */
export interface RequestOutcome {
  readonly status: number;
  readonly errorCodes: readonly string[];
  readonly counts: { readonly requested: number; readonly deleted: number; readonly notFound: number; readonly failed: number };
}

/** One upstream HTTP attempt. */
export interface AttemptTrace {
  /** `x-request-id`, and `traceparent`/`tracestate` when there is a trace to continue. */
  readonly headers: Readonly<Record<string, string>>;
  /** `status` null: no answer came (`error` says why). */
  end(status: number | null, error?: string): void;
}

/** One job batch's span (a root of its own: no request waits for it); its attempts are children. */
export interface JobBatchTrace {
  startAttempt(upstream: UpstreamName, method: string, url: string, attempt: number): AttemptTrace;
  /** Ends the span with how the batch ended; later calls do nothing. */
  end(outcome: BatchOutcome): void;
}

/** Spans for the whole facade: exported over OTLP only when configured, else only propagated. */
export interface Tracing {
  /** True when spans are recorded and exported. */
  readonly exporting: boolean;
  /** Starts a request's trace, continuing the caller's `traceparent` when it sent a valid one. */
  startRequest(requestId: string, method: string, headers: IncomingHttpHeaders, app: ClientApp | null): RequestTrace;
  /** Starts the span of one batch of a job; its request ID (`job:<id>:<batch>`) goes upstream with each attempt. */
  startJobBatch(jobId: string, target: string, batchIndex: number): JobBatchTrace;
  /** Sends what is still buffered, then stops exporting. */
  shutdown(): Promise<void>;
}

const propagator = new W3CTraceContextPropagator();
const TRACER_NAME = 'bulk-delete-facade';

/**
 * Builds tracing once at start-up. With neither `config` nor `exporter` no span is recorded
 * (no SDK cost on the hot path), but a caller's valid `traceparent` is still passed on to the
 * upstreams, so a router's trace is not cut at the facade. `exporter` (tests) records every span.
 */
export function createTracing(config: TracingConfig | null, exporter?: SpanExporter): Tracing {
  if (exporter === undefined && config === null) return { exporting: false, startRequest: passThrough, startJobBatch: passThroughJobBatch, shutdown: async () => {} };
  const { AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, SimpleSpanProcessor, TracerProvider, OTLPTraceExporter, resourceFromAttributes } = loadSdk();
  let processor: SpanProcessor;
  if (exporter !== undefined) processor = new SimpleSpanProcessor({ exporter });
  // Batched and sent off the request path; a slow collector never delays a delete.
  else processor = new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: config!.tracesUrl, headers: { ...config!.headers } }) });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': config?.serviceName ?? TRACER_NAME }),
    // A caller's sampling decision wins, so a router sampling 1 % does not get 100 % of the facade's spans.
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: [processor],
  });
  const tracer = provider.getTracer(TRACER_NAME);
  return {
    exporting: true,
    startRequest: (requestId, method, headers, app) => recorded(tracer, requestId, method, headers, app),
    startJobBatch: (jobId, target, batchIndex) => recordedJobBatch(tracer, jobId, target, batchIndex),
    shutdown: () => provider.shutdown(),
  };
}

/**
 * The tracing SDK and the OTLP exporter, loaded only when spans are recorded: they are some
 * 100 ms of the start-up and 10 MB of memory that a facade without a collector never uses.
 * Loaded synchronously (their CommonJS builds), so createTracing stays synchronous; the
 * context they share with @opentelemetry/api is keyed by Symbol.for, whichever build loads it.
 */
function loadSdk() {
  const require = createRequire(import.meta.url);
  return {
    ...(require('@opentelemetry/sdk-trace') as typeof import('@opentelemetry/sdk-trace')),
    ...(require('@opentelemetry/resources') as typeof import('@opentelemetry/resources')),
    ...(require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http')),
  };
}

function extract(headers: IncomingHttpHeaders): Context {
  return propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
}

function inject(context: Context, into: Record<string, string>): Record<string, string> {
  propagator.inject(context, into, defaultTextMapSetter);
  return into;
}

/** Tracing off: the request ID and the caller's trace context, re-serialised so only a valid one passes. */
function passThrough(requestId: string, _method: string, headers: IncomingHttpHeaders): RequestTrace {
  const parent = extract(headers);
  const upstreamHeaders = Object.freeze(inject(parent, { 'x-request-id': requestId }));
  const attempt: AttemptTrace = { headers: upstreamHeaders, end() {} };
  return {
    requestId,
    traceId: trace.getSpanContext(parent)?.traceId ?? null,
    setOperation() {},
    end() {},
    startAttempt: () => attempt,
  };
}

function recorded(tracer: Tracer, requestId: string, method: string, headers: IncomingHttpHeaders, app: ClientApp | null): RequestTrace {
  const span = tracer.startSpan('GraphQL request', {
    kind: SpanKind.SERVER,
    attributes: {
      'http.request.method': method,
      'url.path': '/graphql',
      'bulk_delete.request_id': requestId,
      ...(app ? { 'client.app.name': app.name, ...(app.version ? { 'client.app.version': app.version } : {}) } : {}),
    },
  }, extract(headers));
  const context = trace.setSpan(ROOT_CONTEXT, span);
  let ended = false;
  return {
    requestId,
    traceId: span.spanContext().traceId,
    setOperation(type, name) {
      span.updateName(name ? `${type} ${name}` : type);
      span.setAttribute('graphql.operation.type', type);
      if (name) span.setAttribute('graphql.operation.name', name);
    },
    end(outcome) {
      if (ended) return;
      ended = true;
      span.setAttributes({
        'http.response.status_code': outcome.status,
        'bulk_delete.requested': outcome.counts.requested,
        'bulk_delete.deleted': outcome.counts.deleted,
        'bulk_delete.not_found': outcome.counts.notFound,
        'bulk_delete.failed': outcome.counts.failed,
      });
      if (outcome.errorCodes.length > 0) {
        span.setAttribute('graphql.error.codes', [...outcome.errorCodes]);
        span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.errorCodes.join(', ') });
      }
      span.end();
    },
    startAttempt: (upstream, method, url, attempt) => startAttemptSpan(tracer, context, requestId, upstream, method, url, attempt),
  };
}

/** The span of one HTTP attempt, a child of `context`; its headers carry it upstream. */
function startAttemptSpan(tracer: Tracer, context: Context, requestId: string, upstream: UpstreamName, method: string, url: string, attempt: number): AttemptTrace {
  const target = new URL(url);
  const child: Span = tracer.startSpan(`${method} ${upstream}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      'http.request.method': method,
      // The path alone: a query string could carry a credential.
      'server.address': target.hostname,
      'url.path': target.pathname,
      'bulk_delete.upstream': upstream,
      ...(attempt > 1 ? { 'http.request.resend_count': attempt - 1 } : {}),
    },
  }, context);
  return {
    headers: inject(trace.setSpan(context, child), { 'x-request-id': requestId }),
    end(status, error) {
      if (status !== null) child.setAttribute('http.response.status_code', status);
      if (status === null || status >= 500) {
        child.setAttribute('error.type', status === null ? (error ?? 'no answer') : String(status));
        child.setStatus({ code: SpanStatusCode.ERROR, ...(error ? { message: error } : {}) });
      }
      child.end();
    },
  };
}

/** The request ID a job batch's calls carry upstream: the job and the batch, for the vendor's support. */
function jobBatchRequestId(jobId: string, batchIndex: number): string {
  return `job:${jobId}:${batchIndex}`;
}

/** Tracing off: the batch's request ID alone goes upstream. */
function passThroughJobBatch(jobId: string, _target: string, batchIndex: number): JobBatchTrace {
  const attempt: AttemptTrace = { headers: Object.freeze({ 'x-request-id': jobBatchRequestId(jobId, batchIndex) }), end() {} };
  return { startAttempt: () => attempt, end() {} };
}

function recordedJobBatch(tracer: Tracer, jobId: string, target: string, batchIndex: number): JobBatchTrace {
  const span = tracer.startSpan('job batch', {
    kind: SpanKind.INTERNAL,
    attributes: { 'bulk_delete.job.id': jobId, 'bulk_delete.job.target': target, 'bulk_delete.job.batch_index': batchIndex },
  }, ROOT_CONTEXT);
  const context = trace.setSpan(ROOT_CONTEXT, span);
  const requestId = jobBatchRequestId(jobId, batchIndex);
  let ended = false;
  return {
    startAttempt: (upstream, method, url, attempt) => startAttemptSpan(tracer, context, requestId, upstream, method, url, attempt),
    end(outcome) {
      if (ended) return;
      ended = true;
      const account = accountOf(outcome);
      span.setAttributes({
        'bulk_delete.batch.outcome': outcome.kind,
        'bulk_delete.requested': outcome.ids.length,
        'bulk_delete.deleted': account.deletedCount,
        'bulk_delete.not_found': account.notFoundCount,
        'bulk_delete.failed': account.failures.length,
      });
      if (outcome.kind === 'refused' || outcome.kind === 'unknown') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.kind === 'refused' ? outcome.error.code : 'OUTCOME_UNKNOWN' });
      span.end();
    },
  };
}
