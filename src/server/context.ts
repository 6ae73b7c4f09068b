import type { Config, Scope } from '../config/index.ts';
import type { IdempotencyStore } from '../idempotency/index.ts';
import type { JobEvents, JobLimits, JobStore } from '../jobs/index.ts';
import type { Logger, Metrics, RequestRecord, RequestTrace, Tracing } from '../observability/index.ts';
import type { Upstreams } from '../upstreams/index.ts';

/** Bulk-delete jobs (docs/contract.md §8): where they are kept, who is told of changes, the limits. */
export interface JobServices {
  readonly store: JobStore;
  readonly events: JobEvents;
  /** MAX_IDS_PER_JOB, and MAX_RUNNING_JOBS_PER_CLIENT as both the store's `maxActiveJobs` and by its own name. */
  readonly limits: JobLimits & { readonly maxRunningJobsPerClient: number };
}

/** Everything built once at start-up and shared by all requests. */
export interface Services {
  readonly config: Config;
  readonly upstreams: Upstreams;
  readonly idempotency: IdempotencyStore;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly tracing: Tracing;
  readonly jobs: JobServices;
}

/** The GraphQL context: the shared services plus what belongs to this request alone. */
export interface RequestContext {
  readonly services: Services;
  /**
   * Who is calling (auth/): an API key's name, `jwt:<client claim>`, or `anonymous` for every
   * caller without credentials when authentication is not required. Scopes idempotency keys.
   */
  readonly client: string;
  /** The mutations this client may call; each mutation checks its own (FORBIDDEN). */
  readonly scopes: ReadonlySet<Scope>;
  readonly requestId: string;
  /** The request's trace: its ID and trace context go to the upstreams with every call. */
  readonly trace: RequestTrace;
  /** What the request did, for its log line; resolvers add their results. */
  readonly record: RequestRecord;
}

