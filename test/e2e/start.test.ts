import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnFacade, type FacadeProcess } from '../helpers/process.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const HASH = `sha256:${'s'.repeat(22)}:${'d'.repeat(43)}`;
/** A closed loopback port: nothing is called at start, so an upstream's URL only has to parse. */
const NOWHERE = 'http://127.0.0.1:9';

let facade: FacadeProcess | undefined;
afterEach(() => {
  facade?.kill();
  facade = undefined;
});

/** The start-up line: the first output line with a `url` field. */
function startupLine(f: FacadeProcess): { msg: string; url: string; mode: string; playground: boolean; upstreams: Record<string, string> } {
  const line = f.output.map((text) => JSON.parse(text) as Record<string, any>).find((entry) => typeof entry.url === 'string');
  if (!line) throw new Error(`no start-up line in:\n${f.output.join('\n')}`);
  return line as ReturnType<typeof startupLine>;
}

/** Whether GET /graphql from a browser gets the playground page. */
async function servesPlayground(url: string): Promise<boolean> {
  const response = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
  await response.arrayBuffer();
  return (response.headers.get('content-type') ?? '').startsWith('text/html');
}

describe('the start-up line says what is really served', () => {
  it('in demo mode with the playground on', async () => {
    facade = await spawnFacade({});
    const line = startupLine(facade);
    expect(line).toMatchObject({ mode: 'demo', playground: true, upstreams: { stoq: 'demo simulator', kore: 'demo simulator', leadlex: 'demo simulator' } });
    expect(line.msg).toMatch(/^DEMO MODE: .*nothing real is deleted/);
    expect(line.msg).toContain(`playground at ${facade.url}/graphql`);
    expect(await servesPlayground(facade.url)).toBe(true);
  });

  it('in demo mode with PLAYGROUND=false: no playground claimed, none served', async () => {
    facade = await spawnFacade({ PLAYGROUND: 'false' });
    const line = startupLine(facade);
    expect(line).toMatchObject({ mode: 'demo', playground: false });
    expect(line.msg).not.toMatch(/playground at/);
    expect(line.msg).toMatch(/playground off$/);
    expect(await servesPlayground(facade.url)).toBe(false);
  });

  it('live in production: the upstreams configured and not, and the playground off', async () => {
    facade = await spawnFacade({ NODE_ENV: 'production', AUTH_API_KEYS: `crm * ${HASH}`, LEADLEX_API_URL: NOWHERE, LEADLEX_API_KEY: 'wbk_start-key', STOQ_API_URL: NOWHERE, STOQ_API_KEY: 'stoq-start-key' });
    const line = startupLine(facade);
    expect(line).toMatchObject({ mode: 'live', playground: false, upstreams: { stoq: 'configured', kore: 'not configured', leadlex: 'configured' } });
    expect(line.msg).toBe(`Serving ${facade.url}/graphql, live against stoq, leadlex; not configured: kore (its mutation answers NOT_CONFIGURED); playground off`);
    expect(await servesPlayground(facade.url)).toBe(false);
  });

  it('live in development: the playground where it is served', async () => {
    facade = await spawnFacade({ LEADLEX_API_URL: NOWHERE, LEADLEX_API_KEY: 'wbk_start-key' });
    const line = startupLine(facade);
    expect(line).toMatchObject({ mode: 'live', playground: true });
    expect(line.msg).toMatch(/live against leadlex; not configured: stoq, kore \(their mutations answer NOT_CONFIGURED\); playground at http:\/\/127\.0\.0\.1:\d+\/graphql/);
    expect(await servesPlayground(facade.url)).toBe(true);
  });
});

describe('production without a configured upstream (CONTRACT §7)', () => {
  it('refuses to start, naming what to set, instead of serving simulated deletions', () => {
    // A secret that failed to mount: API keys for clients, but no vendor credential at all.
    const run = spawnSync(process.execPath, [MAIN], {
      cwd: mkdtempSync(join(tmpdir(), 'facade-start-')),
      env: { PATH: process.env.PATH ?? '', PORT: '0', NODE_ENV: 'production', AUTH_API_KEYS: `crm * ${HASH}`, STOQ_API_KEY_FILE: '/nonexistent/stoq-key' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/NODE_ENV=production needs at least one upstream configured/);
    for (const name of ['STOQ_API_KEY', 'KORE_JWT', 'KORE_CLIENT_ID', 'KORE_CLIENT_SECRET', 'LEADLEX_API_KEY']) expect(run.stderr).toContain(name);
    expect(run.stdout).not.toMatch(/DEMO MODE|Serving|"url"/);
  });
});
