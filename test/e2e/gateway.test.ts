import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import { startLeadLexSimulator, startStoqSimulator, type LeadLexSimulator, type StoqSimulator } from '../../src/simulators/index.ts';
import { graphql } from '../../src/__generated__/e2e/index.ts';
import { MUTATIONS, SECRETS, postGraphQL, type GraphQLAnswer } from '../helpers/facade.ts';
import { JOB_OPS } from '../helpers/jobs.ts';
import { expectResult } from '../helpers/e2e.ts';
import { SUBGRAPH_NAME, startGateway, startReplica, startRoundRobinProxy, type InProcessReplica, type RoundRobinProxy } from '../helpers/gateway.ts';
import { redisServerAvailable, startRedisServer } from '../helpers/redis.ts';
import { startAccountsSubgraph } from '../fixtures/accounts-subgraph/server.ts';

// README "Behind a router": the facade as a Federation 2 subgraph behind @apollo/gateway, two
// replicas sharing one Redis behind a round-robin load balancer. Results, error codes, the
// forwarded headers and the idempotency guarantee all survive the extra hop.

/** Everything one scenario runs: simulators, Redis, two replicas, the proxy and the gateway. */
interface Stack {
  leadlex: LeadLexSimulator;
  stoq: StoqSimulator;
  replicas: InProcessReplica[];
  proxy: RoundRobinProxy;
  /** The gateway's base URL (it answers GraphQL on `/graphql`). */
  gatewayUrl: string;
  close(): Promise<void>;
}

const SEED_IDS = Array.from({ length: 20 }, (_, i) => `g${i}`);

