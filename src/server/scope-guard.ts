import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { assertScope } from '../auth/index.ts';
import type { Scope } from '../config/index.ts';
import type { RequestContext } from './context.ts';
import { REQUIRES_SCOPE, type MutationScopes } from './scope-directive.ts';

/** What a scoped field's refusal is told, before FORBIDDEN reaches the client: the audit line and metric. */
export type ScopeRefusalHook = (field: string, args: Record<string, unknown>, ctx: RequestContext, error: unknown) => void;

/**
 * Wraps each scoped Mutation field's resolver with its scope check, once, when the schema is
 * built. The check runs first thing for the field, before its input is read: a client without
 * the scope learns nothing from validation and reaches no upstream. Per field, so in a document
 * with two mutations each answers for itself (docs/contract.md §2). A `@requiresTargetScope` field
 * (a job's) is left as it is: its resolver checks the scope of the job's target.
 */
export function applyMutationScopes(schema: GraphQLSchema, scopes: MutationScopes, onRefused: ScopeRefusalHook): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.MUTATION_ROOT_FIELD]: (fieldConfig, fieldName) => {
      if (scopes.byTarget.has(fieldName)) return fieldConfig;
      const scope: Scope | undefined = scopes.fixed.get(fieldName);
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
