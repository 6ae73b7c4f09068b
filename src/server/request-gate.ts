import type { IncomingMessage } from 'node:http';
import type { Identity, RequestAuthenticator } from '../auth/index.ts';
import type { Config } from '../config/index.ts';
import { FacadeError } from '../errors/index.ts';
import type { Logger } from '../observability/index.ts';
import { countHeader, createHostCheck, LOOPBACK_HOSTS } from './edge.ts';

/** Why a /graphql request is refused before its body is read. */
export interface GateRefusal {
  readonly ok: false;
  readonly status: number;
  readonly error: FacadeError;
  readonly headers: Readonly<Record<string, string>>;
}

/** Who is calling, or why the request is refused; decided from the headers alone. */
export type GateDecision = { readonly ok: true; readonly identity: Identity } | GateRefusal;

/** Decides a /graphql request from its headers: `requestId` names it in log lines. */
export type RequestGate = (req: IncomingMessage, requestId: string) => Promise<GateDecision>;

/**
 * Everything about a /graphql request that its headers decide, in order: the Host it is
 * addressed to (see `createHostCheck`), a single Authorization header, then authentication
 * and its throttle. Built once; per request a set lookup, a scan of the raw headers and the
 * authenticator's own work.
 */
export function createRequestGate(config: Config, authenticate: RequestAuthenticator, clientAddress: (req: IncomingMessage) => string): RequestGate {
  const hostAllowed = createHostCheck(config.security.allowedHosts, config.auth.required);
  const badHost: GateRefusal = {
    ok: false,
    status: 421,
    error: new FacadeError('BAD_REQUEST', `This facade answers only requests addressed to ${config.security.allowedHosts.length > 0 ? 'ALLOWED_HOSTS or ' : ''}a loopback name (localhost, 127.0.0.1, [::1]) in Host${config.auth.required ? '' : ', because client authentication is off'}. Use one of those, or set ALLOWED_HOSTS.`),
    headers: {},
  };
  const twoAuthorizations: GateRefusal = {
    ok: false,
    status: 400,
    error: new FacadeError('BAD_REQUEST', 'The request has more than one Authorization header. Send exactly one: Authorization: Bearer <API key or JWT>.'),
    headers: {},
  };
  return async (req, requestId) => {
    if (hostAllowed !== null && !hostAllowed(req.headers.host)) return badHost;
    if (countHeader(req, 'authorization') > 1) return twoAuthorizations;
    return authenticate(req.headers.authorization, requestId, clientAddress(req));
  };
}

/**
 * Logs a warning at start when live deletes need no credentials: anyone who reaches the port
 * acts with every scope against the real vendors. Demo mode deletes nothing real, so it is quiet.
 */
export function warnIfOpen(config: Config, logger: Logger, url: string): void {
  if (config.auth.required || config.demo) return;
  logger.warn(
    { url, allowedHosts: [...LOOPBACK_HOSTS, ...config.security.allowedHosts] },
    `LIVE DELETES ARE OPEN TO ANYONE WHO REACHES ${url}: client authentication is off, so every caller without credentials acts with every scope against the real vendors. Only requests addressed to the hosts listed here are answered. Configure AUTH_API_KEYS or JWTs (README, Security) unless this port is yours alone.`,
  );
}
