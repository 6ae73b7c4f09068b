import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src/config/index.ts';
import type { IdempotencyStore } from '../../src/idempotency/index.ts';
import type { JobEvents, JobStore } from '../../src/jobs/index.ts';
import { createApp, type App } from '../../src/server/create-app.ts';
import {
  demoUpstreamsConfig, startDemoUpstreams, startKoreSimulator, startLeadLexSimulator, startStoqSimulator,
  type DemoUpstreams, type KoreSimulator, type KoreSimulatorOptions, type LeadLexSimulator, type LeadLexSimulatorOptions,
  type StoqSimulator, type StoqSimulatorOptions,
} from '../../src/simulators/index.ts';

/** Recognisable credentials: a test greps every response and log line for them. */
export const SECRETS = {
  stoqApiKey: 'stoq-SECRET-token-7f3a9c',
  koreClientSecret: 'kore-SECRET-client-9b2d4e',
  koreClientId: 'cs-facade-test-client',
  leadlexApiKey: 'wbk_test-SECRET-leadlex-1234',
} as const;

/** A GraphQL-over-HTTP answer, parsed. */
export interface GraphQLAnswer<TData = Record<string, any>> {
  status: number;
  headers: Headers;
  body: { data?: TData | null; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>; extensions?: Record<string, unknown> };
  text: string;
}

/** A facade on a free loopback port, in front of simulators it started. */
export interface FacadeHarness {
  url: string;
  app: App;
  config: Config;
  stoq: StoqSimulator;
  kore: KoreSimulator;
  leadlex: LeadLexSimulator;
  /** Every log line the facade wrote. */
  logs: string[];
  graphql<TData = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLAnswer<TData>>;
  close(): Promise<void>;
}

/** What a test may change: env overrides, simulator options, or `null` to leave an upstream unconfigured. */
export interface HarnessOptions {
  env?: Record<string, string>;
  stoq?: StoqSimulatorOptions;
  kore?: KoreSimulatorOptions;
  leadlex?: LeadLexSimulatorOptions;
  unconfigured?: Array<'stoq' | 'kore' | 'leadlex'>;
  /**
   * Simulators to put the facade in front of instead of starting new ones (two facades sharing
   * one upstream, as replicas or a restart would); `close()` leaves these running.
   */
  simulators?: { stoq?: StoqSimulator; kore?: KoreSimulator; leadlex?: LeadLexSimulator };
  /** The idempotency store to use instead of a fresh in-process one (e.g. with a test clock). */
  idempotency?: IdempotencyStore;
  /** Records every span the facade makes (e.g. an InMemorySpanExporter). */
  spanExporter?: SpanExporter;
  /** The jobs store to use instead of opening JOBS_DB_PATH (e.g. a real store wrapped to count its calls). */
  jobStore?: JobStore;
  /** The job change fan-out the facade publishes to and subscriptions listen on. */
  jobEvents?: JobEvents;
}

/**
 * Starts the three simulators and a facade configured for them through the same
 * loadConfig a real start uses, with short retry back-offs so retries cost milliseconds.
 */
export async function startFacade(options: HarnessOptions = {}): Promise<FacadeHarness> {
  const given = options.simulators ?? {};
  const [stoq, kore, leadlex] = await Promise.all([
    given.stoq ?? startStoqSimulator({ apiKey: SECRETS.stoqApiKey, ...options.stoq }),
    given.kore ?? startKoreSimulator({ clientId: SECRETS.koreClientId, clientSecret: SECRETS.koreClientSecret, accountId: 'acct-test', streamIds: ['st-test'], ...options.kore }),
    given.leadlex ?? startLeadLexSimulator({ apiKey: SECRETS.leadlexApiKey, ...options.leadlex }),
  ]);
  const owned = [stoq, kore, leadlex].filter((sim) => sim !== given.stoq && sim !== given.kore && sim !== given.leadlex);
  const unconfigured = new Set(options.unconfigured ?? []);
  const env: Record<string, string> = {
    PORT: '0',
    LOG_LEVEL: 'info',
    UPSTREAM_TIMEOUT_MS: '2000',
    RATE_LIMIT_MAX_WAIT_MS: '1000',
    STOQ_API_URL: stoq.url,
    KORE_API_URL: kore.url,
    KORE_STREAM_ID: 'st-test',
    KORE_ACCOUNT_ID: 'acct-test',
    LEADLEX_API_URL: leadlex.url,
    // Jobs in memory unless a test asks for a file: parallel test facades never share one.
    JOBS_DB_PATH: ':memory:',
    ...(unconfigured.has('stoq') ? {} : { STOQ_API_KEY: SECRETS.stoqApiKey }),
    ...(unconfigured.has('kore') ? {} : { KORE_CLIENT_ID: SECRETS.koreClientId, KORE_CLIENT_SECRET: SECRETS.koreClientSecret }),
    ...(unconfigured.has('leadlex') ? {} : { LEADLEX_API_KEY: SECRETS.leadlexApiKey }),
    ...options.env,
  };
  const config = loadConfig(env);
  const { app, url, logs } = await startApp(config, { idempotency: options.idempotency, spanExporter: options.spanExporter, jobStore: options.jobStore, jobEvents: options.jobEvents });

  return {
    url,
    app,
    config,
    stoq,
    kore,
    leadlex,
    logs,
    graphql: (query, variables, headers) => postGraphQL(url, query, variables, headers),
    async close() {
      await app.close();
      await Promise.all(owned.map((sim) => sim.close()));
    },
  };
}