/** Starts a stack; whatever started is closed again if a later part fails. */
async function startStack(options: { env?: Record<string, string>; schemaAuthorization?: string } = {}): Promise<Stack> {
  const closers: Array<() => Promise<unknown>> = [];
  const close = async (): Promise<void> => {
    for (const closer of closers.splice(0).reverse()) await closer().catch(() => {});
  };
  try {
    const redis = await startRedisServer();
    closers.push(() => redis.stop());
    const [leadlex, stoq] = await Promise.all([
      startLeadLexSimulator({ apiKey: SECRETS.leadlexApiKey, deals: [...SEED_IDS.map((id) => ({ id })), { id: 'locked1', locked: true }] }),
      startStoqSimulator({ apiKey: SECRETS.stoqApiKey, intents: SEED_IDS.map((id) => ({ id })) }),
    ]);
    closers.push(() => leadlex.close(), () => stoq.close());
    // One jobs database for both replicas (the embedded store, on a file they share).
    const jobsDir = mkdtempSync(join(tmpdir(), 'gateway-jobs-'));
    closers.push(async () => rmSync(jobsDir, { recursive: true, force: true }));
    const env = {
      JOBS_DB_PATH: join(jobsDir, 'jobs.sqlite'),
      REDIS_URL: redis.url,
      UPSTREAM_TIMEOUT_MS: '5000',
      LEADLEX_API_URL: leadlex.url,
      LEADLEX_API_KEY: SECRETS.leadlexApiKey,
      STOQ_API_URL: stoq.url,
      STOQ_API_KEY: SECRETS.stoqApiKey,
      ...options.env,
    };
    const replicas: InProcessReplica[] = [];
    for (let i = 0; i < 2; i++) {
      const replica = await startReplica(env);
      replicas.push(replica);
      closers.push(() => replica.app.close(0));
    }
    const proxy = await startRoundRobinProxy(replicas.map((r) => r.url));
    closers.push(() => proxy.close());
    // Another team's subgraph, with a `RateLimit` type of its own.
    const accounts = await startAccountsSubgraph();
    closers.push(() => accounts.close());
    const gateway = await startGateway(`${proxy.url}/graphql`, {
      otherSubgraphs: [{ name: 'accounts', url: accounts.url }],
      ...(options.schemaAuthorization === undefined ? {} : { schemaAuthorization: options.schemaAuthorization }),
    });
    closers.push(() => gateway.close());
    return { leadlex, stoq, replicas, proxy, gatewayUrl: gateway.url, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The subgraph's error as the gateway hands it on: the answer must be exactly one error on `result`. */
function gatewayError(answer: GraphQLAnswer): { message: string; extensions: Record<string, any> } {
  expect(answer.status).toBe(200);
  expect(answer.body.data).toEqual({ result: null });
  expect(answer.body.errors).toHaveLength(1);
  const error = answer.body.errors?.[0];
  expect(error?.path).toEqual(['result']);
  return { message: error?.message ?? '', extensions: error?.extensions ?? {} };
}

/** The sum of facade_idempotency_replays_total for `mutation` over the replicas. */
async function replays(replicas: readonly InProcessReplica[], mutation: string): Promise<number> {
  let total = 0;
  for (const replica of replicas) {
    const text = await (await fetch(`${replica.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`facade_idempotency_replays_total{mutation="${mutation}"}`));
    total += line === undefined ? 0 : Number(line.split(' ').pop());
  }
  return total;
}

describe.runIf(redisServerAvailable())('behind @apollo/gateway, two replicas sharing one Redis', () => {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => stack?.close());

  function s(): Stack {
    if (stack === undefined) throw new Error('stack not started');
    return stack;
  }

  it('composes the facade with another subgraph, loading its schema through the load balancer', async () => {
    expect(s().proxy.routed.length).toBeGreaterThan(0);
    expect(new Set(s().replicas.map((r) => r.url)).size).toBe(2);
    // One query across both: their RateLimit and the facade's BulkDeleteRateLimit side by side.
    const answer = await postGraphQL(s().gatewayUrl, '{ me { id rateLimit { __typename limit remaining } } bulkDeleteCapabilities { maxIdsPerCall targets { target configured } } }');
    expect(answer.body).toEqual({
      data: {
        me: { id: 'viewer-1', rateLimit: { __typename: 'RateLimit', limit: 1000, remaining: 999 } },
        bulkDeleteCapabilities: {
          maxIdsPerCall: 10_000,
          targets: [{ target: 'INTENTS', configured: true }, { target: 'CONTACTS', configured: false }, { target: 'DEALS', configured: true }],
        },
      },
    });
  });

  it('bulkDeleteDeals: the result arrives intact, the IDs are really deleted, and x-request-id reaches the subgraph', async () => {
    const { leadlex, replicas, gatewayUrl } = s();
    const input = { ids: ['g1', 'g2', 'ghost', 'locked1'], idempotencyKey: 'gw-intact' };
    const answer = await postGraphQL(gatewayUrl, MUTATIONS.deals, { input }, { 'x-request-id': 'gw-req-intact-1' });
    const result = expectResult(answer);
    expect(result).toMatchObject({
      requestedCount: 4, deletedCount: 2, notFoundCount: 1, failedCount: 1,
      // LeadLex reports only counts for a batch with errors, so the facade says null here.
      deletedIds: null, dryRun: false,
      failures: [{ id: 'locked1', code: 'REJECTED' }],
    });
    expect(result.rateLimit).toEqual({ limit: expect.any(Number), remaining: expect.any(Number), resetAt: expect.any(String) });
    expect(result.upstreamRequestIds.length).toBeGreaterThan(0);
    expect(leadlex.deletedIds).toEqual(['g1', 'g2']);
    expect(leadlex.has('g1') || leadlex.has('g2')).toBe(false);

    // Field for field what the facade itself answers: its stored result, replayed directly.
    for (const replica of replicas) {
      expect(expectResult(await postGraphQL(replica.url, MUTATIONS.deals, { input }))).toEqual(result);
    }
    // The forwarded x-request-id is the one the replica that ran the call audited.
    const audited = replicas.flatMap((r) => r.logs).filter((line) => line.includes('"audit":"bulk-delete"') && line.includes('"requestId":"gw-req-intact-1"'));
    expect(audited).toHaveLength(1);
  });

  it('a refusal keeps extensions.code (BAD_USER_INPUT for an empty list), with the gateway adding serviceName', async () => {
    const answer = await postGraphQL(s().gatewayUrl, MUTATIONS.deals, { input: { ids: [] } });
    const { message, extensions } = gatewayError(answer);
    expect(extensions).toEqual({ code: 'BAD_USER_INPUT', serviceName: SUBGRAPH_NAME });
    expect(message.length).toBeGreaterThan(10);
  });

  it('an upstream error keeps code, upstream and upstreamStatus (UPSTREAM_AUTH_FAILED on a vendor 401)', async () => {
    const { leadlex, gatewayUrl, replicas } = s();
    leadlex.fault({ status: 401 });
    const answer = await postGraphQL(gatewayUrl, MUTATIONS.deals, { input: { ids: ['g3'] } });
    const { extensions } = gatewayError(answer);
    expect(extensions).toEqual({ code: 'UPSTREAM_AUTH_FAILED', upstream: 'leadlex', upstreamStatus: 401, serviceName: SUBGRAPH_NAME });
    expect(leadlex.has('g3')).toBe(true);
    // The same error, asked of a replica directly, carries the same extensions minus serviceName.
    leadlex.fault({ status: 401 });
    const direct = await postGraphQL(replicas[0]?.url ?? '', MUTATIONS.deals, { input: { ids: ['g3'] } });
    const { serviceName: _serviceName, ...fromSubgraph } = extensions;
    expect(direct.body.errors?.[0]?.extensions).toEqual(fromSubgraph);
    expect(direct.body.errors?.[0]?.message).toBe(answer.body.errors?.[0]?.message);
  });

  it('fetches a job through the supergraph: by its own query, and as the accounts subgraph\'s reference through _entities on either replica', async () => {
    const { replicas, gatewayUrl } = s();
    const created = await postGraphQL(replicas[0]?.url ?? '', JOB_OPS.create, { input: { target: 'DEALS', ids: ['g1', 'g2', 'g3'], start: false } });
    const id = created.body.data?.job?.id ?? '';
    const own = await postGraphQL(gatewayUrl, graphql(`query GatewayJob($id: ID!) { bulkDeleteJob(id: $id) { id status progress { requestedCount } } }`), { id });
    expect(own.body).toEqual({ data: { bulkDeleteJob: { id, status: 'OPEN', progress: { requestedCount: 3 } } } });
    const pinned = 'query($ids: [ID!]!) { me { pinnedBulkDeleteJobs(ids: $ids) { id target status } } }';
    // Twice, so the round-robin balancer sends the _entities fetch to both replicas (one jobs database).
    for (let i = 0; i < 2; i++) {
      const answer = await postGraphQL(gatewayUrl, pinned, { ids: ['no-such-job', id] });
      // An unknown job is a null item; @apollo/gateway says why in `extensions.valueCompletion`
      // (the router holds only the key, so the first non-null field it could not fill).
      expect(answer.body.data).toEqual({ me: { pinnedBulkDeleteJobs: [null, { id, target: 'DEALS', status: 'OPEN' }] } });
      expect(answer.body.errors).toBeUndefined();
    }
  });

  it('the same idempotencyKey twice at once through the gateway, spread over both replicas: one upstream call, identical answers', async () => {
    const { leadlex, proxy, replicas, gatewayUrl } = s();
    const before = leadlex.received.length;
    const replaysBefore = await replays(replicas, 'deals');
    const routedBefore = proxy.routed.length;
    // Slow upstream: the second request arrives while the first replica's call still runs.
    leadlex.fault({ delayMs: 1_000 });
    const input = { ids: ['g5', 'g6'], idempotencyKey: 'gw-concurrent' };
    const [a, b] = await Promise.all([
      postGraphQL(gatewayUrl, MUTATIONS.deals, { input }),
      postGraphQL(gatewayUrl, MUTATIONS.deals, { input }),
    ]);
    // The load balancer sent one to each replica.
    expect(proxy.routed.slice(routedBefore).sort()).toEqual([0, 1]);
    expect(leadlex.received.length - before).toBe(1);
    const first = expectResult(a);
    expect(expectResult(b)).toEqual(first);
    expect(first).toMatchObject({ deletedCount: 2, deletedIds: ['g5', 'g6'] });
    expect(leadlex.deletedIds.filter((id) => id === 'g5' || id === 'g6')).toEqual(['g5', 'g6']);
    expect((await replays(replicas, 'deals')) - replaysBefore).toBe(1);
  });
});

describe.runIf(redisServerAvailable())('behind @apollo/gateway with client authentication on both replicas', () => {
  const clientKey = generateApiKey();
  const routerKey = generateApiKey();
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack({
      env: {
        // Loopback replicas would let a caller without credentials in as anonymous; behind a router they must not.
        AUTH_REQUIRED: 'true',
        AUTH_API_KEYS: [
          buildApiKeyLine('crm-sync', ['deals:delete'], hashApiKey(clientKey)),
          // The router's own credential, for loading the schema only.
          buildApiKeyLine('router', ['intents:delete'], hashApiKey(routerKey)),
        ].join('\n'),
      },
      schemaAuthorization: `Bearer ${routerKey}`,
    });
  }, 60_000);
  afterAll(async () => stack?.close());

  function s(): Stack {
    if (stack === undefined) throw new Error('stack not started');
    return stack;
  }

  it('a client key forwarded in Authorization works on whichever replica the call lands', async () => {
    const { leadlex, gatewayUrl } = s();
    const headers = { authorization: `Bearer ${clientKey}` };
    const first = expectResult(await postGraphQL(gatewayUrl, MUTATIONS.deals, { input: { ids: ['g7'] } }, headers));
    const second = expectResult(await postGraphQL(gatewayUrl, MUTATIONS.deals, { input: { ids: ['g8'] } }, headers));
    expect(first).toMatchObject({ deletedCount: 1, deletedIds: ['g7'] });
    expect(second).toMatchObject({ deletedCount: 1, deletedIds: ['g8'] });
    expect(leadlex.deletedIds).toEqual(['g7', 'g8']);
    const audited = s().replicas.map((r) => r.logs.filter((line) => line.includes('"audit":"bulk-delete"') && line.includes('"client":"crm-sync"')).length);
    expect(audited).toEqual([1, 1]);
  });

  /**
   * @apollo/gateway turns a non-2xx subgraph answer into an error of its own: HTTP 200 to the
   * client, `data.result` null, no `path`, the message the status line ("401: Unauthorized"),
   * `extensions.code` from the status (401 → UNAUTHENTICATED), and the subgraph's whole answer
   * (its URL, status and GraphQL body with the facade's own message) under `extensions.response`.
   */
  function expectTransportUnauthenticated(answer: GraphQLAnswer, facadeMessage: RegExp): void {
    expect(answer.status).toBe(200);
    expect(answer.headers.get('www-authenticate')).toBeNull();
    expect(answer.body.data).toEqual({ result: null });
    expect(answer.body.errors).toHaveLength(1);
    const error = answer.body.errors?.[0];
    expect(error?.path).toBeUndefined();
    expect(error?.message).toBe('401: Unauthorized');
    expect(error?.extensions).toEqual({
      code: 'UNAUTHENTICATED',
      response: {
        url: `${s().proxy.url}/graphql`,
        status: 401,
        statusText: 'Unauthorized',
        body: { errors: [{ message: expect.stringMatching(facadeMessage), extensions: { code: 'UNAUTHENTICATED' } }] },
      },
    });
  }

  it('without Authorization the subgraph’s 401 comes through as UNAUTHENTICATED, and nothing is deleted', async () => {
    const { leadlex, gatewayUrl } = s();
    const before = leadlex.received.length;
    const answer = await postGraphQL(gatewayUrl, MUTATIONS.deals, { input: { ids: ['g9'] } });
    expectTransportUnauthenticated(answer, /requires authentication/);
    expect(leadlex.received.length).toBe(before);
    expect(leadlex.has('g9')).toBe(true);
  });

  it('a wrong key is UNAUTHENTICATED too, and the key never appears in the answer', async () => {
    const wrong = generateApiKey();
    const answer = await postGraphQL(s().gatewayUrl, MUTATIONS.deals, { input: { ids: ['g9'] } }, { authorization: `Bearer ${wrong}` });
    expectTransportUnauthenticated(answer, /.{10}/);
    expect(answer.text).not.toContain(wrong);
    expect(s().leadlex.has('g9')).toBe(true);
  });
});
