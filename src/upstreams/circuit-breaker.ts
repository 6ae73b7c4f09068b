/**
 * The circuit of one upstream: `closed` (calls go through), `open` (calls are refused without
 * being sent) and `half-open` (one probe call decides which of the two comes next).
 */
export type CircuitState = 'closed' | 'half-open' | 'open';

/** What a circuit breaker is built from (CIRCUIT_FAILURE_THRESHOLD, CIRCUIT_OPEN_MS). */
export interface CircuitBreakerOptions {
  /** Consecutive failed attempts that open the circuit. */
  readonly failureThreshold: number;
  /** How long the circuit stays open before it lets one probe through. */
  readonly openMs: number;
  readonly now: () => number;
  /** Told about every change of state, for the circuit-state gauge. */
  readonly onStateChange?: (state: CircuitState) => void;
}

/** Leave to send one attempt. Exactly one of its methods should be called, once; later calls do nothing. */
export interface CircuitPermit {
  readonly kind: 'permit';
  /** True when this attempt is the half-open probe. */
  readonly probe: boolean;
  /** The upstream answered (2xx, 4xx: an answer, even a refusal, shows it is up). */
  succeeded(): void;
  /** A transport error or a 5xx. */
  failed(): void;
  /** The attempt was never sent: it says nothing about the upstream. */
  abandoned(): void;
}

/** A refusal: the circuit is open (or its one probe is already under way). */
export interface CircuitRefusal {
  readonly kind: 'refused';
  /** Consecutive failures that opened the circuit. */
  readonly failures: number;
  /** Until the next probe may go; 0 while a probe is under way. */
  readonly retryInMs: number;
}

/** One upstream's circuit breaker. */
export interface CircuitBreaker {
  /** The state now; an open circuit whose time is up reads `half-open`. */
  state(): CircuitState;
  /** The refusal an attempt would get now, without taking the probe; null when it may try. */
  check(): CircuitRefusal | null;
  /** Asks to send one attempt. Synchronous, so concurrent callers can never share the one probe. */
  admit(): CircuitPermit | CircuitRefusal;
}

type Phase =
  | { readonly name: 'closed'; readonly failures: number }
  | { readonly name: 'open'; readonly failures: number; readonly until: number }
  | { readonly name: 'half-open'; readonly failures: number; readonly probing: boolean };

/**
 * Creates a breaker: closed → open after `failureThreshold` consecutive failures; open refuses
 * every attempt for `openMs`; then half-open lets exactly one probe through (everyone else is
 * still refused); the probe's success closes the circuit, its failure opens it again.
 *
 * Verdicts count only in the phase their permit was given in: an attempt sent while the circuit
 * was closed and failing after it opened changes nothing, so a burst of in-flight failures
 * cannot keep re-opening it, and a stale success cannot close it behind the probe's back.
 */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const { failureThreshold, openMs, now, onStateChange } = options;
  let phase: Phase = { name: 'closed', failures: 0 };
  let generation = 0;

  function enter(next: Phase): void {
    const changed = next.name !== phase.name;
    phase = next;
    generation++;
    if (changed) onStateChange?.(next.name);
  }

  function refusal(): CircuitRefusal | null {
    if (phase.name === 'open') {
      const left = phase.until - now();
      return left > 0 ? { kind: 'refused', failures: phase.failures, retryInMs: left } : null;
    }
    if (phase.name === 'half-open' && phase.probing) return { kind: 'refused', failures: phase.failures, retryInMs: 0 };
    return null;
  }

  function permit(probe: boolean): CircuitPermit {
    const issuedIn = generation;
    let settled = false;
    const settle = (verdict: 'success' | 'failure' | 'none'): void => {
      if (settled) return;
      settled = true;
      if (issuedIn !== generation) return;
      if (phase.name === 'half-open') {
        if (verdict === 'success') enter({ name: 'closed', failures: 0 });
        else if (verdict === 'failure') enter({ name: 'open', failures: phase.failures + 1, until: now() + openMs });
        else phase = { ...phase, probing: false };
      } else if (phase.name === 'closed') {
        if (verdict === 'success') phase = { name: 'closed', failures: 0 };
        else if (verdict === 'failure') {
          const failures = phase.failures + 1;
          if (failures >= failureThreshold) enter({ name: 'open', failures, until: now() + openMs });
          else phase = { name: 'closed', failures };
        }
      }
    };
    return {
      kind: 'permit',
      probe,
      succeeded: () => settle('success'),
      failed: () => settle('failure'),
      abandoned: () => settle('none'),
    };
  }

  return {
    state() {
      if (phase.name === 'open' && phase.until <= now()) return 'half-open';
      return phase.name;
    },
    check: refusal,
    admit() {
      const refused = refusal();
      if (refused) return refused;
      if (phase.name === 'closed') return permit(false);
      // Open and due, or half-open with no probe under way: this attempt is the probe.
      enter({ name: 'half-open', failures: phase.failures, probing: true });
      return permit(true);
    },
  };
}
