import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from '../resolvers/index.ts';
import { loadTypeDefs } from './type-defs.ts';

/**
 * The executable Federation 2 subgraph schema (answers `_service { sdl }`). Built once at
 * start-up; Apollo then caches each parsed and validated document against it.
 */
export function createSchema(): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: loadTypeDefs(), resolvers: resolvers as GraphQLResolverMap<unknown> });
}
