import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { CliError, EXIT } from './exit-codes.ts';

// Refusals that are the operator's input to fix (nothing was changed): exit USAGE. Any other
// code (UNAUTHENTICATED, FORBIDDEN, NOT_CONFIGURED, UPSTREAM_*, …) is the facade's side: FACADE.
const INPUT_CODES = new Set(['BAD_USER_INPUT', 'IDEMPOTENCY_KEY_REUSED', 'GRAPHQL_VALIDATION_FAILED']);
// Conditions that pass: a watcher asks again rather than giving up on a job that goes on.
const PASSING_CODES = new Set(['JOB_STORE_UNAVAILABLE', 'IDENTITY_PROVIDER_UNAVAILABLE', 'RATE_LIMITED', 'INTERNAL_SERVER_ERROR']);

/** How the CLI reaches the facade: one endpoint, one credential, for every call. */
export interface FacadeClient {
  /** The GraphQL endpoint, credentials never in it. */
  readonly url: URL;
  /** Sends one operation; resolves with its data, or throws a CliError with the facade's message. */
  request<TData, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, signal?: AbortSignal): Promise<TData>;
  /** A GET on a path beside the endpoint (`jobs/{id}/results`), with the same credential. */
  get(path: string, signal?: AbortSignal): Promise<Response>;
  /** The Authorization header, for the WebSocket; empty without a token. */
  readonly headers: Readonly<Record<string, string>>;
}

const printed = new WeakMap<object, string>();

function textOf(document: TypedDocumentNode<unknown, never>): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

/** The first GraphQL error of an answer, as the facade worded it. */
interface AnswerError { message?: unknown; extensions?: { code?: unknown } }

function refusal(errors: readonly AnswerError[], status: number): CliError {
  const first = errors[0] ?? {};
  const code = typeof first.extensions?.code === 'string' ? first.extensions.code : `HTTP ${status}`;
  const message = typeof first.message === 'string' ? first.message : 'The facade refused the request without a message.';
  return new CliError(INPUT_CODES.has(code) ? EXIT.USAGE : EXIT.FACADE, `The facade refused: ${message} (${code})`, { retryable: PASSING_CODES.has(code) || status >= 502 });
}

/**
 * A GraphQL-over-HTTP client of the facade, as any client calls it: POST /graphql with the
 * bearer token (an API key or a JWT, README "Client authentication"). A network failure says
 * which URL could not be reached and why, never the token.
 */
export function createFacadeClient(url: URL, token: string | null): FacadeClient {
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };

  async function send(target: URL, init: RequestInit): Promise<Response> {
    try {
      return await fetch(target, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } });
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason ?? error;
      const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
      const why = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : String(error);
      throw new CliError(EXIT.FACADE, `Cannot reach the facade at ${target.origin}${target.pathname}: ${why}. Check --url (or FACADE_URL) and that the facade is running.`, { cause: error, retryable: true });
    }
  }

  return {
    url,
    headers,
    async request(document, variables, signal) {
      const response = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query: textOf(document as TypedDocumentNode<unknown, never>), variables }),
        ...(signal ? { signal } : {}),
      });
      const text = await response.text();
      let body: { data?: unknown; errors?: AnswerError[] };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        // A 502/503 from a proxy or a draining replica passes; anything else is the wrong URL.
        throw new CliError(EXIT.FACADE, `${url.origin}${url.pathname} answered HTTP ${response.status} with no GraphQL response: is --url the facade's /graphql endpoint?`, { retryable: response.status >= 500 });
      }
      if (Array.isArray(body.errors) && body.errors.length > 0) throw refusal(body.errors, response.status);
      if (body.data === null || body.data === undefined || typeof body.data !== 'object') {
        throw new CliError(EXIT.FACADE, `${url.origin}${url.pathname} answered HTTP ${response.status} with no data.`);
      }
      return body.data as never;
    },
    get(path, signal) {
      return send(new URL(path, url), { method: 'GET', ...(signal ? { signal } : {}) });
    },
  };
}

/** Reads a refusal from a non-GraphQL endpoint's JSON error body (the results route). */
export async function refusalOf(response: Response): Promise<CliError> {
  try {
    const body = (await response.json()) as { errors?: AnswerError[] };
    if (Array.isArray(body.errors) && body.errors.length > 0) return refusal(body.errors, response.status);
  } catch {
    // Not JSON: the status alone says it.
  }
  return new CliError(EXIT.FACADE, `The facade answered HTTP ${response.status}.`);
}
