import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startLeadLexSimulator } from '../../../src/simulators/index.ts';
import type { LeadLexSimulator } from '../../../src/simulators/index.ts';
import { send } from './http.ts';

// Malformed traffic a buggy client (or a port scanner) might send; whatever arrives, the
// simulator must keep serving. LeadLex drives it; the server underneath is shared.

let sim: LeadLexSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Writes raw bytes, half-closes, and resolves with whatever came back before the socket closed. */
function rawExchange(url: string, bytes: string | Buffer, endAfterWrite = true): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk.toString('latin1')));
    socket.on('error', () => resolve(reply));
    socket.on('close', () => resolve(reply));
    socket.write(bytes, () => {
      if (endAfterWrite) socket.end();
      else setTimeout(() => socket.destroy(), 20); // give up mid-body
    });
  });
}

async function stillServes(s: LeadLexSimulator): Promise<number> {
  const answer = await send(`${s.url}/v1/deals/bulk-delete`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${s.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ deal_ids: ['d1'] }),
  });
  return answer.status;
}

const path = '/functions/v1/api-gateway/v1/deals/bulk-delete';

describe('simulator server', () => {
  it.each([
    ['a line that is not HTTP', 'HELLO\r\n\r\n', /^HTTP\/1\.1 400/],
    ['a broken chunked body', `POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`, /^HTTP\/1\.1 400/],
    ['a header line without a colon', `POST ${path} HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n`, /^HTTP\/1\.1 400/],
    ['an oversized header block', `POST ${path} HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`, /^HTTP\/1\.1 431/],
  ])('refuses %s at the HTTP level and keeps serving', async (_name, bytes, expected) => {
    const s = (sim = await startLeadLexSimulator({ deals: [{ id: 'd1' }] }));
    expect(await rawExchange(s.url, bytes)).toMatch(expected);
    expect(s.received).toHaveLength(0);
    expect(await stillServes(s)).toBe(200);
  });

  it('answers a header holding non-ASCII bytes like any wrong key', async () => {
    const s = (sim = await startLeadLexSimulator({ deals: [{ id: 'd1' }] }));
    const request = Buffer.concat([
      Buffer.from(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer `),
      Buffer.from([0xff, 0xfe, 0x80]),
      Buffer.from('\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}'),
    ]);
    expect(await rawExchange(s.url, request)).toMatch(/^HTTP\/1\.1 401/);
    expect(await stillServes(s)).toBe(200);
  });

  it('records nothing and stays up when a client disconnects mid-body', async () => {
    const s = (sim = await startLeadLexSimulator({ deals: [{ id: 'd1' }] }));
    const partial = `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"deal_ids":`;
    expect(await rawExchange(s.url, partial, false)).toBe('');
    expect(s.received).toHaveLength(0);
    expect(await stillServes(s)).toBe(200);
  });

  it('serves concurrent requests, each deleting its own records once', async () => {
    const s = (sim = await startLeadLexSimulator({ deals: Array.from({ length: 50 }, (_, i) => ({ id: `d${i}` })) }));
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(`${s.url}/v1/deals/bulk-delete`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${s.apiKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ deal_ids: [`d${i}`, `d${(i + 1) % 50}`] }),
        }).then((a) => a.status),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(s.deletedIds.slice().sort()).toEqual(Array.from({ length: 50 }, (_, i) => `d${i}`).sort());
  });
});
