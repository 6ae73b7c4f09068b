import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import { startFacade, type FacadeHarness } from '../helpers/facade.ts';
import { JOB_OPS } from '../helpers/jobs.ts';
import { runCli, startCli, startHoldingProxy } from '../helpers/job-cli.ts';

// `npm run job` (scripts/job.ts, src/cli/) as an operator runs it: a child process talking to a
// facade on loopback over HTTP, the facade in front of the vendor simulators. What the CLI
// prints, writes and exits with is checked against what the facade and the simulator did.

const KEY = generateApiKey();
const DEALS_ONLY = generateApiKey();
const AUTH_ENV = {
  AUTH_REQUIRED: 'true',
  AUTH_API_KEYS: `${buildApiKeyLine('ops', '*', hashApiKey(KEY))}\n${buildApiKeyLine('deals-team', ['deals:delete'], hashApiKey(DEALS_ONLY))}`,
};
const AUTH = { authorization: `Bearer ${KEY}` };

// A job's tests run the CLI two or three times and a job to its end: generous on a loaded machine.
const JOB_TIMEOUT = 120_000;
const CLI_TIMEOUT = 60_000;

let facade: FacadeHarness | undefined;
let dir: string;
const cleanups: Array<() => Promise<void>> = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'job-cli-test-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await facade?.close();
  facade = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** A facade with auth on, LeadLex holding `deals`, and small calls: MAX_IDS_PER_CALL 500. */
async function start(deals: Array<{ id: string; locked?: boolean }>, env: Record<string, string> = {}, latencyMs = 0): Promise<FacadeHarness> {
  facade = await startFacade({ env: { ...AUTH_ENV, MAX_IDS_PER_CALL: '500', ...env }, leadlex: { deals, latencyMs } });
  return facade;
}

function cliEnv(token: string = KEY): Record<string, string> {
  return { FACADE_TOKEN: token };
}

async function writeIds(name: string, lines: readonly string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

async function jobs(f: FacadeHarness): Promise<Array<{ id: string; status: string; target: string; progress: { requestedCount: number } }>> {
  const answer = await f.graphql(JOB_OPS.list, { first: 10 }, AUTH);
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data!.jobs.edges.map((e) => e.node);
}

async function readResults(path: string): Promise<Array<{ id: string; outcome: string; code: string | null }>> {
  return (await readFile(path, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));
}

function dealIds(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `deal-${from + i}`);
}

