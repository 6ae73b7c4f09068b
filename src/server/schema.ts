import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { SUBGRAPH_HAS_ENTITIES, SUBGRAPH_SDL } from '../__generated__/subgraph-sdl.ts';
import type { Config } from '../config/index.ts';
import { auditScopeRefusal, buildCapabilities, createResolvers } from '../resolvers/index.ts';
import type { Upstreams } from '../upstreams/index.ts';
import { readMutationScopes } from './scope-directive.ts';
import { applyMutationScopes } from './scope-guard.ts';
import { loadSchemaSdl } from './type-defs.ts';

// Federation 2's entry point for a router: `_service { sdl }` (the subgraph spec). `_entities`
// joins it only once the schema has an entity (a type with @key); it has none, and
// createSchema refuses one rather than serve it without its resolver.
const FEDERATION_ENTRY_POINTS = /* GraphQL */ `
  type _Service { sdl: String }
  extend type Query { _service: _Service! }
`;
const SERVICE = Object.freeze({ sdl: SUBGRAPH_SDL });

/**
 * The executable Federation 2 subgraph schema, built once at start-up with @graphql-tools/schema,
 * with what `bulkDeleteCapabilities` answers (from the config, the adapters built and the SDL's
 * scopes); Apollo then caches each parsed and validated document against it.
 *
 * - The type system is the subgraph SDL exactly as federation prints it (src/__generated__/
 *   subgraph-sdl.ts, written by `npm run codegen` with Apollo's own library): it carries the
 *   `@link`ed spec's definitions, so `_service { sdl }` and composition are Apollo's, while the
 *   running facade does not load that library.
 * - makeExecutableSchema attaches the resolvers, refusing any that names no field.
 * - `@requiresScope`, read from schema/ and applied by mapSchema: each mutation's resolver
 *   wrapped with its check.
 */
export function createSchema(config: Config, upstreams: Upstreams): GraphQLSchema {
  if (SUBGRAPH_HAS_ENTITIES) throw new Error('schema/ declares an entity (@key): serving it needs Query._entities, which createSchema does not build');
  const scopes = readMutationScopes(loadSchemaSdl());
  const executable = makeExecutableSchema({
    typeDefs: [SUBGRAPH_SDL, FEDERATION_ENTRY_POINTS],
    resolvers: [createResolvers(buildCapabilities(config, upstreams, scopes)), { Query: { _service: () => SERVICE } }],
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
  return applyMutationScopes(executable, scopes, auditScopeRefusal);
}
