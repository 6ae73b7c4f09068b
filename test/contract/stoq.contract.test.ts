import { afterEach, describe, expect, it } from 'vitest';
import type { StoqOptions, Upstream } from '../../src/upstreams/index.ts';
import { SKIP_SENT_MAX_CALLS } from '../../src/upstreams/stoq/index.ts';
import { startStoqSimulator, type StoqIntent, type StoqSimulator } from '../../src/simulators/index.ts';
import { SECRETS } from '../helpers/facade.ts';
import { createAdapter, defineUpstreamContract, failedWith } from '../helpers/upstream-contract.ts';
import { flat } from '../unit/bulk-delete/helpers.ts';

// docs/vendors/stoq.md and docs/contract.md §5 "Stoq intents".

const PATH = '/api/v1/external/intents/bulk_destroy';

async function startStoq(intents: StoqIntent[], env: Record<string, string> = {}) {
  const sim = await startStoqSimulator({ apiKey: SECRETS.stoqApiKey, intents });
  const upstream = createAdapter<StoqOptions>('stoq', { STOQ_API_URL: sim.url, STOQ_API_KEY: SECRETS.stoqApiKey, ...env });
  return { sim, upstream, close: () => sim.close() };
}

defineUpstreamContract<StoqOptions>({
  name: 'stoq',
  start: (existing, env) => startStoq(existing.map((id) => ({ id })), env),
  urlVariable: 'STOQ_API_URL',
  options: { skipSent: false },
  idempotent: false,
  method: 'DELETE',
  path: PATH,
  body: (ids) => ({ intent_ids: ids }),
  expectCredentials(req) {
    expect(req.headers['x-auth-token']).toBe(SECRETS.stoqApiKey);
    expect(req.headers['authorization']).toBeUndefined();
  },
});

