// Scale-out (docs/contract.md §8, "Where jobs live"): two facade processes, exactly as `npm start`
// runs them, share one redis-server and one set of vendor simulators. The replica running a
// Stoq job and a LeadLex job is SIGKILLed with a batch of each in flight; BullMQ's stalled-job
// check hands both jobs to the other replica, which finishes them honestly: every existing ID
// deleted, the Stoq batch in flight never sent twice (OUTCOME_UNKNOWN), the LeadLex one resent
// under the same Idempotency-Key, and the vendors never refused a request for their budget.
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { JOB_QUEUE_NAME } from '../../src/job-runner/queue.ts';
import { openRedisJobStore, type Job, type JobResultLine, type JobStore } from '../../src/jobs/index.ts';
import { startKoreSimulator, startLeadLexSimulator, startStoqSimulator } from '../../src/simulators/index.ts';
import { postGraphQL } from '../helpers/facade.ts';
import { JOB_OPS } from '../helpers/jobs.ts';
import { spawnFacade, type FacadeProcess } from '../helpers/process.ts';
import { redisServerAvailable, startRedisServer } from '../helpers/redis.ts';

const run = redisServerAvailable();
const OWNER = 'client-a';
/** The request (from 0) of each vendor the kill happens under: sent, processed, never answered. */
const CRASH_AT = 4;
const closers: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const CREDENTIALS = { stoq: 'stoq-replicas-token-51aa', leadlex: 'wbk_replicas-leadlex-key-93c0', koreClientId: 'cs-replicas', koreClientSecret: 'kore-replicas-secret' };

