import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { createLocalJobEvents, type Job, type JobEvents } from '../../src/jobs/index.ts';

/** The facade's graphql-ws address for its HTTP base URL. */
export function wsUrl(baseUrl: string, path = '/graphql'): string {
  return `${baseUrl.replace(/^http/, 'ws')}${path}`;
}

/** A real graphql-ws client (the package's own), that never retries: each test sees the first close. */
export function wsClient(baseUrl: string, connectionParams?: Record<string, unknown>, headers?: Record<string, string>): { client: Client; closes: Array<{ code: number; reason: string }> } {
  const closes: Array<{ code: number; reason: string }> = [];
  const client = createClient({
    url: wsUrl(baseUrl),
    retryAttempts: 0,
    lazy: true,
    ...(connectionParams ? { connectionParams } : {}),
    webSocketImpl: headers ? class extends WebSocket {
      constructor(url: string, protocols: string | string[]) {
        super(url, protocols, { headers });
      }
    } : WebSocket,
    on: { closed: (event) => closes.push({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }) },
  });
  return { client, closes };
}

/** One subscription's results as they arrive, and how it ended. */
export interface Watch<T> {
  readonly results: FormattedExecutionResult<T, unknown>[];
  /** Resolves when the subscription completes; rejects with what ended it otherwise (a close event or errors). */
  readonly ended: Promise<void>;
  /** Resolves once `n` results have arrived. */
  until(n: number): Promise<void>;
  cancel(): void;
}

/** Subscribes with `client` and collects every result. */
export function watch<T = Record<string, any>>(client: Client, query: string, variables: Record<string, unknown>): Watch<T> {
  const results: FormattedExecutionResult<T, unknown>[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  let cancel = (): void => {};
  const ended = new Promise<void>((resolve, reject) => {
    cancel = client.subscribe<T>({ query, variables }, {
      next: (value) => {
        results.push(value);
        for (const waiter of waiters.filter((w) => results.length >= w.n)) waiter.resolve();
      },
      error: reject,
      complete: resolve,
    });
  });
  ended.catch(() => {});
  return {
    results,
    ended,
    until: (n) => (results.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }))),
    cancel: () => cancel(),
  };
}

/** A raw WebSocket speaking graphql-transport-ws by hand: for frames no well-behaved client sends. */
export interface RawSocket {
  readonly socket: WebSocket;
  readonly messages: Array<Record<string, any>>;
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
  /** Resolves with the first message of this type (waiting for it if need be). */
  next(type: string): Promise<Record<string, any>>;
}

/** Opens a raw socket; rejects with the HTTP status when the upgrade is refused. */
export function rawSocket(baseUrl: string, options: { headers?: Record<string, string>; protocol?: string; path?: string } = {}): Promise<RawSocket> {
  const socket = new WebSocket(wsUrl(baseUrl, options.path), options.protocol ?? 'graphql-transport-ws', { headers: options.headers ?? {} });
  const messages: Array<Record<string, any>> = [];
  const listeners: Array<() => void> = [];
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    for (const listener of [...listeners]) listener();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode, body })));
    });
    socket.once('error', reject);
    socket.once('open', () => resolve({
      socket,
      messages,
      closed,
      send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
      next: (type) => new Promise((done) => {
        const check = (): boolean => {
          const found = messages.find((m) => m.type === type);
          if (found) done(found);
          return found !== undefined;
        };
        if (!check()) listeners.push(() => void check());
      }),
    }));
  });
}

/** In-process JobEvents that also counts its listeners, so a test can see none is left behind. */
export function countingJobEvents(): JobEvents & { listeners(): number } {
  const inner = createLocalJobEvents();
  let listeners = 0;
  return {
    publish: (job: Job) => inner.publish(job),
    subscribe(jobId, listener) {
      const unsubscribe = inner.subscribe(jobId, listener);
      listeners++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        listeners--;
        unsubscribe();
      };
    },
    close: () => inner.close(),
    listeners: () => listeners,
  };
}
