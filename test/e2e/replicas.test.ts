import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLeadLexSimulator, startStoqSimulator, type LeadLexSimulator, type StoqSimulator } from '../../src/simulators/index.ts';
import { MUTATIONS, SECRETS, postGraphQL } from '../helpers/facade.ts';
import { expectError, expectResult, mutationDocument, type MutationInput, type MutationName } from '../helpers/e2e.ts';
import { freePort, redisServerAvailable, startRedisServer, type RedisServer } from '../helpers/redis.ts';

// docs/contract.md §6 across replicas: two facade processes (`node src/main.ts`, as deployed) share one
// Redis, so the same idempotencyKey sent to both at once makes one upstream call and both
// clients get its result.

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** One running `node src/main.ts`. */
interface Replica {
  readonly url: string;
  readonly process: ChildProcess;
  /** Everything it wrote, for failure messages and secret checks. */
  readonly output: string[];
  stop(): Promise<void>;
}

/**
 * Spawns the facade with only `env` (no .env: a working directory without one) and resolves
 * with its URL from the start-up log line, or rejects with its output if it exits first.
 */
function startReplica(env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  return new Promise<Replica>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output.push(text);
      buffered += text;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        let entry: { url?: unknown; mode?: unknown };
        try {
          entry = JSON.parse(line) as typeof entry;
        } catch {
          continue;
        }
        if (typeof entry.url === 'string' && entry.mode !== undefined) {
          resolve({ url: entry.url.replace(/\/graphql$/, ''), process: child, output, stop });
        }
      }
    });
    child.once('exit', (code, signal) => reject(new Error(`main.ts exited (${code ?? signal}) before serving:\n${output.join('')}`)));
  });
}

/** The facade_idempotency_replays_total count of one mutation on one replica. */
async function replays(replica: Replica, mutation: string): Promise<number> {
  const text = await (await fetch(`${replica.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`facade_idempotency_replays_total{mutation="${mutation}"}`));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

describe.runIf(redisServerAvailable())('two replicas sharing one Redis', () => {
  let redis: RedisServer | undefined;
  let stoq: StoqSimulator | undefined;
  let leadlex: LeadLexSimulator | undefined;
  let replicas: Replica[] = [];

  beforeAll(async () => {
    const ids = Array.from({ length: 20 }, (_, i) => ({ id: `r${i}` }));
    [redis, stoq, leadlex] = await Promise.all([
      startRedisServer(),
      startStoqSimulator({ apiKey: SECRETS.stoqApiKey, intents: ids }),
      startLeadLexSimulator({ apiKey: SECRETS.leadlexApiKey, deals: ids }),
    ]);
    const env = {
      REDIS_URL: redis.url,
      STOQ_API_URL: stoq.url,
      STOQ_API_KEY: SECRETS.stoqApiKey,
      LEADLEX_API_URL: leadlex.url,
      LEADLEX_API_KEY: SECRETS.leadlexApiKey,
    };
    // Started one by one and pushed as they come, so afterAll stops whichever did start.
    for (let i = 0; i < 2; i++) replicas.push(await startReplica(env));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    replicas = [];
    await Promise.all([stoq?.close(), leadlex?.close(), redis?.stop()]);
  });

  const both = <M extends MutationName>(mutation: M, input: MutationInput<M>) =>
    Promise.all(replicas.map((replica) => postGraphQL(replica.url, mutationDocument(mutation), { input })));

  it('are two processes on two ports', () => {
    const [a, b] = replicas;
    expect(a?.process.pid).not.toBe(b?.process.pid);
    expect(a?.url).not.toBe(b?.url);
  });

  it.each([
    ['intents', () => stoq, ['r1', 'r2']],
    ['deals', () => leadlex, ['r3', 'r4']],
  ] as const)('%s: the same key sent to both at once makes one upstream call, and both get its result', async (mutation, sim, ids) => {
    const upstream = sim();
    if (upstream === undefined) throw new Error('simulator not started');
    const before = upstream.received.length;
    const replaysBefore = (await Promise.all(replicas.map((r) => replays(r, mutation)))).reduce((x, y) => x + y, 0);
    // Slow upstream: the second request arrives while the first replica's call still runs.
    upstream.fault({ delayMs: 1_000 });
    const [a, b] = await both(mutation, { ids: [...ids], idempotencyKey: `k-both-${mutation}` });
    expect(upstream.received.length - before).toBe(1);
    if (!a || !b) throw new Error('two replicas answer');
    const first = expectResult(a);
    expect(expectResult(b)).toEqual(first);
    expect(first).toMatchObject({ deletedCount: 2, deletedIds: ids });
    // One replica ran the call, the other answered from the shared store.
    const replaysAfter = (await Promise.all(replicas.map((r) => replays(r, mutation)))).reduce((x, y) => x + y, 0);
    expect(replaysAfter - replaysBefore).toBe(1);
  });

  it('a repeat on the other replica after the first finished replays its result, with no upstream call', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const before = stoq?.received.length ?? 0;
    const first = expectResult(await postGraphQL(a.url, MUTATIONS.intents, { input: { ids: ['r5', 'ghost'], idempotencyKey: 'k-later' } }));
    const again = expectResult(await postGraphQL(b.url, MUTATIONS.intents, { input: { ids: ['ghost', 'r5'], idempotencyKey: 'k-later' } }));
    expect(again).toEqual(first);
    expect((stoq?.received.length ?? 0) - before).toBe(1);
  });

  it('the same key with another input on the other replica is IDEMPOTENCY_KEY_REUSED', async () => {
    const [a, b] = replicas as [Replica, Replica];
    expectResult(await postGraphQL(a.url, MUTATIONS.deals, { input: { ids: ['r6'], idempotencyKey: 'k-reused' } }));
    const before = leadlex?.received.length ?? 0;
    expectError(await postGraphQL(b.url, MUTATIONS.deals, { input: { ids: ['r7'], idempotencyKey: 'k-reused' } }), { code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(leadlex?.received.length).toBe(before);
  });
});

describe('a replica whose REDIS_URL cannot be reached', () => {
  let replica: Replica | undefined;
  afterAll(async () => replica?.stop());

  it('refuses to start, naming REDIS_URL without its password', async () => {
    const password = 'redis-SECRET-pw-0a9b';
    const port = await freePort();
    const started = startReplica({
      REDIS_URL: `redis://facade:${password}@127.0.0.1:${port}`,
      STOQ_API_URL: 'http://127.0.0.1:9/api/v1/external',
      STOQ_API_KEY: SECRETS.stoqApiKey,
    });
    started.then((r) => (replica = r), () => {});
    const error = await started.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const output = (error as Error).message;
    expect(output).toMatch(/exited \(1\)/);
    // The first Redis user to connect names itself (the job store, then the idempotency store).
    expect(output).toMatch(/Failed to start: Cannot connect to the shared (job|idempotency) store at REDIS_URL \(redis:\/\/127\.0\.0\.1:\d+\)/);
    expect(output).not.toContain(password);
  });
});
