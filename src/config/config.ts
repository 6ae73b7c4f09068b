/** Where and how the facade listens. */
export interface ServerConfig {
  /** @default '127.0.0.1' */
  readonly host: string;
  /** @default 4000 */
  readonly port: number;
  /** Largest request body accepted, in bytes. @default 5 MiB */
  readonly maxRequestBytes: number;
  /** Time from a request's first byte to its last header line; Node answers 408 and closes after it. @default 10000 */
  readonly headersTimeoutMs: number;
  /** Time from a request's first byte to the end of its body (not the response). @default 30000 */
  readonly requestTimeoutMs: number;
  /** How long an idle kept-alive connection stays open after a response. @default 65000 */
  readonly keepAliveTimeoutMs: number;
  /** Open connections at once; further ones are closed as they arrive. @default 1000 */
  readonly maxConnections: number;
}

/** Limits applied to every mutation's input before any upstream call. */
export interface InputLimits {
  /** Largest `ids` list accepted, counted before de-duplication. @default 10000 */
  readonly maxIdsPerCall: number;
  /** Longest ID accepted, in characters. @default 256 */
  readonly maxIdLength: number;
}

/** How the facade talks to every upstream (docs/contract.md §5, "Common to all three"). */
export interface UpstreamPolicy {
  /** One upstream call's time limit. @default 10000 */
  readonly timeoutMs: number;
  /** Attempts per upstream call, where a retry is safe. @default 3 */
  readonly maxAttempts: number;
  /** Longest wait for a 429's reset before giving up. @default 5000 */
  readonly rateLimitMaxWaitMs: number;
  /** Upstream calls in flight at once for one mutation. @default 4 */
  readonly batchConcurrency: number;
  /**
   * Most bytes read of one upstream answer; past it the call is abandoned and its IDs are
   * OUTCOME_UNKNOWN (the vendor may have processed it). @default 1 MiB
   */
  readonly maxResponseBytes: number;
}

/** Stoq, configured: its base URL and `X-Auth-Token`. */
export interface StoqConfig {
  readonly url: string;
  readonly apiKey: string;
}

/** Kore.ai credentials: a JWT used as given, or a client ID and secret to mint one per request. */
export type KoreAuth =
  | { readonly kind: 'static'; readonly jwt: string }
  | { readonly kind: 'minted'; readonly clientId: string; readonly clientSecret: string; readonly subject: string };

/** Kore.ai, configured. */
export interface KoreConfig {
  readonly url: string;
  readonly accountId: string;
  /** Used when a mutation gives no `streamId`; null means every call must give one. */
  readonly defaultStreamId: string | null;
  readonly auth: KoreAuth;
  /** IDs per Kore.ai call; its docs give no limit. @default 100 */
  readonly batchSize: number;
}

/** LeadLex, configured: its base URL and bearer key. */
export interface LeadLexConfig {
  readonly url: string;
  readonly apiKey: string;
}

/** The three upstreams; null where one has no credentials (its mutation answers NOT_CONFIGURED). */
export interface UpstreamsConfig {
  readonly stoq: StoqConfig | null;
  readonly kore: KoreConfig | null;
  readonly leadlex: LeadLexConfig | null;
}

/** The scope a client needs for each mutation. */
export const SCOPES = ['intents:delete', 'contacts:delete', 'deals:delete'] as const;
export type Scope = (typeof SCOPES)[number];

/** One API key, as configured: a name, its scopes, and a salted SHA-256 of the key (never the key). */
export interface ApiKeyEntry {
  readonly name: string;
  readonly scopes: readonly Scope[];
  /** base64url salt and digest of sha256(salt || key). */
  readonly salt: string;
  readonly digest: string;
}

/** JWTs from the company's identity provider. */
export interface JwtAuthConfig {
  /** HS256 shared secret; null when keys come from `jwksUrl`. */
  readonly secret: string | null;
  readonly jwksUrl: string | null;
  readonly issuer: string;
  readonly audience: string;
  /** Claim holding the scopes (space-separated string or list). @default 'scope' */
  readonly scopesClaim: string;
  /** Claim naming the client in logs and idempotency scopes. @default 'sub' */
  readonly clientClaim: string;
  /** Longest lifetime accepted: `exp - iat`, and `exp` at most this far ahead. @default 86400 (24 h) */
  readonly maxLifetimeS: number;
}

/** Who may call the facade (issue: client authentication). */
export interface AuthConfig {
  /** When false, calls without credentials act as one anonymous client with every scope. */
  readonly required: boolean;
  readonly apiKeys: readonly ApiKeyEntry[];
  readonly jwt: JwtAuthConfig | null;
}

/** Production hardening of the GraphQL endpoint. */
export interface SecurityConfig {
  /** @default true outside production */
  readonly introspection: boolean;
  /** @default true outside production */
  readonly playground: boolean;
  /** @default 10 */
  readonly maxDepth: number;
  /** Aliases per document. @default 10 */
  readonly maxAliases: number;
  /** Mutation fields per operation, so one request cannot call a mutation a hundred times. @default 3 */
  readonly maxMutationFields: number;
  /** Cost limit of a document (graphql-armor cost analysis). @default 1000 */
  readonly maxCost: number;
  /** Tokens per document. @default 2000 */
  readonly maxTokens: number;
  /** GraphQL requests per client per minute; 0 turns the limit off. @default 120 */
  readonly clientRateLimitPerMinute: number;
  /** Failed authentications per remote address per minute before it is refused outright; 0 turns it off. @default 30 */
  readonly authFailuresPerMinute: number;
  /**
   * Proxies (IPs or CIDR ranges) whose `X-Forwarded-For` names the real remote address, so a
   * router in front does not make every caller share one address's failure budget. @default none
   */
  readonly trustedProxies: readonly string[];
  /**
   * Host names (lower case, no port) /graphql answers besides the loopback names. Checked
   * whenever set, and always when client authentication is off, so a DNS-rebinding page cannot
   * reach an open facade through a name it controls. @default none
   */
  readonly allowedHosts: readonly string[];
  /** Bearer token GET /metrics requires; null leaves it open. A secret. @default null */
  readonly metricsToken: string | null;
}

