// `@requiresScope` in the SDL (schema/scopes.graphql), read and removed as syntax: what the
// schema scripts share with the server, so they load nothing of the app.
import { Kind, type DocumentNode } from 'graphql';
import { SCOPES, type Scope } from '../config/index.ts';

/** The SDL directive naming the scope a field needs (schema/scopes.graphql). */
export const REQUIRES_SCOPE = 'requiresScope';

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
