import type { IncomingMessage, ServerResponse } from 'node:http';

/** Thrown by `readBody` when a request is larger than allowed. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/**
 * Reads a request body up to `limit` bytes; stops reading (and rejects) as soon as it is exceeded.
 * A client that waits for `100 Continue` before sending its body (`Expect: 100-continue`, curl's
 * default above 1 MiB) is told to go on only here, when `res` is given and the declared size fits:
 * a request refused earlier, or too large, never gets its body invited.
 */
export function readBody(req: IncomingMessage, limit: number, res?: ServerResponse): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError());
  if (res !== undefined && req.headers.expect?.toLowerCase() === '100-continue') res.writeContinue();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    req.on('error', reject);
  });
}

/** Sends a JSON body with the given status and extra headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
