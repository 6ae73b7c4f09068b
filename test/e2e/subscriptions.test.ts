import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import type { Scope } from '../../src/config/index.ts';
import type { Job } from '../../src/jobs/index.ts';
import { graphql } from '../../src/__generated__/e2e/index.ts';
import { startFacade, toQuery, type FacadeHarness, type HarnessOptions } from '../helpers/facade.ts';
import { JOB_OPS } from '../helpers/jobs.ts';
import { countingJobEvents, rawSocket, watch, wsClient, type RawSocket } from '../helpers/ws.ts';

// Subscription.bulkDeleteJobProgress over graphql-ws on /graphql (docs/contract.md §8; README,
// "Watching a job live"): a real facade, the graphql-ws package's own client, and raw sockets for
// frames no well-behaved client sends. Jobs are created through the API and then driven by hand
// (events.publish of the states a worker would publish), so no runner is needed to watch one.

function apiKey(name: string, scopes: readonly Scope[] | '*'): { key: string; line: string } {
  const key = generateApiKey();
  return { key, line: buildApiKeyLine(name, scopes, hashApiKey(key)) };
}
const OWNER = apiKey('ops-console', '*');
const OTHER = apiKey('crm-sync', '*');
const NO_DEALS = apiKey('intents-only', ['intents:delete']);
const KEYS_ENV = { AUTH_API_KEYS: [OWNER, OTHER, NO_DEALS].map((k) => k.line).join('\n') };
const bearer = (key: string): string => `Bearer ${key}`;
const init = { type: 'connection_init', payload: { authorization: bearer(OWNER.key) } };

const WATCH = /* GraphQL */ `
  subscription Watch($id: ID!) {
    bulkDeleteJobProgress(id: $id) {
      id status resumesAt
      progress { requestedCount processedCount deletedCount notFoundCount failedCount }
      result { requestedCount deletedCount notFoundCount failedCount failures { id code } }
    }
  }
`;

let facade: FacadeHarness | undefined;
const sockets: Array<{ dispose(): unknown }> = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) await socket.dispose();
  await facade?.close();
  facade = undefined;
});

async function start(options: HarnessOptions = {}): Promise<FacadeHarness> {
  facade = await startFacade({ ...options, env: { ...KEYS_ENV, ...options.env } });
  return facade;
}

function client(f: FacadeHarness, key: string | null, headers?: Record<string, string>): ReturnType<typeof wsClient> {
  const made = wsClient(f.url, key === null ? undefined : { authorization: bearer(key) }, headers);
  sockets.push(made.client);
  return made;
}

async function raw(f: FacadeHarness, options: Parameters<typeof rawSocket>[1] = {}): Promise<RawSocket> {
  const socket = await rawSocket(f.url, options);
  sockets.push({ dispose: () => socket.socket.terminate() });
  return socket;
}

/** The ID alone: a facade started with MAX_QUERY_DEPTH 2 must still take it. */
const CREATE_OPEN = graphql(`
  mutation SubscriptionsOpenJob($input: CreateBulkDeleteJobInput!) { job: createBulkDeleteJob(input: $input) { id } }
`);

/** An OPEN DEALS job of `key`'s client (OPEN: nothing runs it, the test drives its states). */
async function openJob(f: FacadeHarness, key = OWNER.key, ids = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6']): Promise<Job> {
  const answer = await f.graphql(CREATE_OPEN, { input: { target: 'DEALS', ids, start: false } }, { authorization: bearer(key) });
  expect(answer.body.errors).toBeUndefined();
  const id = answer.body.data!.job!.id;
  return (await f.app.services.jobs.store.get(id, 'ops-console'))!;
}

/** A state a worker would publish after `batches` batches of 3 deals, all deleted. */
function running(job: Job, batches: number, inFlight = 0): Job {
  const done = 3 * (batches - inFlight);
  return { ...job, status: 'RUNNING', startedAt: job.createdAt, batchesSent: batches, batchesInFlight: inFlight, progress: { ...job.progress, processed: done, deleted: done } };
}

