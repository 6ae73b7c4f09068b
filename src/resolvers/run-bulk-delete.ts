import { getValidIds, getValidToken } from '../bulk-delete/ids.ts';
import { createBatchLoader, loadBatchOutcomes } from '../bulk-delete/batch-loader.ts';
import { buildResult, type BulkDeleteResultModel, type ResultKind } from '../bulk-delete/result.ts';
import { FacadeError, UPSTREAM_LABELS, type UpstreamName } from '../errors/index.ts';
import { idempotencyScope, idempotentInput, runIdempotent } from '../idempotency/index.ts';
import { auditError, auditResult, countResult, type AuditRequest } from '../observability/index.ts';
import type { Upstream } from '../upstreams/index.ts';
import type { RequestContext } from '../server/context.ts';

/** Longest `idempotencyKey` accepted (LeadLex and most APIs cap theirs at 255). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** One mutation call, as each resolver describes it. */
export interface BulkDeleteCall<Options> {
  readonly kind: ResultKind;
  readonly upstreamName: UpstreamName;
  readonly upstream: Upstream<Options> | null;
  readonly ids: readonly string[];
  readonly idempotencyKey: string | null | undefined;
  readonly dryRun: boolean;
  /**
   * The adapter options, once the IDs and key are valid and the upstream configured: this is
   * where a mutation checks its own inputs (BAD_USER_INPUT), after the scope check.
   */
  readonly options: (clientKey: string | null) => Options;
  /** The options that make two calls "the same input" (CONTRACT §6), from the checked ones. */
  readonly fingerprintOptions: (options: Options) => Readonly<Record<string, string | boolean | null>>;
}

const CONFIG_HINTS: Readonly<Record<UpstreamName, string>> = {
  stoq: 'STOQ_API_KEY',
  kore: 'KORE_JWT or KORE_CLIENT_ID + KORE_CLIENT_SECRET, and KORE_ACCOUNT_ID',
  leadlex: 'LEADLEX_API_KEY',
};

/**
 * The path every mutation takes: check the client's scope, validate (nothing reaches an
 * upstream before), check the upstream is configured, honour the idempotency key, load the
 * batches, build the result.
 */
export async function runBulkDelete<Options>(ctx: RequestContext, call: BulkDeleteCall<Options>): Promise<BulkDeleteResultModel> {
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
    const ids = getValidIds(call.ids, config.limits);
    const clientKey = getValidToken('idempotencyKey', call.idempotencyKey, MAX_IDEMPOTENCY_KEY_LENGTH);
    audit = { ...audit, idempotencyKeyValid: true };
    const upstream = call.upstream;
    if (upstream === null) {
      throw new FacadeError('NOT_CONFIGURED', `${UPSTREAM_LABELS[call.upstreamName]} is not configured on this facade: set ${CONFIG_HINTS[call.upstreamName]}.`, { upstream: call.upstreamName });
    }
    const options = call.options(clientKey);
    const execute = async (): Promise<BulkDeleteResultModel> => {
      const done = metrics.mutationStarted(call.kind);
      try {
        // A DataLoader per call: two mutations of one document must never share a cache
        // (an ID reported deleted twice) or a stop-after-refusal state.
        const batching = {
          maxBatchSize: upstream.maxBatchSize,
          concurrency: config.policy.batchConcurrency,
          runBatch: (batch: readonly string[], batchIndex: number) => upstream.deleteBatch(batch, batchIndex, options, ctx.trace),
        };
        const result = buildResult(call.kind, ids, await loadBatchOutcomes(createBatchLoader(batching), ids, batching), call.dryRun);
        metrics.recordResult(call.kind, result);
        return result;
      } finally {
        done();
      }
    };
    const { result, replayed } = clientKey === null
      ? { result: await execute(), replayed: false }
      : await runIdempotent(ctx.services.idempotency, { client: ctx.client, key: idempotencyScope(ctx.client, call.kind, clientKey), ...idempotentInput(ids, call.fingerprintOptions(options)) }, execute);
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
