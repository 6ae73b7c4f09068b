// LeadLex's answers as BatchOutcomes. Implements docs/contract.md §5 "LeadLex deals":
// - data.deleted_count, data.not_found_count and data.errors[] map directly; each error row
//   is REJECTED with upstreamCode = its code;
// - deletedIds is known when not_found_count is 0 (the deleted ones are the rest);
// - an unreadable 2xx is OUTCOME_UNKNOWN; shared statuses as in upstream.ts.
import { answeredBatch, unknownBatch, type BatchOutcome, type CallMetadata } from '../../bulk-delete/outcome.ts';
import { assertNever } from '../../errors/index.ts';
import { normaliseCommonReply } from '../upstream.ts';
import type { LeadLexReply } from './response.ts';

/** Maps one LeadLex reply about `ids` to their outcome. Pure. */
export function normaliseLeadLex(ids: readonly string[], reply: LeadLexReply, meta: CallMetadata): BatchOutcome {
  switch (reply.kind) {
    case 'counted': {
      return answeredBatch(ids, {
        deletedCount: reply.deletedCount,
        deletedIds: reply.notFoundCount === 0 ? deletedOf(ids, reply.errors) : null,
        notFoundCount: reply.notFoundCount,
        failures: reply.errors.map((e) => ({ id: e.dealId, code: 'REJECTED', message: `LeadLex refused to delete this deal: ${e.message}`, upstreamCode: e.code })),
      }, meta);
    }
    case 'unreadable':
      return unknownBatch(ids, `LeadLex answered HTTP ${reply.status} with a body the facade cannot read (${reply.detail}): these deals may or may not be deleted.`, meta);
    case 'refused':
    case 'unknown':
      return normaliseCommonReply('leadlex', ids, reply, meta);
    default:
      return assertNever(reply, 'LeadLex reply');
  }
}

/** The batch's IDs but the refused ones; the batch's own list when none was refused (the usual case). */
function deletedOf(ids: readonly string[], errors: readonly { readonly dealId: string }[]): readonly string[] {
  if (errors.length === 0) return ids;
  const failed = new Set(errors.map((e) => e.dealId));
  return ids.filter((id) => !failed.has(id));
}
