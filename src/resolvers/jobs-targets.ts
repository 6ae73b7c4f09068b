// What the jobs API needs to know of each target, built once at start-up from the same sources
// as the mutations: the scope of the target's mutation (@requiresScope), its adapter (null:
// NOT_CONFIGURED) and the batch size its jobs are cut into (docs/contract.md §8, "Batches").
import { FacadeError, UPSTREAM_LABELS, type UpstreamName } from '../errors/index.ts';
import type { Scope } from '../config/index.ts';
import type { JobOptions, JobTarget } from '../jobs/index.ts';
import { VENDOR_PROFILES, type Caller, type Upstreams } from '../upstreams/index.ts';
import type { CapabilitiesModel, TargetCapabilitiesModel } from './capabilities-model.ts';

/** One target, as the jobs API checks and creates its jobs. */
export interface JobTargetInfo {
  readonly target: JobTarget;
  readonly upstream: UpstreamName;
  /** The delete scope of the target's mutation: the one a client needs to create or see its jobs. */
  readonly scope: Scope;
  /** IDs per batch of a new job; null when the vendor is not configured. */
  readonly batchSize: number | null;
  /**
   * The options a new job keeps, after the adapter has read them as its mutation would
   * (BAD_USER_INPUT for what it cannot use, e.g. a `streamId` that is no plain token) and with
   * its defaults filled in (the configured Kore.ai stream), so a job deletes where it was created
   * to even if the configuration changes before it runs. NOT_CONFIGURED when there is no adapter.
   */
  prepare(options: JobOptions, caller: Caller): JobOptions;
}

/** Every target's info, by target. */
export type JobTargets = ReadonlyMap<JobTarget, JobTargetInfo>;

function notConfigured(upstream: UpstreamName): FacadeError {
  const vendor = VENDOR_PROFILES[upstream];
  return new FacadeError('NOT_CONFIGURED', `${UPSTREAM_LABELS[upstream]} is not configured on this facade: set ${vendor.configHint}.`, { upstream });
}

/**
 * The targets' table: scopes and job batch sizes from the capabilities (so from the SDL and the
 * adapters: DEALS at LeadLex's 500, CONTACTS at KORE_BATCH_SIZE, INTENTS at STOQ_JOB_BATCH_SIZE),
 * adapters from `upstreams`.
 */
export function buildJobTargets(upstreams: Upstreams, capabilities: CapabilitiesModel): JobTargets {
  const entryOf = (target: JobTarget): TargetCapabilitiesModel => {
    const entry = capabilities.targets.find((t) => t.target === target);
    if (entry === undefined) throw new Error(`No capabilities entry for ${target}`);
    return entry;
  };
  const scopeOf = (target: JobTarget): Scope => entryOf(target).scope;
  const { stoq, kore, leadlex } = upstreams;
  const infos: JobTargetInfo[] = [
    {
      target: 'INTENTS',
      upstream: 'stoq',
      scope: scopeOf('INTENTS'),
      batchSize: entryOf('INTENTS').jobBatchSize,
      prepare(options, caller) {
        if (stoq === null) throw notConfigured('stoq');
        stoq.prepare({ skipSent: options.skipSent }, caller);
        return options;
      },
    },
    {
      target: 'CONTACTS',
      upstream: 'kore',
      scope: scopeOf('CONTACTS'),
      batchSize: entryOf('CONTACTS').jobBatchSize,
      prepare(options, caller) {
        if (kore === null) throw notConfigured('kore');
        return { ...options, streamId: kore.prepare({ streamId: options.streamId }, caller).options.streamId };
      },
    },
    {
      target: 'DEALS',
      upstream: 'leadlex',
      scope: scopeOf('DEALS'),
      batchSize: entryOf('DEALS').jobBatchSize,
      prepare(options, caller) {
        if (leadlex === null) throw notConfigured('leadlex');
        leadlex.prepare({ dryRun: options.dryRun }, caller);
        return options;
      },
    },
  ];
  return new Map(infos.map((info) => [info.target, Object.freeze(info)]));
}
