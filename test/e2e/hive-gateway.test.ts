import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import { startAccountsSubgraph, type AccountsSubgraph } from '../fixtures/accounts-subgraph/server.ts';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { expectError, expectResult, mutationDocument, startSeeded } from '../helpers/e2e.ts';
import { graphql } from '../../src/__generated__/e2e/index.ts';
import { MUTATIONS, postGraphQL, toQuery, type FacadeHarness, type GraphQLAnswer } from '../helpers/facade.ts';
import { JOB_OPS } from '../helpers/jobs.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from '../helpers/gateway.ts';
import { startHiveGateway, type HiveGatewayProcess } from '../helpers/hive-gateway.ts';

// README "Behind a router", with Hive Gateway: the real CLI with deploy/hive-gateway/gateway.config.ts,
// serving a supergraph `npm run supergraph` composed for this test's ports, in front of the
// facade (client authentication on) and the example accounts subgraph. A recording proxy in
// front of the facade shows exactly which headers reached it.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const fullKey = generateApiKey();
const dealsOnlyKey = generateApiKey();
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const TRACESTATE = 'vendor=opaque';

/** Composes deploy/supergraph.yaml with this test's routing URLs into `out`, as an operator would. */
function composeSupergraph(out: string, routingUrls: Record<string, string>): Promise<void> {
  const args = ['scripts/supergraph.ts', '--out', out, ...Object.entries(routingUrls).flatMap(([name, url]) => ['--routing-url', `${name}=${url}`])];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`npm run supergraph failed: ${stderr}`));
      else resolve();
    });
  });
}

interface Stack {
  facade: FacadeHarness;
  /** Between the gateway and the facade: what it records is what the facade received. */
  recorder: RoundRobinProxy;
  accounts: AccountsSubgraph;
  gateway: HiveGatewayProcess;
}

let stack: Stack | undefined;
const closers: Array<() => Promise<unknown>> = [];
const dir = mkdtempSync(join(tmpdir(), 'hive-gateway-test-'));

beforeAll(async () => {
  const facade = await startSeeded({
    env: {
      AUTH_REQUIRED: 'true',
      AUTH_API_KEYS: [
        buildApiKeyLine('crm-sync', ['intents:delete', 'contacts:delete', 'deals:delete'], hashApiKey(fullKey)),
        buildApiKeyLine('deals-cleanup', ['deals:delete'], hashApiKey(dealsOnlyKey)),
      ].join('\n'),
    },
  }, ['h1', 'h2', 'h3', 'h4', 'h5']);
  closers.push(() => facade.close());
  const recorder = await startRoundRobinProxy([facade.url]);
  closers.push(() => recorder.close());
  const accounts = await startAccountsSubgraph();
  closers.push(() => accounts.close());
  const supergraphFile = join(dir, 'supergraph.graphql');
  await composeSupergraph(supergraphFile, { 'bulk-delete': `${recorder.url}/graphql`, accounts: accounts.url });
  const gateway = await startHiveGateway(supergraphFile, 50_000);
  closers.push(() => gateway.close());
  stack = { facade, recorder, accounts, gateway };
}, 90_000);

