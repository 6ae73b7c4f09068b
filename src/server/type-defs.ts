import { readdirSync, readFileSync } from 'node:fs';
import { mergeTypeDefs } from '@graphql-tools/merge';
import type { DocumentNode } from 'graphql';
import { withoutScopeDirective } from './scope-directive.ts';

// A module of its own, without the resolvers: the schema scripts need the SDL, not the app.
const SCHEMA_DIR = new URL('../../schema/', import.meta.url);

/**
 * The SDL of schema/*.graphql, merged into one document: the one source of truth. Only the
 * folder's own files are read, never subfolders (schema/snapshot/ holds the committed public
 * schema the CI check compares against). `schemaDir` (a folder URL ending in `/`) lets the
 * schema scripts and their tests point at a copy.
 */
export function loadSchemaSdl(schemaDir: URL = SCHEMA_DIR): DocumentNode {
  const files = readdirSync(schemaDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.graphql'))
    .map((entry) => entry.name)
    .sort();
  return mergeTypeDefs(files.map((name) => readFileSync(new URL(name, schemaDir), 'utf8')));
}

/**
 * The subgraph's SDL as federation sees it and `_service { sdl }` prints it: schema/*.graphql
 * without the internal `@requiresScope` (read from loadSchemaSdl's document instead).
 */
export function loadTypeDefs(schemaDir: URL = SCHEMA_DIR): DocumentNode {
  return withoutScopeDirective(loadSchemaSdl(schemaDir));
}
