import { createHash } from 'node:crypto';

/**
 * True when a request registers an automatic persisted query (`extensions.persistedQuery`
 * with both `sha256Hash` and `query`) whose hash is not the query's SHA-256. Apollo Server
 * refuses these with HTTP 400 but no error code, which the error formatter must mask as
 * INTERNAL_SERVER_ERROR; the facade answers 400 BAD_REQUEST itself instead. Apollo Client's
 * persisted-queries link reacts only to PERSISTED_QUERY_NOT_FOUND / _NOT_SUPPORTED, which
 * Apollo still answers itself. `body` is a parsed POST body; `search` a GET's query string.
 * Hashes only registrations, which a client sends once per document.
 */
export function isPersistedQueryMismatch(body: unknown, search: string): boolean {
  let query: unknown;
  let extensions: unknown;
  if (body !== null && typeof body === 'object') {
    ({ query, extensions } = body as { query?: unknown; extensions?: unknown });
  } else if (search.includes('persistedQuery')) {
    const params = new URLSearchParams(search);
    query = params.get('query') ?? undefined;
    try {
      extensions = JSON.parse(params.get('extensions') ?? 'null');
    } catch {
      return false; // Apollo answers malformed extensions itself.
    }
  }
  if (typeof query !== 'string' || extensions === null || typeof extensions !== 'object') return false;
  const persisted = (extensions as { persistedQuery?: unknown }).persistedQuery;
  if (persisted === null || typeof persisted !== 'object') return false;
  const hash = (persisted as { sha256Hash?: unknown }).sha256Hash;
  return typeof hash === 'string' && createHash('sha256').update(query).digest('hex') !== hash;
}