function ids(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function lines(store: JobStore, jobId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const iterable = await store.results(jobId, OWNER);
  for await (const line of iterable ?? ([] as JobResultLine[])) (out[line.code ?? line.outcome] ??= []).push(line.id);
  return out;
}

describe.runIf(run)('two replicas on one Redis', () => {
  it('finish the jobs of a replica SIGKILLed mid-batch, honestly and within the vendors\' budgets', async () => {
    const intents = ids('int', 30);
    const deals = ids('deal', 30);
    const redis = await startRedisServer();
    closers.push(() => redis.stop());
    const statuses: number[] = [];
    const onReply = (_req: unknown, reply: { status: number }) => void statuses.push(reply.status);
    const [stoq, kore, leadlex] = await Promise.all([
      startStoqSimulator({ apiKey: CREDENTIALS.stoq, intents: intents.map((id) => ({ id })), rateLimit: { points: 1_000, windowMs: 60_000, cost: 2 }, onReply }),
      startKoreSimulator({ clientId: CREDENTIALS.koreClientId, clientSecret: CREDENTIALS.koreClientSecret, accountId: 'acct-test', streamIds: ['st-test'] }),
      startLeadLexSimulator({ apiKey: CREDENTIALS.leadlex, deals: deals.map((id) => ({ id })), onReply }),
    ]);
    closers.push(() => Promise.all([stoq.close(), kore.close(), leadlex.close()]));
    // Each vendor processes its crash request, then holds the answer until the replica is dead.
    for (const sim of [stoq, leadlex]) sim.faultPlan((_req, index) => (index === CRASH_AT ? { delayMs: 60_000 } : undefined));

    const env = {
      LOG_LEVEL: 'info', REDIS_URL: redis.url, JOB_LOCK_MS: '1000', BATCH_CONCURRENCY: '1', JOB_WORKER_CONCURRENCY: '2',
      STOQ_API_URL: stoq.url, STOQ_API_KEY: CREDENTIALS.stoq,
      KORE_API_URL: kore.url, KORE_STREAM_ID: 'st-test', KORE_ACCOUNT_ID: 'acct-test', KORE_CLIENT_ID: CREDENTIALS.koreClientId, KORE_CLIENT_SECRET: CREDENTIALS.koreClientSecret,
      LEADLEX_API_URL: leadlex.url, LEADLEX_API_KEY: CREDENTIALS.leadlex,
    };
    const first: FacadeProcess = await spawnFacade(env);
    closers.push(() => first.kill());

    // The jobs are created and started as the API does: in the shared store, then queued.
    const store = await openRedisJobStore({ url: redis.url });
    closers.push(() => store.close());
    const queue = new Queue(JOB_QUEUE_NAME, { connection: { url: redis.url, maxRetriesPerRequest: null }, prefix: 'bdf:queue' });
    closers.push(() => queue.close());
    const create = async (target: 'INTENTS' | 'DEALS', jobIds: string[]): Promise<Job> => {
      const { job } = await store.create({ owner: OWNER, target, options: {}, ids: jobIds, start: true, batchSize: 3, idempotencyKey: null }, { maxIdsPerJob: 1_000 });
      await queue.add('job', {}, { jobId: job.id });
      return job;
    };
    const stoqJob = await create('INTENTS', intents);
    const leadlexJob = await create('DEALS', deals);
    await waitFor(() => stoq.received.length > CRASH_AT && leadlex.received.length > CRASH_AT, `both batches in flight on the first replica (its output: ${first.output.join('\n')})`);

    const second = await spawnFacade(env);
    closers.push(() => second.kill());
    first.child.kill('SIGKILL');
    await first.exited;
    expect(stoq.deletedIds).toHaveLength((CRASH_AT + 1) * 3);

    await waitFor(async () => {
      const jobs = await store.getMany([stoqJob.id, leadlexJob.id], OWNER);
      return jobs.every((job) => job?.status === 'COMPLETED');
    }, `both jobs completed by the second replica (its output: ${second.output.slice(-20).join('\n')})`, 30_000);
    for (const sim of [stoq, leadlex]) sim.faultPlan(undefined);
    // The second replica ran them: its log has each job's end (the line may trail the store's write).
    await waitFor(() => [stoqJob, leadlexJob].every((job) => second.output.some((line) => line.includes(job.id) && line.includes('"status":"COMPLETED"'))), 'the second replica logged both jobs completed', 5_000);

    // Stoq: no batch sent twice; the one in flight at the kill is OUTCOME_UNKNOWN (it was deleted).
    const stoqSent = stoq.received.flatMap((req) => (req.json as { intent_ids: string[] }).intent_ids);
    expect(stoqSent).toHaveLength(new Set(stoqSent).size);
    expect([...stoqSent].sort()).toEqual([...intents].sort());
    const inFlight = intents.slice(CRASH_AT * 3, CRASH_AT * 3 + 3);
    expect(await lines(store, stoqJob.id)).toEqual({ deleted: intents.filter((id) => !inFlight.includes(id)), OUTCOME_UNKNOWN: inFlight });
    expect(intents.filter((id) => stoq.has(id))).toEqual([]);

    // LeadLex: the batch in flight is resent under the same key and answered from LeadLex's replay.
    const keys = leadlex.received.map((req) => req.headers['idempotency-key']);
    expect(keys[CRASH_AT + 1]).toBe(keys[CRASH_AT]);
    expect(new Set(keys).size).toBe(10);
    expect(await lines(store, leadlexJob.id)).toEqual({ deleted: deals });
    expect(deals.filter((id) => leadlex.has(id))).toEqual([]);

    // Neither vendor refused anything for its budget.
    expect(statuses.filter((status) => status === 429)).toEqual([]);
    expect(stoq.rateLimitedCount).toBe(0);
  }, 90_000);
  it('run on a worker replica the job an API-only replica was asked for through GraphQL', async () => {
    const deals = ids('deal', 12);
    const redis = await startRedisServer();
    closers.push(() => redis.stop());
    const [stoq, kore, leadlex] = await Promise.all([
      startStoqSimulator({ apiKey: CREDENTIALS.stoq }),
      startKoreSimulator({ clientId: CREDENTIALS.koreClientId, clientSecret: CREDENTIALS.koreClientSecret, accountId: 'acct-test', streamIds: ['st-test'] }),
      startLeadLexSimulator({ apiKey: CREDENTIALS.leadlex, deals: deals.map((id) => ({ id })) }),
    ]);
    closers.push(() => Promise.all([stoq.close(), kore.close(), leadlex.close()]));
    const env = {
      LOG_LEVEL: 'info', REDIS_URL: redis.url, JOB_LOCK_MS: '1000',
      STOQ_API_URL: stoq.url, STOQ_API_KEY: CREDENTIALS.stoq,
      KORE_API_URL: kore.url, KORE_STREAM_ID: 'st-test', KORE_ACCOUNT_ID: 'acct-test', KORE_CLIENT_ID: CREDENTIALS.koreClientId, KORE_CLIENT_SECRET: CREDENTIALS.koreClientSecret,
      LEADLEX_API_URL: leadlex.url, LEADLEX_API_KEY: CREDENTIALS.leadlex,
    };
    const api = await spawnFacade({ ...env, JOB_WORKER_CONCURRENCY: '0' });
    closers.push(() => api.kill());
    const worker = await spawnFacade({ ...env, JOB_WORKER_CONCURRENCY: '1' });
    closers.push(() => worker.kill());
    const created = await postGraphQL(api.url, JOB_OPS.create, { input: { target: 'DEALS', ids: deals } });
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data!.job!.id;
    await waitFor(async () => (await postGraphQL(api.url, JOB_OPS.get, { id })).body.data?.job?.status === 'COMPLETED', `the job completed (worker output: ${worker.output.slice(-10).join('\n')})`);
    expect(deals.filter((deal) => leadlex.has(deal))).toEqual([]);
    // The worker replica ran it; the API-only one sent nothing.
    expect(worker.output.some((line) => line.includes(id) && line.includes('"status":"COMPLETED"'))).toBe(true);
    expect(api.output.some((line) => line.includes(id) && line.includes('"status":"RUNNING"'))).toBe(false);
  }, 60_000);
});
