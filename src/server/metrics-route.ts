import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseAuthorization } from '../auth/index.ts';
import type { Metrics } from '../observability/index.ts';
import { sendJson } from './http-utils.ts';

/**
 * Answers 405 with `Allow: GET, HEAD` unless the request is a GET or HEAD, and returns whether
 * it did. The plain endpoints (/healthz, /readyz, /metrics) only read.
 */
export function refuseUnlessRead(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  res.setHeader('connection', 'close');
  sendJson(res, 405, { error: `${req.method ?? 'This method'} is not allowed here; use GET or HEAD.` }, { allow: 'GET, HEAD' });
  return true;
}

const REALM = 'Bearer realm="metrics"';

/**
 * GET /metrics: Prometheus text. With METRICS_TOKEN set, only a scraper sending
 * `Authorization: Bearer <token>` gets it (401 otherwise); the token is compared by digest in
 * constant time, and its digest is computed once here.
 */
export function createMetricsRoute(metrics: Metrics, token: string | null): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const expected = token === null ? null : digest(token);
  return async (req, res) => {
    if (refuseUnlessRead(req, res)) return;
    if (expected !== null) {
      const parsed = parseAuthorization(req.headers.authorization);
      if (parsed.kind !== 'bearer' || !timingSafeEqual(digest(parsed.token), expected)) {
        res.setHeader('connection', 'close');
        return sendJson(res, 401, { error: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.' }, { 'www-authenticate': parsed.kind === 'none' ? REALM : `${REALM}, error="invalid_token"` });
      }
    }
    const text = await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType });
    res.end(text);
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
