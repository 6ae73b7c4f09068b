import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTATIONS, postGraphQL, toQuery, startDemoFacade, type DemoHarness, type FacadeHarness } from '../helpers/facade.ts';
import { startSeeded } from '../helpers/e2e.ts';

// docs/contract.md §7 "demo": with no upstream configured the facade serves the built-in simulators and
// says so as `extensions.demo: true` on every response; a live facade never says so.

/** Every kind of /graphql answer: results, GraphQL errors, and refusals before GraphQL runs. */
const EXCHANGES: Array<[string, (url: string) => Promise<Response>]> = [
  ['a result', (url) => post(url, { query: toQuery(MUTATIONS.deals), variables: { input: { ids: ['deal_0001', 'nope'], dryRun: true } } })],
  ['a result with row failures', (url) => post(url, { query: toQuery(MUTATIONS.intents), variables: { input: { ids: ['int_1001', 'int_1019'] } } })],
  ['a GraphQL error', (url) => post(url, { query: toQuery(MUTATIONS.contacts), variables: { input: { ids: [] } } })],
  ['a query', (url) => post(url, { query: '{ __typename }' })],
  ['a parse error', (url) => post(url, { query: 'mutation {' })],
  ['a validation error', (url) => post(url, { query: '{ nope }' })],
  ['a body that is not JSON', (url) => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' })],
  ['a body over MAX_REQUEST_BYTES', (url) => post(url, { query: '{ __typename }', padding: 'x'.repeat(4096) })],
  ['a mutation over GET', (url) => fetch(`${url}/graphql?query=${encodeURIComponent('mutation { bulkDeleteIntents(input: {ids: ["int_1001"]}) { deletedCount } }')}`, { headers: { 'apollo-require-preflight': '1' } })],
  ['a CSRF-able simple request', (url) => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' })],
];

function post(url: string, body: unknown): Promise<Response> {
  return fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function extensionsOf(response: Response): Promise<Record<string, unknown> | undefined> {
  const body = JSON.parse(await response.text()) as { extensions?: Record<string, unknown> };
  return body.extensions;
}

describe('demo mode', () => {
  let demo: DemoHarness;
  beforeAll(async () => {
    demo = await startDemoFacade({ MAX_REQUEST_BYTES: '2048' });
  });
  afterAll(async () => demo?.close());

  it('is on when no upstream has credentials', () => {
    expect(demo.config.demo).toBe(true);
  });

  it.each(EXCHANGES)('puts extensions.demo: true on %s', async (_case, exchange) => {
    expect(await extensionsOf(await exchange(demo.url))).toMatchObject({ demo: true });
  });

  it('really deletes from the built-in simulators, and only there', async () => {
    const answer = await postGraphQL(demo.url, MUTATIONS.contacts, { input: { ids: ['contact_2001', 'contact_2020'] } });
    expect(answer.body.data?.result).toMatchObject({ deletedIds: ['contact_2001'], failedCount: 1 });
    expect(demo.demo.simulators.kore.deletedIds).toEqual(['contact_2001']);
  });
});

describe('live mode', () => {
  let live: FacadeHarness;
  beforeAll(async () => {
    live = await startSeeded({ env: { MAX_REQUEST_BYTES: '2048' } });
  });
  afterAll(async () => live?.close());

  it.each(EXCHANGES)('never puts extensions.demo on %s', async (_case, exchange) => {
    const extensions = await extensionsOf(await exchange(live.url));
    expect(extensions?.demo).toBeUndefined();
  });
});

describe('npm start (src/main.ts) with no credentials', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('starts in demo mode, says so in its log, serves the mutations, and stops on SIGTERM', async () => {
    const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
    // A clean environment: no credentials, and a working directory without a .env file.
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
    child = spawn(process.execPath, [main], { cwd: tmpdir(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    const proc = child;
    const output: string[] = [];
    proc.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    const started = await new Promise<{ url: string; mode: string; msg: string }>((resolve, reject) => {
      let buffered = '';
      proc.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        for (const line of buffered.split('\n').slice(0, -1)) {
          const entry = JSON.parse(line) as { url?: string; mode?: string; msg: string };
          if (entry.url !== undefined && entry.mode !== undefined) resolve({ url: entry.url, mode: entry.mode, msg: entry.msg });
        }
        buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
      });
      proc.on('exit', (code) => reject(new Error(`main.ts exited with ${code}: ${output.join('')}`)));
    });
    expect(started.mode).toBe('demo');
    expect(started.msg).toMatch(/DEMO MODE/);
    const base = started.url.replace(/\/graphql$/, '');
    const answer = await postGraphQL(base, MUTATIONS.deals, { input: { ids: ['deal_0001'], dryRun: true } });
    expect(answer.body).toMatchObject({ data: { result: { deletedCount: 1, dryRun: true } }, extensions: { demo: true } });
    const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = undefined;
  });
});
