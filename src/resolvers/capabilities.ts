import type { ResultKind } from '../bulk-delete/result.ts';
import type { Config, Scope } from '../config/index.ts';
import { ERROR_CODES, type UpstreamName } from '../errors/index.ts';
import type { QueryResolvers, BulkDeleteTargetCapabilitiesResolvers } from '../__generated__/resolvers-types.ts';
import type { BulkDeleteTarget } from '../__generated__/schema-types.ts';
import type { CapabilitiesModel, TargetCapabilitiesModel } from './capabilities-model.ts';
import type { Upstreams } from '../upstreams/index.ts';
import { MUTATION_FIELDS } from './mutation-fields.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from './run-bulk-delete.ts';

// The schema's target order (INTENTS, CONTACTS, DEALS), and what each input takes: the input
// types in schema/intents|contacts|deals.graphql.
const TARGETS = [
  { kind: 'intents', target: 'INTENTS', upstream: 'stoq', supportsDryRun: false, supportsSkipSent: true, supportsStreamId: false },
  { kind: 'contacts', target: 'CONTACTS', upstream: 'kore', supportsDryRun: false, supportsSkipSent: false, supportsStreamId: true },
  { kind: 'deals', target: 'DEALS', upstream: 'leadlex', supportsDryRun: true, supportsSkipSent: false, supportsStreamId: false },
] as const satisfies ReadonlyArray<{ kind: ResultKind; target: BulkDeleteTarget; upstream: UpstreamName; supportsDryRun: boolean; supportsSkipSent: boolean; supportsStreamId: boolean }>;

/**
 * The capabilities, from the config and the adapters actually built (the same `null` that makes
 * a mutation answer NOT_CONFIGURED, the same `maxBatchSize` the mutation splits by) and the
 * scopes the SDL declares (`@requiresScope`, the same the mutation checks). Pure, and
 * called once at start-up: nothing about them changes while the facade runs.
 */
export function buildCapabilities(config: Config, upstreams: Upstreams, scopes: ReadonlyMap<string, Scope>): CapabilitiesModel {
  const targets = TARGETS.map(({ kind, ...rest }): TargetCapabilitiesModel => {
    const adapter = upstreams[rest.upstream];
    const field = MUTATION_FIELDS[kind];
    const scope = scopes.get(field);
    if (scope === undefined) throw new Error(`${field} has no @requiresScope in schema/`);
    return Object.freeze({
      ...rest,
      mutation: field,
      scope,
      configured: adapter !== null,
      // Stoq's adapter never splits (Infinity): one all-or-nothing call, said as null.
      batchSize: adapter === null || !Number.isFinite(adapter.maxBatchSize) ? null : adapter.maxBatchSize,
      // A job is always cut into batches (docs/contract.md §8): where the mutation sends the whole
      // list in one call (Stoq), a job's calls take STOQ_JOB_BATCH_SIZE IDs each.
      jobBatchSize: adapter === null ? null : Number.isFinite(adapter.maxBatchSize) ? adapter.maxBatchSize : config.jobs.stoqBatchSize,
      streamIdRequired: rest.supportsStreamId && (config.upstreams.kore?.defaultStreamId ?? null) === null,
    });
  });
  return Object.freeze({
    demo: config.demo,
    maxIdsPerCall: config.limits.maxIdsPerCall,
    maxIdLength: config.limits.maxIdLength,
    maxIdempotencyKeyLength: MAX_IDEMPOTENCY_KEY_LENGTH,
    maxIdsPerJob: config.jobs.maxIdsPerJob,
    maxRunningJobsPerClient: config.jobs.maxRunningJobsPerClient,
    errorCodes: ERROR_CODES,
    targets: Object.freeze(targets),
  });
}

/**
 * `Query.bulkDeleteCapabilities`: the object built at start-up. Authentication already happened
 * while the context was built (in production, no anonymous caller gets here); no scope is
 * asked, so a client learns what it may not do instead of a FORBIDDEN.
 */
export function capabilitiesResolver(capabilities: CapabilitiesModel): NonNullable<QueryResolvers['bulkDeleteCapabilities']> {
  return () => capabilities;
}

/** `BulkDeleteTargetCapabilities.allowed`: the one per-caller part, a set lookup. */
export const allowedResolver: NonNullable<BulkDeleteTargetCapabilitiesResolvers['allowed']> = (target, _args, ctx) => ctx.scopes.has(target.scope);

export type { CapabilitiesModel, TargetCapabilitiesModel } from './capabilities-model.ts';
