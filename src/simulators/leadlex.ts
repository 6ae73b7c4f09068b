/**
 * LeadLex CRM simulator: `POST {url}/v1/deals/bulk-delete`, strictly as in
 * docs/vendors/leadlex.md: bearer keys with permissions, at most 500 IDs,
 * `dry_run`, `Idempotency-Key`, a daily quota, and errors as `{"error":{"code","message"}}`.
 */
import type { RecordedRequest, SimulatorHandle, SimulatorOptions } from './handle.ts';
import { createIdempotencyStore } from './leadlex-idempotency.ts';
import { createLeadLexQuota } from './leadlex-quota.ts';
import type { LeadLexQuotaOptions } from './leadlex-quota.ts';
import { newRequestId, startSimulatorServer } from './server.ts';
import { findUnknownField, isJsonContentType, isPlainObject, isStringArray, toPathname } from './wire.ts';
import type { SimulatorReply } from './wire.ts';

const BASE_PATH = '/functions/v1/api-gateway';
const ENDPOINT = `${BASE_PATH}/v1/deals/bulk-delete`;
/** The doc: "Maximum 500". */
const MAX_DEAL_IDS = 500;
const WRITE_PERMISSION = 'write:deals';

/** A deal; a `locked` one fails with `deal_locked` (held by an open approval). */
export interface LeadLexDeal {
  id: string;
  /** @default false */
  locked?: boolean;
}

/** What an API key may do; deleting needs `write:deals`. */
export interface LeadLexKeyGrant {
  permissions: string[];
}

/** Options for {@link startLeadLexSimulator}. */
export interface LeadLexSimulatorOptions extends SimulatorOptions {
  /** A key with `read:deals` and `write:deals`. @default 'test-leadlex-key' */
  apiKey?: string;
  /** More keys with their own permissions, e.g. a read-only one to provoke 403. */
  keys?: Record<string, LeadLexKeyGrant>;
  deals?: LeadLexDeal[];
  /** @default 10,000 requests per UTC day, all left */
  quota?: LeadLexQuotaOptions;
  /**
   * Every ID that is not a seeded deal names an unlocked deal that deleting does not remove,
   * so a request is answered alike however often it is repeated (benchmarks; `deletedIds`
   * lists only seeded deals). The wire format is checked as strictly as ever.
   * @default false
   */
  everyDealExists?: boolean;
  /** Idempotency keys remembered at most; the oldest is forgotten first. @default no limit */
  idempotencyMaxKeys?: number;
}

/** A running LeadLex simulator. `url` is the base (`http://127.0.0.1:PORT/functions/v1/api-gateway`). */
export interface LeadLexSimulator extends SimulatorHandle {
  readonly apiKey: string;
  /** Requests that were really processed (dry runs included). */
  readonly processedCount: number;
  /** Requests answered from the idempotency store without processing. */
  readonly replayedCount: number;
  /** Adds (or replaces) deals. */
  addDeals(deals: LeadLexDeal[]): void;
  quotaRemaining(): number;
  /** Sets today's remaining quota (0 makes the next request a 429). */
  setQuotaRemaining(remaining: number): void;
}

/**
 * Starts a LeadLex simulator. Checks run in this order: route (404), key (401), quota (429),
 * permission (403), Content-Type and body (400), `Idempotency-Key` (replay or 422), then each ID
 * is deleted, counted not found, or reported in `errors` when locked.
 */