afterAll(async () => {
  for (const closer of closers.splice(0).reverse()) await closer().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

function s(): Stack {
  if (stack === undefined) throw new Error('stack not started');
  return stack;
}

/**
 * Sends a document through the gateway; returns the answer and the headers the facade received for
 * it. Documents that read the accounts subgraph too are raw strings: codegen knows only this
 * subgraph's schema.
 */
async function viaGateway<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: NoInfer<TVariables>, headers?: Record<string, string>): Promise<{ answer: GraphQLAnswer<TData>; atFacade: IncomingHttpHeaders[] }>;
async function viaGateway(supergraphQuery: string, variables: Record<string, unknown>, headers?: Record<string, string>): Promise<{ answer: GraphQLAnswer; atFacade: IncomingHttpHeaders[] }>;
async function viaGateway(document: string | TypedDocumentNode<unknown, unknown>, variables: unknown, headers: Record<string, string> = {}): Promise<{ answer: GraphQLAnswer<any>; atFacade: IncomingHttpHeaders[] }> {
  const before = s().recorder.received.length;
  const answer = await postGraphQL(s().gateway.url, toQuery(document), variables as Record<string, unknown>, headers);
  return { answer, atFacade: s().recorder.received.slice(before) };
}

const auditLines = (requestId: string): string[] => s().facade.logs.filter((line) => line.includes('"audit":"bulk-delete"') && line.includes(`"requestId":"${requestId}"`));

describe('behind Hive Gateway (deploy/hive-gateway/gateway.config.ts)', () => {
  it('serves Query.me from the accounts subgraph, which never sees the client’s Authorization', async () => {
    const { answer, atFacade } = await viaGateway('{ me { id name authenticated } }', {}, { authorization: `Bearer ${fullKey}` });
    expect(answer.body).toEqual({ data: { me: { id: 'viewer-1', name: 'Example Viewer', authenticated: false } } });
    expect(atFacade).toEqual([]);
  });

  it('answers one query from both subgraphs: their RateLimit, and the capabilities as the client\'s own scopes allow', async () => {
    const query = '{ me { id rateLimit { __typename limit remaining } } bulkDeleteCapabilities { targets { target allowed configured } } }';
    const { answer, atFacade } = await viaGateway(query, {}, { authorization: `Bearer ${dealsOnlyKey}` });
    expect(answer.body).toEqual({
      data: {
        me: { id: 'viewer-1', rateLimit: { __typename: 'RateLimit', limit: 1000, remaining: 999 } },
        bulkDeleteCapabilities: {
          targets: [
            { target: 'INTENTS', allowed: false, configured: true },
            { target: 'CONTACTS', allowed: false, configured: true },
            { target: 'DEALS', allowed: true, configured: true },
          ],
        },
      },
    });
    expect(atFacade).toHaveLength(1);
    expect(atFacade[0]?.authorization).toBe(`Bearer ${dealsOnlyKey}`);
  });

  it.each([
    ['intents', 'stoq', 'h1'],
    ['contacts', 'kore', 'h2'],
    ['deals', 'leadlex', 'h3'],
  ] as const)('%s: the result arrives intact, and the facade gets Authorization, x-request-id, trace context and client identity', async (mutation, upstream, id) => {
    const requestId = `hive-${mutation}-1`;
    const sent = {
      authorization: `Bearer ${fullKey}`,
      'x-request-id': requestId,
      traceparent: TRACEPARENT,
      tracestate: TRACESTATE,
      'apollographql-client-name': 'crm-web',
      'apollographql-client-version': '4.2.0',
      'graphql-client-name': 'crm-web-hive',
    };
    const { answer, atFacade } = await viaGateway(mutationDocument(mutation), { input: { ids: [id] } }, sent);
    const result = expectResult(answer);
    expect(result).toMatchObject({ requestedCount: 1, deletedCount: 1, notFoundCount: 0, failedCount: 0, dryRun: false, failures: [] });
    expect(s().facade[upstream].has(id)).toBe(false);
    // The gateway answers with the client's request ID.
    expect(answer.headers.get('x-request-id')).toBe(requestId);

    expect(atFacade).toHaveLength(1);
    expect(atFacade[0]).toMatchObject(sent);
    // The facade authenticated the forwarded key and logged the forwarded request ID.
    const audited = auditLines(requestId);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toContain('"client":"crm-sync"');
  });

  it('without x-request-id the gateway makes one up, sends it to the facade and returns it', async () => {
    const { answer, atFacade } = await viaGateway(MUTATIONS.deals, { input: { ids: ['h4'] } }, { authorization: `Bearer ${fullKey}` });
    expectResult(answer);
    const requestId = answer.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(atFacade.map((h) => h['x-request-id'])).toEqual([requestId]);
    expect(auditLines(requestId ?? '')).toHaveLength(1);
    // Nothing the client did not send is made up: no trace context, no client identity.
    expect(atFacade[0]?.traceparent).toBeUndefined();
    expect(atFacade[0]?.['apollographql-client-name']).toBeUndefined();
  });

  // Like @apollo/gateway, Hive Gateway adds the subgraph's name to its errors as extensions.serviceName.
  it('FORBIDDEN arrives intact: a key without contacts:delete, and nothing is deleted', async () => {
    const { answer } = await viaGateway(MUTATIONS.contacts, { input: { ids: ['h5'] } }, { authorization: `Bearer ${dealsOnlyKey}`, 'x-request-id': 'hive-forbidden-1' });
    const { extensions } = expectError(answer, { code: 'FORBIDDEN' });
    expect(extensions).toEqual({ code: 'FORBIDDEN', serviceName: 'bulk-delete' });
    expect(s().facade.kore.has('h5')).toBe(true);
  });

  it('BAD_USER_INPUT arrives intact (an empty list)', async () => {
    const { answer } = await viaGateway(MUTATIONS.deals, { input: { ids: [] } }, { authorization: `Bearer ${fullKey}` });
    const { extensions } = expectError(answer, { code: 'BAD_USER_INPUT' });
    expect(extensions).toEqual({ code: 'BAD_USER_INPUT', serviceName: 'bulk-delete' });
  });

  it('fetches a job through the supergraph: by its own query, and as another subgraph\'s reference through the facade\'s _entities, for its owner only', async () => {
    const created = await s().facade.graphql(JOB_OPS.create, { input: { target: 'DEALS', ids: ['h1', 'h2'], start: false } }, { authorization: `Bearer ${fullKey}` });
    const id = created.body.data?.job?.id ?? '';
    const own = await viaGateway(graphql(`query HiveGatewayJob($id: ID!) { bulkDeleteJob(id: $id) { id status target progress { requestedCount } } }`), { id }, { authorization: `Bearer ${fullKey}` });
    expect(own.answer.body).toEqual({ data: { bulkDeleteJob: { id, status: 'OPEN', target: 'DEALS', progress: { requestedCount: 2 } } } });

    // The accounts subgraph knows only the key; the gateway asks the facade for the rest.
    const pinned = 'query($ids: [ID!]!) { me { id pinnedBulkDeleteJobs(ids: $ids) { id status target progress { requestedCount } } } }';
    const { answer, atFacade } = await viaGateway(pinned, { ids: [id, 'no-such-job'] }, { authorization: `Bearer ${fullKey}` });
    // A job the facade answers null for becomes a null item: the router holds only its key, and
    // says so with federation's usual error on the first non-null field it could not fill.
    expect(answer.body.data).toEqual({ me: { id: 'viewer-1', pinnedBulkDeleteJobs: [{ id, status: 'OPEN', target: 'DEALS', progress: { requestedCount: 2 } }, null] } });
    expect(answer.body.errors?.map((e) => e.path)).toEqual([['me', 'pinnedBulkDeleteJobs', 1, 'status']]);
    expect(atFacade).toHaveLength(1);
    // Another client (deals-cleanup) gets null for crm-sync's job, through either path.
    const other = await viaGateway(pinned, { ids: [id] }, { authorization: `Bearer ${dealsOnlyKey}` });
    expect(other.answer.body.data).toEqual({ me: { id: 'viewer-1', pinnedBulkDeleteJobs: [null] } });
    const otherOwn = await viaGateway(graphql(`query HiveGatewayJobId($id: ID!) { bulkDeleteJob(id: $id) { id } }`), { id }, { authorization: `Bearer ${dealsOnlyKey}` });
    expect(otherOwn.answer.body).toEqual({ data: { bulkDeleteJob: null } });
  });

  it('an upstream error keeps its message, code, upstream and upstreamStatus, as the facade answers it', async () => {
    const { facade } = s();
    facade.leadlex.fault({ status: 401 });
    const { answer } = await viaGateway(MUTATIONS.deals, { input: { ids: ['h5'] } }, { authorization: `Bearer ${fullKey}` });
    const { message, extensions } = expectError(answer, { code: 'UPSTREAM_AUTH_FAILED', upstream: 'leadlex', upstreamStatus: 401 });
    facade.leadlex.fault({ status: 401 });
    const direct = await facade.graphql(MUTATIONS.deals, { input: { ids: ['h5'] } }, { authorization: `Bearer ${fullKey}` });
    // The same error asked of the facade directly: the gateway adds serviceName and drops the
    // facade's locations (they point into the query the gateway sent, not the client's).
    const { serviceName, ...fromFacade } = extensions;
    expect(serviceName).toBe('bulk-delete');
    expect(direct.body.errors).toEqual([{ message, path: ['result'], locations: expect.any(Array), extensions: fromFacade }]);
    expect(facade.leadlex.has('h5')).toBe(true);
  });

  // Unlike @apollo/gateway, which replaces a non-2xx subgraph answer with its own "401: Unauthorized"
  // error, Hive Gateway hands on the facade's own GraphQL error (HTTP 200 to the client).
  it('without Authorization the facade’s 401 reaches the client as the facade’s own UNAUTHENTICATED error, and nothing runs', async () => {
    const { facade } = s();
    const before = facade.leadlex.received.length;
    const { answer, atFacade } = await viaGateway(MUTATIONS.deals, { input: { ids: ['h5'] } });
    expect(atFacade).toHaveLength(1);
    expect(atFacade[0]?.authorization).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('www-authenticate')).toBeNull();
    expect(answer.body).toEqual({
      data: { result: null },
      errors: [{ message: expect.stringMatching(/requires authentication/), path: ['result'], extensions: { code: 'UNAUTHENTICATED', serviceName: 'bulk-delete' } }],
    });
    expect(facade.leadlex.received.length).toBe(before);
    expect(facade.leadlex.has('h5')).toBe(true);
  });
});

