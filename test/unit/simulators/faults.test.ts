import { afterEach, describe, expect, it, vi } from 'vitest';
import { startStoqSimulator } from '../../../src/simulators/index.ts';
import type { SimulatorFault, StoqSimulator, StoqSimulatorOptions } from '../../../src/simulators/index.ts';
import { failureOf, send } from './http.ts';
import type { Answer } from './http.ts';

// The fault machinery is shared by all three simulators; Stoq drives it here because its
// records make "processed or not" visible. Waits are real but kept to tens of milliseconds.

let sim: StoqSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: StoqSimulatorOptions = {}): Promise<StoqSimulator> {
  sim = await startStoqSimulator({ intents: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], ...options });
  return sim;
}

function destroy(s: StoqSimulator, ids: string[], signal?: AbortSignal): Promise<Answer> {
  return send(`${s.url}/intents/bulk_destroy`, {
    method: 'DELETE',
    headers: { 'X-Auth-Token': s.apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ intent_ids: ids }),
    signal,
  });
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

describe('simulator faults', () => {
  it('answers a status fault with its body and headers only, without processing', async () => {
    const s = await start();
    s.fault({ status: 503, body: { error: 'Service Unavailable' }, headers: { 'Retry-After': '2' } });
    const answer = await destroy(s, ['a']);
    expect(answer.status).toBe(503);
    expect(answer.json).toEqual({ error: 'Service Unavailable' });
    expect(answer.headers.get('retry-after')).toBe('2');
    expect(answer.headers.get('x-request-id')).toBeNull();
    expect(s.deletedIds).toEqual([]);
    expect(s.received).toHaveLength(1);
  });

  it('processes first when a status fault says process: true', async () => {
    const s = await start();
    s.fault({ status: 500, body: { error: 'boom' }, process: true });
    expect((await destroy(s, ['a'])).status).toBe(500);
    expect(s.deletedIds).toEqual(['a']);
  });

  it('sends a string body raw with the given Content-Type, and an absent body as empty', async () => {
    const s = await start();
    s.fault({ status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' });
    s.fault({ status: 504 });
    const html = await destroy(s, ['a']);
    expect([html.status, html.text, html.headers.get('content-type')]).toEqual([502, '<html>Bad Gateway</html>', 'text/html']);
    const empty = await destroy(s, ['a']);
    expect([empty.status, empty.text, empty.headers.get('content-type')]).toEqual([504, '', null]);
  });

  it('applies queued faults to the next requests only, one each, in order', async () => {
    const s = await start();
    s.fault({ status: 500 });
    s.fault({ status: 503 });
    const statuses = [];
    for (const id of ['a', 'b', 'c']) statuses.push((await destroy(s, [id])).status);
    expect(statuses).toEqual([500, 503, 200]);
    expect(s.deletedIds).toEqual(['c']);
  });

  it('consults the fault plan with each request and its index when the queue is empty', async () => {
    const s = await start();
    const seen: number[] = [];
    s.faultPlan((req, index) => {
      seen.push(index);
      return req.body.includes('"b"') ? { status: 503 } : undefined;
    });
    s.fault({ status: 500 });
    const statuses = [];
    for (const id of ['a', 'a', 'b', 'c']) statuses.push((await destroy(s, [id])).status);
    expect(statuses).toEqual([500, 200, 503, 200]);
    expect(seen).toEqual([1, 2, 3]);
    s.faultPlan(undefined);
    expect((await destroy(s, ['b'])).status).toBe(200);
  });

  it('numbers a plan\'s requests from its own first one, whatever came before or received still holds', async () => {
    const s = await start();
    s.faultPlan(() => undefined);
    await destroy(s, ['a']);
    await destroy(s, ['a']);
    s.received.length = 0;
    const seen: number[] = [];
    const schedule: SimulatorFault[] = [{ status: 503 }, { status: 500 }];
    s.faultPlan((_req, index) => {
      seen.push(index);
      return schedule[index];
    });
    const statuses = [];
    for (const id of ['b', 'b', 'c']) statuses.push((await destroy(s, [id])).status);
    expect(seen).toEqual([0, 1, 2]);
    expect(statuses).toEqual([503, 500, 200]);
    expect(s.deletedIds).toEqual(['a', 'c']);
  });

  it('delays the answer by delayMs and still processes the request', async () => {
    const s = await start();
    s.fault({ delayMs: 60 });
    const { value, ms } = await timed(destroy(s, ['a']));
    expect(value.json).toEqual({ success: true, deleted_count: 1 });
    expect(ms).toBeGreaterThanOrEqual(55);
  });

  it('deletes before the delay, so a client that gives up still leaves the records deleted', async () => {
    const s = await start();
    s.fault({ delayMs: 5_000 });
    // The client gives up once the record is gone (not after a fixed 30 ms, which a loaded
    // machine could spend before the request even arrives), well inside the 5 s delay.
    const giveUp = new AbortController();
    const answer = failureOf(destroy(s, ['a'], giveUp.signal));
    await vi.waitFor(() => expect(s.deletedIds).toEqual(['a']), { timeout: 4_000, interval: 5 });
    giveUp.abort();
    expect(await answer).toBe('AbortError');
    expect(s.deletedIds).toEqual(['a']);
  });

  it('adds latencyMs to every answer', async () => {
    const s = await start({ latencyMs: 40 });
    const { ms } = await timed(Promise.all([destroy(s, ['a']), destroy(s, ['b'])]));
    expect(ms).toBeGreaterThanOrEqual(35);
    expect(s.deletedIds.sort()).toEqual(['a', 'b']);
  });

  it.each([
    ['before', [], true],
    ['after', ['a'], false],
  ] as const)('never answers with hang: %s (deleted: %j)', async (hang, deleted, stillThere) => {
    const s = await start();
    s.fault({ hang });
    // The client gives up once the simulator holds the request (and, with `after`, has deleted),
    // not after a fixed 50 ms that a loaded machine could spend before the request arrives.
    const giveUp = new AbortController();
    const answer = failureOf(destroy(s, ['a'], giveUp.signal));
    await vi.waitFor(() => expect([s.received.length, s.deletedIds]).toEqual([1, deleted]), { timeout: 4_000, interval: 5 });
    giveUp.abort();
    expect(await answer).toBe('AbortError');
    expect(s.deletedIds).toEqual(deleted);
    expect(s.has('a')).toBe(stillThere);
    expect((await destroy(s, ['b'])).status).toBe(200);
  });

  it.each([
    ['before', []],
    ['after', ['a']],
  ] as const)('resets the connection with reset: %s (deleted: %j)', async (reset, deleted) => {
    const s = await start();
    s.fault({ reset });
    expect(await failureOf(destroy(s, ['a']))).toBe('ECONNRESET');
    expect(s.deletedIds).toEqual(deleted);
    expect(s.received).toHaveLength(1);
    expect((await destroy(s, ['b'])).status).toBe(200);
  });

  it.each([
    ['malformed JSON', '{"success":true,"deleted_count":', undefined, 'application/json; charset=utf-8'],
    ['an HTML page', '<html><body>Maintenance</body></html>', 'text/html', 'text/html'],
  ])('answers the normal status with a raw body (%s) after processing', async (_name, rawBody, contentType, sentType) => {
    const s = await start();
    const fault: SimulatorFault = contentType === undefined ? { rawBody } : { rawBody, contentType };
    s.fault(fault);
    const answer = await destroy(s, ['a']);
    expect([answer.status, answer.text, answer.headers.get('content-type')]).toEqual([200, rawBody, sentType]);
    expect(answer.headers.get('x-request-id')).not.toBeNull();
    expect(s.deletedIds).toEqual(['a']);
  });

  it('replaces only the body when a fault gives a body without a status', async () => {
    const s = await start();
    s.fault({ body: { success: true } });
    const answer = await destroy(s, ['a']);
    expect([answer.status, answer.json]).toEqual([200, { success: true }]);
    expect(s.deletedIds).toEqual(['a']);
  });

  it('answers 500 in the vendor shape when a fault asks for an unsendable header', async () => {
    const s = await start();
    s.fault({ status: 503, headers: { 'X-Broken': 'line\nbreak' } });
    const answer = await destroy(s, ['a']);
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ error: expect.stringContaining('Simulator error') });
  });

  it('closes promptly while requests hang or wait, and close() can be called twice', async () => {
    const s = await start();
    s.fault({ hang: 'after' });
    s.fault({ delayMs: 60_000 });
    const hung = failureOf(destroy(s, ['a']));
    const waiting = failureOf(destroy(s, ['b']));
    while (s.received.length < 2) await new Promise((resolve) => setTimeout(resolve, 2));
    const { ms } = await timed(Promise.all([s.close(), s.close()]));
    // Far below the 60 s wait (and the forever of the hang), with room for a loaded machine.
    expect(ms).toBeLessThan(10_000);
    expect(await hung).not.toBe('answered');
    expect(await waiting).not.toBe('answered');
  });
});
