import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnFacade, type FacadeProcess } from '../helpers/process.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'src/main.ts');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: { start: string } };
const HASH = `sha256:${'s'.repeat(22)}:${'d'.repeat(43)}`;
/** A closed loopback port: nothing is called at start, so an upstream's URL only has to parse. */
const NOWHERE = 'http://127.0.0.1:9';

let facade: FacadeProcess | undefined;
afterEach(() => {
  facade?.kill();
  facade = undefined;
});

// Node's own notice on stderr when the jobs store loads node:sqlite (src/jobs/index.ts says why
// it is left to print); every other line is the facade's JSON.
const SQLITE_NOTICE = /^\(node:\d+\) ExperimentalWarning: SQLite is an experimental feature|^\(Use `node --trace-warnings/;

/** The start-up line: the first output line with a `url` field. */
function startupLine(f: FacadeProcess): { msg: string; url: string; mode: string; playground: boolean; upstreams: Record<string, string> } {
  const json = f.output.filter((text) => !SQLITE_NOTICE.test(text));
  const line = json.map((text) => JSON.parse(text) as Record<string, any>).find((entry) => typeof entry.url === 'string' && typeof entry.mode === 'string');
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

describe('production without a configured upstream (docs/contract.md §7)', () => {
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

/** The Node version the project needs, from package.json's `engines` (">=22.18"). */
const REQUIRED = /^>=(\d+)\.(\d+)$/.exec(PACKAGE.engines.node)?.slice(1).map(Number) ?? [];

function versionOf(binary: string): number[] | null {
  const run = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /^v(\d+)\.(\d+)\./.exec(run.stdout ?? '');
  return match ? [Number(match[1]), Number(match[2])] : null;
}

const olderThanRequired = (version: number[]): boolean =>
  (version[0] ?? 0) < (REQUIRED[0] ?? 0) || (version[0] === REQUIRED[0] && (version[1] ?? 0) < (REQUIRED[1] ?? 0));

/**
 * A Node older than the project needs: the machine's own (/usr/bin/node on Debian, as CI has),
 * or any `node` on PATH outside node_modules (whose `node` is the devDependency).
 */
function findOlderNode(): { binary: string; version: string } | null {
  const onPath = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '' && !dir.includes('node_modules')).map((dir) => join(dir, 'node'));
  for (const binary of [...new Set(['/usr/bin/node', '/usr/local/bin/node', ...onPath])]) {
    const version = versionOf(binary);
    if (version && olderThanRequired(version)) return { binary, version: version.join('.') };
  }
  return null;
}

/** The start script's arguments after `node` (it must be a plain `node <file>` to run on any Node). */
function startArgs(): string[] {
  const [command, ...args] = PACKAGE.scripts.start.split(/\s+/);
  expect(command).toBe('node');
  return args;
}

describe('npm start on the Node it finds', () => {
  const older = findOlderNode();
  if (older === null) {
    const message = `no Node older than ${REQUIRED.join('.')} on this machine (/usr/bin/node, PATH), so the old-Node start cannot be tested`;
    if (process.env.CI) throw new Error(`${message}; CI has one (system Node)`);
    console.warn(`SKIPPED: ${message}`);
  }

  it('reads the needed version from package.json', () => {
    expect(REQUIRED).toHaveLength(2);
  });

  it.skipIf(older === null)('on an older Node, fails with one line naming the needed version, no stack trace', () => {
    const run = spawnSync(older!.binary, startArgs(), { cwd: ROOT, env: { PATH: process.env.PATH ?? '', PORT: '0' }, encoding: 'utf8', timeout: 15_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`needs Node.js ${REQUIRED.join('.')} or newer`);
    expect(lines[0]).toContain(`this is Node.js ${older!.version}.`);
    expect(run.stderr).not.toMatch(/ERR_|\n\s+at /);
  });

  it('on the Node it needs, starts the facade', async () => {
    const child = spawn(process.execPath, startArgs(), { cwd: ROOT, env: { PATH: process.env.PATH ?? '', PORT: '0', PLAYGROUND: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let output = '';
        const onData = (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const found = output.split('\n').find((text) => text.includes('"url"'));
          if (found) resolve(found);
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
      expect(JSON.parse(line)).toMatchObject({ mode: 'demo', playground: false });
    } finally {
      child.kill('SIGKILL');
    }
  });
});
