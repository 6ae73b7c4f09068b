// Run as a child process by crash.test.ts: starts a job, records batch 0, marks batch 1 in
// flight, says so on stdout and waits to be killed with SIGKILL before it can record batch 1.
// Arguments: a database path (the embedded store), or `--redis URL PREFIX LEASE_MS` (a replica
// on a shared Redis, holding the job under a lease of LEASE_MS by Redis's clock).
import { openRedisJobStore, openSqliteJobStore } from '../../../src/jobs/index.ts';

const args = process.argv.slice(2);
const redis = args[0] === '--redis';
const jobs = redis ? await openRedisJobStore({ url: args[1]!, prefix: args[2]! }) : await openSqliteJobStore(args[0] ?? '');
const leaseMs = redis ? Number(args[3]) : 30_000;
const { id } = (await jobs.create({ owner: 'client-a', target: 'INTENTS', options: {}, ids: ['a', 'b', 'c', 'd', 'e'], start: true, batchSize: 2, idempotencyKey: null }, { maxIdsPerJob: 100 })).job;
await jobs.claim('worker-1', leaseMs);
await jobs.markBatchInFlight(id, 'worker-1', 0);
await jobs.recordBatch(id, 'worker-1', 0, { deletedCount: 2, notFoundCount: 0, deletedIds: ['a', 'b'], failures: [], upstreamRequestIds: ['req-0'], rateLimit: null });
await jobs.markBatchInFlight(id, 'worker-1', 1);
process.stdout.write(`${JSON.stringify({ id })}\n`);
setInterval(() => {}, 1_000);
