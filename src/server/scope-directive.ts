import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { Kind, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { assertScope } from '../auth/index.ts';
import { SCOPES, type Scope } from '../config/index.ts';
import type { RequestContext } from './context.ts';

/** The SDL directive naming the scope a field needs (schema/scopes.graphql). */
export const REQUIRES_SCOPE = 'requiresScope';

/** What a scoped field's refusal is told, before FORBIDDEN reaches the client: the audit line and metric. */
export type ScopeRefusalHook = (field: string, args: Record<string, unknown>, ctx: RequestContext, error: unknown) => void;

const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);

/**
 * The scope each Mutation field needs, as `@requiresScope` states it. Read once at start-up,
 * and strict: an unknown scope, or a mutation without the directive, stops the start-up, so a
 * new mutation cannot ship unguarded.
 */
export function readMutationScopes(typeDefs: DocumentNode): ReadonlyMap<string, Scope> {
  const scopes = new Map<string, Scope>();
  for (const node of typeDefs.definitions) {
    if ((node.kind !== Kind.OBJECT_TYPE_DEFINITION && node.kind !== Kind.OBJECT_TYPE_EXTENSION) || node.name.value !== 'Mutation') continue;
    for (const field of node.fields ?? []) {
      const directive = field.directives?.find((d) => d.name.value === REQUIRES_SCOPE);
      const value = directive?.arguments?.find((a) => a.name.value === 'scope')?.value;
      if (value?.kind !== Kind.STRING || !isScope(value.value)) {
        throw new Error(`Mutation.${field.name.value} needs @${REQUIRES_SCOPE}(scope: …) with one of ${SCOPES.join(', ')} (schema/)`);
      }
      scopes.set(field.name.value, value.value);
    }
  }
  return scopes;
}

/**
 * The SDL without `@requiresScope` (definition and uses): what federation sees and prints as
 * `_service { sdl }`. The scopes are this subgraph's access policy, not its API, so a router
 * composes the same supergraph with or without them.
 */
export function withoutScopeDirective(typeDefs: DocumentNode): DocumentNode {
  const definitions = typeDefs.definitions
    .filter((node) => !(node.kind === Kind.DIRECTIVE_DEFINITION && node.name.value === REQUIRES_SCOPE))
    .map((node) => {
      if ((node.kind !== Kind.OBJECT_TYPE_DEFINITION && node.kind !== Kind.OBJECT_TYPE_EXTENSION) || node.fields === undefined) return node;
      return { ...node, fields: node.fields.map((field) => ({ ...field, directives: field.directives?.filter((d) => d.name.value !== REQUIRES_SCOPE) })) };
    });
  return { ...typeDefs, definitions };
}

/**
 * Wraps each scoped Mutation field's resolver with its scope check, once, when the schema is
 * built. The check runs first thing for the field, before its input is read: a client without
 * the scope learns nothing from validation and reaches no upstream. Per field, so in a document
 * with two mutations each answers for itself (CONTRACT §2).
 */
export function applyMutationScopes(schema: GraphQLSchema, scopes: ReadonlyMap<string, Scope>, onRefused: ScopeRefusalHook): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.MUTATION_ROOT_FIELD]: (fieldConfig, fieldName) => {
      const scope = scopes.get(fieldName);
      if (scope === undefined) throw new Error(`Mutation.${fieldName} has no @${REQUIRES_SCOPE}`);
      const resolve = fieldConfig.resolve as GraphQLFieldResolver<unknown, RequestContext> | undefined;
      if (resolve === undefined) throw new Error(`Mutation.${fieldName} has no resolver`);
      const guarded: GraphQLFieldResolver<unknown, RequestContext> = (parent, args: Record<string, unknown>, ctx, info) => {
        try {
          assertScope(ctx, scope, fieldName);
        } catch (error) {
          onRefused(fieldName, args, ctx, error);
          throw error;
        }
        return resolve(parent, args, ctx, info);
      };
      return { ...fieldConfig, resolve: guarded };
    },
  });
}
