import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MUTATIONS, type FacadeHarness } from '../helpers/facade.ts';
import { expectError, expectResult, startSeeded } from '../helpers/e2e.ts';

// `npm run apikey` (scripts/apikey.ts), run as an operator runs it: a child process of the
// project's Node. What it prints is configured as is, and the printed key authenticates.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run { code: number; stdout: string; stderr: string }

function apikey(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/apikey.ts', ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The key and the AUTH_API_KEYS line from the script's text output. */
function parseOutput(stdout: string): { key: string; line: string } {
  const lines = stdout.split('\n').map((l) => l.trim());
  const key = lines.find((l) => l.startsWith('bdf_'));
  const line = lines.find((l) => / sha256:/.test(l));
  if (key === undefined || line === undefined) throw new Error(`no key or line in:\n${stdout}`);
  return { key, line };
}

let facade: FacadeHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

describe('npm run apikey', () => {
  it('prints a key and the line that configures it; the key then authenticates end to end', async () => {
    const run = await apikey('--name', 'ops-console', '--scopes', 'intents:delete,deals:delete');
    expect(run.code).toBe(0);
    const { key, line } = parseOutput(run.stdout);
    expect(key).toMatch(/^bdf_[A-Za-z0-9_-]{43}$/);
    expect(line).toMatch(/^ops-console intents:delete,deals:delete sha256:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{43}$/);
    expect(line).not.toContain(key.slice(4));

    facade = await startSeeded({ env: { NODE_ENV: 'production', AUTH_API_KEYS: line } });
    const headers = { authorization: `Bearer ${key}` };
    expect(expectResult(await facade.graphql(MUTATIONS.deals, { input: { ids: ['x1'] } }, headers))).toMatchObject({ deletedCount: 1 });
    expect(expectResult(await facade.graphql(MUTATIONS.intents, { input: { ids: ['x1'] } }, headers))).toMatchObject({ deletedCount: 1 });
    expectError(await facade.graphql(MUTATIONS.contacts, { input: { ids: ['x1'] } }, headers), { code: 'FORBIDDEN' });
    expect((await facade.graphql(MUTATIONS.deals, { input: { ids: ['x2'] } }, { authorization: `Bearer ${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}` })).status).toBe(401);
    expect(facade.kore.received).toEqual([]);
  });

  it('prints a new key and salt on every run', async () => {
    const [a, b] = await Promise.all([apikey('--name', 'ci', '--scopes', '*'), apikey('--name', 'ci', '--scopes', '*')]);
    const [first, second] = [parseOutput(a.stdout), parseOutput(b.stdout)];
    expect(first.key).not.toBe(second.key);
    expect(first.line).not.toBe(second.line);
    expect(first.line).toMatch(/^ci \* sha256:/);
  });

  it('prints JSON with --json', async () => {
    const run = await apikey('--name', 'crm-sync', '--scopes', 'contacts:delete', '--json');
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { name: string; scopes: string[]; key: string; line: string };
    expect(printed).toMatchObject({ name: 'crm-sync', scopes: ['contacts:delete'] });
    expect(printed.line.startsWith('crm-sync contacts:delete sha256:')).toBe(true);
    facade = await startSeeded({ env: { AUTH_REQUIRED: 'true', AUTH_API_KEYS: printed.line } });
    expectResult(await facade.graphql(MUTATIONS.contacts, { input: { ids: ['x1'] } }, { authorization: `Bearer ${printed.key}` }));
  });

  it.each([
    [[], /--name is required/],
    [['--name', 'ci'], /--scopes is required/],
    [['--name', 'bad name', '--scopes', '*'], /may hold only/],
    [['--name', 'anonymous', '--scopes', '*'], /reserved/],
    [['--name', 'ci', '--scopes', 'deals:delete,admin'], /unknown \["admin"\]/],
    [['--name', 'ci', '--scopes', 'deals:delete', '--colour'], /Unknown option/],
  ])('refuses %j with exit code 2 and the usage, printing no key', async (args, message) => {
    const run = await apikey(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Usage: npm run apikey');
    expect(run.stdout).not.toContain('bdf_');
  });
});
