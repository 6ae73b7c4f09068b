// The job runner against real simulators on loopback and a real SQLite file (docs/contract.md §8):
// completion, pacing (PAUSED at a spent share, resumed at the reset, no 429 after the first
// headers), cancel mid-job, FAILED on a 401, and a batch left in flight by a dead worker.
import { describe, expect, it } from 'vitest';
import { FacadeError } from '../../../src/errors/index.ts';
import { createJobRunner, SILENT_OBSERVER } from '../../../src/job-runner/index.ts';
import type { Job, JobStore } from '../../../src/jobs/index.ts';
import { byOutcome, IDLE_TIMERS, ids, LEASE_MS, OWNER, useRig } from './helpers.ts';

const rig = useRig();

/** The deal IDs each LeadLex request carried, in arrival order. */
function dealBatches(received: ReadonlyArray<{ json: unknown }>): string[][] {
  return received.map((req) => ((req.json as { deal_ids?: string[] }).deal_ids ?? []));
}

describe('runJob', () => {
  it('deletes a LeadLex job batch by batch and completes with the accounting of what LeadLex did', async () => {
    const deals = ids('deal', 23);
    const r = await rig({ leadlex: { deals: deals.slice(0, 20).map((id) => ({ id, locked: id === 'deal-7' })) } });
    const job = await r.createJob('DEALS', deals, 5);
    const seen: Job[] = [];
    r.events.subscribe(job.id, (j) => seen.push(j));

    const done = await r.runToEnd();

    expect(done).toMatchObject({ status: 'COMPLETED', batchesSent: 5, batchesInFlight: 0, progress: { requested: 23, processed: 23, deleted: 19, notFound: 3, failed: 1 } });
    // Four in flight at once, so they arrive in any order; each batch exactly once.
    const sent = dealBatches(r.leadlex.received).sort((a, b) => deals.indexOf(a[0]!) - deals.indexOf(b[0]!));
    expect(sent).toEqual([0, 1, 2, 3, 4].map((k) => deals.slice(k * 5, k * 5 + 5)));
    expect(new Set(r.leadlex.deletedIds)).toEqual(new Set(deals.slice(0, 20).filter((id) => id !== 'deal-7')));
    const lines = byOutcome(await r.results(job.id));
    // The LeadLex batch of deal-20..22 only counted "3 not found"; the first four batches named their deletes or counted cleanly.
    expect(lines.REJECTED).toEqual(['deal-7']);
    expect([...(lines.deleted ?? []), ...(lines.deletedOrNotFound ?? [])].every((id) => r.leadlex.deletedIds.includes(id) || !r.leadlex.has(id))).toBe(true);
    // Every change is published: each recorded batch, and the end.
    expect(seen.at(-1)?.status).toBe('COMPLETED');
    const running = seen.filter((j) => j.status === 'RUNNING').map((j) => j.progress.processed);
    expect(running).toHaveLength(1 + 5);
    expect(running).toEqual([...running].sort((a, b) => a - b));
    expect(running.at(-1)).toBe(23);
  });

  it('sends each Stoq batch once, all-or-nothing, with skipSent per batch', async () => {
    const intents = ids('int', 7);
    const r = await rig({ stoq: { intents: intents.map((id) => ({ id, sent: id === 'int-4' })) } });
    const job = await r.createJob('INTENTS', intents, 3, { skipSent: true });
    const done = await r.runToEnd();
    expect(done).toMatchObject({ status: 'COMPLETED', progress: { requested: 7, deleted: 6, failed: 1 } });
    expect(new Set(r.stoq.deletedIds)).toEqual(new Set(intents.filter((id) => id !== 'int-4')));
    expect(byOutcome(await r.results(job.id))).toMatchObject({ deleted: intents.filter((id) => id !== 'int-4') });
  });

  it('deletes Kore.ai contacts in the job\'s own stream, a failed record reported as Kore.ai said', async () => {
    const contacts = ids('contact', 9);
    const r = await rig({ kore: { streamIds: ['st-test', 'st-other'], contacts: contacts.map((id) => ({ id, streamId: 'st-other', locked: id === 'contact-4' })) } });
    const job = await r.createJob('CONTACTS', contacts, 4, { streamId: 'st-other' });
    const done = await r.runToEnd();
    expect(done).toMatchObject({ status: 'COMPLETED', progress: { requested: 9, deleted: 8, failed: 1 } });
    expect(r.kore.received.map((req) => req.path.split('/')[5])).toEqual(['st-other', 'st-other', 'st-other']);
    expect(byOutcome(await r.results(job.id))).toEqual({ deleted: contacts.filter((id) => id !== 'contact-4'), REJECTED: ['contact-4'] });
  });

  it('fails on a 401 mid-job: the refused batch REJECTED, every ID never sent NOT_ATTEMPTED, nothing sent after it', async () => {
    const deals = ids('deal', 20);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })) }, env: { BATCH_CONCURRENCY: '1' } });
    r.leadlex.faultPlan((_req, index) => (index === 1 ? { status: 401, body: { error: { code: 'unauthorized', message: 'Invalid API key' } } } : undefined));
    const job = await r.createJob('DEALS', deals, 5);

    const done = await r.runToEnd();

    expect(done).toMatchObject({ status: 'FAILED', progress: { requested: 20, processed: 20, deleted: 5, failed: 15 } });
    expect(r.leadlex.received).toHaveLength(2);
    const lines = await r.results(job.id);
    expect(byOutcome(lines)).toEqual({ deleted: deals.slice(0, 5), REJECTED: deals.slice(5, 10), NOT_ATTEMPTED: deals.slice(10) });
    expect(lines.find((l) => l.id === 'deal-12')?.message).toMatch(/^Not sent: the job failed: LeadLex refused the facade's credentials \(HTTP 401/);
    expect(done.endReason).toMatch(/HTTP 401/);
  });

  it('fails a job whose vendor is not configured here, every ID NOT_ATTEMPTED with what to set', async () => {
    const r = await rig({ env: { LEADLEX_API_KEY: '' } });
    const job = await r.createJob('DEALS', ids('deal', 7), 5);
    const done = await r.runToEnd();
    expect(done).toMatchObject({ status: 'FAILED', batchesSent: 0, progress: { requested: 7, processed: 7, failed: 7 } });
    const lines = await r.results(job.id);
    expect(byOutcome(lines)).toEqual({ NOT_ATTEMPTED: ids('deal', 7) });
    expect(lines[0]?.message).toBe('Not sent: the job failed: LeadLex is not configured on this facade: set LEADLEX_API_KEY.');
    expect(r.leadlex.received).toEqual([]);
  });

  it('stops on cancel: the batch in flight lands and is recorded, the IDs never sent are NOT_ATTEMPTED', async () => {
    const deals = ids('deal', 30);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })) }, env: { BATCH_CONCURRENCY: '1' } });
    const job = await r.createJob('DEALS', deals, 5);
    // The third request is answered late; the client cancels while it is in flight.
    let cancelling: Promise<Job | null> | null = null;
    r.leadlex.faultPlan((_req, index) => {
      if (index !== 2) return undefined;
      cancelling = Promise.resolve(r.store.cancel(job.id, OWNER));
      return { delayMs: 50 };
    });

    const done = await r.runToEnd();

    expect(await cancelling).toMatchObject({ status: 'CANCELLED', batchesInFlight: 1 });
    expect(done).toMatchObject({ status: 'CANCELLED', batchesInFlight: 0, progress: { requested: 30, processed: 30, deleted: 15, failed: 15 } });
    expect(r.leadlex.received).toHaveLength(3);
    expect(r.leadlex.deletedIds).toEqual(deals.slice(0, 15));
    const lines = await r.results(job.id);
    expect(byOutcome(lines)).toEqual({ deleted: deals.slice(0, 15), NOT_ATTEMPTED: deals.slice(15) });
    expect(lines.at(-1)?.message).toBe('Not sent: the job was cancelled.');
  });

  it('resends a LeadLex batch left in flight by a dead worker under the same Idempotency-Key, and LeadLex replays it', async () => {
    const deals = ids('deal', 10);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })) }, env: { BATCH_CONCURRENCY: '1' } });
    const job = await r.createJob('DEALS', deals, 5);
    // A first worker marks batch 0 in flight, sends it as the runner would, and dies before recording it.
    await r.store.claim('dead-worker', LEASE_MS);
    await r.store.markBatchInFlight(job.id, 'dead-worker', 0);
    const sent = await r.targets.DEALS.send(await r.store.readBatchIds(job.id, 0), 0, job);
    expect(sent.kind).toBe('answered');
    expect(r.leadlex.deletedIds).toEqual(deals.slice(0, 5));
    r.clock.advance(LEASE_MS);

    const done = await r.runToEnd();

    expect(done).toMatchObject({ status: 'COMPLETED', progress: { deleted: 10, failed: 0 } });
    const keys = r.leadlex.received.map((req) => req.headers['idempotency-key']);
    expect(keys[1]).toBe(keys[0]);
    expect(r.leadlex.replayedCount).toBe(1);
    expect((await r.store.batches(job.id)).map((b) => b.attempts)).toEqual([2, 1]);
    expect(byOutcome(await r.results(job.id))).toEqual({ deleted: deals });
  });

  it('keeps the other batches a dead worker left in flight when the first resend meets a 429, and resends them after the pause', async () => {
    const deals = ids('deal', 15);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })) }, env: { BATCH_CONCURRENCY: '2' } });
    const job = await r.createJob('DEALS', deals, 5);
    await r.store.claim('dead-worker', LEASE_MS);
    for (const k of [0, 1]) {
      await r.store.markBatchInFlight(job.id, 'dead-worker', k);
      await r.targets.DEALS.send(await r.store.readBatchIds(job.id, k), k, job);
    }
    r.clock.advance(LEASE_MS);
    const resetS = Math.floor(r.clock.now() / 1000) + 30;
    r.leadlex.fault({ status: 429, body: { error: { code: 'rate_limited', message: 'Too many' } }, headers: { 'Retry-After': '30', 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetS) } });

    const done = await r.runToEnd();

    expect(done).toMatchObject({ status: 'COMPLETED', progress: { deleted: 15, failed: 0 } });
    expect(byOutcome(await r.results(job.id))).toEqual({ deleted: deals });
    expect(r.leadlex.replayedCount).toBe(2);
  });

  it('reports a resent batch OUTCOME_UNKNOWN, not REJECTED, when its resend is refused: the first attempt may have deleted', async () => {
    const deals = ids('deal', 10);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })) }, env: { BATCH_CONCURRENCY: '1' } });
    const job = await r.createJob('DEALS', deals, 5);
    await r.store.claim('dead-worker', LEASE_MS);
    await r.store.markBatchInFlight(job.id, 'dead-worker', 0);
    await r.targets.DEALS.send(await r.store.readBatchIds(job.id, 0), 0, job);
    r.clock.advance(LEASE_MS);
    r.leadlex.fault({ status: 401, body: { error: { code: 'unauthorized', message: 'Key revoked' } } });

    const done = await r.runToEnd();

    expect(done.status).toBe('FAILED');
    const lines = await r.results(job.id);
    expect(byOutcome(lines)).toEqual({ OUTCOME_UNKNOWN: deals.slice(0, 5), NOT_ATTEMPTED: deals.slice(5) });
    expect(lines[0]?.message).toMatch(/HTTP 401.*when the facade resent this batch after a crash; the first attempt may have been processed/);
    expect(r.leadlex.deletedIds).toEqual(deals.slice(0, 5));
  });

  it('sends nothing more when the store stops answering, and fails the run instead of calling the job cancelled', async () => {
    const deals = ids('deal', 20);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })) }, env: { BATCH_CONCURRENCY: '1' } });
    const job = await r.createJob('DEALS', deals, 5);
    const outage = new FacadeError('INTERNAL_SERVER_ERROR', 'The job store did not answer.');
    let marks = 0;
    const store: JobStore = {
      ...r.store,
      markBatchInFlight: (...args) => {
        if (++marks === 3) throw outage;
        return r.store.markBatchInFlight(...args);
      },
    };
    const runner = createJobRunner({ store, events: r.events, targets: r.targets, observer: SILENT_OBSERVER, now: r.clock.now, timers: IDLE_TIMERS });

    await expect(runner.runJob((await r.store.claim('w', LEASE_MS))!, { workerId: 'w', leaseMs: LEASE_MS, signal: new AbortController().signal })).rejects.toBe(outage);

    expect(r.leadlex.received).toHaveLength(2);
    expect(await r.store.get(job.id, OWNER)).toMatchObject({ status: 'RUNNING', batchesSent: 2, batchesInFlight: 0, progress: { processed: 10 } });
  });

  it('sends a slot\'s next batch only once the outcome of its last one is stored, though it asks for both writes at once', async () => {
    const deals = ids('deal', 20);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })) }, env: { BATCH_CONCURRENCY: '1' } });
    await r.createJob('DEALS', deals, 5);
    // Each record answers late, well after its commit: a batch sent before its slot's last record
    // was answered would find fewer answers than its index.
    let answered = 0;
    const store: JobStore = {
      ...r.store,
      recordBatch: async (...args) => {
        const job = await r.store.recordBatch(...args);
        await new Promise((resolve) => setTimeout(resolve, 20));
        answered += 1;
        return job;
      },
    };
    const sentAfter: Array<[number, number]> = [];
    const targets = { ...r.targets, DEALS: { ...r.targets.DEALS, send: (...args: Parameters<typeof r.targets.DEALS.send>) => (sentAfter.push([args[1], answered]), r.targets.DEALS.send(...args)) } };
    const runner = createJobRunner({ store, events: r.events, targets, observer: SILENT_OBSERVER, now: r.clock.now, timers: IDLE_TIMERS });

    const end = await runner.runJob((await r.store.claim('w', LEASE_MS))!, { workerId: 'w', leaseMs: LEASE_MS, signal: new AbortController().signal });

    expect(end).toMatchObject({ kind: 'ended', job: { status: 'COMPLETED', progress: { processed: 20 } } });
    expect(sentAfter).toEqual([[0, 0], [1, 1], [2, 2], [3, 3]]);
  });

  it('records a batch whose answer does not account for its IDs as OUTCOME_UNKNOWN, never as deleted', async () => {
    const deals = ids('deal', 10);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })) }, env: { BATCH_CONCURRENCY: '1' } });
    const job = await r.createJob('DEALS', deals, 5);
    // An adapter that misreads batch 1's answer: it names deal-0 (batch 0's) among the deleted, with the counts still adding up.
    const send: typeof r.targets.DEALS.send = async (...args) => {
      const outcome = await r.targets.DEALS.send(...args);
      if (args[1] !== 1 || outcome.kind !== 'answered') return outcome;
      return { ...outcome, deletedIds: ['deal-0', ...(outcome.deletedIds ?? []).slice(1)] };
    };
    const runner = createJobRunner({ store: r.store, events: r.events, targets: { ...r.targets, DEALS: { ...r.targets.DEALS, send } }, observer: SILENT_OBSERVER, now: r.clock.now, timers: IDLE_TIMERS });

    const end = await runner.runJob((await r.store.claim('w', LEASE_MS))!, { workerId: 'w', leaseMs: LEASE_MS, signal: new AbortController().signal });

    expect(end).toMatchObject({ kind: 'ended', job: { status: 'COMPLETED', progress: { processed: 10, deleted: 5, failed: 5 } } });
    expect(byOutcome(await r.results(job.id))).toEqual({ deleted: deals.slice(0, 5), OUTCOME_UNKNOWN: deals.slice(5) });
  });

  it('keeps every slot sending while one batch is slow, reading each batch just before it goes out', { timeout: 60_000 }, async () => {
    const deals = ids('deal', 300);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })) }, env: { BATCH_CONCURRENCY: '4' } });
    const job = await r.createJob('DEALS', deals, 1);
    let sent = 0;
    const reads: Array<[index: number, sentBefore: number]> = [];
    const store: JobStore = { ...r.store, readBatchIds: (jobId, index) => (reads.push([index, sent]), r.store.readBatchIds(jobId, index)) };
    // Batch 1 is held until batch 200 has gone out: the other three slots must carry on past any
    // window of batches meanwhile. A runner that waited for it would stall; the fallback ends the
    // wait (and the test fails) rather than hang.
    let release = (): void => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    const sentWhileHeld: number[] = [];
    let holding = false;
    const targets = {
      ...r.targets,
      DEALS: {
        ...r.targets.DEALS,
        async send(...args: Parameters<typeof r.targets.DEALS.send>) {
          const index = args[1];
          sent += 1;
          if (index === 1) {
            holding = true;
            const fallback = setTimeout(release, 10_000);
            await slow;
            clearTimeout(fallback);
            holding = false;
          } else if (holding) {
            sentWhileHeld.push(index);
            if (index === 200) release();
          }
          return r.targets.DEALS.send(...args);
        },
      },
    };
    const runner = createJobRunner({ store, events: r.events, targets, observer: SILENT_OBSERVER, now: r.clock.now, timers: IDLE_TIMERS });

    const end = await runner.runJob((await r.store.claim('w', LEASE_MS))!, { workerId: 'w', leaseMs: LEASE_MS, signal: new AbortController().signal });

    expect(end).toMatchObject({ kind: 'ended', job: { status: 'COMPLETED', batchesSent: 300, progress: { processed: 300, deleted: 300 } } });
    expect(sentWhileHeld.slice(0, 199)).toEqual(Array.from({ length: 199 }, (_, k) => k + 2));
    // Each batch read once, in order, and only when fewer than four batches were read and not yet sent.
    expect(reads.map(([index]) => index)).toEqual(Array.from({ length: 300 }, (_, k) => k));
    expect(reads.filter(([index, sentBefore]) => index - sentBefore >= 4)).toEqual([]);
    expect(await r.store.get(job.id, OWNER)).toMatchObject({ status: 'COMPLETED', batchesInFlight: 0 });
  });

  it('sends nothing more when a batch\'s IDs cannot be read, records the batches in flight, and fails the run', async () => {
    const deals = ids('deal', 30);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })) }, env: { BATCH_CONCURRENCY: '2' } });
    const job = await r.createJob('DEALS', deals, 5);
    const outage = new FacadeError('INTERNAL_SERVER_ERROR', 'The job store did not answer.');
    const store: JobStore = { ...r.store, readBatchIds: (jobId, index) => (index === 3 ? Promise.reject(outage) : r.store.readBatchIds(jobId, index)) };
    const runner = createJobRunner({ store, events: r.events, targets: r.targets, observer: SILENT_OBSERVER, now: r.clock.now, timers: IDLE_TIMERS });

    await expect(runner.runJob((await r.store.claim('w', LEASE_MS))!, { workerId: 'w', leaseMs: LEASE_MS, signal: new AbortController().signal })).rejects.toBe(outage);

    expect(dealBatches(r.leadlex.received).sort()).toEqual([deals.slice(0, 5), deals.slice(5, 10), deals.slice(10, 15)].sort());
    expect(await r.store.get(job.id, OWNER)).toMatchObject({ status: 'RUNNING', batchesSent: 3, batchesInFlight: 0, progress: { processed: 15 } });
  });

  it('sends nothing more when an outcome cannot be stored: the batch marked meanwhile is recorded not sent', async () => {
    const deals = ids('deal', 20);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })) }, env: { BATCH_CONCURRENCY: '1' } });
    const job = await r.createJob('DEALS', deals, 5);
    const outage = new FacadeError('INTERNAL_SERVER_ERROR', 'The job store did not answer.');
    const store: JobStore = {
      ...r.store,
      // Refused when the group would commit, as a store refuses: after the turn that asked for it.
      recordBatch: (jobId, workerId, index, outcome) => (index === 1 ? new Promise((_, reject) => setImmediate(() => reject(outage))) : r.store.recordBatch(jobId, workerId, index, outcome)),
    };
    const runner = createJobRunner({ store, events: r.events, targets: r.targets, observer: SILENT_OBSERVER, now: r.clock.now, timers: IDLE_TIMERS });

    await expect(runner.runJob((await r.store.claim('w', LEASE_MS))!, { workerId: 'w', leaseMs: LEASE_MS, signal: new AbortController().signal })).rejects.toBe(outage);

    expect(dealBatches(r.leadlex.received)).toEqual([deals.slice(0, 5), deals.slice(5, 10)]);
    // Batch 1 stays in flight for the next holder; batch 2 was marked beside batch 1's record and never sent.
    expect((await r.store.batches(job.id)).map((b) => [b.index, b.state, b.deletedCount, b.failedCount])).toEqual([[0, 'RECORDED', 5, 0], [1, 'IN_FLIGHT', 0, 0], [2, 'RECORDED', 0, 5]]);
  });

  it('records a Stoq batch left in flight by a dead worker OUTCOME_UNKNOWN, never resending it', async () => {
    const intents = ids('int', 6);
    const r = await rig({ stoq: { intents: intents.map((id) => ({ id })) } });
    const job = await r.createJob('INTENTS', intents, 3);
    await r.store.claim('dead-worker', LEASE_MS);
    await r.store.markBatchInFlight(job.id, 'dead-worker', 0);
    r.clock.advance(LEASE_MS);

    const done = await r.runToEnd();

    expect(done).toMatchObject({ status: 'COMPLETED', progress: { deleted: 3, failed: 3 } });
    expect(r.stoq.received).toHaveLength(1);
    const lines = await r.results(job.id);
    expect(byOutcome(lines)).toEqual({ OUTCOME_UNKNOWN: intents.slice(0, 3), deleted: intents.slice(3) });
    expect(lines[0]?.message).toMatch(/in flight to Stoq .*may or may not be deleted/);
  });
});

