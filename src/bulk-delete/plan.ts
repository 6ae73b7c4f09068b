import { fingerprintInput, type FingerprintOptions, type InputFingerprint } from './fingerprint.ts';

/**
 * One bulk delete, decided before anything is sent: the distinct IDs (checked by
 * `getValidIds`), how they are cut into batches, and, when the call must be idempotent, the
 * fingerprint of its input. Built once; everything after reads it. Plain data, so a worker can
 * store it and resume from any batch.
 */
export interface Plan {
  /** Distinct IDs in first-seen order: the order batches are cut in (docs/contract.md §5, LeadLex). */
  readonly ids: readonly string[];
  /** IDs per batch, at least 1; Infinity sends every ID in one batch (Stoq's all-or-nothing). */
  readonly batchSize: number;
  readonly batchCount: number;
  /** Null when no idempotency key asks for one. */
  readonly fingerprint: InputFingerprint | null;
}

/** How a plan is cut and identified. */
export interface PlanRules {
  readonly batchSize: number;
  /** The options that make two calls the same input; null: no fingerprint (no idempotency key). */
  readonly fingerprintOptions: FingerprintOptions | null;
  /** The distinct IDs in code-unit order, when `getDistinctValidIds` sorted them: the fingerprint then sorts nothing. */
  readonly sortedIds?: readonly string[] | null;
}

/** Plans the delete of `distinctIds` (from `getDistinctValidIds`). Throws a RangeError on a batch size below 1 (a bug). */
export function createPlan(distinctIds: readonly string[], rules: PlanRules): Plan {
  const { batchSize, fingerprintOptions, sortedIds = null } = rules;
  if (!(batchSize >= 1) || (Number.isFinite(batchSize) && !Number.isSafeInteger(batchSize))) {
    throw new RangeError(`A plan needs a whole batch size of at least 1, not ${batchSize}`);
  }
  return {
    ids: distinctIds,
    batchSize,
    batchCount: distinctIds.length === 0 ? 0 : Number.isFinite(batchSize) ? Math.ceil(distinctIds.length / batchSize) : 1,
    fingerprint: fingerprintOptions === null ? null : fingerprintInput(distinctIds, fingerprintOptions, sortedIds),
  };
}

/** The IDs of batch `index`: a slice of the plan's list, the same for every run of the plan. */
export function batchIds(plan: Plan, index: number): readonly string[] {
  if (plan.batchCount === 1) return plan.ids;
  const start = index * plan.batchSize;
  return plan.ids.slice(start, start + plan.batchSize);
}
