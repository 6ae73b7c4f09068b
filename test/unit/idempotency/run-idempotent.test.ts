import { describe, expect, it } from 'vitest';
import type { BulkDeleteResultModel } from '../../../src/bulk-delete/result.ts';
import { FacadeError } from '../../../src/errors/index.ts';
import { createMemoryStore, runIdempotent, toStoredResult } from '../../../src/idempotency/index.ts';
import { deferred, settle, type Deferred } from '../bulk-delete/helpers.ts';
import { resultOf } from './results.ts';

/** A mutation body that counts its runs and returns (or awaits) what the test says. */
function mutation(answers: Array<BulkDeleteResultModel | Deferred<BulkDeleteResultModel> | Error>) {
  let runs = 0;
  const run = async (): Promise<BulkDeleteResultModel> => {
    const answer = answers[runs++];
    if (answer === undefined) throw new Error('ran more often than expected');
    if (answer instanceof Error) throw answer;
    return 'promise' in answer ? answer.promise : answer;
  };
  return { run, get runs() { return runs; } };
}

describe('runIdempotent', () => {
  it('runs a first call and stores its result', async () => {
    const store = createMemoryStore();
    const m = mutation([resultOf(3)]);
    expect(await runIdempotent(store, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, m.run)).toEqual({ result: resultOf(3), replayed: false });
    expect(await store.claim('k', 'fp', 'client')).toEqual({ kind: 'completed', result: toStoredResult(resultOf(3), []) });
  });

  it('returns the stored result to a repeat without running it', async () => {
    const store = createMemoryStore();
    const m = mutation([resultOf(3), resultOf(99)]);
    await runIdempotent(store, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, m.run);
    expect(await runIdempotent(store, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, m.run)).toEqual({ result: resultOf(3), replayed: true });
    expect(m.runs).toBe(1);
  });

  it('runs two concurrent calls once and gives both the same result', async () => {
    const store = createMemoryStore();
    const gate = deferred<BulkDeleteResultModel>();
    const m = mutation([gate, resultOf(99)]);
    const first = runIdempotent(store, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, m.run);
    const second = runIdempotent(store, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, m.run);
    await settle();
    expect(m.runs).toBe(1);
    gate.resolve(resultOf(5));
    expect(await first).toEqual({ result: resultOf(5), replayed: false });
    expect(await second).toEqual({ result: resultOf(5), replayed: true });
    expect(m.runs).toBe(1);
  });

  it('does not store a call that throws, so the same key can run again', async () => {
    const store = createMemoryStore();
    const refusal = new FacadeError('RATE_LIMITED', 'LeadLex rate limit reached.');
    const m = mutation([refusal, resultOf(2)]);
    await expect(runIdempotent(store, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, m.run)).rejects.toBe(refusal);
    expect(await runIdempotent(store, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, m.run)).toEqual({ result: resultOf(2), replayed: false });
    expect(m.runs).toBe(2);
  });

  it('lets a waiting repeat make its own attempt when the call it waited for throws', async () => {
    const store = createMemoryStore();
    const gate = deferred<BulkDeleteResultModel>();
    const m = mutation([gate, resultOf(8)]);
    const first = runIdempotent(store, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, m.run);
    const second = runIdempotent(store, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, m.run);
    await settle();
    gate.reject(new FacadeError('UPSTREAM_UNAVAILABLE', 'LeadLex is unavailable.'));
    await expect(first).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(await second).toEqual({ result: resultOf(8), replayed: false });
    expect(m.runs).toBe(2);
  });

  it('refuses the same key with another input as IDEMPOTENCY_KEY_REUSED, without running', async () => {
    const store = createMemoryStore();
    const m = mutation([resultOf(1), resultOf(99)]);
    await runIdempotent(store, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, m.run);
    const error = await runIdempotent(store, { client: 'client', key: 'k', fingerprint: 'other', sortedIds: [] }, m.run).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FacadeError);
    expect(error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((error as FacadeError).message).toMatch(/different input.*use a new key/);
    expect(m.runs).toBe(1);
  });

  it('refuses another input while the first call with the key is still running', async () => {
    const store = createMemoryStore();
    const gate = deferred<BulkDeleteResultModel>();
    const m = mutation([gate]);
    const first = runIdempotent(store, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, m.run);
    await settle();
    await expect(runIdempotent(store, { client: 'client', key: 'k', fingerprint: 'other', sortedIds: [] }, m.run)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    gate.resolve(resultOf(1));
    await first;
  });

  it('returns the result of a call that ran even when the store then fails to keep it', async () => {
    const store = createMemoryStore();
    const failing = { ...store, complete: () => Promise.reject(new Error('store down')) };
    const m = mutation([resultOf(4)]);
    expect(await runIdempotent(failing, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, m.run)).toEqual({ result: resultOf(4), replayed: false });
  });

  it('throws the call\'s own error when the store then fails to release the key', async () => {
    const store = createMemoryStore();
    const failing = { ...store, release: () => Promise.reject(new Error('store down')) };
    const refusal = new FacadeError('RATE_LIMITED', 'LeadLex rate limit reached.');
    await expect(runIdempotent(failing, { client: 'client', key: 'k', fingerprint: 'fp', sortedIds: [] }, mutation([refusal]).run)).rejects.toBe(refusal);
  });

  it('runs the same input under another key', async () => {
    const store = createMemoryStore();
    const m = mutation([resultOf(1), resultOf(2)]);
    await runIdempotent(store, { client: 'client', key: 'k1', fingerprint: 'fp', sortedIds: [] }, m.run);
    expect(await runIdempotent(store, { client: 'client', key: 'k2', fingerprint: 'fp', sortedIds: [] }, m.run)).toEqual({ result: resultOf(2), replayed: false });
  });
});