describe('pacing (JOB_RATE_SHARE)', () => {
  it('pauses at the job share of a LeadLex quota, resumes at the reset, completes, and never gets a 429 after the first headers', async () => {
    const deals = ids('deal', 60);
    const statuses: number[] = [];
    const r = await rig({
      leadlex: { deals: deals.map((id) => ({ id })), quota: { limit: 10, windowMs: 60_000 }, onReply: (_req, reply) => void statuses.push(reply.status) },
      env: { BATCH_CONCURRENCY: '2', JOB_RATE_SHARE: '0.8' },
    });
    r.clock.set(Date.UTC(2026, 0, 1, 0, 0, 0));
    const job = await r.createJob('DEALS', deals, 2);
    const pauses: Array<{ resumesAt: number; status: string; sentBefore: number }> = [];

    const done = await r.runToEnd(async (end) => {
      const stored = await r.store.get(job.id, OWNER);
      pauses.push({ resumesAt: end.resumesAt, status: stored!.status, sentBefore: r.leadlex.received.length });
      // The rest of the quota is the mutations': a sync delete now is answered at once.
      if (pauses.length === 1) {
        const sync = await r.upstreams.leadlex!.deleteBatch(['not-a-deal'], 0, r.upstreams.leadlex!.prepare({}, { client: 'someone', idempotencyKey: null }).options);
        expect(sync.kind).toBe('answered');
      }
    });

    expect(done).toMatchObject({ status: 'COMPLETED', progress: { requested: 60, deleted: 60 } });
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    // 30 batches, 8 a window: three pauses, each PAUSED until the window's reset.
    expect(pauses).toHaveLength(3);
    for (const [k, pause] of pauses.entries()) {
      expect(pause.status).toBe('PAUSED');
      expect(pause.resumesAt).toBe(Date.UTC(2026, 0, 1, 0, k + 1, 0));
    }
    // Jobs used their share of each window: 8 of 10 (the first window also had the sync delete).
    expect(pauses.map((p) => p.sentBefore)).toEqual([8, 17, 25]);
  });

  it('resumes at the reset itself, not at the next whole second of the retryAfter a client is told', async () => {
    const deals = ids('deal', 20);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })), quota: { limit: 10, windowMs: 60_000 } }, env: { BATCH_CONCURRENCY: '1', JOB_RATE_SHARE: '0.8' } });
    // A quarter second into the window: the wait to the reset is 59.75 s, which whole seconds round to 60.
    r.clock.set(Date.UTC(2026, 0, 1, 0, 0, 0, 250));
    await r.createJob('DEALS', deals, 2);
    const pauses: number[] = [];

    const done = await r.runToEnd((end) => void pauses.push(end.resumesAt));

    expect(pauses).toEqual([Date.UTC(2026, 0, 1, 0, 1, 0)]);
    expect(done).toMatchObject({ status: 'COMPLETED', progress: { deleted: 20 } });
  });

  it('pauses on a 429 it was not told of and sends the refused batch again after the reset', async () => {
    const deals = ids('deal', 6);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })) }, env: { BATCH_CONCURRENCY: '1' } });
    const resetS = Math.floor(r.clock.now() / 1000) + 30;
    r.leadlex.faultPlan((_req, index) => (index === 1 ? { status: 429, body: { error: { code: 'rate_limited', message: 'Too many' } }, headers: { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetS), 'Retry-After': '30' } } : undefined));
    const job = await r.createJob('DEALS', deals, 2);
    const resumes: number[] = [];

    const done = await r.runToEnd((end) => void resumes.push(end.resumesAt));

    expect(resumes).toEqual([r.clock.now()]);
    expect(resumes[0]).toBe(resetS * 1000);
    expect(done).toMatchObject({ status: 'COMPLETED', progress: { deleted: 6, failed: 0 } });
    expect(dealBatches(r.leadlex.received)).toEqual([deals.slice(0, 2), deals.slice(2, 4), deals.slice(2, 4), deals.slice(4)]);
    expect((await r.store.batches(job.id)).map((b) => b.attempts)).toEqual([1, 2, 1]);
  });
  it('keeps every refused batch for after the pause when a resend on resume is refused again, rather than settling the others NOT_ATTEMPTED', async () => {
    const deals = ids('deal', 6);
    const r = await rig({ leadlex: { deals: deals.map((id) => ({ id })) }, env: { BATCH_CONCURRENCY: '2' } });
    const resetS = Math.floor(r.clock.now() / 1000) + 30;
    const refusal = { status: 429, body: { error: { code: 'rate_limited', message: 'Too many' } }, headers: { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetS), 'Retry-After': '30' } };
    // Batches 0 and 1 refused together, then the resend of batch 0 refused once more.
    r.leadlex.faultPlan((_req, index) => (index <= 2 ? refusal : undefined));
    await r.createJob('DEALS', deals, 2);
    const pauses: number[] = [];

    const done = await r.runToEnd((end) => void pauses.push(end.resumesAt));

    expect(pauses).toHaveLength(2);
    expect(done).toMatchObject({ status: 'COMPLETED', progress: { deleted: 6, failed: 0 } });
    expect(deals.filter((id) => r.leadlex.has(id))).toEqual([]);
  });
});
