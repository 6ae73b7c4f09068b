/**
 * Jobs through a facade running as its own process (`node src/main.ts`, as `npm start` runs it):
 * the simulators run here, so a test sees what the vendor really received and deleted; the
 * facade is reached only over HTTP, with the typed documents a client would use.
 */
import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import type { Scope } from '../../src/config/index.ts';
import type { JobResultLine } from '../../src/jobs/index.ts';
import {
  startKoreSimulator, startLeadLexSimulator, startStoqSimulator,
  type KoreSimulator, type KoreSimulatorOptions, type LeadLexSimulator, type LeadLexSimulatorOptions,
  type RecordedRequest, type StoqSimulator, type StoqSimulatorOptions,
} from '../../src/simulators/index.ts';
import { SECRETS } from './facade.ts';
import { spawnFacade, type FacadeProcess } from './process.ts';

/** An API key a test presents, and the AUTH_API_KEYS line that grants it. */
export interface TestKey {
  readonly client: string;
  readonly headers: Record<string, string>;
  readonly line: string;
}

export function testKey(client: string, scopes: readonly Scope[] | '*'): TestKey {
  const key = generateApiKey();
  return { client, headers: { authorization: `Bearer ${key}` }, line: buildApiKeyLine(client, scopes, hashApiKey(key)) };
}

/** The three simulators a facade process is put in front of. */
export interface Simulators {
  stoq: StoqSimulator;
  kore: KoreSimulator;
  leadlex: LeadLexSimulator;
  close(): Promise<void>;
}

export async function startSimulators(options: { stoq?: StoqSimulatorOptions; kore?: KoreSimulatorOptions; leadlex?: LeadLexSimulatorOptions } = {}): Promise<Simulators> {
  const [stoq, kore, leadlex] = await Promise.all([
    startStoqSimulator({ apiKey: SECRETS.stoqApiKey, ...options.stoq }),
    startKoreSimulator({ clientId: SECRETS.koreClientId, clientSecret: SECRETS.koreClientSecret, accountId: 'acct-test', streamIds: ['st-test'], ...options.kore }),
    startLeadLexSimulator({ apiKey: SECRETS.leadlexApiKey, ...options.leadlex }),
  ]);
  return { stoq, kore, leadlex, close: async () => void (await Promise.all([stoq.close(), kore.close(), leadlex.close()])) };
}

/** The environment that points a facade process at `sims`, with `keys` as its only clients. */
export function facadeEnv(sims: Simulators, keys: readonly TestKey[], env: Record<string, string> = {}): Record<string, string> {
  return {
    LOG_LEVEL: 'info',
    UPSTREAM_TIMEOUT_MS: '2000',
    RATE_LIMIT_MAX_WAIT_MS: '1000',
    STOQ_API_URL: sims.stoq.url,
    STOQ_API_KEY: SECRETS.stoqApiKey,
    KORE_API_URL: sims.kore.url,
    KORE_STREAM_ID: 'st-test',
    KORE_ACCOUNT_ID: 'acct-test',
    KORE_CLIENT_ID: SECRETS.koreClientId,
    KORE_CLIENT_SECRET: SECRETS.koreClientSecret,
    LEADLEX_API_URL: sims.leadlex.url,
    LEADLEX_API_KEY: SECRETS.leadlexApiKey,
    AUTH_REQUIRED: 'true',
    // Tests poll a job's progress as a UI would, far more often than a client's default budget.
    CLIENT_RATE_LIMIT_PER_MINUTE: '0',
    AUTH_API_KEYS: keys.map((key) => key.line).join('\n'),
    ...env,
  };
}

/** A temporary folder for one suite's jobs database; `remove` deletes it. */
export function tempJobsDb(): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'jobs-e2e-'));
  return { path: join(dir, 'jobs.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export { spawnFacade, type FacadeProcess };

/** One typed operation over HTTP, as any client sends it. */
export async function gql<TData, TVariables>(url: string, document: TypedDocumentNode<TData, TVariables>, variables: TVariables, headers: Record<string, string>): Promise<ExecutionResult<TData, { code?: string }>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await response.json()) as ExecutionResult<TData, { code?: string }>;
}

/** The answer's data, which must have come with no error. */
export function dataOf<TData>(answer: ExecutionResult<TData, unknown>): TData {
  if (answer.errors !== undefined || answer.data == null) throw new Error(`expected data, got ${JSON.stringify(answer)}`);
  return answer.data;
}

/**
 * Polls `probe` until it returns a value (not undefined). There is no wall-clock deadline of its
 * own: the test's timeout bounds it, so a slow machine only makes the test slower.
 */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, intervalMs = 50): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Every NDJSON line of an ended job's results, parsed. */
export async function readResults(url: string, jobId: string, headers: Record<string, string>): Promise<JobResultLine[]> {
  const response = await fetch(`${url}/jobs/${encodeURIComponent(jobId)}/results`, { headers });
  if (response.status !== 200) throw new Error(`results answered ${response.status}: ${await response.text()}`);
  const text = await response.text();
  return text.trimEnd().split('\n').map((line) => JSON.parse(line) as JobResultLine);
}

/** The IDs each delete request carried, one list per request (`field`: the vendor's body key). */
export function idsPerRequest(received: readonly RecordedRequest[], field: 'intent_ids' | 'ids' | 'deal_ids'): string[][] {
  return received.flatMap((req) => {
    const json = req.json as Record<string, unknown> | undefined;
    const ids = json?.[field];
    return Array.isArray(ids) ? [ids as string[]] : [];
  });
}

/** The resident set size of a process in bytes, from /proc (Linux). */
export function rssOf(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** `count` IDs `prefix0`, `prefix1`, … */
export const idRange = (prefix: string, count: number, from = 0): string[] => Array.from({ length: count }, (_, i) => `${prefix}${from + i}`);
