import { afterEach, describe, expect, it } from 'vitest';
import type { FacadeHarness } from '../helpers/facade.ts';
import { mutate, startSeeded } from '../helpers/e2e.ts';

let facade: FacadeHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

function auditLines(f: FacadeHarness, kind = 'bulk-delete'): Array<Record<string, any>> {
  return f.logs.map((line) => JSON.parse(line) as Record<string, any>).filter((line) => line.audit === kind);
}

describe('audit log', () => {
  it('writes one line per delete: client, mutation, counts, idempotency key, upstream request IDs; no IDs', async () => {
    facade = await startSeeded();
    await mutate(facade, 'deals', { ids: ['x1', 'x2', 'gone', 'x1'], idempotencyKey: 'audit-key-1' });
    const [line, ...rest] = auditLines(facade);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({
      level: 30,
      client: 'anonymous',
      mutation: 'deals',
      outcome: 'result',
      idsInInput: 4,
      requested: 3,
      deleted: 2,
      notFound: 1,
      failed: 0,
      idempotencyKey: 'audit-key-1',
      replayed: false,
    });
    expect(line?.upstreamRequestIds).toEqual(facade.leadlex.received.map(() => expect.any(String)));
    expect(line?.upstreamRequestIds.length).toBeGreaterThan(0);
    expect(JSON.stringify(line)).not.toMatch(/"x1"|"x2"|"gone"/);
    expect(auditLines(facade, 'bulk-delete-ids')).toEqual([]);
  });

  it('marks a replay from the idempotency store', async () => {
    facade = await startSeeded();
    await mutate(facade, 'intents', { ids: ['x1'], idempotencyKey: 'k' });
    await mutate(facade, 'intents', { ids: ['x1'], idempotencyKey: 'k' });
    expect(auditLines(facade).map((line) => line.replayed)).toEqual([false, true]);
  });

  it('counts failures by code', async () => {
    facade = await startSeeded({ kore: { contacts: [{ id: 'locked', locked: true }] } });
    await mutate(facade, 'contacts', { ids: ['x1', 'locked'] });
    expect(auditLines(facade)[0]).toMatchObject({ deleted: 1, failed: 1, failedByCode: { REJECTED: 1 } });
  });

  it('writes the refused delete with its code, and nothing deleted', async () => {
    facade = await startSeeded({ unconfigured: ['stoq'] });
    await mutate(facade, 'intents', { ids: ['x1'] });
    await mutate(facade, 'deals', { ids: [] });
    expect(auditLines(facade)).toMatchObject([
      { mutation: 'intents', outcome: 'error', code: 'NOT_CONFIGURED', upstream: 'stoq' },
      { mutation: 'deals', outcome: 'error', code: 'BAD_USER_INPUT', idsInInput: 0 },
    ]);
  });

  it('lists the IDs only at debug level', async () => {
    facade = await startSeeded({ env: { LOG_LEVEL: 'debug' } });
    await mutate(facade, 'deals', { ids: ['x1', 'gone'] });
    const [ids] = auditLines(facade, 'bulk-delete-ids');
    expect(ids).toMatchObject({ level: 20, deletedIds: null, failures: [] });
    await mutate(facade, 'deals', { ids: ['x2'] });
    expect(auditLines(facade, 'bulk-delete-ids')[1]).toMatchObject({ deletedIds: ['x2'] });
  });
});
