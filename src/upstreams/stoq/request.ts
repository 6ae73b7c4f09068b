import type { StoqConfig } from '../../config/index.ts';
import { createEndpoint, type Endpoint } from '../endpoint.ts';
import type { UpstreamRequest } from '../http.ts';

const PATH = '/intents/bulk_destroy';

/** The documented endpoint under STOQ_API_URL. */
export function stoqEndpoint(config: StoqConfig): Endpoint {
  return createEndpoint('stoq', config.url, PATH);
}

/**
 * `DELETE {STOQ_API_URL}/intents/bulk_destroy` with `X-Auth-Token` and `{"intent_ids": [...]}`
 * (docs/vendors/stoq.md). Pure.
 */
export function buildStoqRequest(config: StoqConfig, ids: readonly string[]): UpstreamRequest {
  return {
    method: 'DELETE',
    url: `${config.url}${PATH}`,
    headers: { 'x-auth-token': config.apiKey, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ intent_ids: ids }),
    credentials: [config.apiKey],
  };
}
