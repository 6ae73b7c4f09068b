/**
 * Kore.ai's `failedRecords` entries. The doc types them only as "array of objects" and never
 * shows one (docs/vendors/kore.md), so the simulator can speak several plausible shapes
 * and the facade's tests can prove it reads each one (docs/contract.md §5: "read the ID and reason
 * defensively").
 */
import { unreachable } from './wire.ts';

/** The plausible shapes of one failed record. */
export type KoreFailedRecordShape =
  /** `{ id, reason }` (the default) */
  | 'id-reason'
  /** `{ id, message }` */
  | 'id-message'
  /** `{ _id, error }`, as a MongoDB-backed service might answer */
  | '_id-error'
  /** the bare ID string */
  | 'string'
  /** `{ record: { id }, error: { code, message } }` */
  | 'nested';

/** Why one contact was not deleted. */
export type KoreFailureReason = 'not-found' | 'locked';

const MESSAGES: Record<KoreFailureReason, { code: number; message: string }> = {
  'not-found': { code: 404, message: 'Contact not found' },
  locked: { code: 423, message: 'Contact is locked' },
};

/** Builds one `failedRecords` entry in the chosen shape. */
export function buildFailedRecord(
  shape: KoreFailedRecordShape,
  id: string,
  reason: KoreFailureReason,
): unknown {
  const { code, message } = MESSAGES[reason];
  switch (shape) {
    case 'id-reason':
      return { id, reason: message };
    case 'id-message':
      return { id, message };
    case '_id-error':
      return { _id: id, error: message };
    case 'string':
      return id;
    case 'nested':
      return { record: { id }, error: { code, message } };
    default:
      return unreachable(shape);
  }
}
