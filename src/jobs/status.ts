import { FacadeError } from '../errors/index.ts';

/** A job's lifecycle (docs/contract.md §8 `BulkDeleteJobStatus`). */
export const JOB_STATUSES = ['OPEN', 'QUEUED', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'FAILED'] as const;

/** One of the job statuses. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses a job never leaves: it has ended, and its result is final once no batch is in flight. */
export const TERMINAL_STATUSES: readonly JobStatus[] = ['COMPLETED', 'CANCELLED', 'FAILED'];

/**
 * Every allowed transition, written once. RUNNING -> RUNNING is a worker taking over a job
 * whose lease expired (its previous worker died); PAUSED -> RUNNING is the resume at
 * `resumesAt`, by the same worker or, after a crash, another. CANCELLED is reachable from every
 * unended status: the owner may stop a job at any time, and a batch in flight still lands.
 */
const TRANSITIONS: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  OPEN: ['QUEUED', 'CANCELLED'],
  QUEUED: ['RUNNING', 'CANCELLED'],
  RUNNING: ['RUNNING', 'PAUSED', 'COMPLETED', 'FAILED', 'CANCELLED'],
  PAUSED: ['RUNNING', 'FAILED', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
  FAILED: [],
};

/** Type guard: true for one of the seven job statuses. */
export function isJobStatus(value: unknown): value is JobStatus {
  return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
}

/** True when the job has ended (COMPLETED, CANCELLED or FAILED). */
export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** True when `from -> to` is an allowed transition. */
export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Throws BAD_USER_INPUT, naming both statuses and what is possible instead, unless
 * `from -> to` is allowed. The store calls it before every status change, so a job can never
 * take a step the table does not list.
 */
export function assertTransition(from: JobStatus, to: JobStatus): void {
  if (canTransition(from, to)) return;
  const allowed = TRANSITIONS[from];
  const hint = allowed.length === 0 ? 'it has ended and its status no longer changes' : `from ${from} it can only become ${allowed.join(', ')}`;
  throw new FacadeError('BAD_USER_INPUT', `A ${from} job cannot become ${to}: ${hint}.`);
}
