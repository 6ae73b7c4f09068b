import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FacadeHarness } from '../helpers/facade.ts';
import { expectError, expectResult, mutate, startSeeded } from '../helpers/e2e.ts';

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

  it('says what a dry run would delete, and that it deleted nothing', async () => {
    facade = await startSeeded({ env: { LOG_LEVEL: 'debug' } });
    expect(expectResult(await mutate(facade, 'deals', { ids: ['x1', 'gone'], dryRun: true }))).toMatchObject({ deletedCount: 1, dryRun: true });
    const [line] = auditLines(facade);
    expect(line).toMatchObject({ dryRun: true, requested: 2, deleted: 0, wouldDelete: 1, notFound: 1 });
    expect(line?.msg).toBe('deals (dry run, nothing deleted): 1 would be deleted, 1 not found, 0 failed of 2');
    expect(auditLines(facade, 'bulk-delete-ids')[0]).toMatchObject({ dryRun: true, msg: 'deals (dry run): IDs that would be deleted' });
    await mutate(facade, 'deals', { ids: ['x1'] });
    expect(auditLines(facade)[1]).toMatchObject({ dryRun: false, deleted: 1, msg: 'deals: 1 deleted, 0 not found, 0 failed of 1' });
    expect(auditLines(facade)[1]).not.toHaveProperty('wouldDelete');
  });

  it('logs a refused 4,000,000-character idempotency key by length and digest, in a bounded line', async () => {
    facade = await startSeeded();
    const key = `k${'x'.repeat(3_999_999)}`;
    expectError(await mutate(facade, 'deals', { ids: ['x1'], idempotencyKey: key }), { code: 'BAD_USER_INPUT' });
    const [line] = auditLines(facade);
    expect(line).toMatchObject({
      outcome: 'error',
      code: 'BAD_USER_INPUT',
      idempotencyKey: null,
      uncheckedIdempotencyKey: { length: 4_000_000, sha256: createHash('sha256').update(key).digest('hex') },
    });
    // Every line the request wrote, not just the audit line, stays small.
    expect(Math.max(...facade.logs.map((text) => text.length))).toBeLessThan(2_000);
    expect(facade.leadlex.received).toEqual([]);
  });

  it.each([
    ['a control character', 'key\u0000with-nul'],
    ['a line break', 'key\n{"audit":"forged"}'],
    ['whitespace at an end', ' key'],
  ])('logs a key refused for %s by length and digest, never quoted', async (_what, key) => {
    facade = await startSeeded();
    expectError(await mutate(facade, 'deals', { ids: ['x1'], idempotencyKey: key }), { code: 'BAD_USER_INPUT' });
    expect(auditLines(facade)[0]).toMatchObject({ idempotencyKey: null, uncheckedIdempotencyKey: { length: key.length } });
    expect(facade.logs.join('\n')).not.toContain(JSON.stringify(key).slice(1, -1));
  });

  it('quotes a valid key on a delete refused for another reason', async () => {
    facade = await startSeeded({ unconfigured: ['leadlex'] });
    await mutate(facade, 'deals', { ids: ['x1'], idempotencyKey: 'valid-key-1' });
    expect(auditLines(facade)[0]).toMatchObject({ code: 'NOT_CONFIGURED', idempotencyKey: 'valid-key-1' });
    expect(auditLines(facade)[0]).not.toHaveProperty('uncheckedIdempotencyKey');
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
