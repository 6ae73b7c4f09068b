// Stoq's answers as BatchOutcomes. Implements docs/contract.md §5 "Stoq intents":
// - 200: deletedCount = deleted_count, the rest not found; deletedIds only when all were
//   deleted (or, by §3, [] when none was).
// - 404: all not found, deletedIds = [].
// - 422: nothing deleted; sent IDs fail ALREADY_SENT, the others NOT_ATTEMPTED.
// - An unreadable 2xx: OUTCOME_UNKNOWN (docs/contract.md §4).
import { answeredBatch, unknownBatch, type BatchOutcome, type CallMetadata } from '../../bulk-delete/outcome.ts';
import { assertNever } from '../../errors/index.ts';
import { normaliseCommonReply } from '../upstream.ts';
import type { StoqReply } from './response.ts';

/** Maps one Stoq reply about `ids` to their outcome. Pure. */
export function normaliseStoq(ids: readonly string[], reply: StoqReply, meta: CallMetadata): BatchOutcome {
  switch (reply.kind) {
    case 'deleted':
      return answeredBatch(ids, {
        deletedCount: reply.deletedCount,
        // Counts tell which IDs were deleted only at the extremes: all of them, or none.
        deletedIds: reply.deletedCount === ids.length ? ids : reply.deletedCount === 0 ? [] : null,
        notFoundCount: ids.length - reply.deletedCount,
        failures: [],
      }, meta);
    case 'none-found':
      return answeredBatch(ids, { deletedCount: 0, deletedIds: [], notFoundCount: ids.length, failures: [] }, meta);
    case 'some-sent': {
      const sent = new Set(reply.sentIds);
      return answeredBatch(ids, {
        deletedCount: 0,
        deletedIds: [],
        notFoundCount: 0,
        sentIntentIds: reply.sentIds,
        failures: ids.map((id) => sent.has(id)
          ? { id, code: 'ALREADY_SENT', message: 'Stoq already sent this intent, so it cannot be deleted.', upstreamCode: null }
          : { id, code: 'NOT_ATTEMPTED', message: 'Stoq deleted nothing because other intents in the call were already sent; retry, or use skipSent.', upstreamCode: null }),
      }, meta);
    }
    case 'unreadable':
      return unknownBatch(ids, `Stoq answered HTTP ${reply.status} with a body the facade cannot read: these intents may or may not be deleted.`, meta);
    case 'refused':
    case 'unknown':
      return normaliseCommonReply('stoq', ids, reply, meta);
    default:
      return assertNever(reply, 'Stoq reply');
  }
}
