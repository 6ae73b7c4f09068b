import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { SecurityConfig } from '../config/index.ts';

/** What the ApolloServer constructor takes to enforce the document limits. */
export interface DocumentLimits {
  readonly plugins: ApolloServerPlugin[];
  readonly validationRules: ValidationRule[];
  readonly parseOptions: { readonly maxTokens: number };
}

/**
 * Rejects, before anything runs, documents that could fan out: too deep, too many aliases,
 * too costly, too many tokens (graphql-armor), or more mutation fields than allowed. Every
 * refusal is a GRAPHQL_VALIDATION_FAILED error that names the limit and its variable.
 * Field suggestions ("Did you mean …") are blocked where introspection is off, so errors do
 * not reveal the schema that introspection hides.
 */
export function createDocumentLimits(security: SecurityConfig): DocumentLimits {
  const armor = new ApolloArmor({
    // Our messages name the variable to change; armor's own would quote only the numbers.
    maxDepth: { n: security.maxDepth, exposeLimits: false, errorMessage: `Query too deep: at most ${security.maxDepth} levels (MAX_QUERY_DEPTH).` },
    maxAliases: { n: security.maxAliases, exposeLimits: false, errorMessage: `Too many aliases: at most ${security.maxAliases} per document (MAX_ALIASES).` },
    costLimit: { maxCost: security.maxCost, exposeLimits: false, errorMessage: `Query too costly: at most ${security.maxCost} (MAX_QUERY_COST). Select fewer fields or split the request.` },
    // graphql-js counts tokens while parsing (Apollo's `parseOptions.maxTokens`); armor's
    // version parses a second time and turns syntax errors into 500s.
    maxTokens: { enabled: false },
    maxDirectives: { n: 50 },
    blockFieldSuggestion: { enabled: !security.introspection },
  });
  const { plugins, validationRules } = armor.protect();
  return {
    // graphql-armor's typings resolve Apollo's CommonJS build and ours the ESM one: the same
    // interface seen twice, so the cast changes nothing at run time.
    plugins: plugins as unknown as ApolloServerPlugin[],
    validationRules: [...validationRules, maxMutationFields(security.maxMutationFields)],
    parseOptions: { maxTokens: security.maxTokens },
  };
}

/**
 * A validation rule: a mutation operation selects at most `limit` root fields, counting
 * fields reached through fragments, so one request cannot call a mutation a hundred times.
 */
export function maxMutationFields(limit: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      if (operation.operation !== 'mutation') return;
      const count = countRootFields(context, operation.selectionSet, new Set());
      if (count > limit) {
        context.reportError(new GraphQLError(
          `This operation calls ${count} mutations; at most ${limit} per request (MAX_MUTATIONS_PER_REQUEST). Send the others in separate requests.`,
          { nodes: [operation] },
        ));
      }
    },
  });
}

function countRootFields(context: ValidationContext, selectionSet: SelectionSetNode, seenFragments: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith('__')) count++;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countRootFields(context, selection.selectionSet, seenFragments);
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      // A fragment spread twice still runs its fields twice; cycles are another rule's error.
      if (fragment && !seenFragments.has(name)) {
        count += countRootFields(context, fragment.selectionSet, new Set([...seenFragments, name]));
      }
    }
  }
  return count;
}
