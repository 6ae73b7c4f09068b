import { buildSubgraphSchema } from '@apollo/subgraph';
import { addResolversToSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config/index.ts';
import { auditScopeRefusal, buildCapabilities, createResolvers } from '../resolvers/index.ts';
import type { Upstreams } from '../upstreams/index.ts';
import { applyMutationScopes, readMutationScopes, withoutScopeDirective } from './scope-directive.ts';
import { loadSchemaSdl } from './type-defs.ts';

/**
 * The executable Federation 2 subgraph schema (answers `_service { sdl }`). Built once at
 * start-up, with what `bulkDeleteCapabilities` answers (from the config, the adapters built and
the SDL's scopes); Apollo then caches each parsed and
 * validated document against it.
 *
 * Three steps, each by the library that owns it:
 * - Federation's type system from Apollo's reference implementation (@apollo/subgraph, no
 *   resolvers): it checks the `@link`ed spec and its imports, adds `_service` (and `_entities`
 *   once an entity exists) and prints the SDL composition reads. @graphql-tools/federation no
 *   longer builds subgraphs (v4 is gateway-side only), and a hand-copied federation prelude
 *   would drift from the spec versions `@link` names.
 * - The resolvers, by @graphql-tools/schema's addResolversToSchema (makeExecutableSchema's
 *   second half), which checks every resolver names a real field.
 * - `@requiresScope`, applied by mapSchema: each mutation's resolver wrapped with its check.
 */
export function createSchema(config: Config, upstreams: Upstreams): GraphQLSchema {
  const sdl = loadSchemaSdl();
  const scopes = readMutationScopes(sdl);
  const capabilities = buildCapabilities(config, upstreams, scopes);
  const subgraph = buildSubgraphSchema({ typeDefs: withoutScopeDirective(sdl) });
  const executable = addResolversToSchema({ schema: subgraph, resolvers: createResolvers(capabilities), resolverValidationOptions: { requireResolversToMatchSchema: 'error' } });
  return applyMutationScopes(executable, scopes, auditScopeRefusal);
}
