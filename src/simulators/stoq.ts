/**
 * Stoq "Back in Stock" simulator: `DELETE {url}/intents/bulk_destroy`, strictly as in
 * docs/vendors/stoq.md, with docs/contract.md §5's rate limit.
 *
 * Stoq is a Rails app, and the simulator answers like one where the doc is silent: unknown
 * routes get Rails' HTML 404 page, parameter errors use Rails' own messages, and every answer
 * carries `X-Request-ID` (Rails' RequestId middleware).
 */
import type { RecordedRequest, SimulatorHandle, SimulatorOptions } from './handle.ts';
import { newRequestId, startSimulatorServer } from './server.ts';
import { createStoqRateLimiter } from './stoq-rate-limit.ts';
import type { StoqRateLimitOptions } from './stoq-rate-limit.ts';
import { findUnknownField, isJsonContentType, isPlainObject, isStringArray, toPathname } from './wire.ts';
import type { SimulatorReply } from './wire.ts';

const BASE_PATH = '/api/v1/external';
const ENDPOINT = `${BASE_PATH}/intents/bulk_destroy`;

const NOT_FOUND_PAGE = `<!DOCTYPE html>
<html>
<head><title>The page you were looking for doesn't exist (404)</title></head>
<body><div class="dialog"><h1>The page you were looking for doesn't exist.</h1>
<p>You may have mistyped the address or the page may have moved.</p></div></body>
</html>
`;

/** A back-in-stock intent; `sent` means Stoq already notified the shopper (`notified_at` set). */
export interface StoqIntent {
  id: string;
  /** @default false */
  sent?: boolean;
}

/** Options for {@link startStoqSimulator}. */
export interface StoqSimulatorOptions extends SimulatorOptions {
  /** The only `X-Auth-Token` accepted. @default 'test-stoq-key' */
  apiKey?: string;
  /** Intents that exist at start. */
  intents?: StoqIntent[];
  /** Scale the budget down to reach a 429 in a few requests. @default Stoq's: 360/min, cost 2 */
  rateLimit?: StoqRateLimitOptions;
}

/** A running Stoq simulator. `url` is the base URL (`http://127.0.0.1:PORT/api/v1/external`). */
export interface StoqSimulator extends SimulatorHandle {
  readonly apiKey: string;
  /** Requests answered 429 because the rate-limit budget was spent. */
  readonly rateLimitedCount: number;
  /** Adds (or replaces) intents. */
  addIntents(intents: StoqIntent[]): void;
}

/**
 * Starts a Stoq simulator. It serves only `DELETE /api/v1/external/intents/bulk_destroy`, in this
 * order: route (404 HTML), `X-Auth-Token` (401), rate limit (429), body (400), then the doc's
 * all-or-nothing rule (404 none found, 422 some already sent, else 200 and the found ones deleted).
 */
export async function startStoqSimulator(options: StoqSimulatorOptions = {}): Promise<StoqSimulator> {
  const apiKey = options.apiKey ?? 'test-stoq-key';
  const intents = new Map<string, boolean>(); // id → sent
  const deletedIds: string[] = [];
  const limiter = createStoqRateLimiter(options.rateLimit ?? {}, options.now ?? Date.now);
  let rateLimitedCount = 0;
  const addIntents = (list: StoqIntent[]): void => {
    for (const intent of list) intents.set(intent.id, intent.sent ?? false);
  };
  addIntents(options.intents ?? []);

  function handle(req: RecordedRequest): SimulatorReply {
    const headers: Record<string, string> = { 'X-Request-ID': newRequestId() };
    if (req.method !== 'DELETE' || toPathname(req.path) !== ENDPOINT) {
      return { status: 404, body: NOT_FOUND_PAGE, headers, contentType: 'text/html; charset=utf-8' };
    }
    // The budget belongs to a store, known only from a valid key: an unauthenticated request is
    // charged to nobody and has no budget to report, so it carries no X-RateLimit-* headers.
    if (req.headers['x-auth-token'] !== apiKey) {
      return { status: 401, body: { error: 'Unauthorized' }, headers };
    }
    // Every authenticated DELETE costs, whatever its fate (a limiter counts calls, not
    // successes); a refused one costs nothing, so a client waiting out Retry-After gets in.
    const limit = limiter.take();
    Object.assign(headers, limit.headers);
    if (!limit.allowed) {
      rateLimitedCount += 1;
      return { status: 429, body: { error: 'Rate limit exceeded' }, headers };
    }

    const ids = parseIntentIds(req);
    if (typeof ids === 'string') return { status: 400, body: { error: ids }, headers };
    const found = [...new Set(ids)].filter((id) => intents.has(id));
    if (found.length === 0) return { status: 404, body: { error: 'No valid intents found' }, headers };
    const sent = found.filter((id) => intents.get(id) === true);
    if (sent.length > 0) {
      // The doc: "the entire operation will fail", so nothing is deleted.
      const body = { error: 'Cannot delete intents that have already been sent', sent_intent_ids: sent };
      return { status: 422, body, headers };
    }
    for (const id of found) {
      intents.delete(id);
      deletedIds.push(id);
    }
    // The doc is silent on partly unknown IDs; counting only the found ones is the plausible reading.
    return { status: 200, body: { success: true, deleted_count: found.length }, headers };
  }

  const server = await startSimulatorServer(
    { toRecord: (base) => base, handle, errorReply: (status, error) => ({ status, body: { error } }) },
    options,
  );
  return {
    url: server.origin + BASE_PATH,
    apiKey,
    get rateLimitedCount() {
      return rateLimitedCount;
    },
    received: server.received,
    deletedIds,
    fault: server.fault,
    faultPlan: server.faultPlan,
    has: (id) => intents.has(id),
    addIntents,
    close: server.close,
  };
}

/** The intent IDs, or the 400 message (Rails' strong-parameters wording) saying what is wrong. */
function parseIntentIds(req: RecordedRequest): string[] | string {
  if (!isJsonContentType(req.headers['content-type'])) return 'Content-Type must be application/json';
  // Rails parses an empty JSON body as no parameters at all.
  const body = req.body.trim() === '' ? {} : req.json;
  if (body === undefined) return 'Invalid JSON in request body';
  if (!isPlainObject(body)) return 'Request body must be a JSON object';
  // `params.require` treats an empty array as missing.
  const ids = body['intent_ids'];
  if (ids === undefined || ids === null || (Array.isArray(ids) && ids.length === 0)) {
    return 'param is missing or the value is empty: intent_ids';
  }
  if (!isStringArray(ids)) return 'intent_ids must be an array of strings';
  const unknown = findUnknownField(body, ['intent_ids']);
  if (unknown !== undefined) return `found unpermitted parameter: :${unknown}`;
  return ids;
}
