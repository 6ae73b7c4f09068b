import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ACCOUNTS_SCHEMA_FILE } from '../fixtures/accounts-subgraph/server.ts';

// `npm run supergraph` (scripts/supergraph.ts), run as an operator runs it: a child process of
// the project's Node, with the committed deploy/supergraph.yaml or a config written here.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COMMITTED = join(ROOT, 'deploy/supergraph.graphql');

interface Run { code: number; stdout: string; stderr: string }

function supergraph(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/supergraph.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'supergraph-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Writes `text` to a new file in the test's folder; returns its path. */
function file(text: string, name = `f${++files}`): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A config listing the facade and the accounts example, plus `extra` YAML lines under subgraphs. */
function config(extra = '', facadeUrl = 'http://127.0.0.1:4000/graphql'): string {
  return file(
    [
      'federation_version: =2.14.4',
      'subgraphs:',
      '  bulk-delete:',
      `    routing_url: ${facadeUrl}`,
      '  accounts:',
      '    routing_url: http://127.0.0.1:4001/graphql',
      '    schema:',
      `      file: ${JSON.stringify(ACCOUNTS_SCHEMA_FILE)}`,
      extra,
    ].join('\n'),
    `config${++files}.yaml`,
  );
}

/** The root type's fields with the subgraph each is joined to, from a supergraph's SDL. */
function joinedFields(sdl: string, root: 'Query' | 'Mutation'): Record<string, string> {
  const type = buildSchema(sdl).getType(root) as GraphQLObjectType;
  return Object.fromEntries(
    Object.values(type.getFields()).map((field) => {
      const join = field.astNode?.directives?.find((d) => d.name.value === 'join__field');
      const graph = join?.arguments?.find((a) => a.name.value === 'graph')?.value;
      return [field.name, graph?.kind === 'EnumValue' ? graph.value : 'none'];
    }),
  );
}

describe('npm run supergraph', () => {
  it('the committed deploy/supergraph.graphql is what composing schema/ and deploy/supergraph.yaml gives now', async () => {
    const run = await supergraph(['--check']);
    // On failure: run `npm run supergraph` and commit deploy/supergraph.graphql.
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/up to date/);
  });

  it('composes the facade with the accounts subgraph: both graphs, the three mutations, both Query fields and both rate-limit types', async () => {
    const out = join(dir, 'composed.graphql');
    const run = await supergraph(['--out', out, '--routing-url', 'bulk-delete=http://127.0.0.1:9001/graphql', '--routing-url', 'accounts=http://127.0.0.1:9002/graphql']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Wrote supergraph/);
    const sdl = readFileSync(out, 'utf8');
    expect(sdl).toContain('BULK_DELETE @join__graph(name: "bulk-delete", url: "http://127.0.0.1:9001/graphql")');
    expect(sdl).toContain('ACCOUNTS @join__graph(name: "accounts", url: "http://127.0.0.1:9002/graphql")');
    expect(joinedFields(sdl, 'Mutation')).toEqual({
      bulkDeleteIntents: 'none', bulkDeleteContacts: 'none', bulkDeleteDeals: 'none',
      createBulkDeleteJob: 'none', addBulkDeleteJobIds: 'none', startBulkDeleteJob: 'none', cancelBulkDeleteJob: 'none',
    });
    expect(sdl).toMatch(/type Mutation\s+@join__type\(graph: BULK_DELETE\)\s*\{/);
    expect(joinedFields(sdl, 'Query')).toEqual({ bulkDeleteCapabilities: 'BULK_DELETE', bulkDeleteJob: 'BULK_DELETE', bulkDeleteJobs: 'BULK_DELETE', me: 'ACCOUNTS' });
    // The job is an entity the facade resolves, and the accounts subgraph only refers to by key.
    expect(sdl).toMatch(/type BulkDeleteJob\s+@join__type\(graph: ACCOUNTS, key: "id", resolvable: false\)\s+@join__type\(graph: BULK_DELETE, key: "id"\)/);
    // The accounts subgraph's own `RateLimit { limit remaining }` beside the facade's type.
    expect(sdl).toMatch(/type RateLimit\s+@join__type\(graph: ACCOUNTS\)\s*\{/);
    expect(sdl).toMatch(/type BulkDeleteRateLimit\s+@join__type\(graph: BULK_DELETE\)\s*\{/);
    // Nothing of this machine in the file: the default output is committed.
    expect(sdl.split('\n')[0]).toBe('# Supergraph composed by `npm run supergraph` from deploy/supergraph.yaml: bulk-delete, accounts.');
    expect(sdl).not.toContain(ROOT);
    // The same output again: nothing to write.
    const again = await supergraph(['--out', out, '--routing-url', 'bulk-delete=http://127.0.0.1:9001/graphql', '--routing-url', 'accounts=http://127.0.0.1:9002/graphql']);
    expect(again.stdout).toMatch(/already up to date/);
  });

  it('expands ${env.NAME} in a routing URL, as rover does, and refuses an unset one', async () => {
    const path = config('', '${env.FACADE_ROUTING_URL}');
    const out = join(dir, 'env.graphql');
    const run = await supergraph(['--config', path, '--out', out], { FACADE_ROUTING_URL: 'http://facade.internal:4000/graphql' });
    expect(run.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('url: "http://facade.internal:4000/graphql"');

    const unset = await supergraph(['--config', path, '--out', join(dir, 'env-unset.graphql')]);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/subgraphs\.bulk-delete\.routing_url uses \$\{env\.FACADE_ROUTING_URL\}, but FACADE_ROUTING_URL is not set/);
  });

  it('reports a conflicting subgraph’s composition errors with their codes, exits 1 and writes nothing', async () => {
    const rogue = file('extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [])\ntype Query { lastFailure: BulkDeleteFailure }\ntype BulkDeleteFailure { id: Int! }\n', 'rogue.graphql');
    const path = config(['  rogue:', '    routing_url: http://127.0.0.1:4002/graphql', '    schema:', `      file: ${JSON.stringify(rogue)}`].join('\n'));
    const out = join(dir, 'never-written.graphql');
    const run = await supergraph(['--config', path, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Composition FAILED: \d+ error\(s\) composing bulk-delete, accounts, rogue/);
    expect(run.stderr).toMatch(/\[FIELD_TYPE_MISMATCH\] Type of field "BulkDeleteFailure\.id" is incompatible across subgraphs/);
    expect(run.stderr).toMatch(/\[INVALID_FIELD_SHARING\]/);
    expect(() => statSync(out)).toThrow();
  });

  it('composes a third subgraph that shares BulkDeleteFailure (defined identically, @shareable)', async () => {
    const audit = file(
      [
        'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@shareable"])',
        'type Query { "Failures of past deletes." recentFailures: [BulkDeleteFailure!]! }',
        'type BulkDeleteFailure @shareable { id: ID! code: BulkDeleteFailureCode! message: String! upstreamCode: String }',
        'enum BulkDeleteFailureCode { ALREADY_SENT NOT_ATTEMPTED REJECTED RATE_LIMITED UPSTREAM_ERROR OUTCOME_UNKNOWN }',
      ].join('\n'),
      'audit.graphql',
    );
    const path = config(['  audit:', '    routing_url: http://127.0.0.1:4002/graphql', '    schema:', `      file: ${JSON.stringify(audit)}`].join('\n'));
    const out = join(dir, 'shared.graphql');
    const run = await supergraph(['--config', path, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const sdl = readFileSync(out, 'utf8');
    expect(joinedFields(sdl, 'Query')).toEqual({ bulkDeleteCapabilities: 'BULK_DELETE', bulkDeleteJob: 'BULK_DELETE', bulkDeleteJobs: 'BULK_DELETE', me: 'ACCOUNTS', recentFailures: 'AUDIT' });
    expect(sdl).toMatch(/type BulkDeleteFailure\s+@join__type\(graph: AUDIT\)\s+@join__type\(graph: BULK_DELETE\)/);
  });

  it('--check fails on a stale supergraph and leaves it alone', async () => {
    const stale = file('# an old supergraph\n');
    const run = await supergraph(['--check', '--out', stale]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Supergraph check FAILED: .* is out of date\. Run `npm run supergraph`/);
    expect(readFileSync(stale, 'utf8')).toBe('# an old supergraph\n');
    const missing = await supergraph(['--check', '--out', join(dir, 'missing.graphql')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
  });

  it.each([
    [['--colour'], /Unknown option '--colour'/],
    [['stray'], /Unexpected argument 'stray'/],
    [['--routing-url', 'accounts'], /--routing-url takes <name>=<url>, got "accounts"/],
    [['--routing-url', 'billing=http://127.0.0.1:1/graphql'], /--routing-url names subgraph "billing", which deploy\/supergraph\.yaml does not list \(it lists bulk-delete, accounts\)/],
    [['--routing-url', 'accounts=http://a/graphql', '--routing-url', 'accounts=http://b/graphql'], /names subgraph "accounts" twice/],
  ])('refuses the arguments %j with exit code 2 and the usage', async (args, message) => {
    const run = await supergraph(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/Usage: npm run supergraph/);
  });

  it.each([
    ['a missing config file', () => ['--config', join(dir, 'nope.yaml')], /cannot read the config file .*nope\.yaml: ENOENT/],
    ['invalid YAML', () => ['--config', file('subgraphs: [unclosed\n', 'bad.yaml')], /bad\.yaml is not valid YAML/],
    ['a Federation 1 version', () => ['--config', file('federation_version: 1\nsubgraphs:\n  bulk-delete:\n    routing_url: http://a/graphql\n')], /federation_version must be a Federation 2 version/],
    ['no facade subgraph', () => ['--config', file(`federation_version: "2"\nsubgraphs:\n  accounts:\n    routing_url: http://a/graphql\n    schema:\n      file: ${JSON.stringify(ACCOUNTS_SCHEMA_FILE)}\n`)], /subgraphs must list this facade as "bulk-delete"/],
    ['a typo in a key', () => ['--config', config('    routing-url: http://x/graphql')], /subgraphs\.accounts: unknown key\(s\) "routing-url"/],
    ['a missing routing URL', () => ['--config', config('  billing:\n    schema:\n      sdl: "type Query { invoices: Int }"')], /subgraphs\.billing\.routing_url is missing/],
    ['a routing URL that is not one', () => ['--config', config('', 'facade:4000')], /routing_url: "facade:4000" is not an http\(s\) URL/],
    ['a subgraph without a schema file', () => ['--config', config('  billing:\n    routing_url: http://127.0.0.1:4003/graphql\n    schema:\n      subgraph_url: http://127.0.0.1:4003/graphql')], /subgraphs\.billing\.schema: give schema\.file or schema\.sdl/],
    ['a schema file that does not exist', () => ['--config', config('  billing:\n    routing_url: http://127.0.0.1:4003/graphql\n    schema:\n      file: billing.graphql')], /subgraphs\.billing\.schema\.file: .*billing\.graphql does not exist/],
    ['a schema that does not parse', () => ['--config', config('  billing:\n    routing_url: http://127.0.0.1:4003/graphql\n    schema:\n      sdl: "type Query {"')], /subgraphs\.billing\.schema\.sdl: Syntax Error/],
  ])('refuses %s with exit code 2 and says what is wrong', async (_what, args, message) => {
    const run = await supergraph([...args(), '--out', join(dir, 'never.graphql')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/Usage:/);
  });
});

describe('the router configs in deploy/', () => {
  const facade = 'bulk-delete';
  it('name the facade subgraph as deploy/supergraph.yaml does', () => {
    const supergraphYaml = parseYaml(readFileSync(join(ROOT, 'deploy/supergraph.yaml'), 'utf8')) as { subgraphs: Record<string, unknown> };
    expect(Object.keys(supergraphYaml.subgraphs)).toContain(facade);
    expect(readFileSync(join(ROOT, 'deploy/hive-gateway/gateway.config.ts'), 'utf8')).toContain(`const FACADE = '${facade}';`);
  });

  it('Apollo Router: forwards the facade’s headers to it, lets its errors through, propagates W3C trace context', () => {
    const router = parseYaml(readFileSync(join(ROOT, 'deploy/router/router.yaml'), 'utf8')) as Record<string, any>;
    const rules = router.headers.subgraphs[facade].request.operations as Array<{ propagate?: { named: string } }>;
    expect(rules.map((rule) => rule.propagate?.named)).toEqual(['authorization', 'x-request-id', 'apollographql-client-name', 'apollographql-client-version']);
    expect(router.headers.all).toBeUndefined();
    expect(router.include_subgraph_errors).toEqual({ all: false, subgraphs: { [facade]: true } });
    expect(router.telemetry.exporters.tracing.propagation).toEqual({ trace_context: true });
    expect(router.traffic_shaping.subgraphs[facade].timeout).toBe('300s');
    expect(router.supergraph.introspection).toBe(false);
  });
});
