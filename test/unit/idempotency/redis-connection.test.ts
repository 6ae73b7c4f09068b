import { describe, expect, it } from 'vitest';
import { describeRedisUrl } from '../../../src/idempotency/index.ts';

describe('describeRedisUrl', () => {
  it.each([
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['redis://:pa55word@cache.internal:6380/2', 'redis://cache.internal:6380/2'],
    ['rediss://facade:pa55word@cache.example.com', 'rediss://cache.example.com'],
    ['redis://facade:p%40ss@[::1]:6379/', 'redis://[::1]:6379'],
    ['not a url pa55word', '(unparseable URL)'],
  ])('shows %s as %s, never its user or password', (url, shown) => {
    expect(describeRedisUrl(url)).toBe(shown);
    expect(describeRedisUrl(url)).not.toMatch(/pa55word|p%40ss|facade/);
  });
});