/** How the facade protects each upstream from itself. */
export interface ProtectionConfig {
  /** Upstream calls in flight at once to one upstream, across all requests. @default 8 */
  readonly upstreamConcurrency: number;
  /** Consecutive failures that open an upstream's circuit. @default 5 */
  readonly circuitFailureThreshold: number;
  /** How long an open circuit fails fast before one probe call. @default 30000 */
  readonly circuitOpenMs: number;
}

/** OpenTelemetry span export (OTLP over HTTP); null when OTEL_EXPORTER_OTLP_ENDPOINT is unset. */
export interface TracingConfig {
  /** OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`. */
  readonly tracesUrl: string;
  /** OTEL_EXPORTER_OTLP_HEADERS (and _TRACES_HEADERS): often a vendor's API key, so secret. */
  readonly headers: Readonly<Record<string, string>>;
  /** OTEL_SERVICE_NAME. @default bulk-delete-facade */
  readonly serviceName: string;
}

/** Bulk-delete jobs (docs/contract.md §8). */
export interface JobsConfig {
  /** JOBS_DB_PATH: the embedded jobs database. @default 'data/jobs.sqlite'; ':memory:' in demo mode */
  readonly dbPath: string;
  /** MAX_IDS_PER_JOB: distinct IDs one job holds at most. @default 1000000 */
  readonly maxIdsPerJob: number;
  /** JOB_RETENTION_DAYS: how long an ended job and its results are kept. @default 7 */
  readonly retentionDays: number;
  /** MAX_RUNNING_JOBS_PER_CLIENT: jobs one client may have queued, running or paused at once. @default 5 */
  readonly maxRunningJobsPerClient: number;
  /** STOQ_JOB_BATCH_SIZE: IDs per Stoq call in a job (the mutation sends its whole list in one). @default 1000 */
  readonly stoqBatchSize: number;
}

/** How this replica runs bulk-delete jobs (docs/contract.md §8). */
export interface JobRunnerConfig {
  /**
   * JOB_RATE_SHARE: the part of each vendor's rate-limit budget jobs may spend (0 < x <= 1);
   * the rest stays for the mutations, so a running job never makes one wait a whole window.
   * @default 0.8
   */
  readonly rateShare: number;
  /**
   * JOB_WORKER_CONCURRENCY: jobs this replica runs at once (each sends BATCH_CONCURRENCY batches at a
   * time); 0: this replica serves the jobs API but runs no jobs (another replica's worker does). @default 2
   */
  readonly workerConcurrency: number;
  /** JOB_QUEUE_PREFIX: the key prefix of the BullMQ queue jobs go through with REDIS_URL. @default 'bdf:queue' */
  readonly queuePrefix: string;
  /**
   * JOB_LOCK_MS: the time after which a dead worker's job is taken over: the job store's lease
   * (renewed every third of it). Embedded, a process restarted after a crash resumes its jobs
   * within this (its worker ID is new, so it cannot tell its old leases from another's); with
   * REDIS_URL also BullMQ's job lock and stalled-job check interval, so a replica killed
   * mid-job has its job taken over within about twice this. @default 30000
   */
  readonly lockMs: number;
}

/** Subscriptions over graphql-ws on /graphql. */
export interface SubscriptionsConfig {
  /** WS_MAX_SUBSCRIPTIONS_PER_CLIENT: subscriptions one client may hold open at once, over all its sockets; 0 serves none (no WebSocket upgrade). @default 20 */
  readonly maxPerClient: number;
  /** WS_MAX_MESSAGE_BYTES: the largest WebSocket message accepted; a larger one closes the socket (1009). @default 65536 */
  readonly maxMessageBytes: number;
  /** WS_INIT_TIMEOUT_MS: how long a new socket may take to send `connection_init` before it is closed (4408). @default 3000 */
  readonly initTimeoutMs: number;
}

/** The whole configuration: parsed once, fully defaulted, frozen. */
export interface Config {
  readonly env: 'production' | 'development' | 'test';
  /**
   * True when no upstream has credentials, outside production: main.ts then serves the
   * built-in simulators. Production without credentials does not load (docs/contract.md §7).
   */
  readonly demo: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly server: ServerConfig;
  readonly limits: InputLimits;
  readonly policy: UpstreamPolicy;
  readonly upstreams: UpstreamsConfig;
  /** Shared idempotency store; null keeps it in process. */
  readonly redisUrl: string | null;
  /** Each client's share of the idempotency store, in either store. */
  readonly idempotencyQuota: {
    /** IDEMPOTENCY_MAX_KEYS_PER_CLIENT: records one client holds at most. @default 10000 */
    readonly maxKeys: number;
    /** IDEMPOTENCY_MAX_BYTES_PER_CLIENT: bytes of stored results one client holds at most. @default 33554432 (32 MiB) */
    readonly maxBytes: number;
  };
  readonly auth: AuthConfig;
  readonly security: SecurityConfig;
  readonly protection: ProtectionConfig;
  readonly tracing: TracingConfig | null;
  readonly jobRunner: JobRunnerConfig;
  /** How long a shutdown waits for in-flight mutations. @default 30000 */
  readonly shutdownGraceMs: number;
  readonly jobs: JobsConfig;
  readonly subscriptions: SubscriptionsConfig;
}
