import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { GraphQLSchema } from 'graphql';
import { createResolvers, type CapabilitiesModel } from '../resolvers/index.ts';
import { loadTypeDefs } from './type-defs.ts';

/**
 * The executable Federation 2 subgraph schema (answers `_service { sdl }`). Built once at
 * start-up, with what `bulkDeleteCapabilities` answers; Apollo then caches each parsed and
 * validated document against it.
 */
export function createSchema(capabilities: CapabilitiesModel): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: loadTypeDefs(), resolvers: createResolvers(capabilities) as GraphQLResolverMap<unknown> });
}
