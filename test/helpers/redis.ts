/**
 * A real `redis-server` on a free loopback port, for the Redis store's tests: started per test
 * file, no persistence, stopped after. The tests run when redis-server is installed; under CI
 * (`process.env.CI` set) a missing redis-server fails them instead of skipping them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { delimiter, join } from 'node:path';

const BINARY = 'redis-server';

/** A running redis-server; `stop`/`start` simulate an outage and a recovery on the same port. */
export interface RedisServer {
  /** redis://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** Kills the server (no persistence, so its keys are gone); resolves once it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port; resolves once it answers PING. */
  start(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open but nothing answers. */
  pause(): void;
  /** Unfreezes it (SIGCONT). */
  resume(): void;
  /** False after `stop` (until `start`). */
  running(): boolean;
}

/**
 * Whether the Redis tests can run. Missing redis-server: throws under CI, so the suite fails
 * ("CI installs it"), and locally returns false with a message saying what is skipped and why.
 */
export function redisServerAvailable(): boolean {
  available ??= checkAvailable();
  return available;
}

let available: boolean | undefined;

function checkAvailable(): boolean {
  if (findOnPath(BINARY) !== null) return true;
  const message = `${BINARY} is not installed (not found on PATH), so the Redis idempotency store tests cannot run. Install the redis-server package.`;
  if (process.env.CI) throw new Error(`${message} CI must install it before the tests.`);
  console.warn(`SKIPPED: ${message}`);
  return false;
}

/** What a test may ask of its server. */
export interface RedisServerOptions {
  /** `--requirepass`: clients must authenticate with it. */
  readonly password?: string;
  /** `--maxmemory` with `noeviction`, as the README asks of production: writes past it fail. */
  readonly maxMemory?: string;
}

/** Starts redis-server on a free loopback port and waits until it answers PING. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  let lastError: unknown;
  // A free port can be taken between finding it and redis-server binding it: try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    try {
      return await startOn(port, options);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startOn(port: number, options: RedisServerOptions): Promise<RedisServer> {
  let child = await launch(port, options);
  let paused = false;
  const stop = async (): Promise<void> => {
    if (paused) child.kill('SIGCONT');
    paused = false;
    await kill(child);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    async start() {
      child = await launch(port, options);
    },
    pause() {
      paused = true;
      child.kill('SIGSTOP');
    },
    resume() {
      paused = false;
      child.kill('SIGCONT');
    },
    running: () => child.exitCode === null && child.signalCode === null,
  };
}

async function launch(port: number, options: RedisServerOptions): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  if (options.password !== undefined) args.push('--requirepass', options.password);
  if (options.maxMemory !== undefined) args.push('--maxmemory', options.maxMemory, '--maxmemory-policy', 'noeviction');
  const child = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  let exited = false;
  child.once('exit', () => (exited = true));
  child.once('error', (error) => output.push(String(error)));
  for (let i = 0; i < 200; i++) {
    if (exited) throw new Error(`redis-server on port ${port} exited at start: ${output.join('').slice(-2000)}`);
    if (await answersPing(port)) return child;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await kill(child);
  throw new Error(`redis-server on port ${port} did not answer PING: ${output.join('').slice(-2000)}`);
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let answer = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('utf8');
      // With --requirepass the answer is -NOAUTH: the server is up all the same.
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG') || answer.startsWith('-NOAUTH'));
    });
  });
}

/** A loopback port nothing listens on (at the time of asking). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return null;
}
