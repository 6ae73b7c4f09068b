// `@requiresScope` and `@requiresTargetScope` in the SDL (schema/scopes.graphql), read and
// removed as syntax: what the schema scripts share with the server, so they load nothing of the app.
import { Kind, type DirectiveNode, type DocumentNode, type FieldDefinitionNode } from 'graphql';
import { SCOPES, type Scope } from '../config/index.ts';

/** The SDL directive naming the scope a field needs (schema/scopes.graphql). */
export const REQUIRES_SCOPE = 'requiresScope';

/** The SDL directive of a field whose scope is its job's target's: its resolver checks it. */
export const REQUIRES_TARGET_SCOPE = 'requiresTargetScope';

const SCOPE_DIRECTIVES: ReadonlySet<string> = new Set([REQUIRES_SCOPE, REQUIRES_TARGET_SCOPE]);

const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);

/** How a Mutation field is guarded: by one fixed scope, or by its job's target's, in its resolver. */
export interface MutationScopes {
  /** Fields with `@requiresScope`: the scope each needs, checked before the resolver runs. */
  readonly fixed: ReadonlyMap<string, Scope>;
  /** Fields with `@requiresTargetScope`: the resolver checks the target's scope once it knows the target. */
  readonly byTarget: ReadonlySet<string>;
}

function mutationFields(typeDefs: DocumentNode): FieldDefinitionNode[] {
  return typeDefs.definitions.flatMap((node) =>
    (node.kind === Kind.OBJECT_TYPE_DEFINITION || node.kind === Kind.OBJECT_TYPE_EXTENSION) && node.name.value === 'Mutation' ? (node.fields ?? []) : [],
  );
}

const findDirective = (field: FieldDefinitionNode, name: string): DirectiveNode | undefined => field.directives?.find((d) => d.name.value === name);

/**
 * How each Mutation field is guarded, as the SDL states it. Read once at start-up, and strict:
 * an unknown scope, a mutation with neither directive, or one with both stops the start-up, so
 * a new mutation cannot ship unguarded.
 */
export function readMutationScopes(typeDefs: DocumentNode): MutationScopes {
  const fixed = new Map<string, Scope>();
  const byTarget = new Set<string>();
  for (const field of mutationFields(typeDefs)) {
    const name = field.name.value;
    const directive = findDirective(field, REQUIRES_SCOPE);
    const targetScoped = findDirective(field, REQUIRES_TARGET_SCOPE) !== undefined;
    if (targetScoped && directive === undefined) {
      byTarget.add(name);
      continue;
    }
    const value = directive?.arguments?.find((a) => a.name.value === 'scope')?.value;
    if (targetScoped || value?.kind !== Kind.STRING || !isScope(value.value)) {
      throw new Error(`Mutation.${name} needs @${REQUIRES_SCOPE}(scope: …) with one of ${SCOPES.join(', ')}, or @${REQUIRES_TARGET_SCOPE} alone (schema/)`);
    }
    fixed.set(name, value.value);
  }
  return { fixed, byTarget };
}

/**
 * The SDL without the scope directives (definitions and uses): what federation sees and prints
 * as `_service { sdl }`. The scopes are this subgraph's access policy, not its API, so a router
 * composes the same supergraph with or without them.
 */
export function withoutScopeDirective(typeDefs: DocumentNode): DocumentNode {
  const definitions = typeDefs.definitions
    .filter((node) => !(node.kind === Kind.DIRECTIVE_DEFINITION && SCOPE_DIRECTIVES.has(node.name.value)))
    .map((node) => {
      if ((node.kind !== Kind.OBJECT_TYPE_DEFINITION && node.kind !== Kind.OBJECT_TYPE_EXTENSION) || node.fields === undefined) return node;
      return { ...node, fields: node.fields.map((field) => ({ ...field, directives: field.directives?.filter((d) => !SCOPE_DIRECTIVES.has(d.name.value)) })) };
    });
  return { ...typeDefs, definitions };
}
