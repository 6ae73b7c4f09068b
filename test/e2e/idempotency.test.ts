import { afterEach, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_RETENTION_MS, createMemoryStore } from '../../src/idempotency/index.ts';
import type { FacadeHarness } from '../helpers/facade.ts';
import { UPSTREAM_TIMEOUT_MS, timingOut } from '../helpers/upstream-timer.ts';
import { UPSTREAM_OF, expectError, expectNothingDeleted, expectResult, failed, mutate, simOf, startSeeded, type MutationName } from '../helpers/e2e.ts';

// docs/contract.md §6: the same idempotencyKey with the same input returns the first call's result
// without calling the upstream again; a repeat while the first runs waits for it; an error is
// not stored.

let facade: FacadeHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

const ALL: MutationName[] = ['intents', 'contacts', 'deals'];

describe('idempotencyKey', () => {
  it.each(ALL)('%s: the same key and input returns the first result, with no new upstream call', async (m) => {
    facade = await startSeeded();
    const first = expectResult(await mutate(facade, m, { ids: ['x1', 'ghost'], idempotencyKey: 'k-same' }));
    const again = expectResult(await mutate(facade, m, { ids: ['x1', 'ghost'], idempotencyKey: 'k-same' }));
    expect(again).toEqual(first);
    expect(first.deletedCount).toBe(1);
    expect(simOf(facade, m).received).toHaveLength(1);
  });

  it.each(ALL)('%s: IDs in another order, with duplicates, are the same input', async (m) => {
    facade = await startSeeded();
    const first = expectResult(await mutate(facade, m, { ids: ['x1', 'x2', 'x3'], idempotencyKey: 'k-order' }));
    const again = expectResult(await mutate(facade, m, { ids: ['x3', 'x1', 'x2', 'x1'], idempotencyKey: 'k-order' }));
    expect(again).toEqual(first);
    expect(simOf(facade, m).received).toHaveLength(1);
  });

  it.each(ALL)('%s: two concurrent calls with one key make exactly one upstream call, and both get its result', async (m) => {
    facade = await startSeeded();
    simOf(facade, m).fault({ delayMs: 150 });
    const [a, b] = await Promise.all([
      mutate(facade, m, { ids: ['x1', 'x2'], idempotencyKey: 'k-concurrent' }),
      mutate(facade, m, { ids: ['x2', 'x1'], idempotencyKey: 'k-concurrent' }),
    ]);
    expect(simOf(facade, m).received).toHaveLength(1);
    expect(expectResult(b)).toEqual(expectResult(a));
    expect(expectResult(a)).toMatchObject({ deletedCount: 2 });
  });

  it.each(ALL)('%s: a call that ended in an error is not stored: the same key calls the upstream again', async (m) => {
    facade = await startSeeded();
    const sim = simOf(facade, m);
    for (let i = 0; i < 3; i++) sim.fault({ status: 503 });
    expectError(await mutate(facade, m, { ids: ['x1'], idempotencyKey: 'k-error' }), { code: 'UPSTREAM_UNAVAILABLE', upstream: UPSTREAM_OF[m], upstreamStatus: 503 });
    expectNothingDeleted(sim);
    const retry = expectResult(await mutate(facade, m, { ids: ['x1'], idempotencyKey: 'k-error' }));
    expect(sim.received).toHaveLength(4);
    expect(retry).toMatchObject({ deletedCount: 1 });
  });

  it('a repeat waiting on a call that ends in an error makes its own attempt', async () => {
    facade = await startSeeded();
    for (let i = 0; i < 3; i++) facade.leadlex.fault({ status: 503, delayMs: 100 });
    const [a, b] = await Promise.all([
      mutate(facade, 'deals', { ids: ['x1'], idempotencyKey: 'k-wait-error' }),
      mutate(facade, 'deals', { ids: ['x1'], idempotencyKey: 'k-wait-error' }),
    ]);
    const answers = [a, b];
    const errors = answers.filter((x) => x.body.errors !== undefined);
    const results = answers.filter((x) => x.body.errors === undefined);
    expect(errors).toHaveLength(1);
    expectError(errors[0] as (typeof answers)[number], { code: 'UPSTREAM_UNAVAILABLE', upstream: 'leadlex', upstreamStatus: 503 });
    expect(expectResult(results[0] as (typeof answers)[number])).toMatchObject({ deletedCount: 1 });
    expect(facade.leadlex.received).toHaveLength(4);
  });

  it('a result with failures is stored like any result: its replay keeps the OUTCOME_UNKNOWN rows and calls nothing', async () => {
    const f = facade = await startSeeded({ env: { UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS) } });
    f.stoq.fault({ hang: 'after' });
    const first = expectResult(await timingOut(() => mutate(f, 'intents', { ids: ['x1'], idempotencyKey: 'k-unknown' }), [() => f.stoq.deletedIds.length === 1]));
    expect(failed(first, 'OUTCOME_UNKNOWN')).toEqual(['x1']);
    const again = expectResult(await mutate(facade, 'intents', { ids: ['x1'], idempotencyKey: 'k-unknown' }));
    expect(again).toEqual(first);
    expect(facade.stoq.received).toHaveLength(1);
  });

  it('keeps a result 24 hours: a repeat within them replays it, one after them calls the upstream again', async () => {
    let now = Date.UTC(2030, 0, 1);
    facade = await startSeeded({ idempotency: createMemoryStore({ now: () => now }) });
    const first = expectResult(await mutate(facade, 'intents', { ids: ['x1', 'x2'], idempotencyKey: 'k-24h' }));
    now += IDEMPOTENCY_RETENTION_MS - 1;
    expect(expectResult(await mutate(facade, 'intents', { ids: ['x1', 'x2'], idempotencyKey: 'k-24h' }))).toEqual(first);
    expect(facade.stoq.received).toHaveLength(1);
    now += 2;
    const later = expectResult(await mutate(facade, 'intents', { ids: ['x1', 'x2'], idempotencyKey: 'k-24h' }));
    expect(facade.stoq.received).toHaveLength(2);
    expect(later).toMatchObject({ deletedCount: 0, notFoundCount: 2 });
  });

  it('keys are scoped to the mutation: one key on two mutations runs both', async () => {
    facade = await startSeeded();
    const intents = expectResult(await mutate(facade, 'intents', { ids: ['x1'], idempotencyKey: 'k-shared' }));
    const deals = expectResult(await mutate(facade, 'deals', { ids: ['x2'], idempotencyKey: 'k-shared' }));
    expect(intents.deletedIds).toEqual(['x1']);
    expect(deals.deletedIds).toEqual(['x2']);
  });

  it('without a key, the same call runs again', async () => {
    facade = await startSeeded();
    await mutate(facade, 'intents', { ids: ['x1'] });
    const again = expectResult(await mutate(facade, 'intents', { ids: ['x1'] }));
    expect(facade.stoq.received).toHaveLength(2);
    expect(again).toMatchObject({ deletedCount: 0, notFoundCount: 1 });
  });

  it.each(['', '   ', ' padded'])('refuses the blank or padded key %j as BAD_USER_INPUT before any upstream call', async (key) => {
    facade = await startSeeded();
    expectError(await mutate(facade, 'deals', { ids: ['x1'], idempotencyKey: key }), { code: 'BAD_USER_INPUT' });
    expect(facade.leadlex.received).toHaveLength(0);
  });
});
