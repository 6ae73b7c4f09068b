import type { BatchOutcome } from '../bulk-delete/index.ts';
import type { FacadeError } from '../errors/index.ts';
import type { Job, JobTarget } from '../jobs/index.ts';
import type { AttemptTracer } from '../upstreams/http.ts';
import type { VendorProfile } from '../upstreams/upstream.ts';

/**
 * How the runner deletes one target's batches, built in the composition root from that
 * vendor's adapter (server/job-targets.ts), so the runner itself knows no vendor.
 */
export interface JobTargetRunner {
  readonly vendor: VendorProfile;
  /** Batches in flight at once for one job. */
  readonly concurrency: number;
  /**
   * True when a batch in flight at a crash may be sent again: the vendor honours a key derived
   * from the job and the batch alone (LeadLex's Idempotency-Key), so a resend cannot delete twice.
   */
  readonly resendSafe: boolean;
  /**
   * Why a job of this target cannot run at all, however long it waits (the vendor is not
   * configured, or refuses the job's options): the job FAILS with it. Null when it can run.
   */
  refusal(job: Job): FacadeError | null;
  /**
   * Deletes one batch of the job's distinct IDs: batch `batchIndex` always gets the same
   * vendor key, across restarts and workers. Meant never to reject (adapters turn problems
   * into outcomes); a rejection becomes OUTCOME_UNKNOWN.
   */
  send(ids: readonly string[], batchIndex: number, job: Job, trace?: AttemptTracer): Promise<BatchOutcome>;
}

/** A runner for every target; its `refusal` says NOT_CONFIGURED where the vendor has no credentials. */
export type JobTargetRunners = Readonly<Record<JobTarget, JobTargetRunner>>;
