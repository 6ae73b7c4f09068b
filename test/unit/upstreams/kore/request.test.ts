import { describe, expect, it } from 'vitest';
import type { KoreConfig } from '../../../../src/config/index.ts';
import { buildKoreRequest } from '../../../../src/upstreams/kore/index.ts';

const CONFIG: KoreConfig = { url: 'https://platform.kore.ai', accountId: 'acct-1', defaultStreamId: null, auth: { kind: 'static', jwt: 'a.b.c' }, batchSize: 100 };

describe('buildKoreRequest', () => {
  it('builds DELETE .../{streamId}/contacts/bulk-delete with auth, accountId and {"ids": [...]}', () => {
    expect(buildKoreRequest(CONFIG, 'st-123', ['c1', 'c2'], 'jwt-token')).toEqual({
      method: 'DELETE',
      url: 'https://platform.kore.ai/agentassist/api/v1/public/st-123/contacts/bulk-delete',
      headers: { auth: 'jwt-token', accountid: 'acct-1', 'content-type': 'application/json', accept: 'application/json' },
      body: '{"ids":["c1","c2"]}',
    });
  });

  it('keeps a stream ID inside its path segment', () => {
    expect(buildKoreRequest(CONFIG, '../x?y#z', ['c1'], 't').url).toBe('https://platform.kore.ai/agentassist/api/v1/public/..%2Fx%3Fy%23z/contacts/bulk-delete');
  });
});