describe('graphql-ws on /graphql: who may connect', () => {
  it('closes a socket without credentials with 4401 after connection_init, before any subscription runs', async () => {
    const f = await start();
    const job = await openJob(f);
    const { client: anonymous, closes } = client(f, null);
    const watching = watch(anonymous, WATCH, { id: job.id });
    await expect(watching.ended).rejects.toMatchObject({ code: 4401 });
    expect(closes[0]?.reason).toMatch(/authorization.*Bearer/);
    expect(watching.results).toEqual([]);
  });

  it('closes a socket with a wrong key with 4401 and never echoes the key', async () => {
    const f = await start();
    const job = await openJob(f);
    const wrong = `${OWNER.key.slice(0, -4)}zzzz`;
    const { client: guesser, closes } = client(f, wrong);
    await expect(watch(guesser, WATCH, { id: job.id }).ended).rejects.toMatchObject({ code: 4401 });
    expect(JSON.stringify(closes)).not.toContain(wrong);
    expect(f.logs.join('\n')).not.toContain(wrong);
  });

  it('accepts the credential in connection_init or in the upgrade request\'s Authorization header', async () => {
    const f = await start();
    const job = await openJob(f);
    const inPayload = watch(client(f, OWNER.key).client, WATCH, { id: job.id });
    const inHeader = watch(client(f, null, { authorization: bearer(OWNER.key) }).client, WATCH, { id: job.id });
    await Promise.all([inPayload.until(1), inHeader.until(1)]);
    expect(inPayload.results[0]?.data).toMatchObject({ bulkDeleteJobProgress: { id: job.id, status: 'OPEN' } });
    expect(inHeader.results[0]?.data).toMatchObject({ bulkDeleteJobProgress: { id: job.id, status: 'OPEN' } });
  });

  it('refuses two different credentials (payload and header) with 4400', async () => {
    const f = await start();
    const job = await openJob(f);
    const { client: confused } = client(f, OWNER.key, { authorization: bearer(OTHER.key) });
    await expect(watch(confused, WATCH, { id: job.id }).ended).rejects.toMatchObject({ code: 4400 });
  });

  it('answers another client\'s job, an unknown job and a job of a target out of scope alike: BAD_USER_INPUT, no data', async () => {
    const f = await start();
    const job = await openJob(f);
    const errorOf = async (key: string, id: string): Promise<{ message: string; extensions?: Record<string, unknown> }> => {
      const watching = watch(client(f, key).client, WATCH, { id });
      await watching.ended;
      expect(watching.results).toHaveLength(1);
      expect(watching.results[0]?.data ?? null).toBeNull();
      return watching.results[0]!.errors![0]! as { message: string; extensions?: Record<string, unknown> };
    };
    const other = await errorOf(OTHER.key, job.id);
    const unscoped = await errorOf(NO_DEALS.key, job.id);
    const unknown = await errorOf(OWNER.key, '00000000-0000-4000-8000-000000000000');
    for (const error of [other, unscoped, unknown]) expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(other.message).toBe(unscoped.message);
    expect(other.message.replace(job.id, '<id>')).toBe(unknown.message.replace('00000000-0000-4000-8000-000000000000', '<id>'));
    // Nobody's watching left behind.
    await vi.waitFor(() => expect(f.app.subscriptions?.openSubscriptions('crm-sync')).toBe(0));
  });
});

