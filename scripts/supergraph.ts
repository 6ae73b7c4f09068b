// npm run supergraph [-- --config <supergraph.yaml> --out <file> --routing-url <name>=<url> … --check]
//
// Composes this facade's subgraph with the subgraphs listed in a rover-style supergraph.yaml
// (default deploy/supergraph.yaml) into the supergraph SDL that Apollo Router and Hive Gateway
// load (default deploy/supergraph.graphql, committed: the supergraph test fails when it is
// stale). The facade's SDL is always built from schema/*.graphql, exactly what its
// `_service { sdl }` answers, so composing needs no running facade; every other subgraph needs
// `schema.file` (relative to the config file, as rover resolves it) or `schema.sdl`.
//
// Routing URLs: `${env.NAME}` in the config expands as rover expands it (an unset NAME is an
// error), and `--routing-url <name>=<url>` (repeatable) overrides a subgraph's, for tests and
// for environments whose URLs differ from the committed ones.
//
// Exit codes: 0 written (or, with --check, already up to date); 1 composition failed, or with
// --check the output differs; 2 bad arguments, a bad config file, or a subgraph schema that
// cannot be read or parsed. Composition hints are printed but do not fail.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GraphQLError, execute, parse, type DocumentNode } from 'graphql';
import { parse as parseYaml } from 'yaml';

/** The facade's name in every supergraph: router.yaml and gateway.config.ts key their header rules on it. */
const FACADE_SUBGRAPH = 'bulk-delete';
const ROOT = resolve(import.meta.dirname, '..');
const DEFAULT_CONFIG = resolve(ROOT, 'deploy/supergraph.yaml');
const DEFAULT_OUT = resolve(ROOT, 'deploy/supergraph.graphql');
const UPDATE = 'npm run supergraph';

const USAGE = `Usage: npm run supergraph -- [--config <supergraph.yaml>] [--out <file>] [--routing-url <name>=<url>]... [--check]
  --config       rover-style supergraph config (default deploy/supergraph.yaml)
  --out          where to write the supergraph SDL (default deploy/supergraph.graphql)
  --routing-url  override one subgraph's routing URL; repeat for several
  --check        write nothing; exit 1 if <out> is not what composing gives now`;

/** A problem with the config file or what it names: exit code 2. */
class ConfigError extends Error {}
/** A problem with the arguments: printed with the usage, exit code 2. */
class UsageError extends ConfigError {}

interface Options {
  config: string;
  out: string;
  routingUrls: Map<string, string>;
  check: boolean;
}

interface SubgraphEntry {
  name: string;
  url: string;
  /** Null for the facade, whose SDL is built from schema/ once the config has been checked. */
  typeDefs: DocumentNode | null;
}

function parseOptions(args: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        config: { type: 'string' },
        out: { type: 'string' },
        'routing-url': { type: 'string', multiple: true },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const routingUrls = new Map<string, string>();
  for (const pair of values['routing-url'] ?? []) {
    const at = pair.indexOf('=');
    const name = at > 0 ? pair.slice(0, at) : '';
    const url = at > 0 ? pair.slice(at + 1) : '';
    if (name === '' || url === '') throw new UsageError(`--routing-url takes <name>=<url>, got ${JSON.stringify(pair)}`);
    if (routingUrls.has(name)) throw new UsageError(`--routing-url names subgraph "${name}" twice`);
    routingUrls.set(name, checkedUrl(url, `--routing-url ${name}`));
  }
  return {
    config: values.config === undefined ? DEFAULT_CONFIG : resolve(values.config),
    out: values.out === undefined ? DEFAULT_OUT : resolve(values.out),
    routingUrls,
    check: values.check,
  };
}

function checkedUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${what}: ${JSON.stringify(value)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${what}: ${JSON.stringify(value)} is not an http(s) URL`);
  return value;
}

/** A path as the user would type it: relative inside the working directory, else absolute. */
function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[], where: string): void {
  const extra = Object.keys(value).filter((key) => !allowed.includes(key));
  if (extra.length > 0) throw new ConfigError(`${where}: unknown key(s) ${extra.map((k) => JSON.stringify(k)).join(', ')} (allowed: ${allowed.join(', ')})`);
}

/** Rover's `${env.NAME}`: expanded from the environment; an unset NAME is an error, as in rover. */
function expandEnv(value: string, where: string): string {
  return value.replace(/\$\{env\.([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
    const found = process.env[name];
    if (found === undefined) throw new ConfigError(`${where} uses \${env.${name}}, but ${name} is not set`);
    return found;
  });
}

/**
 * The facade's SDL as it serves it: what `{ _service { sdl } }` answers. Loaded only once the
 * arguments and the config are known to be good.
 */
async function facadeTypeDefs(): Promise<DocumentNode> {
  const [{ buildSubgraphSchema }, { loadTypeDefs }] = await Promise.all([import('@apollo/subgraph'), import('../src/server/type-defs.ts')]);
  const schema = buildSubgraphSchema({ typeDefs: loadTypeDefs() });
  const result = execute({ schema, document: parse('{ _service { sdl } }') });
  if ('then' in result) throw new Error('_service resolved asynchronously');
  const sdl = (result.data?._service as { sdl?: unknown } | undefined)?.sdl;
  if (typeof sdl !== 'string') throw new Error(`the facade schema does not answer _service { sdl }: ${JSON.stringify(result.errors ?? result.data)}`);
  return parse(sdl);
}

function compositionVersion(): string {
  return (createRequire(import.meta.url)('@apollo/composition/package.json') as { version: string }).version;
}

/** Reads and checks the config; returns the subgraphs to compose, in the config's order. */
function readConfig(options: Options, warnings: string[]): SubgraphEntry[] {
  const configDir = dirname(options.config);
  let text: string;
  try {
    text = readFileSync(options.config, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the config file ${options.config}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let config: unknown;
  try {
    config = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new ConfigError(`${options.config} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const where = display(options.config);
  if (!isMapping(config)) throw new ConfigError(`${where}: expected a mapping with federation_version and subgraphs`);
  unknownKeys(config, ['federation_version', 'subgraphs'], where);

  const version = config.federation_version;
  const match = typeof version === 'string' || typeof version === 'number' ? /^(=)?(2(?:\.\d+){0,2})$/.exec(String(version)) : null;
  if (match === null) throw new ConfigError(`${where}: federation_version must be a Federation 2 version, e.g. "=2.14.4" or "2" (got ${JSON.stringify(version)})`);
  const installed = compositionVersion();
  if (match[1] === '=' && match[2] !== installed) {
    warnings.push(`${where} pins federation_version ${String(version)}, but this composes with @apollo/composition ${installed}; rover would use ${match[2]}.`);
  }

  const subgraphs = config.subgraphs;
  if (!isMapping(subgraphs) || Object.keys(subgraphs).length === 0) throw new ConfigError(`${where}: subgraphs must map each subgraph's name to its routing_url and schema`);
  if (!(FACADE_SUBGRAPH in subgraphs)) throw new ConfigError(`${where}: subgraphs must list this facade as "${FACADE_SUBGRAPH}"`);
  for (const name of options.routingUrls.keys()) {
    if (!(name in subgraphs)) throw new UsageError(`--routing-url names subgraph "${name}", which ${where} does not list (it lists ${Object.keys(subgraphs).join(', ')})`);
  }

  return Object.entries(subgraphs).map(([name, entry]): SubgraphEntry => {
    const at = `${where}: subgraphs.${name}`;
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) throw new ConfigError(`${at}: a subgraph name starts with a letter and holds only letters, digits, "_" and "-"`);
    if (!isMapping(entry)) throw new ConfigError(`${at}: expected routing_url and schema`);
    unknownKeys(entry, ['routing_url', 'schema'], at);
    const override = options.routingUrls.get(name);
    let url: string;
    if (override !== undefined) {
      url = override;
    } else {
      if (typeof entry.routing_url !== 'string' || entry.routing_url === '') throw new ConfigError(`${at}.routing_url is missing (the URL the router sends this subgraph's requests to)`);
      url = checkedUrl(expandEnv(entry.routing_url, `${at}.routing_url`), `${at}.routing_url`);
    }
    // The facade's SDL comes from this repository, not from its schema entry (see the header).
    if (name === FACADE_SUBGRAPH) return { name, url, typeDefs: null };

    const schema = entry.schema;
    if (!isMapping(schema)) throw new ConfigError(`${at}.schema is missing: give schema.file (a path relative to the config file)`);
    unknownKeys(schema, ['file', 'sdl', 'subgraph_url', 'introspection_headers', 'graphref', 'subgraph'], `${at}.schema`);
    let sdl: string;
    let source: string;
    if (typeof schema.file === 'string') {
      const file = resolve(configDir, expandEnv(schema.file, `${at}.schema.file`));
      source = display(file);
      if (!existsSync(file)) throw new ConfigError(`${at}.schema.file: ${source} does not exist`);
      sdl = readFileSync(file, 'utf8');
    } else if (typeof schema.sdl === 'string') {
      source = `${at}.schema.sdl`;
      sdl = schema.sdl;
    } else {
      throw new ConfigError(`${at}.schema: give schema.file or schema.sdl (introspecting a running subgraph or fetching from GraphOS is rover's job, not this script's)`);
    }
    try {
      return { name, url, typeDefs: parse(sdl) };
    } catch (error) {
      throw new ConfigError(`${source}: ${error instanceof GraphQLError ? error.message : String(error)}`);
    }
  });
}

