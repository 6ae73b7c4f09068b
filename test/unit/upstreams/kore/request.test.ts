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
      credentials: ['jwt-token'],
    });
  });

  it('names the token, and its signature alone when it is a real one, as credentials an answer must not echo', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiIxIn0.8JrNQ2n7RkX1zq3b3M1s0p3XkQ0bVd5e2cT7yYk9aBc';
    expect(buildKoreRequest(CONFIG, 'st', ['c1'], token).credentials).toEqual([token, '8JrNQ2n7RkX1zq3b3M1s0p3XkQ0bVd5e2cT7yYk9aBc']);
    expect(buildKoreRequest(CONFIG, 'st', ['c1'], 'a.b.c').credentials).toEqual(['a.b.c']);
  });

  it('keeps a stream ID inside its path segment', () => {
    expect(buildKoreRequest(CONFIG, '../x?y#z', ['c1'], 't').url).toBe('https://platform.kore.ai/agentassist/api/v1/public/..%2Fx%3Fy%23z/contacts/bulk-delete');
  });
});
