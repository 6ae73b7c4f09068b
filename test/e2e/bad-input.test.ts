import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MUTATIONS, SECRETS, toQuery, type FacadeHarness } from '../helpers/facade.ts';
import { mutate, startSeeded } from '../helpers/e2e.ts';

let facade: FacadeHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

function untouched(f: FacadeHarness): void {
  expect([f.stoq.received.length, f.kore.received.length, f.leadlex.received.length]).toEqual([0, 0, 0]);
}

async function post(f: FacadeHarness, body: string | Uint8Array, contentType = 'application/json'): Promise<{ status: number; json: any }> {
  const response = await fetch(`${f.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) };
}

describe('bad input from the client', () => {
  it('sends unicode IDs (accents, CJK, emoji) exactly as given', async () => {
    const ids = ['déal-é', '商机-42', 'deal-🚀', 'ZWJ-👩‍💻'];
    facade = await startSeeded({}, ids);
    const answer = await mutate(facade, 'deals', { ids });
    expect(answer.body.data?.result).toMatchObject({ deletedCount: 4, deletedIds: ids });
    expect((facade.leadlex.received[0]?.json as { deal_ids: string[] }).deal_ids).toEqual(ids);
  });

  it.each([
    ['a NUL', 'a\u0000b'],
    ['an escape sequence', '\u001b[31mred'],
    ['a newline', 'line\nbreak'],
    ['a C1 control', 'x\u0085y'],
    ['a line separator', 'x\u2028y'],
    ['DEL', 'x\u007fy'],
  ])('refuses an ID with %s before any upstream call', async (_name, id) => {
    facade = await startSeeded();
    const answer = await mutate(facade, 'deals', { ids: ['x1', id] });
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.body.errors?.[0]?.message).toMatch(/ids\[1\].*control character/);
    untouched(facade);
  });

  it('refuses a 10 MB ID list with 413 before reading it all', async () => {
    facade = await startSeeded();
    const ids = Array.from({ length: 400_000 }, (_, i) => `deal-${String(i).padStart(20, '0')}`);
    const body = JSON.stringify({ query: toQuery(MUTATIONS.deals), variables: { input: { ids } } });
    expect(body.length).toBeGreaterThan(10_000_000);
    const answer = await post(facade, body);
    expect(answer.status).toBe(413);
    expect(answer.json.errors[0].message).toMatch(/MAX_REQUEST_BYTES/);
    untouched(facade);
  });

  it('refuses a list over MAX_IDS_PER_CALL when the body limit lets it through', async () => {
    facade = await startSeeded({ env: { MAX_REQUEST_BYTES: String(64 * 1024 * 1024) } });
    const ids = Array.from({ length: 400_000 }, (_, i) => `deal-${i}`);
    const answer = await mutate(facade, 'deals', { ids });
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.body.errors?.[0]?.message).toMatch(/400000 entries; at most 10000/);
    untouched(facade);
  });

  it('refuses JSON nested 200,000 levels deep without crashing', async () => {
    facade = await startSeeded();
    const answer = await post(facade, `{"query":"{ __typename }","variables":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    expect(answer.status).toBe(400);
    expect((await fetch(`${facade.url}/healthz`)).status).toBe(200);
  });

  it('refuses variables of the wrong shape with a message that says what is wrong', async () => {
    facade = await startSeeded();
    // Raw: variables of the wrong type are what an attacker sends; the typed document would refuse them at compile time.
    const answer = await facade.graphql(toQuery(MUTATIONS.deals), { input: { ids: [1, { nested: true }], dryRun: 'yes', __proto__: { polluted: true } } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.body.errors?.[0]?.message).toMatch(/\$input/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    untouched(facade);
  });

  it.each([
    ['an empty body', ''],
    ['a JSON string', '"mutation { x }"'],
    ['null', 'null'],
    ['a number', '42'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ])('answers %s with a 400, never a crash', async (_name, body) => {
    facade = await startSeeded();
    const answer = await post(facade, body);
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].extensions.code).toMatch(/BAD_REQUEST|GRAPHQL_PARSE_FAILED/);
    untouched(facade);
  });
});

describe('bad configuration', () => {
  const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

  function start(envFile: string, env: Record<string, string> = {}): { status: number | null; stderr: string; stdout: string } {
    const cwd = mkdtempSync(join(tmpdir(), 'facade-env-'));
    writeFileSync(join(cwd, '.env'), envFile);
    const run = spawnSync(process.execPath, [main], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 15_000 });
    return { status: run.status, stderr: run.stderr, stdout: run.stdout };
  }

  it('refuses to start on bad .env values, naming every bad variable', () => {
    const run = start('PORT=eighty\nMAX_IDS_PER_CALL=-5\nUPSTREAM_TIMEOUT_MS=1e3\nLOG_LEVEL=loud\nSTOQ_API_URL=ftp://x\n');
    expect(run.status).toBe(1);
    for (const name of ['PORT', 'MAX_IDS_PER_CALL', 'UPSTREAM_TIMEOUT_MS', 'LOG_LEVEL', 'STOQ_API_URL']) expect(run.stderr).toContain(name);
    expect(run.stdout).not.toMatch(/listening|Serving|DEMO MODE/);
  });

  it('never echoes a secret from a bad .env value', () => {
    const run = start(`LEADLEX_API_KEY=${SECRETS.leadlexApiKey} with spaces\nAUTH_JWT_SECRET=short\nNODE_ENV=production\n`);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('LEADLEX_API_KEY');
    expect(run.stderr).toContain('AUTH_JWT_SECRET');
    expect(run.stderr).not.toContain(SECRETS.leadlexApiKey);
    expect(run.stderr).not.toContain('short');
  });

  it('lets the environment win over .env', () => {
    const run = start('PORT=eighty\n', { PORT: 'still-bad-but-different' });
    expect(run.stderr).toContain('still-bad-but-different');
    expect(run.stderr).not.toContain('eighty');
  });

  it('reads a secret from a *_FILE, and refuses one that cannot be read', () => {
    const run = start('STOQ_API_KEY_FILE=/nonexistent/stoq-key\n');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/STOQ_API_KEY_FILE names a file that cannot be read \(ENOENT\)/);
  });
});
