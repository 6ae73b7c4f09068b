// The jobs' scale-out half (docs/contract.md §8, "Where jobs live"): BullMQ and the shared budget
// ledger. A module of its own so that a process without REDIS_URL never loads BullMQ: the app
// imports it only when it opens the shared jobs.
export { createQueueScheduler, queueOnPublish, DEFAULT_JOB_LOCK_MS, JOB_QUEUE_NAME } from './queue-scheduler.ts';
export { createSharedBudget, withSharedBudget } from './shared-budget.ts';
