/**
 * The real Hive Gateway CLI (`hive-gateway supergraph`), run with the repository's
 * deploy/hive-gateway/gateway.config.ts the way README "Behind a router" runs it, on a loopback
 * port, as a child process of the project's Node.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './redis.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = fileURLToPath(new URL('../../node_modules/@graphql-hive/gateway/dist/bin.js', import.meta.url));
export const HIVE_GATEWAY_CONFIG = 'deploy/hive-gateway/gateway.config.ts';

/** A running gateway. */
export interface HiveGatewayProcess {
  /** Its base URL; GraphQL is at `/graphql`. */
  readonly url: string;
  /** Every line it wrote to stdout and stderr. */
  readonly output: string[];
  /** Stops it (SIGTERM, then SIGKILL after 5 s); resolves once it has exited. */
  close(): Promise<void>;
}

/**
 * Starts the gateway serving `supergraphFile` and resolves once `/readiness` answers 200. Its
 * environment is PATH alone: no HIVE_* or APOLLO_* variable can turn on usage reporting, and
 * the config turns none on. Retries on another port if the chosen one was taken meanwhile.
 * `timeoutMs` is a start-up budget, so it is generous: the gateway's CLI takes seconds to load on
 * an idle machine, and beside a full test run on two cores once took 20 s to listen (the suite's
 * beforeAll allows 60 s).
 */
export async function startHiveGateway(supergraphFile: string, timeoutMs = 50_000): Promise<HiveGatewayProcess> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOn(await freePort(), supergraphFile, timeoutMs);
    } catch (error) {
      lastError = error;
      if (!/EADDRINUSE/.test(String(error))) break;
    }
  }
  throw lastError;
}

async function startOn(port: number, supergraphFile: string, timeoutMs: number): Promise<HiveGatewayProcess> {
  const child = spawn(process.execPath, [CLI, 'supergraph', supergraphFile, '--config-path', HIVE_GATEWAY_CONFIG, '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer): void => void output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));
  const close = async (): Promise<void> => {
    if (!running) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!running) throw new Error(`hive-gateway exited before it was ready:\n${output.join('\n')}`);
    const ready = await fetch(`${url}/readiness`).then((r) => r.status === 200, () => false);
    if (ready) return { url, output, close };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await close();
  throw new Error(`hive-gateway was not ready within ${timeoutMs} ms:\n${output.join('\n')}`);
}
