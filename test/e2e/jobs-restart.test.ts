import { afterAll, describe, expect, it } from 'vitest';
import {
  BulkDeleteJobDocument, CreateBulkDeleteJobDocument, type BulkDeleteTarget,
} from '../../src/__generated__/client/graphql.ts';
import type { JobResultLine } from '../../src/jobs/index.ts';
import { accountingProblems } from '../helpers/facade.ts';
import {
  dataOf, facadeEnv, gql, idRange, idsPerRequest, readResults, spawnFacade, startSimulators, tempJobsDb, testKey, waitFor,
  type FacadeProcess, type Simulators,
} from '../helpers/job-process.ts';

// docs/contract.md §8, durability: the facade process is SIGKILLed with a batch of every job in
// flight, then started again on the same database. Each job completes; every existing ID is
// deleted; nothing is reported deleted that the vendor did not delete; a Stoq or Kore.ai batch
// in flight at the crash is never sent again (its IDs OUTCOME_UNKNOWN), a LeadLex one is resent
// under its Idempotency-Key and replayed.

const CRM = testKey('crm-sync', '*');
const BATCH = 20;
/** Batches each job records before its next ones hang at the vendor (processed, never answered). */
const RECORDED = 4;
const CONCURRENCY = 2;
const STOQ_IDS = idRange('intent-', 12 * BATCH);
const KORE_IDS = idRange('contact-', 12 * BATCH);
// LeadLex job batches are 500 (its maximum).
const DEAL_IDS = idRange('deal-', 10 * 500);
const ALL: Record<BulkDeleteTarget, string[]> = { INTENTS: STOQ_IDS, CONTACTS: KORE_IDS, DEALS: DEAL_IDS };
const JOB_BATCH: Record<BulkDeleteTarget, number> = { INTENTS: BATCH, CONTACTS: BATCH, DEALS: 500 };

const db = tempJobsDb();
let sims: Simulators | undefined;
const processes: FacadeProcess[] = [];
afterAll(async () => {
  for (const p of processes) p.kill();
  await sims?.close();
  db.remove();
});

/** From the RECORDED-th request on, every request is processed and then never answered. */
const hangFrom = (index: number) => (index >= RECORDED ? { hang: 'after' as const } : undefined);

async function start(): Promise<FacadeProcess> {
  const p = await spawnFacade(facadeEnv(sims!, [CRM], {
    JOBS_DB_PATH: db.path,
    STOQ_JOB_BATCH_SIZE: String(BATCH),
    KORE_BATCH_SIZE: String(BATCH),
    BATCH_CONCURRENCY: String(CONCURRENCY),
    JOB_WORKER_CONCURRENCY: '3',
    // A hung batch must stay in flight until the kill, not time out into an outcome of its own.
    UPSTREAM_TIMEOUT_MS: '600000',
    // The restart takes the jobs over once the dead process's leases lapse: seconds, not the
    // default half minute (renewed every second, so a loaded machine does not lose them early).
    JOB_LOCK_MS: '3000',
  }), 60_000);
  processes.push(p);
  return p;
}

