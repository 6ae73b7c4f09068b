// Shared by schema-check.ts and schema-snapshot.ts: the public schema as clients see it, the
// committed snapshot's location, and the two scripts' common arguments.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  Kind,
  buildASTSchema,
  lexicographicSortSchema,
  parse,
  printSchema,
  specifiedDirectives,
  type DefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import { loadTypeDefs } from '../src/server/type-defs.ts';

const ROOT = new URL('../', import.meta.url);

/** Where the scripts look by default: the SDL sources and the committed snapshot. */
export const DEFAULT_SCHEMA_DIR = new URL('schema/', ROOT);
export const DEFAULT_SNAPSHOT = new URL('schema/snapshot/schema.graphql', ROOT);

/** `--schema-dir <dir>` and `--snapshot <file>`, resolved against the working directory. */
export interface SchemaPaths {
  schemaDir: URL;
  snapshot: URL;
}

/** The scripts' paths from the command line; on bad arguments prints node's message and exits 2. */
export function schemaPathsFromArgv(args: string[]): SchemaPaths {
  try {
    return parseSchemaPaths(args);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}

/** Parses the scripts' arguments; throws (with node's own message) on an unknown option. */
export function parseSchemaPaths(args: string[]): SchemaPaths {
  const { values } = parseArgs({
    args,
    options: { 'schema-dir': { type: 'string' }, snapshot: { type: 'string' } },
    strict: true,
  });
  const schemaDir = values['schema-dir'];
  const snapshot = values.snapshot;
  return {
    schemaDir: schemaDir === undefined ? DEFAULT_SCHEMA_DIR : pathToFileURL(`${resolve(schemaDir)}/`),
    snapshot: snapshot === undefined ? DEFAULT_SNAPSHOT : pathToFileURL(resolve(snapshot)),
  };
}

// Federation machinery a router never exposes to its clients: the `_service`/`_entities`
// entry points, their types, and the link/federation scalars and enums.
const FEDERATION_FIELDS = new Set(['_service', '_entities']);
const isFederationTypeName = (name: string): boolean =>
  name.startsWith('_') || name.startsWith('link__') || name.startsWith('federation__');
const SPECIFIED_DIRECTIVES = new Set(specifiedDirectives.map((directive) => directive.name));

/**
 * The subgraph's public schema as printed, sorted SDL: what the snapshot holds. It starts from
 * the real subgraph schema (`buildSubgraphSchema`, as the server runs it) and removes what
 * clients of a router never see: `_service` and `_entities` with `_Service`, `_Any`,
 * `_Entity`, the `link__*`/`federation__*` types, and every type-system directive definition
 * (`@link`, `@tag`, `@federation__*`; applied directives other than `@deprecated` are not
 * printed either). A `Query` left with no fields would go too (the supergraph's `Query` would
 * then come from other subgraphs). Not modelled: a router also hides
 * `@inaccessible` elements; this schema uses none.
 */
export function printPublicSchema(schemaDir: URL = DEFAULT_SCHEMA_DIR): string {
  const subgraph = buildSubgraphSchema({ typeDefs: loadTypeDefs(schemaDir) });
  const definitions: DefinitionNode[] = [];
  for (const node of parse(printSchema(subgraph)).definitions) {
    if (node.kind === Kind.DIRECTIVE_DEFINITION) {
      if (SPECIFIED_DIRECTIVES.has(node.name.value)) definitions.push(node);
    } else if (node.kind === Kind.OBJECT_TYPE_DEFINITION && node.name.value === 'Query') {
      const fields = (node.fields ?? []).filter((field) => !FEDERATION_FIELDS.has(field.name.value));
      if (fields.length > 0) definitions.push({ ...node, fields });
    } else if (!('name' in node && node.name !== undefined && isFederationTypeName(node.name.value))) {
      definitions.push(node);
    }
  }
  const schema = buildASTSchema({ kind: Kind.DOCUMENT, definitions });
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

const SNAPSHOT_HEADER = `# The public schema of this subgraph as clients of a router see it: federation's _service,
# _Service, _Any and link/federation definitions are left out. Generated from schema/*.graphql;
# do not edit: run \`npm run schema:snapshot\` (CI's \`npm run schema:check\` compares against it).
`;

/** The snapshot file's exact text: a header comment, then the printed public schema. */
export function renderSnapshot(schemaDir: URL = DEFAULT_SCHEMA_DIR): string {
  return `${SNAPSHOT_HEADER}\n${printPublicSchema(schemaDir)}`;
}

/** The snapshot's text, or undefined when there is none. */
export function readSnapshot(snapshot: URL): string | undefined {
  return existsSync(snapshot) ? readFileSync(snapshot, 'utf8') : undefined;
}

/** Builds a schema from SDL text (the snapshot) for diffing. */
export function buildSchemaFromSdl(sdl: string): GraphQLSchema {
  return buildASTSchema(parse(sdl));
}
