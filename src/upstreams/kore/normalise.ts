// Kore.ai's answers as BatchOutcomes. Implements docs/contract.md §5 "Kore.ai contacts":
// - successfulRecords[].id are deleted (deletedIds always known);
// - each failedRecords[] entry fails REJECTED with its reason;
// - an ID in neither list, or in both, is OUTCOME_UNKNOWN.
import type { Failure } from '../../bulk-delete/outcome.ts';
import { answeredBatch, unknownBatch, type BatchOutcome, type CallMetadata } from '../../bulk-delete/outcome.ts';
import { assertNever } from '../../errors/index.ts';
import { normaliseCommonReply } from '../upstream.ts';
import type { KoreReply } from './response.ts';

/** Maps one Kore.ai reply about `ids` to their outcome. Pure. */
export function normaliseKore(ids: readonly string[], reply: KoreReply, meta: CallMetadata): BatchOutcome {
  switch (reply.kind) {
    case 'records': {
      const requested = new Set(ids);
      const deleted = new Set(reply.deletedIds.filter((id) => requested.has(id)));
      const failedById = new Map<string, (typeof reply.failed)[number]>();
      const contradicted = new Set<string>();
      for (const record of reply.failed) {
        if (!requested.has(record.id)) continue;
        if (deleted.has(record.id)) contradicted.add(record.id);
        else if (!failedById.has(record.id)) failedById.set(record.id, record);
      }
      const deletedIds = ids.filter((id) => deleted.has(id) && !contradicted.has(id));
      const failures: Failure[] = [];
      for (const id of ids) {
        const record = failedById.get(id);
        if (record) {
          failures.push({ id, code: 'REJECTED', message: `Kore.ai could not delete this contact: ${record.reason}`, upstreamCode: record.code });
        } else if (contradicted.has(id)) {
          failures.push({ id, code: 'OUTCOME_UNKNOWN', message: 'Kore.ai listed this contact as both deleted and failed: it may or may not be deleted.', upstreamCode: null });
        } else if (!deleted.has(id)) {
          failures.push({ id, code: 'OUTCOME_UNKNOWN', message: 'Kore.ai\'s answer did not mention this contact: it may or may not be deleted.', upstreamCode: null });
        }
      }
      return answeredBatch(ids, { deletedCount: deletedIds.length, deletedIds, notFoundCount: 0, failures }, meta);
    }
    case 'unreadable':
      return unknownBatch(ids, `Kore.ai answered HTTP ${reply.status} with a body the facade cannot read: these contacts may or may not be deleted.`, meta);
    case 'refused':
    case 'unknown':
      return normaliseCommonReply('kore', ids, reply, meta);
    default:
      return assertNever(reply, 'Kore.ai reply');
  }
}
