import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readMutationScopes, withoutScopeDirective } from '../../../src/server/scope-directive.ts';
import { loadSchemaSdl, loadTypeDefs } from '../../../src/server/type-defs.ts';

describe('@requiresScope and @requiresTargetScope', () => {
  it('states each mutation\'s scope in the SDL: fixed for the vendor mutations, the target\'s for the jobs', () => {
    const scopes = readMutationScopes(loadSchemaSdl());
    expect(Object.fromEntries(scopes.fixed)).toEqual({
      bulkDeleteIntents: 'intents:delete',
      bulkDeleteContacts: 'contacts:delete',
      bulkDeleteDeals: 'deals:delete',
    });
    expect([...scopes.byTarget].sort()).toEqual(['addBulkDeleteJobIds', 'cancelBulkDeleteJob', 'createBulkDeleteJob', 'startBulkDeleteJob']);
  });

  it.each([
    ['a mutation without the directive', 'type Mutation { a: Int @requiresScope(scope: "deals:delete") b: Int }', /Mutation\.b needs @requiresScope/],
    ['an unknown scope', 'type Mutation { a: Int @requiresScope(scope: "deals:write") }', /Mutation\.a needs @requiresScope/],
    ['a scope that is not a string', 'type Mutation { a: Int @requiresScope(scope: 1) }', /Mutation\.a needs @requiresScope/],
    ['both directives on one field', 'type Mutation { a: Int @requiresScope(scope: "deals:delete") @requiresTargetScope }', /Mutation\.a needs @requiresScope.*or @requiresTargetScope alone/],
  ])('stops the start-up on %s: no mutation ships unguarded', (_what, sdl, message) => {
    expect(() => readMutationScopes(parse(sdl))).toThrow(message);
  });

  it('is left out of the SDL federation prints (`_service { sdl }`), definitions and uses', () => {
    expect(print(loadSchemaSdl())).toContain('@requiresScope');
    expect(print(loadSchemaSdl())).toContain('@requiresTargetScope');
    expect(print(loadTypeDefs())).not.toMatch(/requiresScope|requiresTargetScope/);
    expect(print(withoutScopeDirective(parse('type Mutation { a: Int @requiresScope(scope: "deals:delete") @deprecated b: Int @requiresTargetScope }')))).toBe('type Mutation {\n  a: Int @deprecated\n  b: Int\n}');
  });
});
