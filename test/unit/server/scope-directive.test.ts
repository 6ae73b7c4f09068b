import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readMutationScopes, withoutScopeDirective } from '../../../src/server/scope-directive.ts';
import { loadSchemaSdl, loadTypeDefs } from '../../../src/server/type-defs.ts';

describe('@requiresScope', () => {
  it('states each mutation\'s scope in the SDL', () => {
    expect(Object.fromEntries(readMutationScopes(loadSchemaSdl()))).toEqual({
      bulkDeleteIntents: 'intents:delete',
      bulkDeleteContacts: 'contacts:delete',
      bulkDeleteDeals: 'deals:delete',
    });
  });

  it.each([
    ['a mutation without the directive', 'type Mutation { a: Int @requiresScope(scope: "deals:delete") b: Int }', /Mutation\.b needs @requiresScope/],
    ['an unknown scope', 'type Mutation { a: Int @requiresScope(scope: "deals:write") }', /Mutation\.a needs @requiresScope/],
    ['a scope that is not a string', 'type Mutation { a: Int @requiresScope(scope: 1) }', /Mutation\.a needs @requiresScope/],
  ])('stops the start-up on %s: no mutation ships unguarded', (_what, sdl, message) => {
    expect(() => readMutationScopes(parse(sdl))).toThrow(message);
  });

  it('is left out of the SDL federation prints (`_service { sdl }`), definition and uses', () => {
    expect(print(loadSchemaSdl())).toContain('@requiresScope');
    expect(print(loadTypeDefs())).not.toContain('requiresScope');
    expect(print(withoutScopeDirective(parse('type Mutation { a: Int @requiresScope(scope: "deals:delete") @deprecated }')))).toBe('type Mutation {\n  a: Int @deprecated\n}');
  });
});
