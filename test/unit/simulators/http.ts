/**
 * One-line HTTP calls for the simulator tests: real `fetch` over loopback, answers read whole.
 */

/** An answer, read completely; `json` is undefined when the body is not JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** Request options; a header set to undefined is left out, to test its absence. */
export interface Call {
  method: string;
  headers?: Record<string, string | undefined>;
  body?: string;
  signal?: AbortSignal;
}

/** Sends one request and reads the whole answer. */
export async function send(url: string, call: Call): Promise<Answer> {
  const headers = Object.fromEntries(
    Object.entries(call.headers ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const response = await fetch(url, { method: call.method, headers, body: call.body, signal: call.signal });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The `code` of an error a fetch rejected with, from its cause (e.g. ECONNRESET). */
export async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause: unknown = error instanceof Error ? error.cause : undefined;
    if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') {
      return cause.code;
    }
    return error instanceof Error ? error.name : 'unknown';
  }
  return 'answered';
}

/** A settable clock for the simulators' `now` option. */
export function createClock(start = Date.UTC(2025, 0, 15, 12, 0, 0)): { now: () => number; advance(ms: number): void; set(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms), set: (ms) => void (t = ms) };
}
