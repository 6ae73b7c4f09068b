import { FacadeError, UPSTREAM_LABELS } from '../errors/index.ts';
import type { Job } from '../jobs/index.ts';
import type { JobTargetRunner, JobTargetRunners } from '../job-runner/index.ts';
import { VENDOR_PROFILES, type Caller, type Upstream, type Upstreams, type VendorProfile } from '../upstreams/index.ts';

/**
 * What the job targets are built with besides the adapters. A job's batch size is not among
 * them: it is fixed when the job is created (resolvers/jobs-targets.ts) and kept with the job.
 */
export interface JobTargetOptions {
  /** Batches in flight at once for one job (BATCH_CONCURRENCY, as for a mutation). */
  readonly concurrency: number;
}

/** What a job's batch key is derived from: its owner, and the job (docs/contract.md §8, batches). */
function jobCaller(job: Job): Caller {
  // LeadLex: batch k of job J gets the same Idempotency-Key on every worker and after any restart.
  return { client: job.owner, idempotencyKey: `job:${job.id}` };
}

/**
 * Maps each job target to its vendor's adapter (the job adapters from `createUpstreamSets`,
 * which spend only JOB_RATE_SHARE of each budget): the one place that knows INTENTS is Stoq,
 * CONTACTS Kore.ai and DEALS LeadLex, so the runner stays vendor-neutral.
 */
export function createJobTargetRunners(upstreams: Upstreams, options: JobTargetOptions): JobTargetRunners {
  const { concurrency } = options;
  return {
    INTENTS: targetRunner(VENDOR_PROFILES.stoq, upstreams.stoq, concurrency, (job) => ({ skipSent: job.options.skipSent })),
    CONTACTS: targetRunner(VENDOR_PROFILES.kore, upstreams.kore, concurrency, (job) => ({ streamId: job.options.streamId })),
    DEALS: targetRunner(VENDOR_PROFILES.leadlex, upstreams.leadlex, concurrency, (job) => ({ dryRun: job.options.dryRun })),
  };
}

function targetRunner<Input, Options>(vendor: VendorProfile, upstream: Upstream<Input, Options> | null, concurrency: number, input: (job: Job) => Input): JobTargetRunner {
  const notConfigured = new FacadeError('NOT_CONFIGURED', `${UPSTREAM_LABELS[vendor.name]} is not configured on this facade: set ${vendor.configHint}.`, { upstream: vendor.name });
  return {
    vendor,
    concurrency,
    resendSafe: vendor.resendSafe,
    refusal(job) {
      if (upstream === null) return notConfigured;
      try {
        upstream.prepare(input(job), jobCaller(job));
        return null;
      } catch (error) {
        if (error instanceof FacadeError) return error;
        throw error;
      }
    },
    async send(ids, batchIndex, job, trace) {
      // The runner asks `refusal` first and fails such a job before any batch.
      if (upstream === null) throw notConfigured;
      // Cheap and pure (LeadLex: one digest for the key base), so read per batch rather than cached per job.
      const prepared = upstream.prepare(input(job), jobCaller(job));
      return upstream.deleteBatch(ids, batchIndex, prepared.options, trace);
    },
  };
}
