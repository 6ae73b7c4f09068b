import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { SUBGRAPH_ENTITY_TYPES, SUBGRAPH_SDL } from '../__generated__/subgraph-sdl.ts';
import type { Config } from '../config/index.ts';
import { auditScopeRefusal, buildCapabilities, buildJobTargets, createResolvers, type JobTargets } from '../resolvers/index.ts';
import type { Upstreams } from '../upstreams/index.ts';
import { buildEntityResolvers, type ReferenceResolver } from './entities.ts';
import { readMutationScopes } from './scope-directive.ts';
import { applyMutationScopes } from './scope-guard.ts';
import { loadSchemaSdl } from './type-defs.ts';

const SERVICE = Object.freeze({ sdl: SUBGRAPH_SDL });

/** Each entity type's `__resolveReference`, as the resolver map holds it (codegen's federation types). */
function referenceResolversOf(resolvers: object): Map<string, ReferenceResolver> {
  const found = new Map<string, ReferenceResolver>();
  for (const [type, typeResolvers] of Object.entries(resolvers)) {
    const resolve = (typeResolvers as { __resolveReference?: unknown } | undefined)?.__resolveReference;
    if (typeof resolve === 'function') found.set(type, resolve as ReferenceResolver);
  }
  return found;
}

/**
 * The executable Federation 2 subgraph schema, built once at start-up with @graphql-tools/schema,
 * with what `bulkDeleteCapabilities` answers (from the config, the adapters built and the SDL's
 * scopes); Apollo then caches each parsed and validated document against it.
 *
 * - The type system is the subgraph SDL exactly as federation prints it (src/__generated__/
 *   subgraph-sdl.ts, written by `npm run codegen` with Apollo's own library): it carries the
 *   `@link`ed spec's definitions and federation's entry points (`_service`, and for the entities
 *   `_Any`, `_Entity` and `_entities`), so `_service { sdl }` and composition are Apollo's, while
 *   the running facade does not load that library.
 * - makeExecutableSchema attaches the resolvers, refusing any that names no field; `_entities`
 *   dispatches each representation to its type's `__resolveReference` (server/entities.ts).
 * - `@requiresScope`, read from schema/ and applied by mapSchema: each mutation's resolver
 *   wrapped with its check (`@requiresTargetScope` fields check their job's target themselves).
 *
 * Also returns the jobs' targets table (scopes, adapters, batch sizes) for the results route.
 */
export function createSchema(config: Config, upstreams: Upstreams): { schema: GraphQLSchema; jobTargets: JobTargets } {
  const scopes = readMutationScopes(loadSchemaSdl());
  const capabilities = buildCapabilities(config, upstreams, scopes.fixed);
  const jobTargets = buildJobTargets(upstreams, capabilities);
  const resolvers = createResolvers(capabilities, jobTargets);
  const entities = buildEntityResolvers(SUBGRAPH_ENTITY_TYPES, referenceResolversOf(resolvers));
  const executable = makeExecutableSchema({
    typeDefs: SUBGRAPH_SDL,
    resolvers: SUBGRAPH_ENTITY_TYPES.length > 0 ? [resolvers, { Query: { _service: () => SERVICE } }, entities] : [resolvers, { Query: { _service: () => SERVICE } }],
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
  return { schema: applyMutationScopes(executable, scopes, auditScopeRefusal), jobTargets };
}
