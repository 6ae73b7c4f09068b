import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { connectionOptions, createHostCheck, hostName } from '../../../src/server/edge.ts';

describe('hostName', () => {
  it.each([
    ['localhost:4000', 'localhost'],
    ['LocalHost', 'localhost'],
    ['[::1]:4000', '[::1]'],
    ['[::1]', '[::1]'],
    ['127.0.0.1:80', '127.0.0.1'],
    ['localhost.attacker.example:4000', 'localhost.attacker.example'],
  ])('reads %s as %s', (host, name) => {
    expect(hostName(host)).toBe(name);
  });
});

describe('createHostCheck', () => {
  it('checks nothing when authentication is required and ALLOWED_HOSTS is unset', () => {
    expect(createHostCheck([], true)).toBeNull();
  });

  it.each([
    ['localhost:4000', true],
    ['127.0.0.1', true],
    ['[::1]:4000', true],
    ['attacker.example:4000', false],
    ['127.0.0.1.attacker.example', false],
    ['localhost.attacker.example', false],
    [undefined, false],
    ['', false],
  ] as const)('without authentication, Host %s is answered: %s', (host, allowed) => {
    expect(createHostCheck([], false)!(host)).toBe(allowed);
  });

  it('adds ALLOWED_HOSTS to the loopback names, and enforces them with authentication too', () => {
    const check = createHostCheck(loadConfig({ ALLOWED_HOSTS: 'facade.internal,fd00::7' }).security.allowedHosts, true)!;
    expect(['facade.internal:4000', '[fd00::7]:4000', 'localhost'].map(check)).toEqual([true, true, true]);
    expect(check('other.internal')).toBe(false);
  });
});

describe('connectionOptions', () => {
  it('checks the timeouts at a tenth of the shorter one, at most every second', () => {
    expect(connectionOptions(loadConfig({}).server)).toEqual({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 65_000, connectionsCheckingInterval: 1000 });
    expect(connectionOptions(loadConfig({ HEADERS_TIMEOUT_MS: '200', REQUEST_TIMEOUT_MS: '400' }).server).connectionsCheckingInterval).toBe(20);
  });
});
