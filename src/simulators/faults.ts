/**
 * Scripted faults: how a test (or a benchmark) makes one request go wrong in a precise way.
 *
 * Each request takes at most one fault: the next one queued by `fault()`, else whatever the
 * `faultPlan` callback returns for it. The fault decides two things independently: whether the
 * vendor really processes the request (deletes records), and what the client gets back.
 */
import type { RecordedRequest, SimulatorReply } from './wire.ts';

/** One request's misbehaviour. Every field is optional; `{}` is a normal answer. */
export interface SimulatorFault {
  /** Answer this status instead of the vendor's (by default the request is then NOT processed). */
  status?: number;
  /** JSON body sent with `status` (or instead of the normal body); a string is sent raw, as is. */
  body?: unknown;
  /** Extra answer headers; they replace same-named ones. */
  headers?: Record<string, string>;
  /**
   * Whether the vendor processes (really deletes) before the fault applies.
   * @default false with `status`, never with `hang`/`reset: 'before'`, true otherwise
   */
  process?: boolean;
  /** Wait this long before answering; records are deleted before the wait (see `planFault`). */
  delayMs?: number;
  /** Never answer; `'after'` deletes first, so the answer is lost rather than never processed. */
  hang?: 'before' | 'after';
  /** Reset the TCP connection without answering; `'after'` deletes first. */
  reset?: 'before' | 'after';
  /** Answer the normal status with this raw text (malformed JSON, an HTML page, a truncated body). */
  rawBody?: string;
  /** Content-Type of the answer instead of the normal one. */
  contentType?: string;
}

/**
 * Picks a fault for a request the queue has none for. `index` numbers the requests that arrived
 * since this plan was set, from 0 (those a queued fault took included), so a plan written as
 * `schedule[index]` starts at its own first request whatever came before and whatever
 * `received` still holds.
 */
export type FaultPlan<R extends RecordedRequest = RecordedRequest> = (
  req: R,
  index: number,
) => SimulatorFault | undefined;

/** The queue plus plan behind a simulator's `fault()` and `faultPlan()`. */
export interface FaultSchedule<R extends RecordedRequest> {
  push(fault: SimulatorFault): void;
  setPlan(plan: FaultPlan<R> | undefined): void;
  /** Removes and returns the fault for this request: queued first, else the plan's. */
  next(req: R): SimulatorFault | undefined;
}

/** Builds an empty schedule: no fault until one is queued or planned. */
export function createFaultSchedule<R extends RecordedRequest>(): FaultSchedule<R> {
  const queue: SimulatorFault[] = [];
  let plan: FaultPlan<R> | undefined;
  let arrived = 0; // requests since `plan` was set
  return {
    push: (fault) => void queue.push(fault),
    setPlan: (p) => {
      plan = p;
      arrived = 0;
    },
    next: (req) => {
      const index = arrived++;
      return queue.shift() ?? plan?.(req, index);
    },
  };
}

/** What the server does with a request once its fault is known. */
export interface FaultAction {
  /** Call the vendor's handler (which deletes records) before anything else. */
  process: boolean;
  /** Total wait, after processing and before answering or resetting. */
  waitMs: number;
  /** How the exchange ends. */
  ending: 'answer' | 'hang' | 'reset';
}

/**
 * Turns a fault into an action. Processing comes before any wait, so a client that gives up
 * during `delayMs` or `latencyMs` meets exactly the case docs/contract.md §3 calls an outcome unknown:
 * the records are gone but the answer never arrived.
 */
export function planFault(fault: SimulatorFault | undefined, latencyMs: number): FaultAction {
  const waitMs = latencyMs + (fault?.delayMs ?? 0);
  if (fault === undefined) return { process: true, waitMs, ending: 'answer' };
  const before = fault.hang === 'before' || fault.reset === 'before';
  return {
    process: before ? false : (fault.process ?? fault.status === undefined),
    waitMs,
    ending: fault.hang !== undefined ? 'hang' : fault.reset !== undefined ? 'reset' : 'answer',
  };
}

/**
 * The answer a fault produces from the vendor's normal one (undefined when not processed).
 * A `status` fault imitates something else answering (a proxy, a gateway), so it carries only
 * its own headers; the other faults distort the vendor's own answer and keep its headers.
 */
export function applyFault(
  normal: SimulatorReply | undefined,
  fault: SimulatorFault | undefined,
): SimulatorReply {
  if (fault === undefined && normal !== undefined) return normal;
  const replacement = fault?.rawBody ?? fault?.body;
  if (fault?.status !== undefined || normal === undefined) {
    // Unprocessed and no status given (`process: false` alone): 200 is the only sensible status.
    return {
      status: fault?.status ?? 200,
      body: replacement,
      headers: { ...fault?.headers },
      contentType: fault?.contentType,
    };
  }
  return {
    status: normal.status,
    body: replacement !== undefined ? replacement : normal.body,
    headers: { ...normal.headers, ...fault?.headers },
    contentType: fault?.contentType ?? normal.contentType,
  };
}
