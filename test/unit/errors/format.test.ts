import { fc } from '@fast-check/vitest';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createErrorFormatter, createRedactor, ERROR_CODES, FacadeError, findFacadeError } from '../../../src/errors/index.ts';
import { createTally, expectCoverage } from '../../helpers/coverage.ts';

const SECRET = 'wbk_live_secret_value_123';
const format = createErrorFormatter(createRedactor([SECRET]));

/** What Apollo hands formatError for `error` thrown in a resolver: the formatted error and the GraphQLError. */
function throughGraphQL(error: Error, extensions: Record<string, unknown> = {}): [GraphQLFormattedError, GraphQLError] {
  const wrapped = new GraphQLError(error.message, { originalError: error, path: ['bulkDeleteDeals'], extensions });
  return [{ ...wrapped.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: x', '    at y (file.ts:1:1)'], ...extensions } }, wrapped];
}

describe('createErrorFormatter', () => {
  it('maps a FacadeError thrown in a resolver to its code and upstream fields', () => {
    const error = new FacadeError('RATE_LIMITED', 'LeadLex rate limit reached (HTTP 429); retry after 30 s.', { upstream: 'leadlex', upstreamStatus: 429, retryAfter: 30 });
    expect(format(...throughGraphQL(error))).toEqual({
      message: 'LeadLex rate limit reached (HTTP 429); retry after 30 s.',
      path: ['bulkDeleteDeals'],
      locations: undefined,
      extensions: { code: 'RATE_LIMITED', upstream: 'leadlex', upstreamStatus: 429, retryAfter: 30 },
    });
  });

  it('leaves out upstream fields a FacadeError does not have', () => {
    const formatted = format(...throughGraphQL(new FacadeError('BAD_USER_INPUT', '`ids` is empty.')));
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it.each(ERROR_CODES)('passes %s through as extensions.code', (code) => {
    expect(format(...throughGraphQL(new FacadeError(code, 'x'))).extensions?.code).toBe(code);
  });

  it('finds a FacadeError given directly, with no GraphQL wrapping (context creation)', () => {
    const error = new FacadeError('UNAUTHENTICATED', 'Send a bearer token.');
    expect(format({ message: 'Context creation failed: Send a bearer token.' }, error)).toEqual({
      message: 'Send a bearer token.', locations: undefined, path: undefined, extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('finds a FacadeError kept as the cause of another error', () => {
    const cause = new FacadeError('UPSTREAM_UNAVAILABLE', 'Stoq is unavailable (HTTP 503).', { upstream: 'stoq', upstreamStatus: 503 });
    const outer = new Error('wrapped', { cause });
    expect(format(...throughGraphQL(outer)).extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'stoq', upstreamStatus: 503 });
  });

  it('finds a FacadeError behind a GraphQLError wrapping another GraphQLError', () => {
    const inner = new GraphQLError('inner', { originalError: new FacadeError('FORBIDDEN', 'Missing scope deals:delete.') });
    const outer = new GraphQLError('outer', { originalError: inner });
    expect(format({ message: 'outer' }, outer)).toMatchObject({ message: 'Missing scope deals:delete.', extensions: { code: 'FORBIDDEN' } });
  });

  it('masks any other error as INTERNAL_SERVER_ERROR with a generic message', () => {
    const formatted = format(...throughGraphQL(new TypeError(`Cannot read properties of undefined (reading 'x') at ${SECRET}`)));
    expect(formatted).toEqual({ message: 'Internal server error', path: ['bulkDeleteDeals'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('masks an error that claims a facade code it was not given through a FacadeError', () => {
    const formatted = format(...throughGraphQL(new Error('boom'), { code: 'RATE_LIMITED' }));
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(formatted.message).toBe('Internal server error');
  });

  it.each([
    ['GRAPHQL_PARSE_FAILED', 'Syntax Error: Expected Name, found <EOF>.'],
    ['GRAPHQL_VALIDATION_FAILED', 'Cannot query field "nope" on type "Mutation".'],
    ['BAD_USER_INPUT', 'Variable "$input" got invalid value null.'],
    ['BAD_REQUEST', 'POST body missing.'],
    ['PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound'],
  ])('passes Apollo\'s own %s through with its message', (code, message) => {
    const error = new GraphQLError(message, { extensions: { code } });
    const formatted = format({ message, locations: [{ line: 1, column: 2 }], extensions: { code, stacktrace: ['at x'] } }, error);
    expect(formatted).toEqual({ message, locations: [{ line: 1, column: 2 }], path: undefined, extensions: { code } });
  });

  it('never includes a stack trace', () => {
    for (const error of [new FacadeError('BAD_USER_INPUT', 'x'), new Error('y')]) {
      const formatted = format(...throughGraphQL(error));
      expect(JSON.stringify(formatted)).not.toMatch(/stacktrace|at y \(/);
    }
  });

  it('redacts secrets from a FacadeError\'s message and from Apollo\'s messages', () => {
    expect(format(...throughGraphQL(new FacadeError('UPSTREAM_BAD_RESPONSE', `LeadLex said Bearer ${SECRET}`))).message).toBe('LeadLex said Bearer [REDACTED]');
    const apollo = format({ message: `Variable "$input" got invalid value "${SECRET}".`, extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError('x'));
    expect(apollo.message).not.toContain(SECRET);
  });

  it.each<[string, unknown, unknown]>([
    ['null and null', null, null],
    ['a string error', { message: 'x' }, 'a thrown string'],
    ['a formatted error with no fields', {}, undefined],
    ['a non-string message with an Apollo code', { message: 42, extensions: { code: 'BAD_REQUEST' } }, new Error('x')],
    ['an error whose originalError getter throws', { message: 'x' }, { get originalError() { throw new Error('getter'); } }],
    ['a formatted error whose extensions getter throws', { get extensions() { throw new Error('getter'); }, message: 'x' }, new Error('x')],
    ['a cycle of causes', { message: 'x' }, (() => { const a: { cause?: unknown } = {}; a.cause = a; return a; })()],
    ['a revoked proxy', { message: 'x' }, (() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })()],
  ])('never throws, and masks, given %s', (_what, formatted, error) => {
    const result = format(formatted as GraphQLFormattedError, error);
    expect(result.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(result.message).toBe('Internal server error');
  });

  const withoutSecrets = createErrorFormatter(createRedactor([]));
  const apolloCode = fc.constantFrom('GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'INTERNAL_SERVER_ERROR');
  const garbage = fc.oneof(fc.anything(), fc.record({ message: fc.anything(), extensions: fc.oneof(fc.anything(), fc.record({ code: fc.oneof(apolloCode, fc.anything()) })) }, { requiredKeys: [] }));
  it('never throws and always answers a string message and code', () => {
    const tally = createTally(['formatted not an object', 'formatted with an Apollo code', 'formatted with another code', 'error an object', 'error not an object'] as const);
    const codes: readonly unknown[] = ['GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'INTERNAL_SERVER_ERROR'];
    fc.assert(fc.property(garbage, fc.anything(), (formatted, error) => {
      for (const formatter of [format, withoutSecrets]) {
        const result = formatter(formatted as GraphQLFormattedError, error);
        expect(typeof result.message).toBe('string');
        expect(typeof result.extensions?.code).toBe('string');
      }
      const isObject = typeof formatted === 'object' && formatted !== null;
      const extensions: unknown = isObject ? (formatted as { extensions?: unknown }).extensions : undefined;
      const code = typeof extensions === 'object' && extensions !== null ? (extensions as { code?: unknown }).code : undefined;
      tally.addWhere({
        'formatted not an object': !isObject, 'formatted with an Apollo code': codes.includes(code),
        'formatted with another code': code !== undefined && !codes.includes(code),
        'error an object': typeof error === 'object' && error !== null, 'error not an object': typeof error !== 'object' || error === null,
      });
    }), { seed: 5001, numRuns: 300 });
    expectCoverage(tally, 15);
  });
});

describe('findFacadeError', () => {
  it('gives up after a bounded depth', () => {
    let error: unknown = new FacadeError('FORBIDDEN', 'x');
    for (let i = 0; i < 20; i++) error = new Error('wrap', { cause: error });
    expect(findFacadeError(error)).toBeUndefined();
  });

  it('returns undefined for values that are not errors', () => {
    expect([null, undefined, 'x', 1].map(findFacadeError)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
