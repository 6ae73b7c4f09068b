// Every server under test runs in a process of its own, started with the same Node as the
// parent, so no two event loops share a thread and the load generator measures from outside.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { IpcReply } from './ipc.ts';
import type { MemoryGroup } from './memory-group.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Children run here: an empty folder, so a developer's .env never configures a run. */
export const WORK_DIR = fileURLToPath(new URL('../../test-results/bench/', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/**
 * The Node options `npm start` (and the Docker image) run the facade with, from package.json's
 * start script, so `node src/main.ts` here runs as deployed.
 */
export const START_NODE_OPTIONS: readonly string[] = (() => {
  const { scripts } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const match = /^node((?: --[\w-]+(?:=\S+)?)*) src\/start\.js$/.exec(scripts.start);
  if (match === null) throw new Error(`package.json's start script is not "node [--options] src/start.js": ${scripts.start}`);
  return match[1]!.trim().split(' ').filter(Boolean);
})();

/**
 * The Node options of the facade's bench child (bench/children/facade.ts): the start options it
 * is deployed with, and a collectable heap for its `mark` (a forced GC before a measurement).
 */
export const FACADE_CHILD_ARGV: readonly string[] = [...START_NODE_OPTIONS, '--expose-gc'];

/** This Node running `args`, inside `group` when one is given. */
function nodeCommand(args: string[], group: MemoryGroup | undefined): { command: string; args: string[] } {
  return group === undefined ? { command: process.execPath, args } : group.wrap(process.execPath, args);
}

function spawnCommand({ command, args }: { command: string; args: string[] }, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { cwd: WORK_DIR, env, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Children still running, each with how to kill it, so an aborted run leaves no server behind. */
const live = new Map<ChildProcess, () => void>();
process.on('exit', () => {
  for (const kill of live.values()) kill();
});

/** A running child: its pid, how to ask it things, how to stop it. */
export interface Child {
  readonly pid: number;
  /** What the child announced when ready (bench children) or its base URL (the facade). */
  readonly info: Record<string, unknown>;
  /** The last lines the child wrote to stderr, for error messages. */
  readonly stderr: string[];
  request<T>(type: string, payload?: Record<string, unknown>): Promise<T>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', ...env };
}

function track(child: ChildProcess, group = false): { stderr: string[]; exited: Promise<void> } {
  live.set(child, () => signal(child, group, 'SIGKILL'));
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr.push(...chunk.split('\n').filter(Boolean));
    if (stderr.length > 50) stderr.splice(0, stderr.length - 50);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    live.delete(child);
    resolve();
  }));
  return { stderr, exited };
}

// npm runs the facade as its grandchild: signal the whole process group npm leads.
function signal(child: ChildProcess, group: boolean, name: NodeJS.Signals): void {
  if (!group || child.pid === undefined) {
    child.kill(name);
    return;
  }
  try {
    process.kill(-child.pid, name);
  } catch {
    // already gone
  }
}

function stopper(child: ChildProcess, exited: Promise<void>, group = false) {
  return async (graceMs = 5_000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    signal(child, group, 'SIGTERM');
    const timer = setTimeout(() => signal(child, group, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
}

/**
 * Starts `bench/children/<entry>.ts` with an IPC channel and waits for its ready message.
 * stdout goes to /dev/null; stderr is kept for error messages.
 */
export async function spawnBenchChild(entry: string, env: Record<string, string>, execArgv: readonly string[] = [], memoryGroup?: MemoryGroup): Promise<Child> {
  mkdirSync(WORK_DIR, { recursive: true });
  const file = fileURLToPath(new URL(`../children/${entry}.ts`, import.meta.url));
  // The IPC channel's descriptor survives the shell's exec in a memory group.
  const { command, args } = nodeCommand([...execArgv, file], memoryGroup);
  const child = spawn(command, args, { cwd: WORK_DIR, env: childEnv(env), stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const { stderr, exited } = track(child);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start in 15 s:\n${stderr.join('\n')}`)), 15_000);
    child.on('message', (message: IpcReply) => {
      if (message.id === 0) {
        clearTimeout(timer);
        resolve(message.value as Record<string, unknown>);
        return;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(`${entry}: ${message.error}`));
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited:\n${stderr.join('\n')}`));
      for (const waiter of pending.values()) waiter.reject(new Error(`${entry} exited`));
    });
  });
  return {
    pid: child.pid ?? 0,
    info,
    stderr,
    request: <T>(type: string, payload: Record<string, unknown> = {}) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, type, ...payload });
      }),
    stop: stopper(child, exited),
  };
}

/** A free loopback port (the facade is told its port, so its stdout can go to /dev/null). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A facade process, and how long it took from spawn to its first /readyz 200. */
export interface FacadeProcess extends Child {
  readonly url: string;
  readonly readyMs: number;
}

/** How to start the facade: `node src/main.ts` (default) or `npm start`. */
export interface FacadeLaunch {
  readonly execArgv?: string[];
  readonly via?: 'node' | 'npm';
  /** Poll interval of /readyz, from the moment of spawn. @default 5 */
  readonly pollMs?: number;
  /** Another checkout's root to start `src/main.ts` from (before/after comparisons). */
  readonly root?: string;
  /** A memory-limited group to run `node src/main.ts` in (not with `via: 'npm'`). */
  readonly memoryGroup?: MemoryGroup;
}

/**
 * Starts the facade as an operator would (`node src/main.ts`, or `npm start`) with `env` and
 * a free PORT, its log lines (stdout) going to /dev/null, and polls /readyz from the moment of
 * spawn until it answers 200.
 */
export async function spawnFacade(env: Record<string, string>, launch: FacadeLaunch = {}): Promise<FacadeProcess> {
  mkdirSync(WORK_DIR, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const fullEnv = childEnv({ PORT: String(port), ...env });
  const started = performance.now();
  const child = launch.via === 'npm'
    ? spawn('npm', ['--prefix', REPO_ROOT, '--silent', 'start'], { cwd: WORK_DIR, env: fullEnv, stdio: ['ignore', 'ignore', 'pipe'], detached: true })
    : spawnCommand(nodeCommand([...(launch.execArgv ?? START_NODE_OPTIONS), launch.root === undefined ? MAIN : `${launch.root.replace(/\/$/, '')}/src/main.ts`], launch.memoryGroup), fullEnv);
  const { stderr, exited } = track(child, launch.via === 'npm');
  let gone = false;
  void exited.then(() => (gone = true));
  const pollMs = launch.pollMs ?? 5;
  for (;;) {
    if (gone) throw new Error(`the facade exited before it was ready:\n${stderr.join('\n')}`);
    if (performance.now() - started > 20_000) {
      await stopper(child, exited, launch.via === 'npm')(0);
      throw new Error(`the facade was not ready in 20 s:\n${stderr.join('\n')}`);
    }
    const status = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.status, () => 0);
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  const readyMs = performance.now() - started;
  return {
    pid: child.pid ?? 0,
    url,
    readyMs,
    info: { url },
    stderr,
    request: () => Promise.reject(new Error('the facade has no IPC channel')),
    stop: stopper(child, exited, launch.via === 'npm'),
  };
}
