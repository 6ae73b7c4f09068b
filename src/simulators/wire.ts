/**
 * Small, total helpers for reading untrusted requests and describing answers. None of them
 * throws, whatever the input: a simulator must survive any body a buggy client sends.
 */

/** An answer before it is written to the socket. */
export interface SimulatorReply {
  status: number;
  /** Serialised as JSON; a string is sent raw, as is; undefined sends an empty body. */
  body?: unknown;
  headers?: Record<string, string>;
  /** @default JSON (`application/json; charset=utf-8`) when there is a body */
  contentType?: string;
}

/** The Content-Type every vendor answers with. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** True when the Content-Type's media type is application/json, parameters (charset) aside. */
export function isJsonContentType(header: string | undefined): boolean {
  const mediaType = header?.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

/** A JSON object: not null, not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An array whose every element is a string. */
export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** The first key of `body` that is not in `allowed`, if any: the vendors refuse unknown fields. */
export function findUnknownField(
  body: Record<string, unknown>,
  allowed: readonly string[],
): string | undefined {
  return Object.keys(body).find((key) => !allowed.includes(key));
}

/** The pathname of a request target, without its query string. */
export function toPathname(target: string): string {
  const queryAt = target.indexOf('?');
  return queryAt === -1 ? target : target.slice(0, queryAt);
}

/** Marks a switch as exhaustive: adding a case to the union makes the caller fail to compile. */
export function unreachable(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}

/** One request exactly as the simulator received it. */
export interface RecordedRequest {
  method: string;
  /** The request target as sent on the wire: the path plus any query string. */
  path: string;
  /** Header names lower-cased; a repeated header's values joined with ", " as Node does. */
  headers: Record<string, string>;
  /** The body decoded as UTF-8; empty when it was refused as too large. */
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** When it arrived, by the simulator's clock (`now`). */
  receivedAt: number;
}
