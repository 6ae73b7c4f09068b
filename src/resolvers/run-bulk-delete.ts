import { buildResult, createPlan, getDistinctValidIds, getValidToken, runBatches, type BulkDeleteResultModel, type ResultKind } from '../bulk-delete/index.ts';
import { FacadeError, UPSTREAM_LABELS } from '../errors/index.ts';
import { idempotencyScope, runIdempotent } from '../idempotency/index.ts';
import { auditError, auditResult, countResult, type AuditRequest } from '../observability/index.ts';
import type { Upstream, VendorProfile } from '../upstreams/index.ts';
import type { RequestContext } from '../server/context.ts';

/** Longest `idempotencyKey` accepted (LeadLex and most APIs cap theirs at 255). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** One mutation call, as each resolver maps its GraphQL input. */
export interface BulkDeleteCall<Input, Options> {
  readonly kind: ResultKind;
  readonly vendor: VendorProfile;
  /** Null when the vendor has no credentials here: NOT_CONFIGURED. */
  readonly upstream: Upstream<Input, Options> | null;
  readonly ids: readonly string[];
  readonly idempotencyKey: string | null | undefined;
  /** The rest of the input, for the adapter's `prepare`. */
  readonly input: Input;
}

/**
 * The path every mutation takes, once the schema's @requiresScope wrapper has checked the
 * client's scope: validate (nothing reaches an upstream before), check the upstream is configured, let the adapter read its input, plan,
 * honour the idempotency key, run the batches, build the result; audit and count it.
 */
export async function runBulkDelete<Input, Options>(ctx: RequestContext, call: BulkDeleteCall<Input, Options>): Promise<BulkDeleteResultModel> {
  const { metrics, config, logger } = ctx.services;
  let audit: AuditRequest = {
    client: ctx.client,
    mutation: call.kind,
    requestId: ctx.requestId,
    idsInInput: call.ids.length,
    idempotencyKey: call.idempotencyKey ?? null,
    idempotencyKeyValid: false,
  };
  try {
    // A keyed call's fingerprint lists the IDs sorted: the duplicate check sorts them once for both.
    const { ids, sorted } = getDistinctValidIds(call.ids, config.limits, call.idempotencyKey != null);
    const clientKey = getValidToken('idempotencyKey', call.idempotencyKey, MAX_IDEMPOTENCY_KEY_LENGTH);
    audit = { ...audit, idempotencyKeyValid: true };
    const { upstream, vendor } = call;
    if (upstream === null) {
      throw new FacadeError('NOT_CONFIGURED', `${UPSTREAM_LABELS[vendor.name]} is not configured on this facade: set ${vendor.configHint}.`, { upstream: vendor.name });
    }
    const prepared = upstream.prepare(call.input, { client: ctx.client, idempotencyKey: clientKey });
    const plan = createPlan(ids, { batchSize: upstream.maxBatchSize, fingerprintOptions: clientKey === null ? null : prepared.fingerprint, sortedIds: sorted });
    const execute = async (): Promise<BulkDeleteResultModel> => {
      const done = metrics.mutationStarted(call.kind);
      try {
        // Per call, never shared: two mutations of one document each have their own stop flag.
        const outcomes = await runBatches(plan, {
          concurrency: config.policy.batchConcurrency,
          sendBatch: (batch, batchIndex) => upstream.deleteBatch(batch, batchIndex, prepared.options, ctx.trace),
          onSendError: (error, batchIndex) => logger.error({ err: error, upstream: vendor.name, batchIndex, requestId: ctx.requestId }, 'A batch failed in the facade; its IDs are reported OUTCOME_UNKNOWN'),
        });
        const result = buildResult(call.kind, plan.ids, outcomes, prepared.dryRun);
        metrics.recordResult(call.kind, result);
        return result;
      } finally {
        done();
      }
    };
    const { result, replayed } = clientKey === null || plan.fingerprint === null
      ? { result: await execute(), replayed: false }
      : await runIdempotent(ctx.services.idempotency, { client: ctx.client, key: idempotencyScope(ctx.client, call.kind, clientKey), ...plan.fingerprint }, execute);
    if (replayed) metrics.recordIdempotentReplay(call.kind);
    countResult(ctx.record, result);
    auditResult(logger, audit, result, replayed);
    return result;
  } catch (error) {
    metrics.recordError(call.kind, error instanceof FacadeError ? error.code : 'INTERNAL_SERVER_ERROR');
    auditError(logger, audit, error);
    throw error;
  }
}
