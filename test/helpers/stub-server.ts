/**
 * A scripted HTTP stub on 127.0.0.1, port 0, for the HTTP-policy tests: each request takes the
 * next step of its script (or answers 200 `{}` when the script is empty) and is recorded.
 * Real sockets, no mocks of the HTTP client (README, "Contributing": tests).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** What the stub does with one request. */
export type StubStep =
  /** Reads the body, then answers (after `delayMs`, when given). */
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string; readonly delayMs?: number }
  /** Reads the body and never answers (until the client gives up or the stub closes). */
  | { readonly hang: true }
  /** Takes the request line and headers, then neither reads the body nor answers. */
  | { readonly stall: 'before-body' }
  /**
   * Resets the TCP connection: `before-body` as soon as the request line and headers arrived,
   * without reading the body; `after-body` once the whole body was read.
   */
  | { readonly reset: 'before-body' | 'after-body' };

/** One request as the stub saw it; `body` is empty when the stub reset before reading it. */
export interface StubRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** A running stub. */
export interface StubServer {
  readonly url: string;
  readonly received: StubRequest[];
  /** Appends steps to the script; each request takes the next one. */
  script(...steps: StubStep[]): void;
  /** Decides the step of a request the script has none for (default: 200 `{}`). */
  fallback(decide: (req: StubRequest) => StubStep): void;
  /** The most requests that were in flight (received, not yet answered) at once. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

/** Starts a stub whose script is `steps`. */
export async function startStubServer(...steps: StubStep[]): Promise<StubServer> {
  const queue: StubStep[] = [...steps];
  const received: StubRequest[] = [];
  let decide: ((req: StubRequest) => StubStep) | undefined;
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    req.socket.once('close', () => void (inFlight -= res.writableFinished ? 0 : 1));
    res.once('finish', () => void inFlight--);
    const scripted = queue.shift();
    if (scripted !== undefined && 'stall' in scripted) {
      received.push(record(req, ''));
      req.pause();
      return;
    }
    if (scripted !== undefined && 'reset' in scripted && scripted.reset === 'before-body') {
      received.push(record(req, ''));
      req.socket.resetAndDestroy();
      return;
    }
    readBody(req).then((body) => {
      const recorded = record(req, body);
      received.push(recorded);
      answer(scripted ?? decide?.(recorded) ?? { status: 200, body: '{}' }, req, res);
    }, () => undefined);
  });
  const { url, close } = await listenOnLoopback(server);

  return {
    url,
    received,
    script: (...more) => void queue.push(...more),
    fallback: (d) => void (decide = d),
    get maxInFlight() {
      return maxInFlight;
    },
    close,
  };
}

/**
 * A loopback URL that refuses connections. The port is below the kernel's ephemeral range, where
 * no test server's `listen(0)` can land, and is checked to refuse. (A port freed a moment ago,
 * the old way, could be taken by another test file's server in between, which then answered.)
 */
export async function closedPortUrl(): Promise<string> {
  return `http://127.0.0.1:${await refusingPort()}`;
}

// Well below any ephemeral range (Linux: 32768-60999), and no test listens on a fixed port.
const REFUSING_CANDIDATES = [1, 9, 47, 1001, 1019];
let refusing: Promise<number> | null = null;

/** A loopback port where connections are refused (see closedPortUrl); found once per test file. */
export function refusingPort(): Promise<number> {
  refusing ??= (async () => {
    for (const port of REFUSING_CANDIDATES) if (await refuses(port)) return port;
    throw new Error(`none of the loopback ports ${REFUSING_CANDIDATES.join(', ')} refuses connections`);
  })();
  return refusing;
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

function answer(step: StubStep, req: IncomingMessage, res: ServerResponse): void {
  if ('hang' in step || 'stall' in step) return;
  if ('reset' in step) {
    req.socket.resetAndDestroy();
    return;
  }
  const write = () => {
    res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
    res.end(step.body ?? '');
  };
  if (step.delayMs === undefined) write();
  else setTimeout(write, step.delayMs);
}

function record(req: IncomingMessage, body: string): StubRequest {
  return { method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers }, body };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** One answer of a flood server: how much of its body was written before it ended. */
export interface FloodAnswer {
  readonly path: string;
  /** Bytes of body handed to the socket. */
  written: number;
  /** True once the whole body was written. */
  finished: boolean;
  /** True when the client closed the connection before the whole body was written. */
  cutOff: boolean;
}

/** A loopback upstream answering every request 200 with a huge body. */
export interface FloodServer {
  readonly url: string;
  readonly answers: FloodAnswer[];
  /** Resolves once `count` answers have ended, finished or cut off. */
  settled(count: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a server whose every answer is 200 with a body of `totalBytes` (a JSON string that
 * never ends in time), written only as fast as the client reads it, so a client that stops
 * reading is seen as one: the server sees the socket close before it finished writing.
 * `contentLength` announces the size up front; otherwise the body is chunked.
 */
export async function startFloodServer(options: { totalBytes: number; contentLength: boolean; headers?: Record<string, string> }): Promise<FloodServer> {
  const answers: FloodAnswer[] = [];
  const waiters: Array<() => void> = [];
  const ended = () => answers.filter((a) => a.finished || a.cutOff).length;
  const notify = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const server = createServer((req, res) => {
    const answer: FloodAnswer = { path: req.url ?? '', written: 0, finished: false, cutOff: false };
    answers.push(answer);
    res.once('close', () => {
      if (!answer.finished) answer.cutOff = true;
      notify();
    });
    readBody(req).then(() => {
      res.writeHead(200, {
        'content-type': 'application/json',
        ...(options.contentLength ? { 'content-length': String(options.totalBytes) } : {}),
        ...options.headers,
      });
      const write = () => {
        while (answer.written < options.totalBytes && !res.destroyed) {
          const part = chunk.subarray(0, Math.min(chunk.length, options.totalBytes - answer.written));
          answer.written += part.length;
          if (!res.write(part)) {
            res.once('drain', write);
            return;
          }
        }
        if (res.destroyed) return;
        answer.finished = true;
        res.end();
      };
      write();
    }, () => undefined);
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    answers,
    async settled(count) {
      while (ended() < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    close,
  };
}

/** Listens on 127.0.0.1, port 0; `close` also ends the open connections (keep-alive, hung). */
async function listenOnLoopback(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    }),
  };
}
