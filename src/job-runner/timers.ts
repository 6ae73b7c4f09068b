/** Timers the runner and its scheduler wait with; injected so tests move time by hand. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The event loop's timers, unreferenced: a job's lease renewal or the scheduler's next look
 * never keeps a process alive that has nothing else to do.
 */
export const REAL_TIMERS: Timers = {
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    handle.unref();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
