/**
 * The vendor-neutral half of a simulator: a `node:http` server on 127.0.0.1 (port 0) that reads
 * and records each request, applies the fault script and latency, writes the answer, and closes
 * without ever waiting on a hung connection. The vendor half only turns a request into a reply.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyFault, createFaultSchedule, planFault } from './faults.ts';
import type { FaultPlan, SimulatorFault } from './faults.ts';
import type { RecordedRequest, SimulatorOptions } from './handle.ts';
import { JSON_CONTENT_TYPE } from './wire.ts';
import type { SimulatorReply } from './wire.ts';

const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** What a vendor plugs into the shared server. */
export interface SimulatorVendor<R extends RecordedRequest> {
  /** Widens the base record with the vendor's own fields (e.g. Kore.ai's decoded JWT claims). */
  toRecord(base: RecordedRequest): R;
  /** Validates and processes one request (really deleting records) and says how to answer. */
  handle(req: R): SimulatorReply | Promise<SimulatorReply>;
  /** An error answer in the vendor's own error shape, for 413 and unexpected failures. */
  errorReply(status: number, message: string): SimulatorReply;
}

/** The running server, before the vendor adds its records and base path. */
export interface SimulatorServer<R extends RecordedRequest> {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  origin: string;
  received: R[];
  fault(fault: SimulatorFault): void;
  faultPlan(plan: FaultPlan<R> | undefined): void;
  close(): Promise<void>;
}

/** A fresh request ID, as Stoq and LeadLex send in `X-Request-ID`. */
export function newRequestId(): string {
  return randomUUID();
}

/**
 * Starts listening on 127.0.0.1, port 0, and resolves once the port is known. Every request that
 * arrives whole is recorded, in order, before its fault is chosen; the vendor's handler runs only
 * if the fault lets it; a throwing handler becomes a 500 in the vendor's error shape; and
 * `close()` destroys every socket, so it resolves even while requests hang.
 */
export async function startSimulatorServer<R extends RecordedRequest>(
  vendor: SimulatorVendor<R>,
  options: SimulatorOptions = {},
): Promise<SimulatorServer<R>> {
  const now = options.now ?? Date.now;
  const latencyMs = options.latencyMs ?? 0;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const recording = options.record ?? true;
  const onReply = options.onReply;
  const received: R[] = [];
  const faults = createFaultSchedule<R>();
  const sockets = new Set<Socket>();
  // Aborting wakes every pending latency or delay wait, so close() leaves no timer behind.
  const closing = new AbortController();

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = performance.now();
    const read = await readBody(req, maxBodyBytes);
    if (read === undefined) return; // the client went away mid-body: nobody to answer
    const record = vendor.toRecord({
      method: req.method ?? '',
      path: req.url ?? '',
      headers: flattenHeaders(req.headers),
      body: read.body,
      json: parseJson(read.body),
      receivedAt: now(),
    });
    if (recording) received.push(record);
    const fault = faults.next(record);
    const action = planFault(fault, latencyMs);
    const normal = action.process
      ? read.tooLarge
        ? vendor.errorReply(413, `Request body exceeds ${maxBodyBytes} bytes`)
        : await vendor.handle(record)
      : undefined;
    // Latency is a response time: what reading and processing took is already part of it.
    const waitMs = Math.max(0, action.waitMs - (latencyMs > 0 ? Math.min(latencyMs, performance.now() - arrivedAt) : 0));
    if (waitMs > 0) {
      try {
        await sleep(waitMs, undefined, { signal: closing.signal });
      } catch {
        return; // closed while waiting: the socket is already gone
      }
    }
    if (action.ending === 'hang') return; // close() destroys the socket eventually
    if (action.ending === 'reset') return void req.socket.resetAndDestroy();
    const headers = writeReply(res, applyFault(normal, fault));
    if (headers !== undefined) onReply?.(record, { status: res.statusCode, headers });
  }

  const server = createServer((req, res) => {
    respond(req, res).catch((error: unknown) => {
      // A throwing handler, or a fault with an unwritable status or header: answer 500 if we
      // still can, so the bug shows in the test rather than as a hung request.
      const message = error instanceof Error ? error.message : String(error);
      try {
        if (res.headersSent) res.destroy();
        else writeReply(res, vendor.errorReply(500, `Simulator error: ${message}`));
      } catch {
        res.destroy(); // never let one request's failure become an unhandled rejection
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  let closed: Promise<void> | undefined;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    fault: (f) => faults.push(f),
    faultPlan: (plan) => faults.setPlan(plan),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}

/**
 * Reads the whole body, keeping at most `maxBytes`: past that it keeps draining (so the client
 * gets its 413 rather than a broken pipe) but stops storing.
 */
function readBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<{ body: string; tooLarge: boolean } | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => {
      const tooLarge = size > maxBytes;
      resolve({ body: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'), tooLarge });
    });
    req.on('error', () => resolve(undefined));
    req.on('close', () => resolve(undefined)); // no effect once 'end' has resolved
  });
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Writes the answer and returns its headers; undefined when the client is already gone. */
function writeReply(res: ServerResponse, reply: SimulatorReply): Record<string, string> | undefined {
  if (res.destroyed || res.writableEnded) return undefined;
  const payload =
    reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  // Built before touching `res`, so a header Node refuses throws while a 500 is still possible.
  const headers = new Map<string, string>();
  if (reply.body !== undefined) headers.set('content-type', JSON_CONTENT_TYPE);
  for (const [name, value] of Object.entries(reply.headers ?? {})) headers.set(name.toLowerCase(), value);
  if (reply.contentType !== undefined) headers.set('content-type', reply.contentType);
  headers.set('content-length', String(Buffer.byteLength(payload)));
  const written = Object.fromEntries(headers);
  res.writeHead(reply.status, written);
  res.end(payload);
  return written;
}
