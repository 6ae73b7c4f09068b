// One measurement with autocannon: a fixed duration, N keep-alive connections, one request
// shape. Latencies are taken from autocannon's per-response event (sub-millisecond, which
// its own histogram rounds away), requests per second from completed 2xx over the duration.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { percentile } from './stats.ts';

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); null elsewhere. */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
/** USER_HZ: 100 on every Linux that matters. */
const CLOCK_TICKS = 100;

/** One request as autocannon sends it; `[<id>]` anywhere in it becomes a fresh unique ID per request. */
export interface RequestShape {
  readonly url: string;
  readonly method: 'POST' | 'DELETE' | 'GET';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Rebuilds the body for each request (e.g. fresh IDs); runs in this process, so slow ones skew the load. */
  readonly nextBody?: () => string;
  /** Reads each answer's body (only where needed: autocannon then keeps every body). */
  readonly onResponse?: (status: number, body: string) => void;
}

/** What one measurement saw. */
export interface LoadResult {
  /** Completed 2xx answers per second. */
  readonly rps: number;
  /** Latency of the 2xx answers, ms. */
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly durationS: number;
  /** CPU ms per 2xx answer used by the server under test (`cpuPid`), null when not measured. */
  readonly cpuMsPerRequest: number | null;
}

export interface LoadOptions {
  readonly connections: number;
  readonly durationS: number;
  /** Seconds before a request counts as an error. @default 30 */
  readonly timeoutS?: number;
  /** The process whose CPU time per request is measured. */
  readonly cpuPid?: number;
  /** Requests per second over all connections; unset: as fast as the server answers. */
  readonly rate?: number;
}

/** Runs autocannon once against `shape`. */
export function runLoad(shape: RequestShape, options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  const started = performance.now();
  const cpuBefore = options.cpuPid === undefined ? null : cpuMs(options.cpuPid);
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url: shape.url,
      connections: options.connections,
      duration: options.durationS,
      timeout: options.timeoutS ?? 30,
      idReplacement: true,
      ...(options.rate === undefined ? {} : { overallRate: options.rate }),
      requests: [{
        method: shape.method, path: shape.path, headers: shape.headers, body: shape.body,
        ...(shape.nextBody ? { setupRequest: (request: autocannon.Request) => ({ ...request, body: shape.nextBody!() }) } : {}),
        ...(shape.onResponse ? { onResponse: shape.onResponse } : {}),
      }],
    }, (error: unknown, result: autocannon.Result) => {
      if (error) return reject(error instanceof Error ? error : new Error(String(error)));
      const durationS = Math.min((performance.now() - started) / 1000, result.duration || options.durationS);
      latencies.sort((a, b) => a - b);
      const cpuAfter = options.cpuPid === undefined ? null : cpuMs(options.cpuPid);
      resolve({
        cpuMsPerRequest: cpuBefore === null || cpuAfter === null || latencies.length === 0 ? null : (cpuAfter - cpuBefore) / latencies.length,
        rps: latencies.length / durationS,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        mean: latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length),
        ok: latencies.length,
        non2xx,
        errors: result.errors,
        durationS,
      });
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else non2xx++;
    });
  });
}