describe('npm run job', () => {
  it('uploads a file of several calls\' worth, shows progress, and writes the results the job has', async () => {
    const f = await start(dealIds(1, 1000).map((id) => ({ id })));
    // 1,200 distinct IDs over 1,203 lines: blank lines, a CRLF line and a duplicate count once.
    const ids = dealIds(1, 1200);
    const file = await writeIds('ids.txt', [...ids.slice(0, 600), '', `${ids[600]}\r`, ...ids.slice(601), ids[0] as string, '  ']);
    const out = join(dir, 'results.ndjson');

    const run = await runCli(['--url', `${f.url}/graphql`, '--target', 'deals', '--ids-file', file, '--out', out, '--poll-interval', '100'], { env: cliEnv() });

    expect(run.stderr).not.toMatch(/^(Unexpected error|Warning)/m);
    expect(run.code).toBe(0);
    const [job] = await jobs(f);
    expect(job).toMatchObject({ status: 'COMPLETED', target: 'DEALS', progress: { requestedCount: 1200 } });
    expect(run.stdout).toBe(`Job ${job!.id} COMPLETED: 1,200 requested | 1,000 deleted | 200 not found | 0 failed\nResults: ${out} (1,200 lines)\n`);
    // Progress: the upload, the job's statuses, its counts.
    expect(run.stderr).toContain(`Job ${job!.id} (DEALS) is OPEN: uploading 1,201 IDs in calls of at most 500.`);
    expect(run.stderr).toMatch(/Uploaded 1,201\/1,201 IDs/);
    expect(run.stderr).toContain(`Job ${job!.id}: COMPLETED`);
    expect(run.stderr).toContain('Progress 1,200/1,200 processed | deleted 1,000 | not found 200 | failed 0 | COMPLETED');
    // The facade took the file in three calls of at most 500 IDs.
    const adds = f.logs.filter((line) => line.includes('"operation":"mutation CliAddJobIds"'));
    const creates = f.logs.filter((line) => line.includes('"operation":"mutation CliCreateJob"'));
    expect([creates.length, adds.length]).toEqual([1, 2]);

    const results = await readResults(out);
    expect(results.map((r) => r.id)).toEqual(ids);
    expect(results.filter((r) => r.outcome === 'deleted').map((r) => r.id)).toEqual(dealIds(1, 1000));
    expect(results.filter((r) => r.outcome === 'notFound').map((r) => r.id)).toEqual(dealIds(1001, 1200));
    expect(f.leadlex.deletedIds.toSorted()).toEqual(dealIds(1, 1000).toSorted());
    expect(`${run.stdout}${run.stderr}`).not.toContain(KEY);
  }, JOB_TIMEOUT);

  it('follows the job live over graphql-ws: with polling slowed to ten minutes it still sees the job end', async () => {
    const f = await start(dealIds(1, 1200).map((id) => ({ id })), { BATCH_CONCURRENCY: '1' }, 200);
    const file = await writeIds('ids.txt', dealIds(1, 1200));
    const run = await runCli(['--url', `${f.url}/graphql`, '--target', 'deals', '--ids-file', file, '--poll-interval', '600000'], { env: cliEnv(), cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('Live updates unavailable');
    expect(run.stderr).toMatch(/: RUNNING\n[^]*: COMPLETED\n/);
    expect(run.stdout).toMatch(/COMPLETED: 1,200 requested \| 1,200 deleted/);
  }, JOB_TIMEOUT);

  it('falls back to polling where the facade serves no WebSocket, and says so', async () => {
    // LeadLex answers slowly, so the job is still running when the refused upgrade is noticed (a
    // job that ended first would rightly need no notice).
    const f = await start(dealIds(1, 3).map((id) => ({ id })), { WS_MAX_SUBSCRIPTIONS_PER_CLIENT: '0' }, 700);
    const file = await writeIds('ids.txt', dealIds(1, 3));
    const run = await runCli(['--url', `${f.url}/graphql`, '--target', 'deals', '--ids-file', file, '--poll-interval', '100'], { env: cliEnv(), cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Live updates unavailable \(.+\); reading the job every 100 ms instead\./);
    expect(run.stdout).toMatch(/COMPLETED: 3 requested \| 3 deleted/);
  }, JOB_TIMEOUT);

  it('reads standard input, and exits 3 when IDs failed, with the failures in the results', async () => {
    const f = await start([{ id: 'deal-1' }, { id: 'deal-2', locked: true }]);
    const out = join(dir, 'out.ndjson');
    const run = await runCli(['--url', `${f.url}/graphql`, '--target', 'DEALS', '--ids-file', '-', '--out', out, '--poll-interval', '100'], { env: cliEnv(), stdin: 'deal-1\ndeal-2\ndeal-3\n' });
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/COMPLETED: 3 requested \| 1 deleted \| 1 not found \| 1 failed/);
    const results = await readResults(out);
    expect(results.map((r) => r.id)).toEqual(['deal-1', 'deal-2', 'deal-3']);
    expect(results[1]).toMatchObject({ outcome: 'failed', code: 'REJECTED' });
    expect(f.leadlex.deletedIds).toEqual(['deal-1']);
  }, JOB_TIMEOUT);

  it('stops watching on Ctrl-C without cancelling, and --job picks the job up again to its results', async () => {
    // Slow batches of 500, one at a time: the job is still running when the operator leaves.
    const f = await start(dealIds(1, 1500).map((id) => ({ id })), { BATCH_CONCURRENCY: '1' }, 700);
    const file = await writeIds('ids.txt', dealIds(1, 1500));
    const run = startCli(['--url', `${f.url}/graphql`, '--target', 'deals', '--ids-file', file, '--poll-interval', '100'], { env: cliEnv(), cwd: dir });
    await run.waitForStderr(/: RUNNING/);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    const [job] = await jobs(f);
    expect(run.stderr).toContain(`Stopped watching job ${job!.id}. It was not cancelled and goes on.`);
    expect(run.stderr).toContain(`npm run job -- --job ${job!.id} --url ${f.url}/graphql`);
    expect(['RUNNING', 'QUEUED', 'COMPLETED']).toContain(job!.status);

    const resumed = await runCli(['--url', `${f.url}/graphql`, '--job', job!.id, '--poll-interval', '100'], { env: cliEnv(), cwd: dir });
    expect(resumed.code).toBe(0);
    const out = join(dir, `${job!.id.replace(/[^A-Za-z0-9_-]/g, '_')}.ndjson`);
    expect(resumed.stdout).toContain(`Results: ${out} (1,500 lines)`);
    expect((await readResults(out)).every((r) => r.outcome === 'deleted')).toBe(true);
    expect(f.leadlex.deletedIds).toHaveLength(1500);
  }, JOB_TIMEOUT);

  it('--cancel cancels the job: the batch in flight lands, the rest is NOT_ATTEMPTED, exit 4', async () => {
    // Three batches one at a time; the second is answered 20 s late, so it is in flight when the
    // operator cancels (the vendor has already deleted it when the answer is held back).
    const f = await start(dealIds(1, 1500).map((id) => ({ id })), { BATCH_CONCURRENCY: '1', UPSTREAM_TIMEOUT_MS: '60000' });
    f.leadlex.faultPlan((_req, index) => (index === 1 ? { delayMs: 20_000 } : undefined));
    const file = await writeIds('ids.txt', dealIds(1, 1500));
    const run = startCli(['--url', `${f.url}/graphql`, '--target', 'deals', '--ids-file', file, '--poll-interval', '100'], { env: cliEnv(), cwd: dir });
    await run.waitForStderr(/Progress 500\/1,500 processed/);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    const [job] = await jobs(f);

    const out = join(dir, 'cancelled.ndjson');
    const cancelled = await runCli(['--url', `${f.url}/graphql`, '--job', job!.id, '--cancel', '--out', out, '--poll-interval', '100'], { env: cliEnv() });
    expect(cancelled.stderr).toContain(`Job ${job!.id}: cancel requested`);
    expect(cancelled.code).toBe(4);
    expect(cancelled.stdout).toContain(`Job ${job!.id} CANCELLED: 1,500 requested | 1,000 deleted | 0 not found | 500 failed`);
    const results = await readResults(out);
    expect(results.filter((r) => r.outcome === 'deleted').map((r) => r.id)).toEqual(dealIds(1, 1000));
    expect(results.filter((r) => r.code === 'NOT_ATTEMPTED').map((r) => r.id)).toEqual(dealIds(1001, 1500));
    expect(f.leadlex.deletedIds.toSorted()).toEqual(dealIds(1, 1000).toSorted());
  }, JOB_TIMEOUT);

  it('run again after an upload cut off midway, the same command finds the job and finishes it', async () => {
    const f = await start(dealIds(1, 1200).map((id) => ({ id })));
    const file = await writeIds('ids.txt', dealIds(1, 1200));
    // The second chunk never gets an answer: the connection a crash or a network cut leaves.
    const proxy = await startHoldingProxy(f.url, (body) => body.includes('addBulkDeleteJobIds'));
    cleanups.push(() => proxy.close());
    const cut = startCli(['--url', `${proxy.url}/graphql`, '--target', 'deals', '--ids-file', file, '--poll-interval', '100'], { env: cliEnv(), cwd: dir });
    await cut.waitForStderr(/Uploading 1,200 IDs/);
    await expect.poll(() => proxy.held(), { timeout: 10_000 }).toBe(1);
    cut.child.kill('SIGKILL');
    await cut.exited;
    const [open] = await jobs(f);
    expect(open).toMatchObject({ status: 'OPEN', progress: { requestedCount: 500 } });

    const again = await runCli(['--url', `${f.url}/graphql`, '--target', 'deals', '--ids-file', file, '--poll-interval', '100'], { env: cliEnv(), cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`Job ${open!.id} (DEALS) is OPEN: uploading 1,200 IDs`);
    expect(await jobs(f)).toEqual([expect.objectContaining({ id: open!.id, status: 'COMPLETED', progress: { requestedCount: 1200 } })]);
    expect(f.leadlex.deletedIds).toHaveLength(1200);

    // Once more: the job has run, so it is only read again, never created or sent twice.
    const third = await runCli(['--url', `${f.url}/graphql`, '--target', 'deals', '--ids-file', file, '--poll-interval', '100'], { env: cliEnv(), cwd: dir });
    expect(third.code).toBe(0);
    expect(third.stderr).toContain(`Job ${open!.id} was created from this file earlier and is COMPLETED: watching it.`);
    expect(await jobs(f)).toHaveLength(1);
    expect(f.leadlex.received.filter((r) => r.method === 'POST')).toHaveLength(3);
  }, JOB_TIMEOUT);

  it('a dry run and another file are other jobs than the first file\'s', async () => {
    const f = await start(dealIds(1, 3).map((id) => ({ id })));
    const file = await writeIds('ids.txt', dealIds(1, 3));
    const other = await writeIds('other.txt', dealIds(1, 2));
    const url = `${f.url}/graphql`;
    const dry = await runCli(['--url', url, '--target', 'deals', '--ids-file', file, '--dry-run', '--poll-interval', '100'], { env: cliEnv(), cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/3 requested \| 3 would be deleted \(dry run\)/);
    expect(f.leadlex.deletedIds).toEqual([]);
    expect((await runCli(['--url', url, '--target', 'deals', '--ids-file', other, '--poll-interval', '100'], { env: cliEnv(), cwd: dir })).code).toBe(0);
    expect(await jobs(f)).toHaveLength(2);
  }, JOB_TIMEOUT);

  describe('refuses, before creating anything', () => {
    // One facade for the refusals: none of them may leave a job or a call behind.
    let shared: FacadeHarness;
    beforeAll(async () => {
      shared = await startFacade({ env: { ...AUTH_ENV, MAX_IDS_PER_CALL: '500' }, leadlex: { deals: [{ id: 'deal-1' }] } });
    });
    afterAll(async () => {
      await shared.close();
    });
    afterEach(async () => {
      expect(await jobs(shared)).toEqual([]);
      expect([shared.stoq.received, shared.kore.received, shared.leadlex.received]).toEqual([[], [], []]);
    });

    const TOKEN_ARG = 'bdf_pasted-on-the-command-line-SECRET';
    it.each([
      ['an unknown target', ['--target', 'widgets', '--ids-file', 'IDS'], 2, /^Unknown target: use one of contacts, deals, intents\./],
      ['a missing target', ['--ids-file', 'IDS'], 2, /^--target is missing/],
      ['a missing file', ['--target', 'deals', '--ids-file', '/nonexistent/ids.txt'], 2, /--ids-file \/nonexistent\/ids.txt cannot be read \(ENOENT\)/],
      ['a file with a bad line', ['--target', 'deals', '--ids-file', 'BAD'], 2, /bad.txt line 3: the ID contains a control character/],
      ['a URL that is not one', ['--url', 'not a url', '--target', 'deals', '--ids-file', 'IDS'], 2, /^--url is not a URL/],
      ['a URL of another scheme', ['--url', 'ftp://127.0.0.1/graphql', '--target', 'deals', '--ids-file', 'IDS'], 2, /^--url must be an http:\/\/ or https:\/\/ URL/],
      ['credentials in the URL', ['--url', 'http://ops:SECRET-pw@127.0.0.1/graphql', '--target', 'deals', '--ids-file', 'IDS'], 2, /^--url carries credentials: put them in FACADE_TOKEN/],
      ['a token on the command line', ['--token', TOKEN_ARG, '--target', 'deals', '--ids-file', 'IDS'], 2, /^Unknown option '--token'\. Credentials are read from FACADE_TOKEN/],
      ['a stray argument', [TOKEN_ARG, '--target', 'deals', '--ids-file', 'IDS'], 2, /^This command takes no positional arguments/],
      ['--cancel without --job', ['--cancel', '--target', 'deals', '--ids-file', 'IDS'], 2, /^--cancel needs --job/],
      ['--job with upload options', ['--job', 'j-1', '--dry-run'], 2, /^--job watches a job that exists; leave out --dry-run/],
      ['a job that does not exist', ['--job', 'no-such-job'], 2, /^No job "no-such-job" for this client/],
    ] as const)('%s', async (_name, args, code, message) => {
      const f = shared;
      const ids = await writeIds('ids.txt', ['deal-1']);
      const bad = await writeIds('bad.txt', ['deal-1', 'deal-2', 'deal\u0007-3']);
      const argv = args.map((a) => (a === 'IDS' ? ids : a === 'BAD' ? bad : a));
      const withUrl = argv.includes('--url') ? argv : ['--url', `${f.url}/graphql`, ...argv];
      const run = await runCli(withUrl, { env: cliEnv() });
      expect(run.code).toBe(code);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/SECRET/);
    }, CLI_TIMEOUT);

    it.each([
      ['dryRun', 'intents', ['--dry-run'], { target: 'INTENTS', dryRun: true }],
      ['skipSent', 'deals', ['--skip-sent'], { target: 'DEALS', skipSent: true }],
      ['streamId', 'intents', ['--stream-id', 'st-test'], { target: 'INTENTS', streamId: 'st-test' }],
    ] as const)('an option of another target (%s), in the facade\'s own words', async (_option, target, flags, input) => {
      const f = shared;
      const ids = await writeIds('ids.txt', ['deal-1']);
      const server = await f.graphql(JOB_OPS.create, { input: { ...input, ids: ['x'] } }, AUTH);
      const serverMessage = server.body.errors?.[0]?.message;
      expect(server.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const run = await runCli(['--url', `${f.url}/graphql`, '--target', target, '--ids-file', ids, ...flags], { env: cliEnv() });
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toBe(serverMessage);
    }, CLI_TIMEOUT);

    it('a facade that cannot be reached', async () => {
      const f = await start([{ id: 'deal-1' }]);
      const url = `${f.url}/graphql`;
      await f.close();
      facade = undefined;
      const ids = await writeIds('ids.txt', ['deal-1']);
      const run = await runCli(['--url', url, '--target', 'deals', '--ids-file', ids], { env: cliEnv() });
      expect(run.code).toBe(6);
      expect(run.stderr).toMatch(new RegExp(`^Cannot reach the facade at ${url}: ECONNREFUSED`));
    }, CLI_TIMEOUT);

    it.each([
      ['a wrong API key', `${KEY.slice(0, -2)}xx`, /The API key is not valid.*\(UNAUTHENTICATED\)/],
      ['no credential where one is required', '', /requires authentication.*\(UNAUTHENTICATED\)/],
      ['a key without the target\'s scope', DEALS_ONLY, /may not delete INTENTS: its credential lacks the intents:delete scope \(FORBIDDEN\)/],
    ])('%s, never printing the token', async (_name, token, message) => {
      const f = shared;
      const ids = await writeIds('ids.txt', ['deal-1']);
      const run = await runCli(['--url', `${f.url}/graphql`, '--target', 'intents', '--ids-file', ids], { env: token === '' ? {} : cliEnv(token) });
      expect(run.code).toBe(6);
      expect(run.stderr).toMatch(message);
      if (token !== '') expect(`${run.stdout}${run.stderr}`).not.toContain(token);
    }, CLI_TIMEOUT);
  });

  it('shows another client\'s job to nobody: --job with it is refused as unknown', async () => {
    const f = await start([{ id: 'deal-1' }]);
    const created = await f.graphql(JOB_OPS.create, { input: { target: 'DEALS', ids: ['deal-1'], start: false } }, { authorization: `Bearer ${DEALS_ONLY}` });
    const id = created.body.data?.job?.id ?? '';
    expect(id).toBeTruthy();
    const run = await runCli(['--url', `${f.url}/graphql`, '--job', id, '--cancel'], { env: cliEnv() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No job ".+" for this client/);
    const still = await f.graphql(JOB_OPS.get, { id }, { authorization: `Bearer ${DEALS_ONLY}` });
    expect(still.body.data?.job?.status).toBe('OPEN');
  }, CLI_TIMEOUT);

  it('prints its usage with --help and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage:\n {2}npm run job -- --target intents\|contacts\|deals --ids-file <path\|->/);
    expect(run.stdout).toMatch(/Exit codes: 0 completed, no failures; 2 usage/);
  }, CLI_TIMEOUT);
});
