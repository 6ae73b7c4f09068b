import type { CallResult } from '../http.ts';
import { isRecord, parseCommonReply, parseJsonBody, sanitiseUpstreamText, toCount, toUpstreamCode, type CommonReply } from '../upstream.ts';

/** One row LeadLex refused to delete. */
export interface LeadLexRowError {
  readonly dealId: string;
  readonly code: string | null;
  readonly message: string;
}

/**
 * What a LeadLex call can have said (docs/vendors/leadlex.md):
 * - `counted`: a 2xx `{data: {deleted_count, not_found_count, errors}}` that adds up.
 * - `unreadable`: a 2xx whose body we cannot trust (including counts that do not add up).
 */
export type LeadLexReply =
  | { readonly kind: 'counted'; readonly deletedCount: number; readonly notFoundCount: number; readonly errors: readonly LeadLexRowError[] }
  | { readonly kind: 'unreadable'; readonly status: number; readonly detail: string }
  | CommonReply;

/** Parses a LeadLex call's end into a LeadLexReply; never throws on odd bodies. */
export function parseLeadLexResponse(result: CallResult, requestedIds: readonly string[], nowMs: number): LeadLexReply {
  const common = parseCommonReply(result, [], nowMs);
  if (common.kind !== 'answered') return common;
  const { status } = common.answer;
  const unreadable = (detail: string): LeadLexReply => ({ kind: 'unreadable', status, detail });
  const body = parseJsonBody(common.answer.body);
  const data = isRecord(body) ? body.data : undefined;
  if (!isRecord(data)) return unreadable('no `data` object');
  const deletedCount = toCount(data.deleted_count);
  const notFoundCount = toCount(data.not_found_count);
  if (deletedCount === null || notFoundCount === null) return unreadable('counts missing or not whole numbers');
  const rawErrors = data.errors ?? [];
  if (!Array.isArray(rawErrors)) return unreadable('`errors` is not a list');

  // Built only for answers with row errors: most have none, and a batch is 500 IDs.
  const requested = rawErrors.length === 0 ? null : new Set(requestedIds);
  const errors: LeadLexRowError[] = [];
  const seen = new Set<string>();
  for (const entry of rawErrors) {
    const dealId = isRecord(entry) && typeof entry.deal_id === 'string' ? entry.deal_id : null;
    // A row error we cannot pin to one of our deals breaks the count; trust none of it.
    if (dealId === null || !requested?.has(dealId) || seen.has(dealId)) return unreadable('an error row names no deal of this batch');
    seen.add(dealId);
    const code = isRecord(entry) ? toUpstreamCode(entry.code) : null;
    const message = isRecord(entry) && typeof entry.message === 'string' ? sanitiseUpstreamText(entry.message) : 'no reason given';
    errors.push({ dealId, code, message });
  }
  if (deletedCount + notFoundCount + errors.length !== requestedIds.length) {
    return unreadable(`counts add up to ${deletedCount + notFoundCount + errors.length}, not the ${requestedIds.length} deals sent`);
  }
  return { kind: 'counted', deletedCount, notFoundCount, errors };
}