describe('stoq adapter: Stoq specifics', () => {
  let sim: StoqSimulator | undefined;
  let upstream: Upstream<unknown, StoqOptions>;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
  async function start(intents: StoqIntent[]) {
    ({ sim, upstream } = await startStoq(intents));
    return sim;
  }
  const run = async (ids: string[], skipSent = false) => flat(await upstream.deleteBatch(ids, 0, { skipSent }));

  it('counts the unknown IDs as not found and leaves deletedIds null when only some were deleted (200)', async () => {
    const s = await start([{ id: 'i1' }, { id: 'i2' }]);
    const outcome = await run(['i1', 'ghost', 'i2']);
    expect(s.deletedIds).toEqual(['i1', 'i2']);
    expect(outcome).toMatchObject({ deletedCount: 2, notFoundCount: 1, deletedIds: null, failures: [] });
  });

  it('reports every ID not found and deletedIds [] on its JSON 404', async () => {
    await start([]);
    const outcome = await run(['ghost1', 'ghost2']);
    expect(outcome).toMatchObject({ deletedCount: 0, notFoundCount: 2, deletedIds: [], failures: [], refusal: null });
  });

  it('refuses with UPSTREAM_BAD_RESPONSE on an HTML 404 (a wrong STOQ_API_URL), never "not found"', async () => {
    const s = await start([{ id: 'i1' }]);
    upstream = createAdapter<StoqOptions>('stoq', { STOQ_API_URL: `${s.url}/wrong-base`, STOQ_API_KEY: SECRETS.stoqApiKey });
    const outcome = await run(['i1']);
    expect(s.received[0]?.path).toBe('/api/v1/external/wrong-base/intents/bulk_destroy');
    expect(outcome.refusal).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', upstream: 'stoq', upstreamStatus: 404 });
    expect(outcome.notFoundCount).toBe(0);
    expect(s.has('i1')).toBe(true);
  });

  it('on a 422 without skipSent: sent IDs fail ALREADY_SENT, the others NOT_ATTEMPTED, nothing deleted, one call', async () => {
    const s = await start([{ id: 'i1' }, { id: 'i2', sent: true }, { id: 'i3' }]);
    const outcome = await run(['i1', 'i2', 'i3']);
    expect(s.received).toHaveLength(1);
    expect(s.deletedIds).toEqual([]);
    expect(outcome).toMatchObject({ deletedCount: 0, notFoundCount: 0, sentIntentIds: ['i2'], refusal: null });
    expect(failedWith(outcome, 'ALREADY_SENT')).toEqual(['i2']);
    expect(failedWith(outcome, 'NOT_ATTEMPTED')).toEqual(['i1', 'i3']);
  });

  it('on a 422 with skipSent: calls again with exactly the unsent IDs and reports both parts', async () => {
    const s = await start([{ id: 'i1' }, { id: 'i2', sent: true }, { id: 'i3' }]);
    const outcome = await run(['i1', 'i2', 'i3'], true);
    expect(s.received.map((r) => r.json)).toEqual([{ intent_ids: ['i1', 'i2', 'i3'] }, { intent_ids: ['i1', 'i3'] }]);
    expect(s.deletedIds).toEqual(['i1', 'i3']);
    expect(outcome).toMatchObject({ deletedCount: 2, sentIntentIds: ['i2'], deletedIds: ['i1', 'i3'] });
    expect(failedWith(outcome, 'ALREADY_SENT')).toEqual(['i2']);
    expect(outcome.failures).toHaveLength(1);
  });

  it(`with skipSent stops after ${SKIP_SENT_MAX_CALLS} calls when every answer is another 422`, async () => {
    const s = await start(['i1', 'i2', 'i3', 'i4'].map((id) => ({ id })));
    for (const sent of ['i1', 'i2', 'i3']) s.fault({ status: 422, body: { error: 'sent', sent_intent_ids: [sent] } });
    const outcome = await run(['i1', 'i2', 'i3', 'i4'], true);
    expect(s.received.map((r) => r.json)).toEqual([
      { intent_ids: ['i1', 'i2', 'i3', 'i4'] },
      { intent_ids: ['i2', 'i3', 'i4'] },
      { intent_ids: ['i3', 'i4'] },
    ]);
    expect(failedWith(outcome, 'ALREADY_SENT')).toEqual(['i1', 'i2', 'i3']);
    expect(failedWith(outcome, 'NOT_ATTEMPTED')).toEqual(['i4']);
    expect(outcome.sentIntentIds).toEqual(['i1', 'i2', 'i3']);
  });

  it('with skipSent reports the unsent part as UPSTREAM_ERROR when the second call is refused, keeping the 422 answer', async () => {
    const s = await start([{ id: 'i1' }, { id: 'i2', sent: true }]);
    s.fault({});
    s.faultPlan((_req, index) => (index > 0 ? { status: 503 } : undefined));
    const outcome = await run(['i1', 'i2'], true);
    expect(s.deletedIds).toEqual([]);
    expect(outcome.refusal).toBeNull();
    expect(failedWith(outcome, 'ALREADY_SENT')).toEqual(['i2']);
    expect(failedWith(outcome, 'UPSTREAM_ERROR')).toEqual(['i1']);
  });

  it('refuses with UPSTREAM_BAD_RESPONSE a 422 that names none of the requested intents', async () => {
    const s = await start([{ id: 'i1' }]);
    s.fault({ status: 422, body: { error: 'sent', sent_intent_ids: ['someone-else'] } });
    const outcome = await run(['i1']);
    expect(outcome.refusal).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', upstreamStatus: 422 });
  });

  it('reads the rate-limit headers Stoq sends on every answer, resetAt as ISO-8601', async () => {
    await start([{ id: 'i1' }]);
    const before = Date.now();
    const outcome = await run(['i1']);
    expect(outcome.rateLimit?.rateLimit).toMatchObject({ limit: 360, remaining: 358 });
    const resetAt = Date.parse(outcome.rateLimit?.rateLimit.resetAt ?? '');
    expect(outcome.rateLimit?.rateLimit.resetAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(resetAt).toBeGreaterThanOrEqual(before + 59_000);
    expect(resetAt).toBeLessThanOrEqual(Date.now() + 61_000);
  });

  it('sends a wrong key as given and refuses with UPSTREAM_AUTH_FAILED on the 401', async () => {
    const s = await start([{ id: 'i1' }]);
    upstream = createAdapter<StoqOptions>('stoq', { STOQ_API_URL: s.url, STOQ_API_KEY: 'stoq-SECRET-wrong-key' });
    const outcome = await run(['i1']);
    expect(s.received[0]?.headers['x-auth-token']).toBe('stoq-SECRET-wrong-key');
    expect(outcome.refusal).toMatchObject({ code: 'UPSTREAM_AUTH_FAILED', upstreamStatus: 401 });
    expect(s.has('i1')).toBe(true);
  });
});
