import { afterEach, describe, expect, it } from 'vitest';
import type { FacadeHarness } from '../helpers/facade.ts';
import { startSeeded } from '../helpers/e2e.ts';
import { openRaw, requestHead } from '../helpers/raw-http.ts';

// The HTTP edge under hostile load (README, Security, Hardening): what a caller without
// credentials, a slow sender, or a web page in a browser on the same machine can make the
// facade do, tested on real loopback connections.

let facade: FacadeHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

function hostOf(url: string): string {
  return new URL(url).host;
}

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
    const answer = await facade.graphql('{ __typename }');
    expect(answer.status).toBe(200);
    held[1]!.socket.destroy();
  });
});
