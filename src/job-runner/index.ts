// job-runner/: the worker that runs bulk-delete jobs (docs/contract.md §8). It knows no vendor:
// the composition root (server/job-targets.ts) gives it one JobTargetRunner per target, built
// from that vendor's adapter. It imports jobs/ (state) and bulk-delete/ (the engine), never a
// vendor folder.
//
//   runJob      one claimed job: settle the batches an earlier holder left in flight (resend
//               only where the vendor makes that safe, else OUTCOME_UNKNOWN), then send the
//               rest with runBatches, each slot reading its next batch's IDs from the store
//               just before sending it (no pause between windows, a job's IDs never all in
//               memory); each batch is marked in flight before it is sent and its outcome
//               recorded before its slot sends the next one (run-job.ts)
//   pacing      a spent budget, a 429 or a 503 leaves the batch unrecorded (it was certainly
//               not processed) and the job PAUSED until the vendor's reset; it is sent again
//               on resume. Jobs spend at most JOB_RATE_SHARE of a budget (upstreams/: the
//               job adapters' caller), so mutations always find the rest
//   scheduler   the embedded loop: claims up to JOB_WORKER_CONCURRENCY jobs, sleeps until a
//               wake, a poll, or a paused job's resume time; on stop, lets batches in flight
//               land and hands every lease back (scheduler.ts)
//   observer    a log line per state change, metrics per batch, a span per batch (observer.ts)
//   queue       with REDIS_URL: jobs go through a BullMQ queue instead of the embedded loop, so
//               any replica takes work and a dead replica's job is taken over (queue-scheduler.ts);
//               the replicas share each vendor's budget through a ledger in Redis (shared-budget.ts)
export { toJobBatchOutcome } from './job-outcome.ts';
export { createJobObserver, SILENT_OBSERVER, type BatchSpan, type JobRunObserver } from './observer.ts';
export { createJobRunner, UNAVAILABLE_PAUSE_MS, type HeldBatches, type JobRunContext, type JobRunEnd, type JobRunner, type JobRunnerDeps } from './run-job.ts';
export { createJobScheduler, wakeOnQueued, DEFAULT_LEASE_MS, DEFAULT_POLL_MS, type JobScheduler, type JobSchedulerDeps, type JobSchedulerOptions } from './scheduler.ts';
// Values of the queue half are in queue.ts, loaded only with REDIS_URL (it brings BullMQ).
export type { QueueScheduler, QueueSchedulerDeps, QueueSchedulerOptions } from './queue-scheduler.ts';
export type { SharedBudget, SharedBudgetDeps, SharedBudgetOptions } from './shared-budget.ts';
export type { JobTargetRunner, JobTargetRunners } from './target-runner.ts';
export { REAL_TIMERS, type Timers } from './timers.ts';
