/**
 * The shape every simulator shares, so one test helper or demo wiring works for all three.
 */
import type { FaultPlan, SimulatorFault } from './faults.ts';
import type { RecordedRequest } from './wire.ts';

export type { RecordedRequest } from './wire.ts';

/** Options every simulator takes. */
export interface SimulatorOptions {
  /**
   * Every answer leaves this long after its request arrived, processing included (as a real
   * upstream's response time would), to make benchmarks see a realistic upstream. Processing
   * still comes first, so a client that gives up meanwhile leaves the records deleted.
   * @default 0
   */
  latencyMs?: number;
  /**
   * The clock in epoch milliseconds, for rate-limit windows, quotas and JWT checks, so tests
   * move time instead of sleeping. Latency and fault delays are real time regardless.
   * @default Date.now
   */
  now?: () => number;
  /**
   * Bodies larger than this are answered 413 (and not kept in memory).
   * @default 10 MiB
   */
  maxBodyBytes?: number;
  /**
   * False keeps no request in `received`: a benchmark sending millions of requests would
   * otherwise hold every body. Fault plans still see each request.
   * @default true
   */
  record?: boolean;
  /** Told of every answer as it is written (not of hung or reset requests), e.g. to count statuses. */
  onReply?: (request: RecordedRequest, reply: RepliedStatus) => void;
}

/** What {@link SimulatorOptions.onReply} learns about one answer. */
export interface RepliedStatus {
  status: number;
  /** The answer's headers, names lower-cased. */
  headers: Readonly<Record<string, string>>;
}

/** A running simulator: where to reach it, what it saw and did, and how to script it. */
export interface SimulatorHandle<R extends RecordedRequest = RecordedRequest> {
  /** The base URL the facade is configured with (each vendor's own notion of "base"). */
  readonly url: string;
  /** Every request, in arrival order, including refused and faulted ones. */
  readonly received: R[];
  /** Every ID really deleted, in order; dry runs and refused requests add nothing. */
  readonly deletedIds: string[];
  /** Queues a fault for the next request that has none; several calls cover several requests. */
  fault(fault: SimulatorFault): void;
  /**
   * Consulted for each request when the queue is empty, with the request's index since this
   * call (from 0); `undefined` removes it.
   */
  faultPlan(plan: FaultPlan<R> | undefined): void;
  /** Whether the record still exists. */
  has(id: string): boolean;
  /** Stops listening and destroys every connection, hung ones included; never hangs. */
  close(): Promise<void>;
}
