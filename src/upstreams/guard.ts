import type { ProtectionConfig } from '../config/index.ts';
import type { RateLimitObservation } from '../bulk-delete/outcome.ts';
import { assertNever, type UpstreamName } from '../errors/index.ts';
import { createCircuitBreaker, type CircuitState } from './circuit-breaker.ts';
import { createRateLimitPacer, type PacerOptions } from './rate-limit-pacer.ts';
import { createSemaphore } from './semaphore.ts';

/** Hooks for metrics about the protection of each upstream; never able to change it. */
export interface ProtectionObserver {
  circuitState(upstream: UpstreamName, state: CircuitState): void;
  /** An attempt held back by the facade without reaching the upstream. */
  refused(upstream: UpstreamName, reason: 'circuit_open' | 'rate_limit'): void;
  /** Time an attempt spent queued for a slot, or waiting for rate-limit budget. */
  waited(upstream: UpstreamName, reason: 'slot' | 'rate_limit', seconds: number): void;
  /** HTTP requests in flight to this upstream now. */
  inFlight(upstream: UpstreamName, count: number): void;
}

/** How one attempt ended, as the guard needs to know it. */
export type AttemptEnd =
  /** An HTTP answer; `rateLimit` from its X-RateLimit-* headers. */
  | { readonly kind: 'answer'; readonly status: number; readonly rateLimit: RateLimitObservation | null }
  /** No answer; `sent` false when the request provably never reached the upstream. */
  | { readonly kind: 'error'; readonly sent: boolean }
  /** The attempt was abandoned before it was sent (its request could not be built). */
  | { readonly kind: 'not-sent' };

/**
 * What `enter` decided for one attempt:
 * - `admitted`: send it now, then call `exit` exactly once.
 * - `circuit-open`: the upstream's circuit refuses it; nothing was sent.
 * - `budget-spent`: the rate-limit budget will not be back within RATE_LIMIT_MAX_WAIT_MS (the
 *   pacer's `retryAfterMs` and `retryAtMs`).
 */
export type GuardEntry =
  | { readonly kind: 'admitted'; exit(end: AttemptEnd): void }
  | { readonly kind: 'circuit-open'; readonly failures: number; readonly retryInMs: number }
  | { readonly kind: 'budget-spent'; readonly retryAfterMs: number | null; readonly retryAtMs: number | null; readonly rateLimit: RateLimitObservation | null };

/** What stands between the facade and one upstream: built once, shared by every request. */
export interface UpstreamGuard {
  /** Fails fast: the refusal an attempt would get from the circuit now, or null. */
  circuitRefusal(): Extract<GuardEntry, { kind: 'circuit-open' }> | null;
  /**
   * Lets one attempt through: rate-limit budget first (waiting for it at most `maxWaitMs`),
   * then a slot among UPSTREAM_CONCURRENCY, then the circuit breaker, checked last so the
   * state it judges is the one the request meets. Never rejects. `budgetShare`: the part of
   * the rate-limit budget this attempt may spend (the pacer's `share`). @default 1
   */
  enter(rateLimitCost: number, maxWaitMs: number, budgetShare?: number): Promise<GuardEntry>;
}

/** What guards are built with besides the config. */
export interface GuardDeps {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<unknown>;
  readonly observer?: ProtectionObserver | undefined;
}

/** A guard that lets everything through at once: for callers built without protection. */
export const UNGUARDED: UpstreamGuard = {
  circuitRefusal: () => null,
  enter: async () => ({ kind: 'admitted', exit: () => undefined }),
};

/**
 * Builds one upstream's guard: a FIFO semaphore of UPSTREAM_CONCURRENCY slots, a circuit
 * breaker (CIRCUIT_FAILURE_THRESHOLD, CIRCUIT_OPEN_MS) and an X-RateLimit pacer.
 *
 * The breaker counts an attempt as failed on a transport error (sent or not) or a 5xx; any
 * other answer, 4xx included (401, 403, 429 are answers), shows the upstream is up.
 */
export function createUpstreamGuard(upstream: UpstreamName, protection: ProtectionConfig, deps: GuardDeps, pacing: PacerOptions = {}): UpstreamGuard {
  const { now, sleep, observer } = deps;
  const slots = createSemaphore(protection.upstreamConcurrency);
  const pacer = createRateLimitPacer(now, pacing);
  const breaker = createCircuitBreaker({
    failureThreshold: protection.circuitFailureThreshold,
    openMs: protection.circuitOpenMs,
    now,
    onStateChange: (state) => observer?.circuitState(upstream, state),
  });
  observer?.circuitState(upstream, breaker.state());
  observer?.inFlight(upstream, 0);

  function circuitRefusal(): Extract<GuardEntry, { kind: 'circuit-open' }> | null {
    const refused = breaker.check();
    if (refused === null) return null;
    observer?.refused(upstream, 'circuit_open');
    return { kind: 'circuit-open', failures: refused.failures, retryInMs: refused.retryInMs };
  }

  return {
    circuitRefusal,
    async enter(rateLimitCost, maxWaitMs, budgetShare = 1) {
      const early = circuitRefusal();
      if (early) return early;

      let waitedMs = 0;
      let decision = pacer.reserve(rateLimitCost, maxWaitMs, budgetShare);
      // Each wait is re-checked: answers that arrived meanwhile may have moved the reset.
      while (decision.kind === 'wait') {
        await sleep(decision.waitMs);
        waitedMs += decision.waitMs;
        decision = pacer.reserve(rateLimitCost, maxWaitMs - waitedMs, budgetShare);
      }
      if (waitedMs > 0) observer?.waited(upstream, 'rate_limit', waitedMs / 1000);
      if (decision.kind === 'refuse') {
        observer?.refused(upstream, 'rate_limit');
        return { kind: 'budget-spent', retryAfterMs: decision.retryAfterMs, retryAtMs: decision.retryAtMs, rateLimit: pacer.latest() };
      }
      const { ticket } = decision;

      const queuedAt = slots.active >= protection.upstreamConcurrency ? performance.now() : null;
      const release = await slots.acquire();
      if (queuedAt !== null) observer?.waited(upstream, 'slot', (performance.now() - queuedAt) / 1000);

      const permit = breaker.admit();
      if (permit.kind === 'refused') {
        release();
        ticket.refund();
        observer?.refused(upstream, 'circuit_open');
        return { kind: 'circuit-open', failures: permit.failures, retryInMs: permit.retryInMs };
      }
      observer?.inFlight(upstream, slots.active);

      let exited = false;
      return {
        kind: 'admitted',
        exit(end) {
          if (exited) return;
          exited = true;
          release();
          observer?.inFlight(upstream, slots.active);
          switch (end.kind) {
            case 'answer':
              if (end.status >= 500) permit.failed();
              else permit.succeeded();
              ticket.settle(end.rateLimit, end.status === 429);
              return;
            case 'error':
              permit.failed();
              if (end.sent) ticket.settle(null);
              else ticket.refund();
              return;
            case 'not-sent':
              permit.abandoned();
              ticket.refund();
              return;
            default:
              return assertNever(end, 'attempt end');
          }
        },
      };
    },
  };
}
