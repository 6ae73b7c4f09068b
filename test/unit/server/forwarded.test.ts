import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createClientAddress, readClientApp, readRequestId } from '../../../src/server/forwarded.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function request(remoteAddress: string, forwardedFor?: string | string[]): IncomingMessage {
  return { socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as unknown as IncomingMessage;
}

describe('readRequestId', () => {
  it.each(['req-1', 'a1b2c3', 'router:42.7', 'x'.repeat(128), '3f2b8a4e-0a9c-4c1e-9a51-0b7f0f6d2c11'])('keeps a sane incoming ID %s', (id) => {
    expect(readRequestId({ 'x-request-id': id })).toBe(id);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['with spaces', 'req 1'],
    ['with a line break', 'req\n1'],
    ['with quotes', 'req"1'],
    ['a log-injection attempt', 'a","level":60,"msg":"x'],
  ])('generates a UUID when it is %s', (_label, id) => {
    expect(readRequestId(id === undefined ? {} : { 'x-request-id': id })).toMatch(UUID);
  });

  it('generates a new ID per request', () => {
    expect(readRequestId({})).not.toBe(readRequestId({}));
  });
});

describe('readClientApp', () => {
  it.each([
    [{ 'apollographql-client-name': 'web-admin', 'apollographql-client-version': '4.2.0' }, { name: 'web-admin', version: '4.2.0' }],
    [{ 'graphql-client-name': 'ios', 'graphql-client-version': '2024.11 (build 7)' }, { name: 'ios', version: '2024.11 (build 7)' }],
    [{ 'x-graphql-client-name': 'cli' }, { name: 'cli', version: null }],
    // Router client awareness first, when a gateway sends both.
    [{ 'graphql-client-name': 'b', 'apollographql-client-name': 'a' }, { name: 'a', version: null }],
    // A malformed first header does not hide a good later one.
    [{ 'apollographql-client-name': 'bad\u0000name', 'graphql-client-name': 'good' }, { name: 'good', version: null }],
  ])('reads %j', (headers, app) => {
    expect(readClientApp(headers)).toEqual(app);
  });

  it.each([
    ['no name', { 'apollographql-client-version': '1.0' }],
    ['an empty name', { 'apollographql-client-name': '' }],
    ['a name too long', { 'apollographql-client-name': 'n'.repeat(129) }],
    ['a name with a quote', { 'apollographql-client-name': 'web"admin' }],
    ['a name with a line break', { 'apollographql-client-name': 'web\nadmin' }],
  ])('is null for %s', (_label, headers) => {
    expect(readClientApp(headers)).toBeNull();
  });

  it('drops a malformed version but keeps the name', () => {
    expect(readClientApp({ 'apollographql-client-name': 'web', 'apollographql-client-version': '1.0\r\nX: y' })).toEqual({ name: 'web', version: null });
  });
});

describe('createClientAddress', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const address = createClientAddress([]);
    expect(address(request('10.0.0.5', '203.0.113.9'))).toBe('10.0.0.5');
    expect(address(request('::ffff:10.0.0.5'))).toBe('10.0.0.5');
  });

  it.each([
    // [socket, X-Forwarded-For, expected]
    ['10.0.0.5', '203.0.113.9', '203.0.113.9'],
    ['10.0.0.5', '198.51.100.1, 203.0.113.9', '203.0.113.9'],
    // Trusted hops are skipped from the right.
    ['10.0.0.5', '203.0.113.9, 10.0.0.7', '203.0.113.9'],
    ['::ffff:10.0.0.5', '203.0.113.9', '203.0.113.9'],
    ['::1', '2001:db8::1', '2001:db8::1'],
    // Every hop trusted: the left-most is the best we know.
    ['10.0.0.5', '10.0.0.8, 10.0.0.7', '10.0.0.8'],
    // Garbage was not written by a trusted proxy: stop at the last trusted address.
    ['10.0.0.5', 'not-an-ip', '10.0.0.5'],
    ['10.0.0.5', '203.0.113.9, bogus, 10.0.0.7', '10.0.0.7'],
    ['10.0.0.5', undefined, '10.0.0.5'],
    ['10.0.0.5', '', '10.0.0.5'],
    // Not from a trusted proxy: the header is the client's own claim and is ignored.
    ['192.0.2.44', '203.0.113.9', '192.0.2.44'],
  ])('socket %s with X-Forwarded-For %j is %s', (socket, forwardedFor, expected) => {
    const address = createClientAddress(['10.0.0.0/8', '::1']);
    expect(address(request(socket, forwardedFor))).toBe(expected);
  });

  it('joins repeated X-Forwarded-For headers in order', () => {
    const address = createClientAddress(['10.0.0.5']);
    expect(address(request('10.0.0.5', ['198.51.100.1', '203.0.113.9']))).toBe('203.0.113.9');
  });
});