/** A facade in demo mode, wired as main.ts wires it: no credentials, the built-in demo upstreams. */
export interface DemoHarness {
  url: string;
  app: App;
  config: Config;
  demo: DemoUpstreams;
  logs: string[];
  graphql<TData = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLAnswer<TData>>;
  close(): Promise<void>;
}

/** Starts the demo upstreams and a facade whose config has `demo: true`, as `npm start` with no credentials does. */
export async function startDemoFacade(env: Record<string, string> = {}): Promise<DemoHarness> {
  const base = loadConfig({ PORT: '0', ...env });
  if (!base.demo) throw new Error('startDemoFacade: the environment configures an upstream, so this is not demo mode');
  const demo = await startDemoUpstreams();
  const config: Config = { ...base, upstreams: demoUpstreamsConfig(demo) };
  const { app, url, logs } = await startApp(config);
  return {
    url,
    app,
    config,
    demo,
    logs,
    graphql: (query, variables, headers) => postGraphQL(url, query, variables, headers),
    async close() {
      await app.close();
      await demo.close();
    },
  };
}

async function startApp(config: Config, extra: { idempotency?: IdempotencyStore | undefined; spanExporter?: SpanExporter | undefined; jobStore?: JobStore | undefined; jobEvents?: JobEvents | undefined } = {}): Promise<{ app: App; url: string; logs: string[] }> {
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const app = await createApp(config, {
    logDestination,
    http: { retryBaseDelayMs: 1 },
    ...(extra.idempotency ? { idempotency: extra.idempotency } : {}),
    ...(extra.spanExporter ? { spanExporter: extra.spanExporter } : {}),
    ...(extra.jobStore ? { jobStore: extra.jobStore } : {}),
    ...(extra.jobEvents ? { jobEvents: extra.jobEvents } : {}),
  });
  const url = await app.listen();
  return { app, url, logs };
}

/** POSTs one GraphQL operation as JSON and parses the answer. */
export async function postGraphQL<TData = Record<string, any>>(url: string, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLAnswer<TData>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text), text };
}

/** The result fields every test reads, as one fragment. */
export const RESULT_FIELDS = /* GraphQL */ `
  requestedCount deletedCount notFoundCount failedCount deletedIds dryRun upstreamRequestIds
  failures { id code message upstreamCode }
  rateLimit { limit remaining resetAt }
`;

/** The three mutations with the interface fields (and sentIntentIds for intents). */
export const MUTATIONS = {
  intents: `mutation($input: BulkDeleteIntentsInput!) { result: bulkDeleteIntents(input: $input) { ${RESULT_FIELDS} sentIntentIds } }`,
  contacts: `mutation($input: BulkDeleteContactsInput!) { result: bulkDeleteContacts(input: $input) { ${RESULT_FIELDS} } }`,
  deals: `mutation($input: BulkDeleteDealsInput!) { result: bulkDeleteDeals(input: $input) { ${RESULT_FIELDS} } }`,
} as const;

/** Asserts the accounting rule of docs/contract.md §3 on a result as the client sees it; returns problems. */
export function accountingProblems(result: {
  requestedCount: number; deletedCount: number; notFoundCount: number; failedCount: number;
  deletedIds: string[] | null; failures: Array<{ id: string }>;
}): string[] {
  const problems: string[] = [];
  if (result.requestedCount !== result.deletedCount + result.notFoundCount + result.failedCount) problems.push('requested != deleted + notFound + failed');
  if (result.failures.length !== result.failedCount) problems.push('failures.length != failedCount');
  if (new Set(result.failures.map((f) => f.id)).size !== result.failures.length) problems.push('an ID appears twice in failures');
  if (result.deletedIds !== null && result.deletedIds.length !== result.deletedCount) problems.push('deletedIds.length != deletedCount');
  if (result.deletedIds !== null) {
    const failed = new Set(result.failures.map((f) => f.id));
    if (result.deletedIds.some((id) => failed.has(id))) problems.push('an ID is both deleted and failed');
  }
  return problems;
}