export async function startLeadLexSimulator(options: LeadLexSimulatorOptions = {}): Promise<LeadLexSimulator> {
  const now = options.now ?? Date.now;
  const apiKey = options.apiKey ?? 'test-leadlex-key';
  const keys = new Map<string, LeadLexKeyGrant>([
    [apiKey, { permissions: ['read:deals', WRITE_PERMISSION] }],
    ...Object.entries(options.keys ?? {}),
  ]);
  const deals = new Map<string, LeadLexDeal>();
  const deletedIds: string[] = [];
  const quota = createLeadLexQuota(options.quota ?? {}, now);
  const idempotency = createIdempotencyStore(now, options.idempotencyMaxKeys);
  const everyDealExists = options.everyDealExists ?? false;
  let processedCount = 0;
  let replayedCount = 0;
  const addDeals = (list: LeadLexDeal[]): void => {
    for (const deal of list) deals.set(deal.id, deal);
  };
  addDeals(options.deals ?? []);

  function handle(req: RecordedRequest): SimulatorReply {
    const headers: Record<string, string> = { 'X-Request-ID': newRequestId() };
    const fail = (status: number, code: string, message: string): SimulatorReply => ({
      status,
      body: { error: { code, message } },
      headers,
    });
    const pathname = toPathname(req.path);
    if (req.method !== 'POST' || pathname !== ENDPOINT) {
      return fail(404, 'not_found', `No route for ${req.method} ${pathname}`);
    }
    const grant = keys.get(parseBearer(req.headers['authorization']) ?? '');
    if (grant === undefined) return fail(401, 'invalid_key', 'Invalid or expired API key');
    // The quota is the workspace's, so it is spent once the key names the workspace, whatever
    // the request's fate; an unknown key has no workspace, hence no X-RateLimit-* headers.
    const allowed = quota.take();
    Object.assign(headers, quota.headers());
    if (!allowed) return fail(429, 'rate_limited', 'Daily request quota exceeded');
    if (!grant.permissions.includes(WRITE_PERMISSION)) {
      return fail(403, 'insufficient_permissions', `Missing ${WRITE_PERMISSION} permission`);
    }
    const input = parseInput(req);
    if (typeof input === 'string') return fail(400, 'validation_error', input);

    const key = req.headers['idempotency-key'];
    // The request's meaning, not its bytes: whitespace or an explicit `dry_run: false` is the same body.
    const fingerprint = key === undefined ? '' : JSON.stringify([input.dealIds, input.dryRun]);
    if (key !== undefined) {
      if (key.trim() === '') return fail(400, 'validation_error', 'Idempotency-Key must not be empty');
      const stored = idempotency.lookup(key, fingerprint);
      if (stored.kind === 'conflict') {
        return fail(422, 'idempotency_key_reused', 'Idempotency-Key was already used with a different request body');
      }
      if (stored.kind === 'replay') {
        replayedCount += 1;
        return { ...stored.answer, headers: { ...headers, 'Idempotent-Replayed': 'true' } };
      }
    }
    processedCount += 1;
    const answer = { status: 200, body: { data: deleteDeals(input.dealIds, input.dryRun) } };
    if (key !== undefined) idempotency.save(key, fingerprint, answer);
    return { ...answer, headers };
  }

  /** One ID at a time, so a repeated ID is not found the second time, dry run or not. */
  function deleteDeals(dealIds: string[], dryRun: boolean) {
    const gone = new Set<string>();
    const errors: { deal_id: string; code: string; message: string }[] = [];
    let notFound = 0;
    for (const id of dealIds) {
      const seeded = deals.get(id);
      const deal = gone.has(id) ? undefined : (seeded ?? (everyDealExists ? { id } : undefined));
      if (deal === undefined) notFound += 1;
      else if (deal.locked === true) {
        errors.push({ deal_id: id, code: 'deal_locked', message: 'Deal is locked by an open approval' });
      } else {
        gone.add(id);
        if (!dryRun && seeded !== undefined) {
          deals.delete(id);
          deletedIds.push(id);
        }
      }
    }
    return { deleted_count: gone.size, not_found_count: notFound, errors };
  }

  const server = await startSimulatorServer(
    {
      toRecord: (base) => base,
      handle,
      errorReply: (status, message) => ({
        status,
        body: { error: { code: status === 413 ? 'payload_too_large' : 'internal_error', message } },
        headers: { 'X-Request-ID': newRequestId() },
      }),
    },
    options,
  );
  return {
    url: server.origin + BASE_PATH,
    apiKey,
    get processedCount() {
      return processedCount;
    },
    get replayedCount() {
      return replayedCount;
    },
    received: server.received,
    deletedIds,
    fault: server.fault,
    faultPlan: server.faultPlan,
    has: (id) => deals.has(id),
    addDeals,
    quotaRemaining: () => quota.remaining(),
    setQuotaRemaining: (remaining) => quota.setRemaining(remaining),
    close: server.close,
  };
}

function parseBearer(header: string | undefined): string | undefined {
  return /^Bearer +(\S+) *$/i.exec(header ?? '')?.[1];
}

/** The validated body, or the `validation_error` message saying what is wrong. */
function parseInput(req: RecordedRequest): { dealIds: string[]; dryRun: boolean } | string {
  if (!isJsonContentType(req.headers['content-type'])) return 'Content-Type must be application/json';
  if (req.json === undefined) return 'Request body must be valid JSON';
  if (!isPlainObject(req.json)) return 'Request body must be a JSON object';
  const { deal_ids: dealIds, dry_run: dryRun } = req.json;
  if (dealIds === undefined) return 'deal_ids is required';
  if (!isStringArray(dealIds)) return 'deal_ids must be an array of strings';
  if (dealIds.length === 0) return 'deal_ids must contain at least 1 ID';
  if (dealIds.length > MAX_DEAL_IDS) return `deal_ids must contain at most ${MAX_DEAL_IDS} IDs`;
  if (dryRun !== undefined && typeof dryRun !== 'boolean') return 'dry_run must be a boolean';
  const unknown = findUnknownField(req.json, ['deal_ids', 'dry_run']);
  if (unknown !== undefined) return `Unknown field: ${unknown}`;
  return { dealIds, dryRun: dryRun ?? false };
}
