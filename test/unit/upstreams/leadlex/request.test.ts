import { describe, expect, it } from 'vitest';
import { buildLeadLexRequest } from '../../../../src/upstreams/leadlex/index.ts';

describe('buildLeadLexRequest', () => {
  it('builds POST /v1/deals/bulk-delete with a bearer key, Idempotency-Key and {"deal_ids", "dry_run"}', () => {
    const request = buildLeadLexRequest({ url: 'https://data.leadlex.com/functions/v1/api-gateway', apiKey: 'wbk_key' }, ['deal_01HY1', 'deal_02HY2'], true, 'batch-key');
    expect(request).toEqual({
      method: 'POST',
      url: 'https://data.leadlex.com/functions/v1/api-gateway/v1/deals/bulk-delete',
      headers: { authorization: 'Bearer wbk_key', 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': 'batch-key' },
      body: '{"deal_ids":["deal_01HY1","deal_02HY2"],"dry_run":true}',
      credentials: ['wbk_key'],
    });
  });

  it('sends dry_run false explicitly', () => {
    expect(JSON.parse(buildLeadLexRequest({ url: 'https://x.example', apiKey: 'k' }, ['d'], false, 'k').body)).toEqual({ deal_ids: ['d'], dry_run: false });
  });
});
