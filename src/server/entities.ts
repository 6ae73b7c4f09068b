// Federation's `Query._entities(representations:)` (the subgraph spec), built the way
// @apollo/subgraph builds it, without loading that library at run time: a router sends one
// representation per entity it needs (`{ __typename, ...key fields }`), and gets back, in the same
// order, what that type's `__resolveReference` answers, or null.
import type { IResolvers } from '@graphql-tools/utils';
import type { GraphQLResolveInfo } from 'graphql';
import { FacadeError } from '../errors/index.ts';
import type { RequestContext } from './context.ts';

/** A type's `__resolveReference`: the entity for one representation, or null when there is none. */
export type ReferenceResolver = (reference: Record<string, unknown>, ctx: RequestContext, info: GraphQLResolveInfo) => unknown;


// A representation's `__typename` is quoted back in the error: bound it, the input is the caller's.
const MAX_QUOTED = 100;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `_entities` and `_Entity.__resolveType` for the entity types the SDL declares, each resolved by
 * its `__resolveReference`. Strict at start-up: an entity without one stops it, so no entity is
 * ever served as its bare representation. A representation that is not an object naming one
 * of these types is BAD_USER_INPUT (the whole field fails, as @apollo/subgraph's does).
 */
export function buildEntityResolvers(entityTypes: readonly string[], referenceResolvers: ReadonlyMap<string, ReferenceResolver>): IResolvers<unknown, RequestContext> {
  for (const type of entityTypes) {
    if (!referenceResolvers.has(type)) throw new Error(`The entity ${type} (@key in schema/) has no __resolveReference`);
  }
  // Which type each resolved entity is: `_Entity` is a union, and the models are plain objects
  // (shared by the request's DataLoader, so not to be written to).
  const typenames = new WeakMap<object, string>();
  const remember = (entity: unknown, typename: string): unknown => {
    if (isRecord(entity)) typenames.set(entity, typename);
    return entity ?? null;
  };

  const resolveOne = (representation: unknown, ctx: RequestContext, info: GraphQLResolveInfo): unknown => {
    const typename = isRecord(representation) ? representation.__typename : undefined;
    const resolve = typeof typename === 'string' ? referenceResolvers.get(typename) : undefined;
    if (!isRecord(representation) || typeof typename !== 'string' || resolve === undefined) {
      const quoted = JSON.stringify(typename)?.slice(0, MAX_QUOTED) ?? 'no __typename';
      throw new FacadeError('BAD_USER_INPUT', `Each representation must be an object whose __typename is an entity of this subgraph (${entityTypes.join(', ')}); got ${quoted}.`);
    }
    const entity = resolve(representation, ctx, info);
    return entity instanceof Promise ? entity.then((value: unknown) => remember(value, typename)) : remember(entity, typename);
  };

  return {
    Query: {
      _entities: (_parent: unknown, { representations }: { representations: readonly unknown[] }, ctx: RequestContext, info: GraphQLResolveInfo) =>
        representations.map((representation) => resolveOne(representation, ctx, info)),
    },
    _Entity: { __resolveType: (entity: object) => typenames.get(entity) },
  };
}
