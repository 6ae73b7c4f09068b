import type { IncomingMessage, ServerOptions } from 'node:http';
import type { ServerConfig } from '../config/index.ts';

/**
 * Node's limits on slow connections, from the config (README, Hardening): the headers must
 * arrive within `headersTimeoutMs` of a request's first byte and the whole request within
 * `requestTimeoutMs`, else Node answers 408 and closes; an idle kept-alive connection closes
 * after `keepAliveTimeoutMs`. Node checks the first two only every
 * `connectionsCheckingInterval` (30 s by default, which let a trickle live 30 s past its
 * limit): a tenth of the shorter limit, at most a second, keeps each bound within 10 %.
 */
export function connectionOptions(server: ServerConfig): ServerOptions {
  return {
    headersTimeout: server.headersTimeoutMs,
    requestTimeout: server.requestTimeoutMs,
    keepAliveTimeout: server.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(5, Math.min(1000, Math.floor(Math.min(server.headersTimeoutMs, server.requestTimeoutMs) / 10))),
  };
}

/** Host names that only ever reach this machine: a DNS-rebinding page cannot make a browser send them. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Which `Host` values /graphql answers, or null when any will do. Without client
 * authentication, a web page a browser on this machine opens could otherwise point a name it
 * controls at 127.0.0.1 (DNS rebinding) and send deletes the browser sees as same-origin:
 * then only the loopback names and ALLOWED_HOSTS are answered. With authentication on, the
 * page has no credential to send, so Host is checked only when ALLOWED_HOSTS is set.
 */
export function createHostCheck(allowedHosts: readonly string[], authRequired: boolean): ((host: string | undefined) => boolean) | null {
  if (authRequired && allowedHosts.length === 0) return null;
  const allowed = new Set([...LOOPBACK_HOSTS, ...allowedHosts]);
  return (host) => host !== undefined && allowed.has(hostName(host));
}

/** The name part of a Host header, lower case: `[::1]:4000` → `[::1]`, `Example.com:80` → `example.com`. */
export function hostName(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) {
    const end = lower.indexOf(']');
    return end === -1 ? lower : lower.slice(0, end + 1);
  }
  const colon = lower.indexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

/**
 * How many times a header occurs in a request. Node keeps only the first of repeated
 * Authorization and Host headers in `req.headers`, so a second one would be silently ignored
 * (and a proxy in front may have read the other one): such a request is refused instead.
 */
export function countHeader(req: IncomingMessage, lowerName: string): number {
  const raw = req.rawHeaders;
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === lowerName.length && name.toLowerCase() === lowerName) count++;
  }
  return count;
}
