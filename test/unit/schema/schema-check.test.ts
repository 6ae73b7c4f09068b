import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCHEMA_DIR = join(ROOT, 'schema');

interface Run {
  code: number;
  output: string;
}

/** Runs a file under the project's node, from `cwd`; resolves with its exit code and stdout+stderr. */
function run(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

let dir: string;
let schemaDir: string;
let snapshot: string;

/** Copies schema/*.graphql (not the snapshot folder) into a temporary folder. */
function copySchema(to: string): void {
  cpSync(SCHEMA_DIR, to, { recursive: true, filter: (source) => !source.includes('snapshot') });
}

/** Rewrites one temporary schema file. */
function edit(file: string, change: (sdl: string) => string): void {
  const path = join(schemaDir, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
}

const check = (): Promise<Run> =>
  run(['scripts/schema-check.ts', '--schema-dir', schemaDir, '--snapshot', snapshot]);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'schema-check-'));
  schemaDir = join(dir, 'schema');
  snapshot = join(dir, 'snapshot', 'schema.graphql');
  copySchema(schemaDir);
  const written = await run(['scripts/schema-snapshot.ts', '--schema-dir', schemaDir, '--snapshot', snapshot]);
  expect(written.code).toBe(0);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('schema:check', () => {
  it('passes on the committed schema against the committed snapshot', async () => {
    const result = await run(['scripts/schema-check.ts']);
    expect(result.output).toContain('Schema check passed');
    expect(result.code).toBe(0);
  });

  it('keeps federation machinery out of the snapshot', () => {
    const sdl = readFileSync(snapshot, 'utf8').replace(/^#.*\n/gm, '');
    expect(sdl).toContain('type Mutation');
    expect(sdl).not.toMatch(/_service|_Service|_Any|@link|link__|federation__/);
  });

  it('passes when the schema matches its snapshot', async () => {
    const result = await check();
    expect(result.code).toBe(0);
  });

  it('fails with BREAKING when a field is removed', async () => {
    edit('result.graphql', (sdl) => sdl.replace(/\s*"When the window resets[^\n]*\n\s*resetAt: String\n/, '\n'));
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.output).toContain('BREAKING');
    expect(result.output).toContain("Field 'resetAt' was removed from object type 'BulkDeleteRateLimit'");
  });

  it('reports an added field as NON_BREAKING and fails until the snapshot is updated', async () => {
    edit('result.graphql', (sdl) =>
      sdl.replace('  resetAt: String\n', '  resetAt: String\n  "When the budget was read."\n  readAt: String\n'),
    );
    const result = await check();
    expect(result.output).toContain('NON_BREAKING changes: 2');
    expect(result.output).toContain("Field 'readAt' was added to object type 'BulkDeleteRateLimit'");
    expect(result.output).not.toContain('BREAKING changes (');
    expect(result.output).toContain('snapshot is out of date');
    expect(result.output).toContain('npm run schema:snapshot');
    expect(result.code).toBe(1);
  });

  it('fails when the snapshot is missing', async () => {
    rmSync(snapshot);
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.output).toContain('no schema snapshot');
  });

  it('rejects an unknown argument with exit code 2', async () => {
    const result = await run(['scripts/schema-check.ts', '--shcema-dir', schemaDir]);
    expect(result.code).toBe(2);
  });
});

describe('lint (@graphql-eslint over schema/*.graphql)', () => {
  const eslint = (cwd: string): Promise<Run> => run([join(ROOT, 'node_modules/eslint/bin/eslint.js'), 'schema'], cwd);

  it('passes on the real schema', async () => {
    const result = await eslint(ROOT);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails on a schema with a field missing its description', async () => {
    // A project of its own: the config, a schema copy, and the real node_modules.
    cpSync(join(ROOT, 'eslint.config.js'), join(dir, 'eslint.config.js'));
    cpSync(join(ROOT, 'eslint'), join(dir, 'eslint'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    edit('result.graphql', (sdl) => sdl.replace('  "Requests (or points) allowed in the window."\n', ''));
    const result = await eslint(dir);
    expect(result.code).toBe(1);
    expect(result.output).toContain('Description is required for field "limit" in type "BulkDeleteRateLimit"');
    expect(result.output).toContain('require-description');
  });
});
