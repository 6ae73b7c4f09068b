import type { KoreConfig } from '../../config/index.ts';
import { createEndpoint, type Endpoint } from '../endpoint.ts';
import type { UpstreamRequest } from '../http.ts';

const PATH = '/agentassist/api/v1/public/';
const SUFFIX = '/contacts/bulk-delete';

// An HS256 signature is 43 characters; anything much shorter is no secret of its own.
const MIN_SIGNATURE_LENGTH = 16;

/** The documented endpoint under KORE_API_URL: `{PATH}{streamId}{SUFFIX}`, one segment for the stream. */
export function koreEndpoint(config: KoreConfig): Endpoint {
  return createEndpoint('kore', config.url, PATH, SUFFIX);
}

/**
 * `DELETE {KORE_API_URL}/agentassist/api/v1/public/{streamId}/contacts/bulk-delete` with
 * headers `auth`, `accountId`, `Content-Type` and `{"ids": [...]}`
 * (docs/vendors/kore.md). Pure; the token is minted by the caller. The
 * token and its signature alone are the credentials an answer must never echo back out.
 */
export function buildKoreRequest(config: KoreConfig, streamId: string, ids: readonly string[], token: string): UpstreamRequest {
  return {
    method: 'DELETE',
    url: `${config.url}${PATH}${encodeURIComponent(streamId)}${SUFFIX}`,
    headers: { auth: token, accountid: config.accountId, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ ids }),
    credentials: credentialsOf(token),
  };
}

/** The token, and its signature alone when that is long enough to be worth masking. */
function credentialsOf(token: string): string[] {
  const signature = token.slice(token.lastIndexOf('.') + 1);
  return signature.length >= MIN_SIGNATURE_LENGTH && signature !== token ? [token, signature] : [token];
}
