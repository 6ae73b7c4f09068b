import { describe, expect, it } from 'vitest';
import { buildStoqRequest } from '../../../../src/upstreams/stoq/index.ts';

describe('buildStoqRequest', () => {
  it('builds DELETE /intents/bulk_destroy with X-Auth-Token and {"intent_ids": [...]}', () => {
    const request = buildStoqRequest({ url: 'https://app.stoqapp.com/api/v1/external', apiKey: 'stoq-key' }, ['int_1', 'int_2']);
    expect(request).toEqual({
      method: 'DELETE',
      url: 'https://app.stoqapp.com/api/v1/external/intents/bulk_destroy',
      headers: { 'x-auth-token': 'stoq-key', 'content-type': 'application/json', accept: 'application/json' },
      body: '{"intent_ids":["int_1","int_2"]}',
      credentials: ['stoq-key'],
    });
  });
});
