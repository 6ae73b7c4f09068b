// Run as a child process by crash.test.ts: writes to the embedded store the way a job's four
// slots do (four batches recorded and the next four marked in flight, all asked for in one turn,
// so one group commit carries them), and the moment every one of those calls has answered it
// asks for more writes and kills itself with SIGKILL, before another turn could commit anything.
// What the parent then finds on disk is exactly what was durable when the answers were given.
// Argument: the database path.
import { openSqliteJobStore } from '../../../src/jobs/index.ts';

const SLOTS = 4;
const jobs = await openSqliteJobStore(process.argv[2] ?? '');
const ids = Array.from({ length: SLOTS * 2 * 2 }, (_, i) => `id-${i}`);
const { id } = (await jobs.create({ owner: 'client-a', target: 'INTENTS', options: {}, ids, start: true, batchSize: 2, idempotencyKey: null }, { maxIdsPerJob: 100 })).job;
await jobs.claim('worker-1', 30_000);
const slots = Array.from({ length: SLOTS }, (_, slot) => slot);
await Promise.all(slots.map((slot) => jobs.markBatchInFlight(id, 'worker-1', slot)));
const deleted = (batch: number) => ({ deletedCount: 2, notFoundCount: 0, deletedIds: ids.slice(batch * 2, batch * 2 + 2), failures: [], upstreamRequestIds: [`req-${batch}`], rateLimit: null });
await Promise.all(slots.flatMap((slot) => [jobs.recordBatch(id, 'worker-1', slot, deleted(slot)), jobs.markBatchInFlight(id, 'worker-1', SLOTS + slot)]));
// Answered: from here on nothing may be lost. These writes are asked for and never answered.
for (const slot of slots) void jobs.recordBatch(id, 'worker-1', SLOTS + slot, deleted(SLOTS + slot));
process.kill(process.pid, 'SIGKILL');
