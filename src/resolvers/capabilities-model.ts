import type { BulkDeleteTarget } from '../__generated__/schema-types.ts';
import type { Scope } from '../config/index.ts';
import type { ErrorCode, UpstreamName } from '../errors/index.ts';

// The mappers of `BulkDeleteCapabilities` and `BulkDeleteTargetCapabilities` (codegen.yml): a
// module of their own, so the generated resolver types import no resolver.

/** One target's entry of `bulkDeleteCapabilities`, all but `allowed` (which depends on the caller). */
export interface TargetCapabilitiesModel {
  readonly target: BulkDeleteTarget;
  readonly mutation: string;
  readonly upstream: UpstreamName;
  readonly scope: Scope;
  readonly configured: boolean;
  readonly batchSize: number | null;
  /** IDs per vendor call in a job of this target; null when not configured. */
  readonly jobBatchSize: number | null;
  readonly supportsDryRun: boolean;
  readonly supportsSkipSent: boolean;
  readonly supportsStreamId: boolean;
  readonly streamIdRequired: boolean;
}

/** What `bulkDeleteCapabilities` answers, as built once from the config. */
export interface CapabilitiesModel {
  readonly demo: boolean;
  readonly maxIdsPerCall: number;
  readonly maxIdLength: number;
  readonly maxIdempotencyKeyLength: number;
  readonly maxIdsPerJob: number;
  readonly maxRunningJobsPerClient: number;
  readonly errorCodes: readonly ErrorCode[];
  readonly targets: readonly TargetCapabilitiesModel[];
}
