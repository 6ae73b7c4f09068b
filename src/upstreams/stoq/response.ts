import type { CallResult } from '../http.ts';
import { isRecord, parseCommonReply, parseJsonBody, readErrorCode, toCount, type CommonReply } from '../upstream.ts';

/**
 * What a Stoq call can have said (docs/vendors/stoq.md):
 * - `deleted`: 200 `{success, deleted_count}`.
 * - `none-found`: 404 "No valid intents found".
 * - `some-sent`: 422 with `sent_intent_ids`: nothing was deleted.
 * - `unreadable`: a 2xx whose body we cannot trust: it may have deleted anything.
 */
export type StoqReply =
  | { readonly kind: 'deleted'; readonly deletedCount: number }
  | { readonly kind: 'none-found' }
  | { readonly kind: 'some-sent'; readonly sentIds: readonly string[] }
  | { readonly kind: 'unreadable'; readonly status: number }
  | CommonReply;

/** Parses a Stoq call's end into a StoqReply; never throws on odd bodies. */
export function parseStoqResponse(result: CallResult, requestedIds: readonly string[], nowMs: number): StoqReply {
  const common = parseCommonReply(result, [404, 422], nowMs);
  if (common.kind !== 'answered') return common;
  const { status } = common.answer;
  const body = parseJsonBody(common.answer.body);

  if (status === 404) {
    // A JSON 404 is Stoq's "No valid intents found"; an HTML 404 is a wrong STOQ_API_URL,
    // and reading it as "not found" would report every intent gone when none was touched.
    return isRecord(body)
      ? { kind: 'none-found' }
      : { kind: 'refused', code: 'UPSTREAM_BAD_RESPONSE', status, upstreamCode: null, retryAfterS: null, detail: 'answered 404 with a body that is not Stoq\'s JSON; check STOQ_API_URL' };
  }
  if (status === 422) {
    const requested = new Set(requestedIds);
    const listed = isRecord(body) && Array.isArray(body.sent_intent_ids) ? body.sent_intent_ids : [];
    const sentIds = [...new Set(listed.filter((id): id is string => typeof id === 'string' && requested.has(id)))];
    // A 422 that names none of our intents cannot be acted on, but Stoq still deleted nothing.
    return sentIds.length > 0
      ? { kind: 'some-sent', sentIds }
      : { kind: 'refused', code: 'UPSTREAM_BAD_RESPONSE', status, upstreamCode: readErrorCode(body), retryAfterS: null, detail: 'answered 422 without naming which requested intents were already sent' };
  }
  const deletedCount = isRecord(body) ? toCount(body.deleted_count) : null;
  if (deletedCount === null || deletedCount > requestedIds.length || (isRecord(body) && body.success === false && deletedCount > 0)) {
    return { kind: 'unreadable', status };
  }
  return { kind: 'deleted', deletedCount };
}
