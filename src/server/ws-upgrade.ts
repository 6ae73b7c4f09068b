import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Config } from '../config/index.ts';
import { FacadeError } from '../errors/index.ts';
import { countHeader, createHostCheck, hostName } from './edge.ts';

/** Why a WebSocket upgrade is refused, answered in plain HTTP before any WebSocket exists. */
export interface UpgradeRefusal {
  readonly status: number;
  readonly error: FacadeError;
}

/**
 * Decides an upgrade request from its headers, as /graphql's HTTP gate does (request-gate.ts):
 * the Host it is addressed to (DNS rebinding), a single Authorization header, and, where the
 * HTTP path needs none because a browser cannot read a cross-site answer without CORS, the
 * Origin. A browser opens a WebSocket to any site a page names and the page then reads every
 * frame (cross-site WebSocket hijacking): so a browser's upgrade (it always sends Origin) is
 * answered only from a page of the same origin, as the playground is. Clients that are not
 * browsers send no Origin and are unaffected. Credentials are checked after, in
 * `connection_init`, where a browser can send them.
 */
export function createUpgradeCheck(config: Config): (req: IncomingMessage) => UpgradeRefusal | null {
  const hostAllowed = createHostCheck(config.security.allowedHosts, config.auth.required);
  const badHost: UpgradeRefusal = {
    status: 421,
    error: new FacadeError('BAD_REQUEST', `This facade answers only requests addressed to ${config.security.allowedHosts.length > 0 ? 'ALLOWED_HOSTS or ' : ''}a loopback name (localhost, 127.0.0.1, [::1]) in Host${config.auth.required ? '' : ', because client authentication is off'}. Use one of those, or set ALLOWED_HOSTS.`),
  };
  const crossSite: UpgradeRefusal = {
    status: 403,
    error: new FacadeError('BAD_REQUEST', 'A browser may open a WebSocket to /graphql only from a page of the same origin (Origin must match Host).'),
  };
  const twoAuthorizations: UpgradeRefusal = {
    status: 400,
    error: new FacadeError('BAD_REQUEST', 'The request has more than one Authorization header. Send exactly one, or the credential in connection_init\'s payload.'),
  };
  return (req) => {
    if (hostAllowed !== null && !hostAllowed(req.headers.host)) return badHost;
    if (!isSameOrigin(req.headers.origin, req.headers.host)) return crossSite;
    if (countHeader(req, 'authorization') > 1) return twoAuthorizations;
    return null;
  };
}

/** True without an Origin (not a browser), or when Origin names the host and port the request is addressed to. */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (host === undefined) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  // URL drops a scheme's default port; Host may carry it (`example.com:443`).
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  const withPort = (name: string, port: string): string => `${name}:${port === '' ? defaultPort : port}`;
  const lowerHost = host.toLowerCase();
  const name = hostName(lowerHost);
  const port = lowerHost.length > name.length ? lowerHost.slice(name.length + 1) : '';
  return withPort(url.hostname, url.port) === withPort(name, port);
}

/** Answers a refused upgrade on the raw socket (no WebSocket was made) and closes it. */
export function refuseUpgrade(socket: Duplex, status: number, body: string, headers: Readonly<Record<string, string>> = {}): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'connection: close',
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
  socket.once('finish', () => socket.destroy());
}
