import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Config } from '../config/index.ts';
import { configSecrets } from '../config/index.ts';
import { createRequestAuthenticator } from '../auth/index.ts';
import { FacadeError, createErrorFormatter, createMintedTokens, createRedactor, errorBody } from '../errors/index.ts';
import { createIdempotencyStore, type IdempotencyStore } from '../idempotency/index.ts';
import { createLocalJobEvents, createRedisJobEvents, openRedisJobStore, openSqliteJobStore, type JobEvents, type JobStore } from '../jobs/index.ts';
import type { DestinationStream } from 'pino';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { createLogger, createMetrics, createTracing, logRequest, requestOutcome, startRequestRecord, type RequestRecord, type RequestTrace } from '../observability/index.ts';
import { createUpstreamSets, JOB_BUDGET_MAX_WAIT_MS, type HttpDeps, type Upstreams } from '../upstreams/index.ts';
import { createJobObserver, createJobRunner, createJobScheduler, wakeOnQueued, type JobScheduler, type QueueScheduler, type Timers } from '../job-runner/index.ts';
import { createJobTargetRunners } from './job-targets.ts';
import type { JobServices, RequestContext, Services } from './context.ts';
import { BodyTooLargeError, readBody, sendJson } from './http-utils.ts';
import type { Playground } from './playground.ts';
import { createDocumentLimits } from './hardening.ts';
import { connectionOptions } from './edge.ts';
import { createRequestGate, warnIfOpen, type GateRefusal } from './request-gate.ts';
import { isPersistedQueryMismatch } from './apq.ts';
import { lazyInlineTracePlugin } from './inline-trace.ts';
import { createMetricsRoute, refuseUnlessRead } from './metrics-route.ts';
import { clientRateLimitPlugin, createClientRateLimiter, createFailureLimiter } from './rate-limit.ts';
import { createSchema } from './schema.ts';
import { createJobResultsRoute, parseResultsPath } from './job-results-route.ts';
import { createClientAddress, readClientApp, readRequestId } from './forwarded.ts';
import { requestObserverPlugin } from './request-observer.ts';
import { createSubscriptionServer, type SubscriptionServer } from './subscriptions.ts';
import { refuseUpgrade } from './ws-upgrade.ts';

const SHUTTING_DOWN = new FacadeError('SHUTTING_DOWN', 'This replica is shutting down; nothing was done. Retry the request.');
// Apollo Client's persisted-query link recognises this message's start and resends the query.
const APQ_MISMATCH = new FacadeError('BAD_REQUEST', 'provided sha does not match query (extensions.persistedQuery.sha256Hash must be the SHA-256 of query, in hex)');

/** Where the app is in its life: only `ready` answers /readyz with 200. */
export type AppState = { readonly phase: 'starting' } | { readonly phase: 'ready' } | { readonly phase: 'draining' } | { readonly phase: 'stopped' };

/** What createApp may be given instead of building it from the config (tests, demo mode). */
export interface AppDeps {
  readonly upstreams?: Upstreams;
  readonly idempotency?: IdempotencyStore;
  /** Where log lines go (default stdout); tests collect them to check what is logged. */
  readonly logDestination?: DestinationStream;
  readonly http?: HttpDeps;
  /** Records every span (tests); without it spans are exported only when OTLP is configured. */
  readonly spanExporter?: SpanExporter;
  /** The jobs store to use instead of opening JOBS_DB_PATH (tests); closed with the app all the same. */
  readonly jobStore?: JobStore;
  /** The adapters jobs use, with `upstreams` (tests); default: `upstreams` themselves. */
  readonly jobUpstreams?: Upstreams;
  /** The job runner's clock and timers (tests move time by hand). */
  readonly jobClock?: { readonly now: () => number; readonly timers: Timers };
  /** The job change fan-out to use instead of an in-process one (tests count its listeners). */
  readonly jobEvents?: JobEvents;
}

