// Durability (docs/contract.md §8): a process killed with SIGKILL, with a batch in flight, leaves
// the store as it was at the kill, for the next process (the embedded store) or another replica
// (Redis) to take over. The rest of crash and lease behaviour is the store contract
// (contract/leases.ts), run against every store.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisJobStore, type ClaimedJob, type JobStore } from '../../../src/jobs/index.ts';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis.ts';
import { manualClock, useStores, useTempDb } from './helpers.ts';

const tempDb = useTempDb();
const openStore = useStores();
const LEASE = 30_000;

/** Runs crash-worker.ts with `args` until it has marked batch 1 in flight, then kills it with SIGKILL; returns the job's ID. */
async function killedMidBatch(args: readonly string[]): Promise<string> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./crash-worker.ts', import.meta.url)), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(() => {
    throw new Error(`The crash worker exited before marking its batch: ${stderr}`);
  });
  const [line] = (await Promise.race([once(child.stdout, 'data'), exited])) as [Buffer];
  const { id } = JSON.parse(line.toString()) as { id: string };
  child.kill('SIGKILL');
  await exited.catch(() => undefined);
  return id;
}

/** What the next holder must find: batch 0 recorded, batch 1 in flight, nothing else. */
async function expectTakenOver(jobs: JobStore, claimed: ClaimedJob, id: string): Promise<void> {
  expect(claimed.job).toMatchObject({ id, status: 'RUNNING', batchesSent: 2, batchesInFlight: 1, progress: { requested: 5, processed: 2, deleted: 2 } });
  expect(claimed.inFlightBatches).toEqual([1]);
  expect((await jobs.batches(id)).map((b) => [b.index, b.state])).toEqual([[0, 'RECORDED'], [1, 'IN_FLIGHT']]);
}

describe('a crash with a batch in flight', () => {
  it('survives SIGKILL: the recorded batch is kept and the one in flight is reported', async () => {
    const path = tempDb();
    const id = await killedMidBatch([path]);
    const clock = manualClock(Date.now() + LEASE + 1);
    const jobs = await openStore(path, clock);
    await expectTakenOver(jobs, (await jobs.claim('worker-2', LEASE))!, id);
  });

  it('never answers a grouped write before its commit: killed right after the answers, every answered write is on disk', async () => {
    const path = tempDb();
    const child = spawn(process.execPath, [fileURLToPath(new URL('./group-commit-worker.ts', import.meta.url)), path], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const [, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    expect(signal, stderr).toBe('SIGKILL');
    const jobs = await openStore(path, manualClock(Date.now() + LEASE + 1));
    const claimed = (await jobs.claim('worker-2', LEASE))!;
    // Batches 0-3 recorded and 4-7 marked were answered; the records of 4-7 asked for after were not.
    expect(claimed.job).toMatchObject({ status: 'RUNNING', batchesSent: 8, batchesInFlight: 4, progress: { requested: 16, processed: 8, deleted: 8 } });
    expect(claimed.inFlightBatches).toEqual([4, 5, 6, 7]);
    expect((await jobs.batches(claimed.job.id)).map((b) => b.state)).toEqual([...Array<string>(4).fill('RECORDED'), ...Array<string>(4).fill('IN_FLIGHT')]);
  });

  describe.runIf(redisServerAvailable())('on Redis', () => {
    let server: RedisServer | undefined;
    beforeAll(async () => {
      server = await startRedisServer();
    });
    afterAll(async () => server?.stop());

    it('lets another replica take over a killed replica’s job once its lease lapses by Redis’s clock', async () => {
      const url = server!.url;
      const id = await killedMidBatch(['--redis', url, 'crash:', '300']);
      const jobs = await openRedisJobStore({ url, prefix: 'crash:' });
      try {
        // Polled, not slept: the lease lapses 300 ms after the claim by Redis's clock, however slow this machine is.
        let claimed = await jobs.claim('worker-2', LEASE);
        for (let i = 0; claimed === null && i < 600; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          claimed = await jobs.claim('worker-2', LEASE);
        }
        await expectTakenOver(jobs, claimed!, id);
      } finally {
        await jobs.close();
      }
    });
  });
});