describe('a facade process killed mid-job and started again on the same database', () => {
  it('completes every job, deletes every existing ID, reports only what the vendors did, and sends no Stoq or Kore.ai batch twice', { timeout: 240_000 }, async () => {
    sims = await startSimulators({
      stoq: { intents: STOQ_IDS.map((id) => ({ id })) },
      kore: { contacts: KORE_IDS.map((id) => ({ id })) },
      leadlex: { deals: DEAL_IDS.map((id) => ({ id })) },
    });
    sims.stoq.faultPlan((_req, index) => hangFrom(index));
    sims.kore.faultPlan((_req, index) => hangFrom(index));
    sims.leadlex.faultPlan((_req, index) => hangFrom(index));

    const first = await start();
    const jobs = {} as Record<BulkDeleteTarget, string>;
    for (const target of ['INTENTS', 'CONTACTS', 'DEALS'] as const) {
      const ids = ALL[target];
      const created = dataOf(await gql(first.url, CreateBulkDeleteJobDocument, { input: { target, ids } }, CRM.headers)).createBulkDeleteJob;
      expect(created).toMatchObject({ status: 'QUEUED', progress: { requestedCount: ids.length } });
      jobs[target] = created!.id;
    }

    // Mid-job, observed: RECORDED batches of each job stored, the next CONCURRENCY processed by
    // the vendor and left unanswered.
    const read = async (url: string, target: BulkDeleteTarget) => dataOf(await gql(url, BulkDeleteJobDocument, { id: jobs[target] }, CRM.headers)).bulkDeleteJob!;
    for (const target of ['INTENTS', 'CONTACTS', 'DEALS'] as const) {
      await waitFor(async () => ((await read(first.url, target)).progress.processedCount === RECORDED * JOB_BATCH[target] ? true : undefined));
    }
    await waitFor(() => (idsPerRequest(sims!.stoq.received, 'intent_ids').length === RECORDED + CONCURRENCY
      && idsPerRequest(sims!.kore.received, 'ids').length === RECORDED + CONCURRENCY
      && idsPerRequest(sims!.leadlex.received, 'deal_ids').length === RECORDED + CONCURRENCY ? true : undefined));
    for (const target of ['INTENTS', 'CONTACTS', 'DEALS'] as const) expect((await read(first.url, target)).status).toBe('RUNNING');

    first.child.kill('SIGKILL');
    await first.exited;
    for (const sim of [sims.stoq, sims.kore, sims.leadlex]) sim.faultPlan(() => undefined);

    // The restart takes the jobs over once the dead process's leases lapse (JOB_LOCK_MS).
    const second = await start();
    const ended = {} as Record<BulkDeleteTarget, Awaited<ReturnType<typeof read>>>;
    for (const target of ['INTENTS', 'CONTACTS', 'DEALS'] as const) {
      ended[target] = await waitFor(async () => {
        const job = await read(second.url, target);
        return job.status === 'COMPLETED' || job.status === 'FAILED' || job.status === 'CANCELLED' ? job : undefined;
      }, 250);
      expect(ended[target].status).toBe('COMPLETED');
      expect(accountingProblems(ended[target].result!)).toEqual([]);
    }

    // Every existing ID is gone at the vendor.
    for (const id of STOQ_IDS) expect(sims.stoq.has(id), id).toBe(false);
    for (const id of KORE_IDS) expect(sims.kore.has(id), id).toBe(false);
    for (const id of DEAL_IDS) expect(sims.leadlex.has(id), id).toBe(false);

    // No Stoq or Kore.ai ID in two requests: the batches in flight at the crash were not resent.
    for (const [sim, field, target] of [[sims.stoq, 'intent_ids', 'INTENTS'], [sims.kore, 'ids', 'CONTACTS']] as const) {
      const sent = idsPerRequest(sim.received, field).flat();
      expect(sent.length).toBe(ALL[target].length);
      expect(new Set(sent).size).toBe(sent.length);
    }
    // LeadLex: the two batches in flight were resent under the same key and replayed, not redone.
    const dealRequests = sims.leadlex.received;
    const keys = dealRequests.map((req) => req.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(DEAL_IDS.length / 500);
    expect(keys.length).toBe(DEAL_IDS.length / 500 + CONCURRENCY);
    expect(sims.leadlex.replayedCount).toBe(CONCURRENCY);

    // The results say what each vendor did, and no more.
    for (const [target, sim] of [['INTENTS', sims.stoq], ['CONTACTS', sims.kore], ['DEALS', sims.leadlex]] as const) {
      const lines = await readResults(second.url, jobs[target], CRM.headers);
      expect(lines.map((line) => line.id)).toEqual(ALL[target]);
      const reallyDeleted = new Set(sim.deletedIds);
      expect(reallyDeleted.size).toBe(ALL[target].length);
      const byOutcome = groupLines(lines);
      for (const id of [...byOutcome.deleted, ...byOutcome.deletedOrNotFound]) expect(reallyDeleted.has(id), id).toBe(true);
      expect(byOutcome.notFound).toEqual([]);
      const unknown = byOutcome.failed.filter((line) => line.code === 'OUTCOME_UNKNOWN').map((line) => line.id);
      expect(byOutcome.failed.length).toBe(unknown.length);
      // The batches in flight at the crash, and only those, are unknown for the vendors without a safe resend.
      const inFlight = ALL[target].slice(RECORDED * JOB_BATCH[target], (RECORDED + CONCURRENCY) * JOB_BATCH[target]);
      expect(unknown).toEqual(target === 'DEALS' ? [] : inFlight);
      expect(ended[target].result).toMatchObject({ requestedCount: ALL[target].length, failedCount: unknown.length, notFoundCount: 0, deletedCount: ALL[target].length - unknown.length });
    }
  });
});

function groupLines(lines: readonly JobResultLine[]): { deleted: string[]; deletedOrNotFound: string[]; notFound: string[]; failed: JobResultLine[] } {
  const groups = { deleted: [] as string[], deletedOrNotFound: [] as string[], notFound: [] as string[], failed: [] as JobResultLine[] };
  for (const line of lines) {
    if (line.outcome === 'failed') groups.failed.push(line);
    else groups[line.outcome].push(line.id);
  }
  return groups;
}
