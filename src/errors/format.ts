import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { isFacadeError, type FacadeError } from './facade-error.ts';
import type { Redactor } from './redact.ts';

/** Codes Apollo itself assigns (parse, validation, variable coercion): their messages are safe and useful. */
const APOLLO_CODES = new Set<string>(Object.values(ApolloServerErrorCode));
APOLLO_CODES.delete(ApolloServerErrorCode.INTERNAL_SERVER_ERROR);

/** Finds a FacadeError behind GraphQL's wrapping (`originalError`) or a cause chain. */
export function findFacadeError(error: unknown): FacadeError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== null && typeof current === 'object'; depth++) {
    if (isFacadeError(current)) return current;
    const next: unknown = (current as { originalError?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
    current = next;
  }
  return undefined;
}

/** Told of every error answered as INTERNAL_SERVER_ERROR, with the error itself: a bug to log with its cause. */
export type UnexpectedErrorHook = (error: unknown) => void;

/** The formatter: Apollo's `formatError`, and the one way the facade's own HTTP answers word an error. */
export type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Apollo's `formatError`: one place that decides what a client sees of an error.
 * A FacadeError keeps its message and gets `code`, `upstream`, `upstreamStatus`, `retryAfter`;
 * Apollo's own request errors pass through; anything else is masked as INTERNAL_SERVER_ERROR,
 * and `onUnexpected` gets the original (the cause goes to the log, never to the client).
 * No stack traces, and every message goes through the redactor. Never throws.
 */
export function createErrorFormatter(redact: Redactor, onUnexpected: UnexpectedErrorHook = () => {}): ErrorFormatter {
  const tell = (error: unknown): void => {
    try {
      // The error the resolver threw, not GraphQL's wrapper: its stack and cause are the bug's.
      onUnexpected((error as { originalError?: unknown } | null)?.originalError ?? error);
    } catch {
      // A failing log must not turn into a failing answer.
    }
  };
  const internal = (error: unknown): GraphQLFormattedError => {
    tell(error);
    return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    try {
      const base = { locations: formatted.locations, path: formatted.path };
      const facadeError = findFacadeError(error);
      if (facadeError) {
        const extensions: Record<string, unknown> = { code: facadeError.code };
        if (facadeError.upstream !== undefined) extensions.upstream = facadeError.upstream;
        if (facadeError.upstreamStatus !== undefined) extensions.upstreamStatus = facadeError.upstreamStatus;
        if (facadeError.retryAfter !== undefined) extensions.retryAfter = facadeError.retryAfter;
        if (facadeError.code === 'INTERNAL_SERVER_ERROR') tell(facadeError);
        return { ...base, message: redact(facadeError.message), extensions };
      }
      const code = formatted.extensions?.code;
      if (typeof code === 'string' && APOLLO_CODES.has(code) && typeof formatted.message === 'string') {
        return { ...base, message: redact(formatted.message), extensions: { code } };
      }
      return { ...base, ...internal(error) };
    } catch {
      return internal(error);
    }
  };
}

/**
 * The body of an HTTP answer the facade gives itself, outside GraphQL execution (a refused
 * header, body or hash, a draining replica, a failed handler): GraphQL-over-HTTP's
 * `{ errors: [...] }`, each worded by the same formatter as any GraphQL error.
 */
export function errorBody(format: ErrorFormatter, error: unknown, demo: boolean): Record<string, unknown> {
  const formatted = isFacadeError(error) ? { message: error.message, extensions: { code: error.code } } : { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  return { errors: [format(formatted, error)], ...(demo ? { extensions: { demo: true } } : {}) };
}
