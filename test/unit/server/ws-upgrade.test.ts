import { describe, expect, it } from 'vitest';
import { isSameOrigin } from '../../../src/server/ws-upgrade.ts';

// A browser's WebSocket upgrade is served only from a page of the facade's own origin
// (cross-site WebSocket hijacking); clients that are not browsers send no Origin.
describe('isSameOrigin', () => {
  it.each([
    [undefined, '127.0.0.1:4000', true],
    ['http://127.0.0.1:4000', '127.0.0.1:4000', true],
    ['http://LOCALHOST:4000', 'localhost:4000', true],
    ['https://facade.example.com', 'facade.example.com', true],
    ['https://facade.example.com', 'facade.example.com:443', true],
    ['http://facade.example.com', 'facade.example.com:80', true],
    ['http://[::1]:4000', '[::1]:4000', true],
    ['http://127.0.0.1:4001', '127.0.0.1:4000', false],
    ['https://facade.example.com', 'facade.example.com:80', false],
    ['https://evil.example', 'facade.example.com', false],
    ['https://facade.example.com.evil.example', 'facade.example.com', false],
    ['null', '127.0.0.1:4000', false],
    ['file://', '127.0.0.1:4000', false],
    ['not a url', '127.0.0.1:4000', false],
    ['http://127.0.0.1:4000', undefined, false],
  ])('Origin %s, Host %s: %s', (origin, host, same) => {
    expect(isSameOrigin(origin, host)).toBe(same);
  });
});
