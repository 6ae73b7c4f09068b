// Durability (docs/contract.md §8): the runner is SIGKILLed with a Stoq batch and a LeadLex batch
// in flight; a fresh runner on the same database finishes both jobs. Every existing ID ends up
// deleted, nothing is reported deleted that the vendor did not delete, no Stoq batch is sent
// twice, and the LeadLex batch is resent under the same Idempotency-Key (LeadLex replays it).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEASE_MS } from '../../../src/job-runner/index.ts';
import { byOutcome, ids, manualClock, simulatorEnv, useRig, waitFor } from './helpers.ts';

const rig = useRig();
const CHILD = fileURLToPath(new URL('./crash-runner.ts', import.meta.url));
/** The request (from 0) of each vendor the crash happens under: sent, processed, never answered. */
const CRASH_AT = 4;

describe('a runner killed mid-job', () => {
  it('is finished by a fresh runner on the same database, honestly', async () => {
    const intents = ids('int', 30);
    const deals = ids('deal', 30);
    const clock = manualClock(Date.now());
    const r = await rig({
      clock,
      stoq: { intents: intents.map((id) => ({ id })), rateLimit: { points: 1_000_000 } },
      leadlex: { deals: deals.map((id) => ({ id })) },
    });
    const stoqJob = await r.createJob('INTENTS', intents, 3);
    const leadlexJob = await r.createJob('DEALS', deals, 3);
    // Each vendor processes the crash request, then holds its answer until the runner is dead.
    for (const sim of [r.stoq, r.leadlex]) sim.faultPlan((_req, index) => (index === CRASH_AT ? { delayMs: 60_000 } : undefined));

    const child = spawn(process.execPath, [CHILD, r.path], {
      env: { PATH: process.env.PATH ?? '', ...simulatorEnv(r, { BATCH_CONCURRENCY: '1', JOB_WORKER_CONCURRENCY: '2' }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    const exited = once(child, 'exit');
    await waitFor(() => r.stoq.received.length > CRASH_AT && r.leadlex.received.length > CRASH_AT, `both batches in flight (child output: ${output})`, 20_000);
    child.kill('SIGKILL');
    await exited;
    for (const sim of [r.stoq, r.leadlex]) sim.faultPlan(undefined);
    expect(r.stoq.deletedIds).toHaveLength((CRASH_AT + 1) * 3);

    // The dead worker's lease lapses; the fresh runner takes both jobs.
    clock.set(Date.now() + DEFAULT_LEASE_MS + 1);
    const finished = [await r.runToEnd(), await r.runToEnd()];
    expect(finished.map((j) => j.status)).toEqual(['COMPLETED', 'COMPLETED']);

    // Stoq: no batch sent twice; the one in flight at the crash is OUTCOME_UNKNOWN (it was deleted).
    const stoqSent = r.stoq.received.flatMap((req) => (req.json as { intent_ids: string[] }).intent_ids);
    expect(stoqSent).toHaveLength(new Set(stoqSent).size);
    expect(stoqSent.sort()).toEqual([...intents].sort());
    const stoqLines = byOutcome(await r.results(stoqJob.id));
    const inFlight = intents.slice(CRASH_AT * 3, CRASH_AT * 3 + 3);
    expect(stoqLines).toEqual({ deleted: intents.filter((id) => !inFlight.includes(id)), OUTCOME_UNKNOWN: inFlight });
    expect(stoqLines.deleted!.every((id) => r.stoq.deletedIds.includes(id))).toBe(true);
    expect(intents.filter((id) => r.stoq.has(id))).toEqual([]);

    // LeadLex: the batch in flight is resent under the same key and answered from LeadLex's replay.
    const keys = r.leadlex.received.map((req) => req.headers['idempotency-key']);
    expect(keys[CRASH_AT + 1]).toBe(keys[CRASH_AT]);
    expect(new Set(keys).size).toBe(10);
    expect(r.leadlex.replayedCount).toBe(1);
    expect(byOutcome(await r.results(leadlexJob.id))).toEqual({ deleted: deals });
    expect(deals.filter((id) => r.leadlex.has(id))).toEqual([]);
  }, 60_000);
});
