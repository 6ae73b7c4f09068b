// Durability of the embedded store (docs/contract.md §8): a process killed with SIGKILL, with a
// batch in flight, leaves a database the next process reads as it was at the kill. The rest of
// crash and lease behaviour is the store contract (contract/leases.ts), run against every store.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { manualClock, useStores, useTempDb } from './helpers.ts';

const tempDb = useTempDb();
const openStore = useStores();
const LEASE = 30_000;

describe('a crash with a batch in flight', () => {
  it('survives SIGKILL: the recorded batch is kept and the one in flight is reported', async () => {
    const path = tempDb();
    const child = spawn(process.execPath, [fileURLToPath(new URL('./crash-worker.ts', import.meta.url)), path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const exited = once(child, 'exit').then(() => {
      throw new Error(`The crash worker exited before marking its batch: ${stderr}`);
    });
    const [line] = (await Promise.race([once(child.stdout, 'data'), exited])) as [Buffer];
    const { id } = JSON.parse(line.toString()) as { id: string };
    child.kill('SIGKILL');
    await exited.catch(() => undefined);

    const clock = manualClock(Date.now() + LEASE + 1);
    const jobs = await openStore(path, clock);
    const claimed = (await jobs.claim('worker-2', LEASE))!;
    expect(claimed.job).toMatchObject({ id, status: 'RUNNING', batchesSent: 2, batchesInFlight: 1, progress: { requested: 5, processed: 2, deleted: 2 } });
    expect(claimed.inFlightBatches).toEqual([1]);
    expect((await jobs.batches(id)).map((b) => [b.index, b.state])).toEqual([[0, 'RECORDED'], [1, 'IN_FLIGHT']]);
  });
});
