// What every scenario shares: the run's settings, the credentials, the facade's environment
// with every feature on, and the request each target is sent.
import { readFileSync } from 'node:fs';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import { spawnBenchChild, type Child } from './children.ts';
import type { RequestShape } from './load.ts';
import type { SimulatorSpec } from '../children/simulator.ts';

/** How long and how often: the full run measures, the smoke run only proves the harness works. */
export interface RunSettings {
  readonly smoke: boolean;
  /** Repeats of each interleaved measurement. */
  readonly reps: number;
  readonly durationS: number;
  readonly warmupS: number;
}

export const FULL: RunSettings = { smoke: false, reps: 5, durationS: 5, warmupS: 2 };
export const SMOKE: RunSettings = { smoke: true, reps: 1, durationS: 1, warmupS: 0.5 };

/** A target that is met, missed, or only reported. */
export interface Check {
  readonly scenario: string;
  readonly what: string;
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | null;
}

/** Fake credentials: they open only the loopback simulators of this run. */
export const SIM_KEYS = { leadlex: 'bench-leadlex-key', stoq: 'bench-stoq-key' } as const;

/** One API key for the whole run, configured as an operator would (npm run apikey's functions). */
const apiKey = generateApiKey();
const apiKeyLine = buildApiKeyLine('bench-client', '*', hashApiKey(apiKey));

/**
 * The facade with every feature on: production mode, client authentication by API key, an
 * idempotency key on every call (the in-process store), one log line per request plus the
 * audit line at info (stdout to /dev/null), metrics. Only the per-client request limit is off
 * (at 120 per minute it would measure the limit, not the facade), and the per-client key
 * quota is raised (the load generator is a single client).
 */
export function facadeEnv(extra: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    AUTH_API_KEYS: apiKeyLine,
    CLIENT_RATE_LIMIT_PER_MINUTE: '0',
    // One client sends every call, each with a fresh key: at the default quota the run would
    // measure IDEMPOTENCY_STORE_FULL refusals once 10,000 keys (or 32 MiB) are held.
    IDEMPOTENCY_MAX_KEYS_PER_CLIENT: '10000000',
    IDEMPOTENCY_MAX_BYTES_PER_CLIENT: String(1024 * 1024 * 1024),
    SHUTDOWN_GRACE_MS: '1000',
    ...extra,
  };
}

export const FACADE_AUTH = `Bearer ${apiKey}`;

const operation = (file: string) =>
  `${readFileSync(new URL(`../../operations/${file}`, import.meta.url), 'utf8')}\n${readFileSync(new URL('../../operations/fragments.graphql', import.meta.url), 'utf8')}`;
/** The ready documents clients are given (operations/), so the facade does what it does for them. */
export const DELETE_DEALS = operation('delete-deals.graphql');
export const DELETE_INTENTS = operation('delete-intents.graphql');

export function dealIds(count: number, prefix = 'deal_'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(6, '0')}`);
}

/** `[<id>]` is replaced per request by autocannon: every call carries a fresh idempotency key. */
const FRESH_KEY = 'bench-[<id>]';

/** A LeadLex call as the facade makes it, sent straight to the simulator (or a proxy in its place). */
export function directShape(baseUrl: string, ids: readonly string[]): RequestShape {
  const url = new URL(baseUrl);
  return {
    url: url.origin,
    method: 'POST',
    path: `${url.pathname.replace(/\/$/, '')}/v1/deals/bulk-delete`,
    headers: { authorization: `Bearer ${SIM_KEYS.leadlex}`, 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': FRESH_KEY },
    body: JSON.stringify({ deal_ids: ids, dry_run: false }),
  };
}

/** A proxy takes exactly what the direct call sends, at its own root. */
export function proxyShape(proxyUrl: string, ids: readonly string[]): RequestShape {
  return { ...directShape(proxyUrl, ids), url: proxyUrl, path: '/v1/deals/bulk-delete' };
}

/** The same deletion through the facade: the DeleteDeals operation with a fresh idempotency key. */
export function facadeShape(facadeUrl: string, ids: readonly string[], idempotencyKey = FRESH_KEY): RequestShape {
  return {
    url: facadeUrl,
    method: 'POST',
    path: '/graphql',
    headers: { authorization: FACADE_AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ query: DELETE_DEALS, operationName: 'DeleteDeals', variables: { input: { ids, idempotencyKey } } }),
  };
}

/** Starts a simulator child; `info.url` is its base URL. */
export async function startSimulator(spec: SimulatorSpec): Promise<Child & { url: string }> {
  const child = await spawnBenchChild('simulator', { BENCH_SIMULATOR: JSON.stringify(spec) });
  return Object.assign(child, { url: String(child.info.url) });
}

/** Sends `shape` once (with a fixed key) and returns the parsed JSON answer, to check a target before measuring it. */
export async function sendOnce(shape: RequestShape): Promise<{ status: number; json: unknown }> {
  const body = shape.body.replaceAll('[<id>]', `check-${Math.random().toString(36).slice(2)}`);
  const headers = Object.fromEntries(Object.entries(shape.headers).map(([name, value]) => [name, value.replaceAll('[<id>]', `check-${Math.random().toString(36).slice(2)}`)]));
  const response = await fetch(`${shape.url}${shape.path}`, { method: shape.method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

/** Reads one process's resident memory from /proc (Linux); null elsewhere. */
export function procMemory(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}

/** Sum of one counter's samples in the facade's /metrics text. */
export async function metricSum(facadeUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${facadeUrl}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

export const MB = 1024 * 1024;
export const fmt = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
