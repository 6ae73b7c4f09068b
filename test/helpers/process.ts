import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** A facade running as its own process, exactly as `npm start` runs it. */
export interface FacadeProcess {
  /** Base URL from the start-up log line (PORT=0 picks a free port). */
  url: string;
  child: ChildProcess;
  /** Every line the process wrote to stdout and stderr. */
  output: string[];
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** Kills the process if it is still running. */
  kill(): void;
}

/**
 * Starts `node src/main.ts` with only `env` (plus PATH, and jobs in memory unless `env` sets
 * JOBS_DB_PATH) as its environment, and waits for its start-up log line. Rejects, with the output so far, if it exits or stays silent.
 */
export async function spawnFacade(env: Record<string, string>, timeoutMs = 15_000): Promise<FacadeProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', JOBS_DB_PATH: ':memory:', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`facade did not start in ${timeoutMs} ms:\n${output.join('\n')}`)), timeoutMs);
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        output.push(line);
        const match = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      }
    };
    child.stdout.on('data', onLine);
    child.stderr.on('data', onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`facade exited with ${code} before starting:\n${output.join('\n')}`));
    });
  });
  return { url, child, output, exited, kill: () => void (child.exitCode === null && child.kill('SIGKILL')) };
}
