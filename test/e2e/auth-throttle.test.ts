import { afterEach, describe, expect, it } from 'vitest';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import { createFailureLimiter } from '../../src/server/rate-limit.ts';
import type { FacadeHarness } from '../helpers/facade.ts';
import { TYPENAME } from '../helpers/documents.ts';
import { mutate, startSeeded } from '../helpers/e2e.ts';

const KEY = generateApiKey();
const ENV = { AUTH_REQUIRED: 'true', AUTH_API_KEYS: buildApiKeyLine('ops', '*', hashApiKey(KEY)), AUTH_FAILURES_PER_MINUTE: '3' };

let facade: FacadeHarness | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

describe('failed-authentication throttle', () => {
  it('refuses an address after AUTH_FAILURES_PER_MINUTE failures with 429 RATE_LIMITED, even with the right key', async () => {
    facade = await startSeeded({ env: ENV });
    for (let i = 0; i < 3; i++) {
      const wrong = await facade.graphql(TYPENAME, {}, { authorization: `Bearer ${generateApiKey()}` });
      expect(wrong.status).toBe(401);
    }
    const throttled = await facade.graphql(TYPENAME, {}, { authorization: `Bearer ${generateApiKey()}` });
    expect(throttled.status).toBe(429);
    expect(throttled.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    const evenRight = await mutate(facade, 'deals', { ids: ['x1'] }, { authorization: `Bearer ${KEY}` });
    expect(evenRight.status).toBe(429);
    expect(facade.leadlex.received).toEqual([]);
  });

  it('never counts requests that authenticate', async () => {
    facade = await startSeeded({ env: ENV });
    for (let i = 0; i < 6; i++) {
      const ok = await facade.graphql(TYPENAME, {}, { authorization: `Bearer ${KEY}` });
      expect(ok.status).toBe(200);
    }
  });
});

describe('createFailureLimiter', () => {
  it('never blocks when the limit is 0', () => {
    const limiter = createFailureLimiter(0);
    for (let i = 0; i < 100; i++) limiter.recordFailure('a');
    expect(limiter.blockedFor('a')).toBe(0);
  });

  it('blocks a key once its failures exceed the budget, and lets it back as the bucket refills', () => {
    let now = 0;
    const limiter = createFailureLimiter(2, () => now);
    limiter.recordFailure('a');
    expect(limiter.blockedFor('a')).toBe(0);
    limiter.recordFailure('a');
    expect(limiter.blockedFor('a')).toBe(30);
    expect(limiter.blockedFor('b')).toBe(0);
    now += 30_000;
    expect(limiter.blockedFor('a')).toBe(0);
  });
});
