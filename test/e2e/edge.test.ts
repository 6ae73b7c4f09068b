import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import type { FacadeHarness } from '../helpers/facade.ts';
import { MUTATIONS, toQuery } from '../helpers/facade.ts';
import { TYPENAME } from '../helpers/documents.ts';
import { graphql } from '../../src/__generated__/e2e/index.ts';
import { expectNothingDeleted, startSeeded } from '../helpers/e2e.ts';
import { openRaw, parseHead, rawGraphQL, requestHead } from '../helpers/raw-http.ts';

// The HTTP edge under hostile load (README, Security, Hardening): what a caller without
// credentials, a slow sender, or a web page in a browser on the same machine can make the
// facade do, tested on real loopback connections.

const KEY = generateApiKey();
const KEYS_ENV = { AUTH_API_KEYS: buildApiKeyLine('ops', '*', hashApiKey(KEY)) };
// The document's text: these tests write their requests byte by byte on a socket.
const DELETE = toQuery(graphql(`mutation DeleteX1 { bulkDeleteDeals(input: { ids: ["x1"] }) { deletedCount } }`));

let facade: FacadeHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

function hostOf(url: string): string {
  return new URL(url).host;
}

describe('a request without valid credentials, where they are required', () => {
  it.each([
    ['no credentials', []],
    ['an unknown API key', [`Authorization: Bearer ${generateApiKey()}`]],
  ])('with %s is answered 401 from its headers, the connection closed, its 5 MiB body never awaited', async (_what, lines) => {
    facade = await startSeeded({ env: KEYS_ENV });
    const connection = await openRaw(facade.url);
    // The head announces 5 MiB and not one byte of it follows: only an answer from the headers can come back.
    connection.write(requestHead('POST', '/graphql', [`Host: ${hostOf(facade.url)}`, 'Content-Type: application/json', `Content-Length: ${5 * 1024 * 1024}`, ...lines]));
    const { status, headers, body } = parseHead(await connection.closed);
    expect(status).toBe(401);
    expect(headers.connection).toBe('close');
    expect(headers['www-authenticate']).toMatch(/^Bearer realm=/);
    expect(JSON.parse(body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('with a valid key still has its body read and runs', async () => {
    facade = await startSeeded({ env: KEYS_ENV });
    const answer = await rawGraphQL(facade.url, DELETE, [`Host: ${hostOf(facade.url)}`, `Authorization: Bearer ${KEY}`]);
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual({ bulkDeleteDeals: { deletedCount: 1 } });
  });
});

describe('two Authorization headers', () => {
  it('are refused with 400 BAD_REQUEST, whichever comes first, and nothing runs', async () => {
    facade = await startSeeded({ env: KEYS_ENV });
    const host = `Host: ${hostOf(facade.url)}`;
    for (const pair of [[KEY, generateApiKey()], [generateApiKey(), KEY]]) {
      const answer = await rawGraphQL(facade.url, DELETE, [host, ...pair.map((key) => `Authorization: Bearer ${key}`)]);
      expect(answer.status).toBe(400);
      expect(answer.json.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(answer.json.errors[0].message).toMatch(/more than one Authorization header/);
    }
    expectNothingDeleted(facade.leadlex);
  });

  it('are refused also where authentication is off', async () => {
    facade = await startSeeded();
    const answer = await rawGraphQL(facade.url, DELETE, [`Host: ${hostOf(facade.url)}`, `Authorization: Bearer ${KEY}`, `authorization: Bearer ${KEY}`]);
    expect(answer.status).toBe(400);
    expectNothingDeleted(facade.leadlex);
  });
});

describe('Host, when client authentication is off (DNS rebinding)', () => {
  const port = (url: string): string => new URL(url).port;

  it('refuses a live delete addressed to a name a web page could control, and deletes nothing', async () => {
    facade = await startSeeded();
    expect([facade.config.auth.required, facade.config.demo]).toEqual([false, false]);
    const answer = await rawGraphQL(facade.url, DELETE, [`Host: attacker.example:${port(facade.url)}`]);
    expect(answer.status).toBe(421);
    expect(answer.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(answer.json.errors[0].message).toMatch(/ALLOWED_HOSTS/);
    expectNothingDeleted(facade.leadlex);
    expect(facade.leadlex.received).toEqual([]);
  });

  it.each(['localhost', '127.0.0.1', '[::1]', 'LOCALHOST'])('answers Host %s', async (name) => {
    facade = await startSeeded();
    const answer = await rawGraphQL(facade.url, DELETE, [`Host: ${name}:${port(facade.url)}`]);
    expect(answer.json.data).toEqual({ bulkDeleteDeals: { deletedCount: 1 } });
  });

  it('answers the names in ALLOWED_HOSTS too, and still refuses others', async () => {
    facade = await startSeeded({ env: { ALLOWED_HOSTS: 'facade.internal, 10.0.0.7' } });
    expect((await rawGraphQL(facade.url, '{ __typename }', [`Host: facade.internal:${port(facade.url)}`])).status).toBe(200);
    expect((await rawGraphQL(facade.url, '{ __typename }', ['Host: 10.0.0.7'])).status).toBe(200);
    expect((await rawGraphQL(facade.url, '{ __typename }', ['Host: facade.internal.attacker.example'])).status).toBe(421);
  });

  it('says loudly at start that live deletes are open to anyone who reaches the port', async () => {
    facade = await startSeeded();
    const warning = facade.logs.map((line) => JSON.parse(line)).find((line) => line.level === 40 && /LIVE DELETES ARE OPEN/.test(line.msg));
    expect(warning?.msg).toContain(facade.url);
  });

  it('does not check Host when credentials are required, unless ALLOWED_HOSTS is set', async () => {
    facade = await startSeeded({ env: KEYS_ENV });
    const answer = await rawGraphQL(facade.url, '{ __typename }', ['Host: facade.example.com', `Authorization: Bearer ${KEY}`]);
    expect(answer.status).toBe(200);
    expect(facade.logs.some((line) => line.includes('LIVE DELETES ARE OPEN'))).toBe(false);
  });
});

describe('slow and idle connections', () => {
  it('applies HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS and MAX_CONNECTIONS to the server', async () => {
    facade = await startSeeded({ env: { HEADERS_TIMEOUT_MS: '7000', REQUEST_TIMEOUT_MS: '20000', KEEP_ALIVE_TIMEOUT_MS: '4000', MAX_CONNECTIONS: '50' } });
    const { server } = facade.app;
    expect([server.headersTimeout, server.requestTimeout, server.keepAliveTimeout, server.maxConnections]).toEqual([7000, 20_000, 4000, 50]);
  });

  it('has defaults that close a trickle within 10 to 30 s, checked often enough for the bound to hold', async () => {
    facade = await startSeeded();
    const { server } = facade.app;
    expect([server.headersTimeout, server.requestTimeout, server.maxConnections]).toEqual([10_000, 30_000, 1000]);
  });

  // Small limits, a generous bound: the trickle below would go on for a minute.
  const TRICKLE_ENV = { HEADERS_TIMEOUT_MS: '200', REQUEST_TIMEOUT_MS: '400' };

  it('closes a connection that trickles one header line at a time, answering 408', async () => {
    facade = await startSeeded({ env: TRICKLE_ENV });
    const connection = await openRaw(facade.url);
    connection.write(`POST /graphql HTTP/1.1\r\nHost: ${hostOf(facade.url)}\r\n`);
    const trickle = setInterval(() => connection.write(`X-Slow-${Date.now()}: 1\r\n`), 50);
    try {
      const text = await Promise.race([connection.closed, new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 10_000))]);
      expect(text).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(trickle);
    }
  });

  it('closes a connection that trickles its body one byte at a time, answering 408', async () => {
    facade = await startSeeded({ env: TRICKLE_ENV });
    const connection = await openRaw(facade.url);
    connection.write(requestHead('POST', '/graphql', [`Host: ${hostOf(facade.url)}`, 'Content-Type: application/json', 'Content-Length: 1000']));
    const trickle = setInterval(() => connection.write(' '), 50);
    try {
      const text = await Promise.race([connection.closed, new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 10_000))]);
      expect(text).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(trickle);
    }
  });

  it('closes connections beyond MAX_CONNECTIONS as they arrive, and serves again once one leaves', async () => {
    facade = await startSeeded({ env: { MAX_CONNECTIONS: '2' } });
    const server = facade.app.server;
    const held = [await openRaw(facade.url), await openRaw(facade.url)];
    await expect.poll(() => new Promise<number>((resolve) => server.getConnections((_e, n) => resolve(n)))).toBe(2);
    const third = await openRaw(facade.url);
    third.write(requestHead('GET', '/healthz', [`Host: ${hostOf(facade.url)}`]));
    expect(await third.closed).toBe('');
    held[0]!.socket.destroy();
    await expect.poll(() => new Promise<number>((resolve) => server.getConnections((_e, n) => resolve(n)))).toBe(1);
    const answer = await facade.graphql(TYPENAME, {});
    expect(answer.status).toBe(200);
    held[1]!.socket.destroy();
  });
});

describe('failed authentications without a credential', () => {
  it('count against the address like wrong ones: a flood without credentials is throttled', async () => {
    facade = await startSeeded({ env: { ...KEYS_ENV, AUTH_FAILURES_PER_MINUTE: '3' } });
    for (let i = 0; i < 3; i++) expect((await facade.graphql(TYPENAME, {})).status).toBe(401);
    const throttled = await facade.graphql(MUTATIONS.deals, { input: { ids: ['x1'] } }, { authorization: `Bearer ${KEY}` });
    expect(throttled.status).toBe(429);
    expect(throttled.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    expect(facade.leadlex.received).toEqual([]);
  });
});

describe('automatic persisted queries (Apollo Client\'s persisted-queries link)', () => {
  const QUERY = '{ __typename }';
  const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
  async function post(body: unknown): Promise<{ status: number; json: any }> {
    const response = await fetch(`${facade!.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, json: await response.json() };
  }

  it('answers a hash that does not match its query with 400 BAD_REQUEST, not INTERNAL_SERVER_ERROR', async () => {
    facade = await startSeeded();
    const answer = await post({ query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: sha('{ other }') } } });
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(answer.json.errors[0].message).toMatch(/sha does not match query/);
  });

  it('answers the codes the link acts on: PERSISTED_QUERY_NOT_FOUND, then the registered query by its hash', async () => {
    facade = await startSeeded();
    const persistedQuery = { version: 1, sha256Hash: sha(QUERY) };
    const unknown = await post({ extensions: { persistedQuery } });
    expect(unknown.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post({ query: QUERY, extensions: { persistedQuery } })).json.data).toEqual({ __typename: 'Query' });
    expect((await post({ extensions: { persistedQuery } })).json.data).toEqual({ __typename: 'Query' });
  });
});

describe('GET /metrics', () => {
  it.each(['POST', 'PUT', 'DELETE'])('refuses %s with 405 and Allow: GET, HEAD', async (method) => {
    facade = await startSeeded();
    const response = await fetch(`${facade.url}/metrics`, { method, body: method === 'DELETE' ? undefined : 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    facade = await startSeeded();
    const response = await fetch(`${facade.url}/metrics`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('');
  });

  it('requires Authorization: Bearer <METRICS_TOKEN> when one is set, and never shows it', async () => {
    const token = 'metrics-SECRET-token-5d1e8a';
    facade = await startSeeded({ env: { METRICS_TOKEN: token, LOG_LEVEL: 'trace' } });
    const get = (headers: Record<string, string> = {}) => fetch(`${facade!.url}/metrics`, { headers });
    const none = await get();
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect((await get({ authorization: `Bearer ${token}x` })).status).toBe(401);
    expect((await get({ authorization: token })).status).toBe(401);
    const ok = await get({ authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('facade_');
    expect(facade.logs.some((line) => line.includes(token))).toBe(false);
  });

  it('leaves /healthz and /readyz to GET and HEAD too', async () => {
    facade = await startSeeded();
    for (const path of ['/healthz', '/readyz']) {
      expect((await fetch(`${facade.url}${path}`, { method: 'POST', body: '{}' })).status).toBe(405);
      expect((await fetch(`${facade.url}${path}`)).status).toBe(200);
    }
  });
});

describe('Expect: 100-continue (curl above 1 MiB)', () => {
  const head = (url: string, lines: readonly string[]): string => requestHead('POST', '/graphql', [`Host: ${hostOf(url)}`, 'Content-Type: application/json', 'Expect: 100-continue', ...lines]);

  it('is answered 401 without inviting the body when credentials are missing', async () => {
    facade = await startSeeded({ env: KEYS_ENV });
    const connection = await openRaw(facade.url);
    connection.write(head(facade.url, [`Content-Length: ${4 * 1024 * 1024}`]));
    const text = await connection.closed;
    expect(text).toMatch(/^HTTP\/1\.1 401 /);
    expect(text).not.toContain('100 Continue');
  });

  it('invites the body of an authenticated request, then runs it', async () => {
    facade = await startSeeded({ env: KEYS_ENV });
    const body = JSON.stringify({ query: DELETE });
    const connection = await openRaw(facade.url);
    connection.write(head(facade.url, [`Authorization: Bearer ${KEY}`, `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close']));
    await connection.until(/^HTTP\/1\.1 100 Continue\r\n\r\n/);
    connection.write(body);
    const text = await connection.closed;
    expect(text).toMatch(/HTTP\/1\.1 200 OK/);
    expect(text).toContain('"deletedCount":1');
  });

  it('answers 413 at once, without inviting the body, when the declared size is over MAX_REQUEST_BYTES', async () => {
    facade = await startSeeded({ env: { ...KEYS_ENV, MAX_REQUEST_BYTES: '4096' } });
    const connection = await openRaw(facade.url);
    connection.write(head(facade.url, [`Authorization: Bearer ${KEY}`, 'Content-Length: 5000']));
    const text = await connection.closed;
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
  });
});