describe('bulkDeleteJobProgress: what a watcher sees', () => {
  it('sends the current state at once, then one event per publish, and completes after the final state', async () => {
    const f = await start();
    const job = await openJob(f);
    const { events } = f.app.services.jobs;
    const watching = watch(client(f, OWNER.key).client, WATCH, { id: job.id });
    await watching.until(1);
    const steps = [running(job, 1, 1), running(job, 1), running(job, 2, 1)];
    for (const [index, step] of steps.entries()) {
      events.publish(step);
      await watching.until(index + 2);
    }
    // Ended, but a batch still in flight may change its counts: not the final state yet.
    const cancelledInFlight: Job = { ...running(job, 2, 1), status: 'CANCELLED', finishedAt: Date.now() };
    events.publish(cancelledInFlight);
    await watching.until(5);
    let completed = false;
    void watching.ended.then(() => (completed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(completed).toBe(false);
    events.publish({ ...cancelledInFlight, batchesInFlight: 0, progress: { ...cancelledInFlight.progress, processed: 6, deleted: 6 } });
    await watching.ended;
    const seen = watching.results.map((r) => [r.data?.bulkDeleteJobProgress.status, r.data?.bulkDeleteJobProgress.progress.processedCount]);
    expect(seen).toEqual([['OPEN', 0], ['RUNNING', 0], ['RUNNING', 3], ['RUNNING', 3], ['CANCELLED', 3], ['CANCELLED', 6]]);
    await vi.waitFor(() => expect(f.app.subscriptions?.openSubscriptions('ops-console')).toBe(0));
  });

  it('sends a cancelled job\'s final state with its result, from the store, and completes', async () => {
    const f = await start();
    const job = await openJob(f);
    const watching = watch(client(f, OWNER.key).client, WATCH, { id: job.id });
    await watching.until(1);
    const cancelled = await f.graphql(JOB_OPS.cancel, { id: job.id }, { authorization: bearer(OWNER.key) });
    expect(cancelled.body.data?.job?.status).toBe('CANCELLED');
    await watching.ended;
    const last = watching.results.at(-1)!.data!.bulkDeleteJobProgress;
    expect(last).toMatchObject({ status: 'CANCELLED', result: { requestedCount: 6, deletedCount: 0, failedCount: 6 } });
    expect(new Set(last.result.failures.map((failure: { code: string }) => failure.code))).toEqual(new Set(['NOT_ATTEMPTED']));
  });

  it('completes at once for a job that has already ended', async () => {
    const f = await start();
    const job = await openJob(f);
    await f.graphql(JOB_OPS.cancel, { id: job.id }, { authorization: bearer(OWNER.key) });
    const watching = watch(client(f, OWNER.key).client, WATCH, { id: job.id });
    await watching.ended;
    expect(watching.results.map((r) => r.data?.bulkDeleteJobProgress.status)).toEqual(['CANCELLED']);
  });

  it('coalesces a burst into its latest state instead of queueing every event', async () => {
    const f = await start();
    const job = await openJob(f, OWNER.key, Array.from({ length: 3000 }, (_, i) => `d${i}`));
    const { events } = f.app.services.jobs;
    const watching = watch(client(f, OWNER.key).client, WATCH, { id: job.id });
    await watching.until(1);
    // A thousand batches recorded within one tick: far faster than any socket is written.
    for (let batch = 1; batch <= 1000; batch++) events.publish(running(job, batch));
    await vi.waitFor(() => expect(watching.results.at(-1)?.data?.bulkDeleteJobProgress.progress.processedCount).toBe(3000));
    expect(watching.results.length).toBeLessThanOrEqual(3);
  });

  it('removes every listener when watchers complete, cancel or vanish: 60 cycles leave none', async () => {
    const events = countingJobEvents();
    const f = await start({ jobEvents: events });
    const job = await openJob(f);
    for (let cycle = 0; cycle < 20; cycle++) {
      // A watcher that completes its subscription, one whose socket is disposed, one cut off.
      const polite = client(f, OWNER.key).client;
      const first = watch(polite, WATCH, { id: job.id });
      const disposed = client(f, OWNER.key).client;
      const second = watch(disposed, WATCH, { id: job.id });
      const socket = await raw(f);
      socket.send({ type: 'connection_init', payload: { authorization: bearer(OWNER.key) } });
      await socket.next('connection_ack');
      socket.send({ id: 'w', type: 'subscribe', payload: { query: WATCH, variables: { id: job.id } } });
      await Promise.all([first.until(1), second.until(1), socket.next('next')]);
      first.cancel();
      await disposed.dispose();
      socket.socket.terminate();
    }
    await vi.waitFor(() => expect(events.listeners()).toBe(0));
    await vi.waitFor(() => expect(f.app.subscriptions?.openSubscriptions('ops-console')).toBe(0));
  });
});

describe('graphql-ws on /graphql: hostile or careless frames', () => {

  it.each([
    ['bad JSON', '{"type": "connection_init"', 4400],
    ['an unknown message type', { type: 'launch_missiles' }, 4400],
    ['a subscribe before connection_init', { id: '1', type: 'subscribe', payload: { query: '{ __typename }' } }, 4401],
  ])('closes on %s with graphql-ws\'s code', async (_name, frame, code) => {
    const f = await start();
    const socket = await raw(f);
    socket.send(frame);
    expect((await socket.closed).code).toBe(code);
  });

  it('closes on a second connection_init with 4429, and on a message over WS_MAX_MESSAGE_BYTES with 1009', async () => {
    const f = await start({ env: { WS_MAX_MESSAGE_BYTES: '2048' } });
    const twice = await raw(f);
    twice.send(init);
    await twice.next('connection_ack');
    twice.send(init);
    expect((await twice.closed).code).toBe(4429);
    const huge = await raw(f);
    huge.send({ ...init, payload: { ...init.payload, padding: 'x'.repeat(4096) } });
    expect((await huge.closed).code).toBe(1009);
  });

  it('closes a socket that never sends connection_init within WS_INIT_TIMEOUT_MS with 4408', async () => {
    const f = await start({ env: { WS_INIT_TIMEOUT_MS: '200' } });
    const silent = await raw(f);
    expect((await silent.closed).code).toBe(4408);
  });

  it('refuses a subscription over WS_MAX_SUBSCRIPTIONS_PER_CLIENT with RATE_LIMITED and keeps the others', async () => {
    const f = await start({ env: { WS_MAX_SUBSCRIPTIONS_PER_CLIENT: '3' } });
    const job = await openJob(f);
    const socket = await raw(f);
    socket.send(init);
    await socket.next('connection_ack');
    for (const id of ['a', 'b', 'c', 'd']) socket.send({ id, type: 'subscribe', payload: { query: WATCH, variables: { id: job.id } } });
    const refused = await socket.next('error');
    expect(refused.id).toBe('d');
    expect(refused.payload[0].extensions).toEqual({ code: 'RATE_LIMITED' });
    expect(refused.payload[0].message).toMatch(/WS_MAX_SUBSCRIPTIONS_PER_CLIENT \(3\)/);
    // Another socket of the same client counts too; completing one frees its place.
    const second = await raw(f);
    second.send(init);
    await second.next('connection_ack');
    second.send({ id: 'e', type: 'subscribe', payload: { query: WATCH, variables: { id: job.id } } });
    expect((await second.next('error')).payload[0].extensions).toEqual({ code: 'RATE_LIMITED' });
    socket.send({ id: 'a', type: 'complete' });
    await vi.waitFor(() => expect(f.app.subscriptions?.openSubscriptions('ops-console')).toBe(2));
    second.send({ id: 'f', type: 'subscribe', payload: { query: WATCH, variables: { id: job.id } } });
    await vi.waitFor(() => expect(second.messages.some((m) => m.type === 'next' && m.id === 'f')).toBe(true));
    f.app.services.jobs.events.publish(running(job, 1));
    await vi.waitFor(() => expect(socket.messages.filter((m) => m.type === 'next').map((m) => m.id).sort()).toEqual(['a', 'b', 'b', 'c', 'c']));
    expect((await f.app.services.jobs.store.get(job.id, 'ops-console'))?.status).toBe('OPEN');
  });

  it('serves subscriptions only: a query or mutation over the socket is BAD_REQUEST and runs nothing', async () => {
    const f = await start();
    const job = await openJob(f);
    const socket = await raw(f);
    socket.send(init);
    await socket.next('connection_ack');
    socket.send({ id: 'm', type: 'subscribe', payload: { query: toQuery(JOB_OPS.cancel), variables: { id: job.id } } });
    const refused = await socket.next('error');
    expect(refused.payload[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/mutations over HTTP/) });
    expect((await f.app.services.jobs.store.get(job.id, 'ops-console'))?.status).toBe('OPEN');
  });

  it('applies the HTTP path\'s document limits (MAX_QUERY_DEPTH) to a subscription', async () => {
    const f = await start({ env: { MAX_QUERY_DEPTH: '2' } });
    const job = await openJob(f);
    const socket = await raw(f);
    socket.send(init);
    await socket.next('connection_ack');
    socket.send({ id: 'deep', type: 'subscribe', payload: { query: WATCH, variables: { id: job.id } } });
    const refused = await socket.next('error');
    expect(refused.payload[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, message: expect.stringMatching(/MAX_QUERY_DEPTH/) });
  });
});

describe('graphql-ws on /graphql: the upgrade request', () => {
  it('refuses a browser page of another origin (cross-site WebSocket hijacking) with 403, and serves the same origin', async () => {
    const f = await start();
    const host = new URL(f.url).host;
    await expect(raw(f, { headers: { origin: 'https://evil.example' } })).rejects.toMatchObject({ status: 403 });
    await expect(raw(f, { headers: { origin: `http://${host.replace(/:\d+$/, ':1')}` } })).rejects.toMatchObject({ status: 403 });
    const same = await raw(f, { headers: { origin: `http://${host}` } });
    same.send(init);
    await same.next('connection_ack');
  });

  it('refuses a Host not answered when authentication is off (421) and any other path (404)', async () => {
    facade = await startFacade({});
    await expect(raw(facade, { headers: { host: 'rebound.example' } })).rejects.toMatchObject({ status: 421 });
    await expect(raw(facade, { path: '/elsewhere' })).rejects.toMatchObject({ status: 404 });
  });

  it('serves no WebSocket with WS_MAX_SUBSCRIPTIONS_PER_CLIENT=0 (404), while HTTP goes on', async () => {
    const f = await start({ env: { WS_MAX_SUBSCRIPTIONS_PER_CLIENT: '0' } });
    expect(f.app.subscriptions).toBeNull();
    await expect(raw(f)).rejects.toMatchObject({ status: 404, body: expect.stringMatching(/WS_MAX_SUBSCRIPTIONS_PER_CLIENT/) });
    await openJob(f);
  });

  it('refuses an upgrade with two Authorization headers (400): neither is guessed at', async () => {
    const f = await start();
    const { port } = new URL(f.url);
    // ws's client cannot send a header twice; a raw request can.
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write([
        'GET /graphql HTTP/1.1', `host: 127.0.0.1:${port}`, 'connection: upgrade', 'upgrade: websocket', 'sec-websocket-version: 13',
        'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-protocol: graphql-transport-ws',
        `authorization: ${bearer(OWNER.key)}`, `authorization: ${bearer(OTHER.key)}`, '', '',
      ].join('\r\n')));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('utf8')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/more than one Authorization header/);
  });

  it('closes every socket with 1001 on shutdown and does not wait for watchers', async () => {
    const f = await start();
    const job = await openJob(f);
    const { client: watcher, closes } = client(f, OWNER.key);
    const watching = watch(watcher, WATCH, { id: job.id });
    await watching.until(1);
    const started = performance.now();
    await f.app.close();
    facade = undefined;
    expect(performance.now() - started).toBeLessThan(5_000);
    await expect(watching.ended).rejects.toMatchObject({ code: 1001 });
    expect(closes.map((c) => c.code)).toEqual([1001]);
    expect(f.logs.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
  });
});