function render(supergraphSdl: string, subgraphs: readonly SubgraphEntry[], options: Options): string {
  // Never a path of the machine that composed it: the file is committed.
  const configName = relative(ROOT, options.config).startsWith('..') ? basename(options.config) : relative(ROOT, options.config);
  const header = [
    `# Supergraph composed by \`${UPDATE}\` from ${configName}: ${subgraphs.map((s) => s.name).join(', ')}.`,
    `# Generated: do not edit. Recompose after changing schema/ or any subgraph.`,
  ];
  return `${header.join('\n')}\n${supergraphSdl.trimEnd()}\n`;
}

async function run(args: string[]): Promise<number> {
  const options = parseOptions(args);
  const warnings: string[] = [];
  const subgraphs = readConfig(options, warnings);
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);

  const [{ composeServices }, facade] = await Promise.all([import('@apollo/composition'), facadeTypeDefs()]);
  const result = composeServices(subgraphs.map(({ name, url, typeDefs }) => ({ name, url, typeDefs: typeDefs ?? facade })));
  for (const hint of result.hints ?? []) process.stderr.write(`hint [${hint.definition.code}]: ${hint.message}\n`);
  if (result.errors !== undefined) {
    process.stderr.write(`Composition FAILED: ${result.errors.length} error(s) composing ${subgraphs.map((s) => s.name).join(', ')}:\n`);
    for (const error of result.errors) {
      const code = typeof error.extensions.code === 'string' ? error.extensions.code : 'ERROR';
      process.stderr.write(`  ✖ [${code}] ${error.message}\n`);
    }
    return 1;
  }

  const text = render(result.supergraphSdl, subgraphs, options);
  const out = display(options.out);
  const current = existsSync(options.out) ? readFileSync(options.out, 'utf8') : undefined;
  if (options.check) {
    if (current === text) {
      process.stdout.write(`Supergraph up to date: ${out}\n`);
      return 0;
    }
    process.stderr.write(`Supergraph check FAILED: ${out} ${current === undefined ? 'does not exist' : 'is out of date'}. Run \`${UPDATE}\` and commit it.\n`);
    return 1;
  }
  if (current === text) {
    process.stdout.write(`Supergraph already up to date: ${out}\n`);
    return 0;
  }
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, text);
  process.stdout.write(`Wrote supergraph (${subgraphs.map((s) => `${s.name} → ${s.url}`).join(', ')}): ${out}\n`);
  return 0;
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`supergraph: ${error.message}\n${error instanceof UsageError ? `\n${USAGE}\n` : ''}`);
  process.exitCode = 2;
}
