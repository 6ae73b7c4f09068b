import type { StoqConfig } from '../../config/index.ts';
import type { UpstreamRequest } from '../http.ts';

/**
 * `DELETE {STOQ_API_URL}/intents/bulk_destroy` with `X-Auth-Token` and `{"intent_ids": [...]}`
 * (upstream-apis/stoq-intents-bulk-destroy.md). Pure.
 */
export function buildStoqRequest(config: StoqConfig, ids: readonly string[]): UpstreamRequest {
  return {
    method: 'DELETE',
    url: `${config.url}/intents/bulk_destroy`,
    headers: { 'x-auth-token': config.apiKey, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ intent_ids: ids }),
  };
}
