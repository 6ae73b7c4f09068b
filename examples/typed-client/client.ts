/**
 * A typed client for the bulk-delete facade, small enough to copy into a frontend: plain
 * `fetch`, one generic `request`, and documents generated from `operations/*.graphql`
 * (README, "For frontend teams"). The result and variables types come from the document, so a
 * typo in a field or an input is a compile error, not a runtime surprise.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { parseErrorExtensions, type ClientErrorExtensions } from './errors.ts';

/** Where the facade is, and the credential to send (an API key or a JWT). */
export interface BulkDeleteClientOptions {
  /** The facade's base URL, e.g. `http://127.0.0.1:4000`; `/graphql` is appended. */
  url: string;
  /** Sent as `Authorization: Bearer <token>` when given. */
  token?: string;
  /** Another fetch (tests, retries, instrumentation); the global one by default. */
  fetch?: typeof fetch;
}

/** One entry of a GraphQL answer's `errors`, as the facade sends it. */
export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * Thrown for a GraphQL error or a non-2xx answer. `extensions` is the first error's, read into a
 * union discriminated on `code` (errors.ts): switch over `error.extensions.code` and the fields
 * that code carries are typed (`retryAfter` on RATE_LIMITED, `upstream` on NOT_CONFIGURED...).
 * A facade error means nothing was deleted, and the facade knows it (README "What a result
 * guarantees"). An answer with no code (a proxy's HTML 502, say) is `UNRECOGNISED`; `status`
 * has the HTTP status.
 */
export class BulkDeleteClientError extends Error {
  override readonly name = 'BulkDeleteClientError';
  /** The first error's extensions, checked against its code's shape. */
  readonly extensions: ClientErrorExtensions;
  /** `extensions.code`: one of the facade's codes, a request-level one, or `UNRECOGNISED`. */
  readonly code: ClientErrorExtensions['code'];
  /** The HTTP status of the answer (200 for field errors such as `FORBIDDEN`). */
  readonly status: number;
  /** Every error of the answer, as sent. */
  readonly errors: readonly GraphQLErrorEntry[];

  constructor(status: number, errors: readonly GraphQLErrorEntry[]) {
    const first = errors[0];
    super(first?.message ?? `The facade answered HTTP ${status} with no GraphQL error`);
    this.status = status;
    this.errors = errors;
    this.extensions = parseErrorExtensions(first?.extensions);
    this.code = this.extensions.code;
  }
}

/** The client `createBulkDeleteClient` returns. */
export interface BulkDeleteClient {
  /**
   * Runs one operation and resolves with its `data`, typed by the document. Rejects with a
   * `BulkDeleteClientError` when the answer has any error or is not 2xx.
   */
  request<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult>;
}

/** Creates a client for the facade at `options.url`. */
export function createBulkDeleteClient(options: BulkDeleteClientOptions): BulkDeleteClient {
  const endpoint = `${options.url.replace(/\/+$/, '')}/graphql`;
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  // Printing costs a walk of the document: do it once per document, not once per call.
  const printed = new WeakMap<object, string>();

  return {
    async request<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult> {
      let query = printed.get(document);
      if (query === undefined) {
        query = print(document);
        printed.set(document, query);
      }
      const response = await doFetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = await readBody(response);
      const errors = readErrors(body);
      if (!response.ok || errors.length > 0) throw new BulkDeleteClientError(response.status, errors);
      if (!isObject(body) || !isObject(body.data)) throw new BulkDeleteClientError(response.status, [{ message: 'The facade answered without data' }]);
      // The server validated the answer against the same schema the document was typed from.
      return body.data as TResult;
    },
  };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readErrors(body: unknown): GraphQLErrorEntry[] {
  if (!isObject(body) || !Array.isArray(body.errors)) return [];
  return body.errors.map((entry: unknown): GraphQLErrorEntry => {
    if (!isObject(entry)) return { message: 'Unreadable error' };
    const message = typeof entry.message === 'string' ? entry.message : 'Unreadable error';
    const extensions = isObject(entry.extensions) ? entry.extensions : undefined;
    // A non-string code would break the type; keep it out rather than guess.
    const code = typeof extensions?.code === 'string' ? extensions.code : undefined;
    const path = Array.isArray(entry.path) ? entry.path.filter((p: unknown): p is string | number => typeof p === 'string' || typeof p === 'number') : undefined;
    return {
      message,
      ...(path ? { path } : {}),
      ...(extensions ? { extensions: { ...extensions, code } } : {}),
    };
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
