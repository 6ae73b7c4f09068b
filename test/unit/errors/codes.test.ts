import { Kind, type EnumTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/errors/index.ts';
import { loadTypeDefs } from '../../../src/server/type-defs.ts';

// The error codes have one source, `enum BulkDeleteErrorCode` in schema/errors.graphql;
// src/errors/codes.ts takes them from what `npm run codegen` generated from it. A code added to
// the SDL without running codegen, or a list edited by hand, fails here.

function sdlErrorCodes(): string[] {
  const node = loadTypeDefs().definitions.find((d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'BulkDeleteErrorCode');
  return (node?.values ?? []).map((value) => value.name.value);
}

describe('ERROR_CODES', () => {
  it('is exactly the values of the SDL enum BulkDeleteErrorCode', () => {
    expect([...ERROR_CODES].sort()).toEqual(sdlErrorCodes().sort());
  });

  it('holds docs/contract.md §4\'s codes and INTERNAL_SERVER_ERROR, each once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_CONFIGURED', 'UPSTREAM_AUTH_FAILED', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_BAD_RESPONSE', 'IDEMPOTENCY_KEY_REUSED', 'BAD_REQUEST', 'SHUTTING_DOWN', 'IDENTITY_PROVIDER_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']) {
      expect(ERROR_CODES).toContain(code);
    }
  });
});
