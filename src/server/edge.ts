import type { ServerOptions } from 'node:http';
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