/** A running facade. */
export interface App {
  readonly server: Server;
  readonly services: Services;
  /** The embedded job scheduler, running from `listen` to `close`; null when the app runs no jobs. */
  readonly jobScheduler: JobScheduler | null;
  /** graphql-ws on /graphql; null when WS_MAX_SUBSCRIPTIONS_PER_CLIENT is 0. */
  readonly subscriptions: SubscriptionServer | null;
  /**
   * Where job changes are published (the API's start, cancel and add, and the runner): with
   * REDIS_URL they reach every replica, and a job published QUEUED is put in the queue.
   */
  readonly jobEvents: JobEvents;
  state(): AppState;
  /** Listens on config.server (port 0: any free port) and returns the base URL. */
  listen(): Promise<string>;
  /**
   * Drains, then stops: /readyz answers 503 and new GraphQL requests are refused at once,
   * while requests already running finish, for at most `graceMs` (SHUTDOWN_GRACE_MS).
   * Then the server and the stores close. `cutShort` is true when the grace ran out first.
   */
  close(graceMs?: number): Promise<{ cutShort: boolean }>;
}

const GRAPHQL_PATH = '/graphql';
// How long a closing socket's client has to answer the close handshake before it is cut.
const WS_CLOSE_WAIT_MS = 1_000;

/**
 * Builds the facade: services once (schema, HTTP client, agents, metrics, store), then one
 * `node:http` server routing /graphql to Apollo and /healthz, /readyz, /metrics to themselves.
 */
