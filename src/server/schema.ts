import { readdirSync, readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { mergeTypeDefs } from '@graphql-tools/merge';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { resolvers } from '../resolvers/index.ts';

const SCHEMA_DIR = new URL('../../schema/', import.meta.url);

/**
 * The SDL of schema/*.graphql, merged into one document: the one source of truth. Only the
 * folder's own files are read, never subfolders (schema/snapshot/ holds the committed public
 * schema the CI check compares against). `schemaDir` (a folder URL ending in `/`) lets the
 * schema scripts and their tests point at a copy.
 */
export function loadTypeDefs(schemaDir: URL = SCHEMA_DIR): DocumentNode {
  const files = readdirSync(schemaDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.graphql'))
    .map((entry) => entry.name)
    .sort();
  return mergeTypeDefs(files.map((name) => readFileSync(new URL(name, schemaDir), 'utf8')));
}

/**
 * The executable Federation 2 subgraph schema (answers `_service { sdl }`). Built once at
 * start-up; Apollo then caches each parsed and validated document against it.
 */
export function createSchema(): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: loadTypeDefs(), resolvers: resolvers as GraphQLResolverMap<unknown> });
}
