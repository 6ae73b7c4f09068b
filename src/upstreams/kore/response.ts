import type { CallResult } from '../http.ts';
import { isRecord, parseCommonReply, parseJsonBody, sanitiseUpstreamText, toUpstreamCode, type CommonReply } from '../upstream.ts';

/** One entry of Kore.ai's `failedRecords`, read defensively (its shape is undocumented). */
export interface KoreFailedRecord {
  readonly id: string;
  readonly reason: string;
  readonly code: string | null;
}

/**
 * What a Kore.ai call can have said (docs/vendors/kore.md):
 * - `records`: a 2xx listing `successfulRecords` and `failedRecords`.
 * - `unreadable`: a 2xx whose body we cannot trust.
 */
export type KoreReply =
  | { readonly kind: 'records'; readonly deletedIds: readonly string[]; readonly failed: readonly KoreFailedRecord[] }
  | { readonly kind: 'unreadable'; readonly status: number }
  | CommonReply;

/** Parses a Kore.ai call's end into a KoreReply; never throws on odd bodies. */
export function parseKoreResponse(result: CallResult, nowMs: number): KoreReply {
  const common = parseCommonReply(result, [], nowMs);
  if (common.kind !== 'answered') return common;
  const body = parseJsonBody(common.answer.body);
  if (!isRecord(body) || !Array.isArray(body.successfulRecords)) return { kind: 'unreadable', status: common.answer.status };
  const deletedIds = body.successfulRecords.map(readRecordId).filter((id): id is string => id !== null);
  const failed = Array.isArray(body.failedRecords) ? body.failedRecords.map(readFailedRecord).filter((r): r is KoreFailedRecord => r !== null) : [];
  return { kind: 'records', deletedIds, failed };
}

// Accepts the documented `{id}` and the shapes Kore.ai uses elsewhere: `{_id}`,
// `{contactId}`, `{record: {id}}`, or the bare ID string.
function readRecordId(entry: unknown): string | null {
  if (typeof entry === 'string') return entry;
  if (!isRecord(entry)) return null;
  for (const value of [entry.id, entry._id, entry.contactId, entry.recordId, isRecord(entry.record) ? entry.record.id : undefined]) {
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

function readFailedRecord(entry: unknown): KoreFailedRecord | null {
  const id = readRecordId(entry);
  if (id === null) return null;
  const source = isRecord(entry) ? entry : {};
  const error = isRecord(source.error) ? source.error : {};
  const reason = [source.reason, source.message, source.msg, typeof source.error === 'string' ? source.error : undefined, error.message, error.msg]
    .find((value): value is string => typeof value === 'string' && value.trim() !== '');
  const code = [source.code, source.errorCode, error.code].map(toUpstreamCode).find((value) => value !== null) ?? null;
  return {
    id,
    reason: reason === undefined ? 'no reason given' : sanitiseUpstreamText(reason),
    code,
  };
}