/** One GraphQL-over-SSE subscription through the gateway: the events as they arrive, and its end. */
function subscribeSse(query: string, variables: Record<string, unknown>, headers: Record<string, string>): { events: Array<Record<string, any>>; completed: Promise<void>; until(n: number): Promise<void>; abort(): void } {
  const events: Array<Record<string, any>> = [];
  const controller = new AbortController();
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const completed = (async () => {
    const response = await fetch(`${s().gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body!) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event === 'complete') return;
        if (event === 'next' && data !== undefined) {
          events.push(JSON.parse(data));
          for (const waiter of waiters.filter((w) => events.length >= w.n)) waiter.resolve();
        }
      }
    }
  })();
  completed.catch(() => {});
  return {
    events,
    completed,
    until: (n) => (events.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }))),
    abort: () => controller.abort(),
  };
}

describe('behind Hive Gateway: a job watched live (the facade\'s subscription over graphql-ws)', () => {
  const WATCH = 'subscription($id: ID!) { bulkDeleteJobProgress(id: $id) { id status progress { requestedCount processedCount deletedCount } } }';

  async function openJob(key: string): Promise<string> {
    const { answer } = await viaGateway('mutation($input: CreateBulkDeleteJobInput!) { createBulkDeleteJob(input: $input) { id status } }', { input: { target: 'DEALS', ids: ['w1', 'w2', 'w3', 'w4'], start: false } }, { authorization: `Bearer ${key}` });
    expect(answer.body.errors).toBeUndefined();
    return answer.body.data!.createBulkDeleteJob.id as string;
  }

  it('streams each published state to the client and completes after the final one', async () => {
    const { facade } = s();
    const id = await openJob(fullKey);
    const watch = subscribeSse(WATCH, { id }, { authorization: `Bearer ${fullKey}` });
    await watch.until(1);
    expect(watch.events[0]).toEqual({ data: { bulkDeleteJobProgress: { id, status: 'OPEN', progress: { requestedCount: 4, processedCount: 0, deletedCount: 0 } } } });
    // What the job's worker would publish after its first batch of two.
    const job = (await facade.app.services.jobs.store.get(id, 'crm-sync'))!;
    facade.app.services.jobs.events.publish({ ...job, status: 'RUNNING', batchesSent: 1, progress: { ...job.progress, processed: 2, deleted: 2 } });
    await watch.until(2);
    expect(watch.events[1]?.data.bulkDeleteJobProgress).toMatchObject({ status: 'RUNNING', progress: { processedCount: 2, deletedCount: 2 } });
    const { answer } = await viaGateway('mutation($id: ID!) { cancelBulkDeleteJob(id: $id) { status } }', { id }, { authorization: `Bearer ${fullKey}` });
    expect(answer.body.data).toEqual({ cancelBulkDeleteJob: { status: 'CANCELLED' } });
    await watch.completed;
    expect(watch.events.at(-1)?.data.bulkDeleteJobProgress).toMatchObject({ status: 'CANCELLED', progress: { requestedCount: 4, processedCount: 4 } });
    // The facade saw the gateway's socket authenticate as the client.
    await expect.poll(() => facade.app.subscriptions?.openSubscriptions('crm-sync')).toBe(0);
  });

  it('another client\'s job reaches the client as the facade\'s BAD_USER_INPUT, with no state', async () => {
    const id = await openJob(fullKey);
    const watch = subscribeSse(WATCH, { id }, { authorization: `Bearer ${dealsOnlyKey}` });
    await watch.completed;
    expect(watch.events).toHaveLength(1);
    expect(watch.events[0]?.data ?? null).toBeNull();
    expect(watch.events[0]?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