export async function createApp(config: Config, deps: AppDeps = {}): Promise<App> {
  // Kore.ai JWTs minted per request join the configured secrets for their lifetime.
  const mintedTokens = createMintedTokens();
  const redact = createRedactor(configSecrets(config), mintedTokens);
  const logger = createLogger(config, redact, deps.logDestination);
  const metrics = createMetrics();
  // Mutations and jobs share each vendor's guard (one budget, one circuit); jobs spend only JOB_RATE_SHARE of it.
  const upstreamSets = deps.upstreams
    ? { upstreams: deps.upstreams, jobUpstreams: deps.jobUpstreams ?? deps.upstreams }
    : createUpstreamSets(config.upstreams, config.policy, { observer: metrics.upstreamObserver, mintedTokens, ...deps.http }, config.protection, config.jobRunner.rateShare);
  // With REDIS_URL every replica shares the jobs; the app opens and closes them (a test's own store wins).
  const sharedJobs = deps.jobStore === undefined && config.redisUrl !== null ? await openSharedJobs(config.redisUrl) : null;
  let queueScheduler: QueueScheduler | null = null;
  const onJobError = (error: unknown, jobId: string | null): void => {
    logger.error({ err: error, jobId, component: 'job-runner' }, 'the job runner failed; the job is taken again when its lease lapses');
  };
  const services: Services = {
    config,
    logger,
    metrics,
    tracing: createTracing(config.tracing, deps.spanExporter),
    // Shared in Redis when REDIS_URL is set; rejects (naming REDIS_URL) when Redis is unreachable.
    idempotency: deps.idempotency ?? (await createIdempotencyStore(config, { logger })),
    upstreams: upstreamSets.upstreams,
    jobs: await openJobServices(),
  };
  // JOB_WORKER_CONCURRENCY=0: an API-only replica; the jobs it queues are run by another's worker
  // (with REDIS_URL it still puts them in the queue).
  const jobScheduler: JobScheduler | null = sharedJobs !== null
    ? (queueScheduler = createQueueSchedulerFor(sharedJobs))
    : config.jobRunner.workerConcurrency > 0 ? createEmbeddedScheduler() : null;

  /**
   * The jobs' store, change fan-out and limits. Embedded (JOBS_DB_PATH, events in this process)
   * unless REDIS_URL makes every replica share them (docs/contract.md §8, "Where jobs live").
   * A job published QUEUED wakes this replica's scheduler, or goes into the shared queue.
   */
  async function openJobServices(): Promise<JobServices> {
    const { maxIdsPerJob, maxRunningJobsPerClient } = config.jobs;
    const limits = Object.freeze({ maxIdsPerJob, maxActiveJobs: maxRunningJobsPerClient, maxRunningJobsPerClient });
    if (sharedJobs !== null) {
      const queue = { enqueue: (id: string) => queueScheduler?.enqueue(id) ?? Promise.resolve(), expedite: (id: string) => queueScheduler?.expedite(id) ?? Promise.resolve() };
      return { store: sharedJobs.store, events: sharedJobs.queueing.queueOnPublish(deps.jobEvents ?? sharedJobs.events, queue, onJobError), limits };
    }
    const store = deps.jobStore ?? (await openSqliteJobStore(config.jobs.dbPath));
    return { store, events: wakeOnQueued(deps.jobEvents ?? createLocalJobEvents(), () => jobScheduler?.wake()), limits };
  }

  /**
   * The Redis job store, job events and budget ledger, each on its own connection, and the queue
   * half of the runner: loaded here, so a process without REDIS_URL never loads BullMQ.
   */
  async function openSharedJobs(url: string) {
    const [redis, queueing] = await Promise.all([import('../idempotency/redis-connection.ts'), import('../job-runner/queue.ts')]);
    const store = await openRedisJobStore({ url, logger });
    const events = await createRedisJobEvents({ url, logger });
    const ledger = await redis.connectRedis(url, redis.connectionLimits({}), 'bulk-delete-facade-job-budget', 'job budget ledger');
    return { store, events, ledger, queueing, quitLedger: () => redis.quitRedis(ledger, redis.connectionLimits({}).commandTimeoutMs) };
  }

  /** What both schedulers' runners are built with; called once per app. */
  function jobRunnerDeps() {
    const now = deps.jobClock?.now ?? Date.now;
    const timers = deps.jobClock?.timers;
    // A worker ID per process start: a restarted replica never mistakes its old leases for its own.
    const workerId = `${hostname()}:${randomUUID()}`;
    const targets = createJobTargetRunners(upstreamSets.jobUpstreams, { concurrency: config.policy.batchConcurrency });
    return { now, timers, workerId, targets, observer: createJobObserver(logger, metrics, services.tracing), onPurge: (count: number) => count > 0 && logger.info({ count, component: 'job-runner' }, 'purged ended jobs past their retention') };
  }

  /** The embedded scheduler: claims jobs from the store, sleeps until a wake, a poll or a resume. */
  function createEmbeddedScheduler(): JobScheduler {
    const { now, timers, workerId, targets, observer, onPurge } = jobRunnerDeps();
    const { store, events } = services.jobs;
    const runner = createJobRunner({ store, events, targets, observer, now, ...(timers ? { timers } : {}) });
    return createJobScheduler(
      { workerId, concurrency: config.jobRunner.workerConcurrency, leaseMs: config.jobRunner.lockMs, retentionDays: config.jobs.retentionDays },
      { store, events, runner, now, ...(timers ? { timers } : {}), onError: (error, job) => onJobError(error, job?.id ?? null), onPurge },
    );
  }

  /** BullMQ over the shared store; replicas share each vendor's budget through a ledger in Redis, on top of each one's own pacer. */
  function createQueueSchedulerFor(shared: NonNullable<typeof sharedJobs>): QueueScheduler {
    const { now, timers, workerId, targets: ownTargets, observer, onPurge } = jobRunnerDeps();
    const { createQueueScheduler, createSharedBudget, withSharedBudget } = shared.queueing;
    const budget = createSharedBudget(shared.ledger, { share: config.jobRunner.rateShare });
    const targets = withSharedBudget(ownTargets, budget, {
      now, maxWaitMs: JOB_BUDGET_MAX_WAIT_MS, ...(timers ? { timers } : {}),
      onError: (error) => logger.warn({ err: error, component: 'job-runner' }, 'the shared job budget in Redis did not answer; this batch is paced by this replica alone'),
    });
    const { events } = services.jobs;
    const runner = createJobRunner({ store: shared.store, events, targets, observer, now, ...(timers ? { timers } : {}) });
    return createQueueScheduler(
      { workerId, concurrency: config.jobRunner.workerConcurrency, redisUrl: config.redisUrl!, prefix: config.jobRunner.queuePrefix, lockMs: config.jobRunner.lockMs, retentionDays: config.jobs.retentionDays },
      { store: shared.store, events, runner, now, ...(timers ? { timers } : {}), onError: onJobError, onPurge },
    );
  }
  // Built once: API key digests decoded, the JWT key or JWKS set up (auth/).
  const authenticate = createRequestAuthenticator(config.auth, logger, createFailureLimiter(config.security.authFailuresPerMinute));
  const clientAddress = createClientAddress(config.security.trustedProxies);
  const gate = createRequestGate(config, authenticate, clientAddress);
  const serveMetrics = createMetricsRoute(metrics, config.security.metricsToken);
  // A bug answered INTERNAL_SERVER_ERROR: the client gets no detail, the log gets the cause
  // (the logger redacts every string of it).
  const formatError = createErrorFormatter(redact, (error) => logger.error({ err: error }, 'unexpected error, answered INTERNAL_SERVER_ERROR'));
  const sendError = (res: ServerResponse, status: number, error: unknown, headers: Record<string, string> = {}): void => {
    sendJson(res, status, errorBody(formatError, error, config.demo), headers);
  };

  const limits = createDocumentLimits(config.security);
  const { schema, jobTargets } = createSchema(config, services.upstreams);
  const serveJobResults = createJobResultsRoute({ services, targets: jobTargets, gate, redact, sendError, logger });
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: config.security.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // main.ts owns the signals: Apollo's own handler would stop it behind our drain's back.
    stopOnTerminationSignals: false,
    // Apollo's start-up notices would crowd out the one start-up line; its warnings still show.
    logger: logger.child({ component: 'apollo' }, { level: logger.isLevelEnabled('debug') ? logger.level : 'warn' }),
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Mutations are never cached: computing a cache policy per resolved field is pure cost.
      ApolloServerPluginCacheControlDisabled(),
      // Federated traces (ftv1) for a router that asks for them; Apollo's plugin loads at the first such request.
      lazyInlineTracePlugin(),
      requestObserverPlugin(),
      ...limits.plugins,
      ...(config.security.clientRateLimitPerMinute > 0 ? [clientRateLimitPlugin(createClientRateLimiter(config.security.clientRateLimitPerMinute))] : []),
    ],
  });
  await apollo.start();

  // docs/contract.md §7: GET /graphql opens the playground outside production (PLAYGROUND overrides).
  // Served from npm packages, never a CDN; Apollo's own landing page is disabled above.
  // Its modules load only where it is served (not in production, by default).
  const playground = config.security.playground ? await createPlaygroundFor(config.demo) : null;

  let state: AppState = { phase: 'starting' };
  // Subscriptions: graphql-ws on the same port and path, its checks the HTTP path's.
  const subscriptions = createSubscriptionServer({ services, schema, limits, authenticate, clientAddress, formatError, redact, accepting: () => state.phase === 'ready' });
  // GraphQL requests being served, so a drain knows when the last one is done.
  let inFlight = 0;
  let onIdle: (() => void) | null = null;
  const server = createServer(connectionOptions(config.server), (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // The formatter logs it with its cause; an answer already under way can only be cut.
      if (!res.headersSent) return sendError(res, 500, error);
      logger.error({ err: error }, 'request failed after its answer started');
      res.destroy();
    });
  });
  // Beyond this, new connections are closed as they arrive: each one costs memory and a descriptor.
  server.maxConnections = config.server.maxConnections;
  // Node would answer `Expect: 100-continue` itself, inviting the body before anything was
  // checked; the request goes to the handler instead, and readBody invites it once authenticated.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    if ((queryAt === -1 ? url : url.slice(0, queryAt)) === GRAPHQL_PATH && subscriptions !== null) return subscriptions.upgrade(req, socket, head);
    refuseUpgrade(socket, 404, JSON.stringify({ error: `No WebSocket is served at ${url.slice(0, 100)}. Subscriptions are at ${GRAPHQL_PATH}${subscriptions === null ? ' when WS_MAX_SUBSCRIPTIONS_PER_CLIENT is above 0' : ''}.` }));
  });
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => server.emit('request', req, res));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (playground?.handle(req, res)) return;
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const search = queryAt === -1 ? '' : url.slice(queryAt);
    const jobId = parseResultsPath(path);
    if (jobId !== null) {
      // A results stream counts as a request in flight: a drain lets it finish within the grace.
      if (!admit(res)) return;
      return serveJobResults(req, res, jobId, readRequestId(req.headers));
    }
    switch (path) {
      case GRAPHQL_PATH: {
        if (!admit(res)) return;
        return handleGraphQL(req, res, search);
      }
      case '/healthz':
        if (refuseUnlessRead(req, res)) return;
        return sendJson(res, 200, { status: 'ok' });
      case '/readyz': {
        if (refuseUnlessRead(req, res)) return;
        if (state.phase !== 'ready') return sendJson(res, 503, { status: state.phase });
        // A replica whose idempotency store is down refuses every call with a key: not ready.
        const store = await services.idempotency.health();
        return store.ok ? sendJson(res, 200, { status: 'ready' }) : sendJson(res, 503, { status: 'unavailable', reason: store.reason });
      }
      case '/metrics':
        return serveMetrics(req, res);
      default:
        return sendJson(res, 404, { error: `No route for ${req.method ?? 'GET'} ${path}. GraphQL is at ${GRAPHQL_PATH}.` });
    }
  }

  // Starts a request the drain waits for; while draining, refuses it instead: nothing new starts,
  // so a deploy never cuts a delete in half, and a router or client retries on another replica.
  function admit(res: ServerResponse): boolean {
    if (state.phase !== 'ready') {
      // Keep-alive clients are told to leave.
      res.setHeader('connection', 'close');
      sendError(res, 503, SHUTTING_DOWN, { 'retry-after': '1' });
      return false;
    }
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) onIdle?.();
    });
    return true;
  }

  // Every GraphQL request gets a request ID (the router's or a new one), a trace, and one log line.
  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    const requestId = readRequestId(req.headers);
    res.setHeader('x-request-id', requestId);
    // A delete's answer is never to be stored by a proxy or browser (Apollo's cache-control
    // plugin, which said so, is off: see the plugins above).
    res.setHeader('cache-control', 'no-store');
    const app = readClientApp(req.headers);
    const trace = services.tracing.startRequest(requestId, req.method ?? 'GET', req.headers, app);
    const record = startRequestRecord(requestId, trace.traceId, app);
    try {
      await serveGraphQL(req, res, search, trace, record);
    } catch (error) {
      record.errorCodes.push('INTERNAL_SERVER_ERROR');
      throw error;
    } finally {
      const status = res.headersSent ? res.statusCode : 500;
      trace.end(requestOutcome(record, status));
      logRequest(logger, record, status);
    }
  }

  async function serveGraphQL(req: IncomingMessage, res: ServerResponse, search: string, trace: RequestTrace, record: RequestRecord): Promise<void> {
    const { requestId } = record;

    // Host, Authorization and authentication are decided from the headers alone: a refused
    // request's body is never read (Node discards it) and its connection is closed, so callers
    // without credentials cannot make the facade buffer megabytes each.
    const decision = await gate(req, requestId);
    if (!decision.ok) return refuse(res, record, decision);
    const { identity } = decision;
    record.client = identity.client;

    let body: unknown;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, config.server.maxRequestBytes, res);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          res.setHeader('connection', 'close');
          return sendError(res, 413, new FacadeError('BAD_REQUEST', `Request body is larger than ${config.server.maxRequestBytes} bytes (MAX_REQUEST_BYTES).`));
        }
        throw error;
      }
      const contentType = req.headers['content-type'] ?? '';
      if (/^application\/(graphql-response\+)?json\b/i.test(contentType) && text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          return sendError(res, 400, new FacadeError('BAD_REQUEST', 'The request body is not valid JSON.'));
        }
      } else {
        body = text;
      }
    }

    if (isPersistedQueryMismatch(body, search)) {
      record.errorCodes.push('BAD_REQUEST');
      return sendError(res, 400, APQ_MISMATCH);
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
      // Authenticated above, from the headers, before the body was read.
      context: async () => ({ services, requestId, trace, record, ...identity }),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    // docs/contract.md §4: no response contains a credential, even one an upstream echoed into a row's
    // reason or code (result data never passes formatError, so redact the whole text).
    if (response.body.kind === 'complete') {
      const text = redact(response.body.string);
      res.end(config.demo ? withDemoFlag(text) : text);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(redact(chunk));
    res.end();
  }

  function refuse(res: ServerResponse, record: RequestRecord, { status, error, headers }: GateRefusal): void {
    record.errorCodes.push(error.code);
    res.setHeader('connection', 'close');
    sendError(res, status, error, headers);
  }

  return {
    server,
    services,
    jobScheduler,
    jobEvents: services.jobs.events,
    subscriptions,
    state: () => state,
    async listen() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.server.port, config.server.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      state = { phase: 'ready' };
      jobScheduler?.start();
      const { address, port } = server.address() as AddressInfo;
      const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
      warnIfOpen(config, logger, url);
      return url;
    },
    async close(graceMs = config.shutdownGraceMs) {
      state = { phase: 'draining' };
      // Jobs stop sending now; their batches in flight land and are recorded while requests drain.
      const jobsStopped = jobScheduler?.stop();
      let cutShort = false;
      // Watchers are told at once (1001): a graphql-ws client reconnects, to a replica that stays.
      const socketsClosed = subscriptions?.close(WS_CLOSE_WAIT_MS);
      if (inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          onIdle = resolve;
          timer = setTimeout(() => {
            cutShort = true;
            resolve();
          }, graceMs);
        });
        clearTimeout(timer);
        if (cutShort) logger.warn({ inFlight }, 'shutdown grace period over; closing with requests still running');
      }
      await socketsClosed;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (cutShort) server.closeAllConnections();
      await closed;
      await jobsStopped;
      await apollo.stop();
      await services.idempotency.close();
      services.jobs.events.close();
      await services.jobs.store.close();
      if (sharedJobs !== null) await sharedJobs.quitLedger();
      await services.tracing.shutdown();
      state = { phase: 'stopped' };
      return { cutShort };
    },
  };
}

async function createPlaygroundFor(demo: boolean): Promise<Playground> {
  const [{ createPlayground }, { playgroundExamples, playgroundHeaders }] = await Promise.all([import('./playground.ts'), import('./playground-examples.ts')]);
  return createPlayground({ endpoint: GRAPHQL_PATH, demo, examples: playgroundExamples(demo), defaultHeaders: playgroundHeaders() });
}

// docs/contract.md §7: every response in demo mode says so, in `extensions.demo`. Done on the final
// text so Apollo's own HTTP-level errors (bad method, CSRF) get it too; demo mode only, so
// the live hot path never re-parses.
function withDemoFlag(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return text;
    const record = parsed as { extensions?: Record<string, unknown> };
    if (record.extensions?.demo === true) return text;
    return JSON.stringify({ ...record, extensions: { ...record.extensions, demo: true } });
  } catch {
    return text;
  }
}
