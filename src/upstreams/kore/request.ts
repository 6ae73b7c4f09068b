import type { KoreConfig } from '../../config/index.ts';
import type { UpstreamRequest } from '../http.ts';

/**
 * `DELETE {KORE_API_URL}/agentassist/api/v1/public/{streamId}/contacts/bulk-delete` with
 * headers `auth`, `accountId`, `Content-Type` and `{"ids": [...]}`
 * (upstream-apis/kore-contacts-bulk-delete.md). Pure; the token is minted by the caller.
 */
export function buildKoreRequest(config: KoreConfig, streamId: string, ids: readonly string[], token: string): UpstreamRequest {
  return {
    method: 'DELETE',
    url: `${config.url}/agentassist/api/v1/public/${encodeURIComponent(streamId)}/contacts/bulk-delete`,
    headers: { auth: token, accountid: config.accountId, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ ids }),
  };
}
