import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { ClientApp } from '../observability/index.ts';

const REQUEST_ID = /^[\w.:-]{1,128}$/;
// Printable ASCII without quotes or backslashes: it goes into logs and span attributes as is.
const CLIENT_APP_TEXT = /^[\w .:@/+~()-]{1,128}$/;
// Apollo Router's client awareness first, then the names Hive Gateway and GraphQL clients send.
const CLIENT_NAME_HEADERS = ['apollographql-client-name', 'graphql-client-name', 'x-graphql-client-name'] as const;
const CLIENT_VERSION_HEADERS = ['apollographql-client-version', 'graphql-client-version', 'x-graphql-client-version'] as const;

/** The caller's `x-request-id` when it is a sane token (a router's, a client's), else a new UUID. */
export function readRequestId(headers: IncomingHttpHeaders): string {
  const incoming = headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The application a router or client names in its client-awareness headers, for logs and
 * spans. Never used to authorise: anyone can send it. A malformed value is dropped, not refused,
 * since it changes nothing the facade does.
 */
export function readClientApp(headers: IncomingHttpHeaders): ClientApp | null {
  const name = firstValid(headers, CLIENT_NAME_HEADERS);
  if (name === null) return null;
  return { name, version: firstValid(headers, CLIENT_VERSION_HEADERS) };
}

function firstValid(headers: IncomingHttpHeaders, names: readonly string[]): string | null {
  for (const name of names) {
    const value = headers[name];
    if (typeof value === 'string' && CLIENT_APP_TEXT.test(value)) return value;
  }
  return null;
}

/**
 * The caller's address, seen through the proxies named in TRUSTED_PROXIES: behind a router every
 * request comes from the router, and one guessing client must not spend everyone's
 * authentication-failure budget. `X-Forwarded-For` is read from the right, skipping trusted
 * hops; it is ignored unless the connection itself comes from a trusted proxy, since anyone can
 * send the header.
 */
export function createClientAddress(trustedProxies: readonly string[]): (req: IncomingMessage) => string {
  const socketAddress = (req: IncomingMessage): string => normalise(req.socket.remoteAddress ?? 'unknown');
  if (trustedProxies.length === 0) return socketAddress;
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) trusted.addAddress(address, type);
    else trusted.addSubnet(address, Number(prefix), type);
  }
  const isTrusted = (address: string): boolean => {
    const family = isIP(address);
    return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
  return (req) => {
    let address = socketAddress(req);
    if (!isTrusted(address)) return address;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : header ?? '').split(',');
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = normalise(hops[i]!.trim());
      // A hop that is not an address was not written by a proxy we trust: stop at the last one that was.
      if (isIP(hop) === 0) return address;
      address = hop;
      if (!isTrusted(hop)) return hop;
    }
    return address;
  };
}

// IPv4 clients of a dual-stack socket show up as ::ffff:a.b.c.d; TRUSTED_PROXIES lists them as a.b.c.d.
function normalise(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
