/**
 * Upstream timeouts (and a stub's answer delays) driven by the test, not by the wall clock. got arms its per-call timeout
 * (UPSTREAM_TIMEOUT_MS) with the global setTimeout; `timingOut` fakes that function alone (the
 * sockets, Date and node:timers/promises stay real) and fires the timer only once the upstream
 * holds the request it must not answer. So an attempt times out exactly when the test says, and
 * never because a loaded machine made an answering attempt slow.
 */
import { vi } from 'vitest';

/** The UPSTREAM_TIMEOUT_MS to configure with `timingOut`: long, so only the test fires it. */
export const UPSTREAM_TIMEOUT_MS = 60_000;

/**
 * Runs `action` with the global setTimeout faked. For each of `hung` in turn (one per attempt the
 * upstream leaves unanswered), waits until it holds, e.g. "the simulator received 2 requests",
 * then advances the faked timers by `timeoutMs`, which times that attempt out.
 */
export function timingOut<T>(action: () => Promise<T>, hung: ReadonlyArray<() => boolean>, timeoutMs = UPSTREAM_TIMEOUT_MS): Promise<T> {
  return advancingWhen(action, hung, timeoutMs);
}

/**
 * Runs `action` with the global setTimeout faked (got's timeout, a stub's `delayMs`), and for each
 * of `steps` in turn waits until it holds, then advances the faked timers by `ms`. So a delayed
 * answer comes only once everything the test expects in flight is in flight.
 */
export async function advancingWhen<T>(action: () => Promise<T>, steps: ReadonlyArray<() => boolean>, ms: number): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    let settled = false;
    const running = action().finally(() => void (settled = true));
    for (const ready of steps) {
      await until(() => settled || ready());
      await vi.advanceTimersByTimeAsync(ms);
    }
    return await running;
  } finally {
    vi.useRealTimers();
  }
}

/** `n` conditions: the upstream has received at least 1, 2, ... `n` requests. */
export function requestsArrived(received: () => number, n: number): Array<() => boolean> {
  return Array.from({ length: n }, (_, i) => () => received() > i);
}

/**
 * Resolves once `condition` holds, polling on the event loop's check phase (never a faked timer);
 * rejects after `limitMs` of real time, so a condition that cannot come true fails the test
 * with a reason instead of spinning until the test's own timeout.
 */
export async function until(condition: () => boolean, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`until: the condition did not hold within ${limitMs} ms: ${condition.toString()}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
