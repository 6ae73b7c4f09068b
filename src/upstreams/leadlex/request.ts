import type { LeadLexConfig } from '../../config/index.ts';
import { createEndpoint, type Endpoint } from '../endpoint.ts';
import type { UpstreamRequest } from '../http.ts';

const PATH = '/v1/deals/bulk-delete';

/** The documented endpoint under LEADLEX_API_URL. */
export function leadLexEndpoint(config: LeadLexConfig): Endpoint {
  return createEndpoint('leadlex', config.url, PATH);
}

/**
 * `POST {LEADLEX_API_URL}/v1/deals/bulk-delete` with `Authorization: Bearer`, `Idempotency-Key`
 * and `{"deal_ids": [...], "dry_run": bool}` (docs/vendors/leadlex.md). Pure.
 */
export function buildLeadLexRequest(config: LeadLexConfig, ids: readonly string[], dryRun: boolean, idempotencyKey: string): UpstreamRequest {
  return {
    method: 'POST',
    url: `${config.url}${PATH}`,
    headers: {
      authorization: `Bearer ${config.apiKey}`,
      'content-type': 'application/json',
      accept: 'application/json',
      'idempotency-key': idempotencyKey,
    },
    body: JSON.stringify({ deal_ids: ids, dry_run: dryRun }),
    credentials: [config.apiKey],
  };
}
