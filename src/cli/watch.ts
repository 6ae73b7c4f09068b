import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { CliJobDocument, CliJobProgressDocument } from '../__generated__/cli/graphql.ts';
import { CliError, EXIT } from './exit-codes.ts';
import type { FacadeClient } from './graphql-client.ts';
import { isEnded, type JobState } from './job-state.ts';

/** How a job is watched, and who hears of it. */
export interface WatchOptions {
  /** True: never open a WebSocket. */
  readonly pollOnly: boolean;
  /** Between reads while polling, and between retries while the facade cannot be reached. */
  readonly pollMs: number;
  readonly signal: AbortSignal;
  /** Every state read or pushed, in the order they arrive. */
  onState(job: JobState): void;
  /** A line for the operator (the watch changed how it reads, the facade went away and came back). */
  note(text: string): void;
}

// While the subscription is live the job is still read now and then: a change between the first
// read and the subscription's start, or one a restarted facade never pushed, is seen all the same.
const LIVE_SAFETY_POLL_MS = 15_000;
// A facade that takes the WebSocket but never acknowledges it is given this long.
const CONNECTION_ACK_TIMEOUT_MS = 5_000;

/** Reads the job once; a job this client cannot see is a refusal (exit USAGE), naming the ID. */
export async function readJob(client: FacadeClient, jobId: string, signal?: AbortSignal): Promise<JobState> {
  const { bulkDeleteJob } = await client.request(CliJobDocument, { id: jobId }, signal);
  if (bulkDeleteJob === null) {
    throw new CliError(EXIT.USAGE, `No job ${JSON.stringify(jobId.slice(0, 80))} for this client: check the ID and that FACADE_TOKEN is the credential that created it (with its target's delete scope).`);
  }
  return bulkDeleteJob;
}

/**
 * Follows a job until it has ended, and resolves with its final state. Live over graphql-ws
 * (`bulkDeleteJobProgress` on the facade's /graphql, authenticated as HTTP is) when the facade
 * takes WebSockets; by reading `bulkDeleteJob` every `pollMs` when it does not, when a proxy on
 * the way drops the upgrade, or after the live feed breaks. Both, because a batch lands every
 * few hundred milliseconds (polling would lag or hammer), yet the watch must never depend on a
 * transport that an operator's network may not carry. The facade being unreachable for a while
 * (a restart, a deploy) is waited out: the job goes on without us. Rejects with the signal's
 * reason when aborted (Ctrl-C), or with a refusal.
 */
export async function watchUntilEnded(client: FacadeClient, jobId: string, options: WatchOptions): Promise<JobState> {
  const { signal, pollMs } = options;
  signal.throwIfAborted();
  const first = await readJob(client, jobId, signal);
  options.onState(first);
  if (isEnded(first)) return first;

  return new Promise<JobState>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | null = null;
    let live: { dispose(): void } | null = null;
    let unreachableSince: number | null = null;

    const settle = (error: unknown, job?: JobState): void => {
      if (settled) return;
      settled = true;
      if (timer !== null) clearTimeout(timer);
      live?.dispose();
      signal.removeEventListener('abort', onAbort);
      if (job !== undefined) resolve(job);
      else reject(error);
    };
    const onAbort = (): void => settle(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });

    const accept = (job: JobState): void => {
      if (settled) return;
      options.onState(job);
      if (isEnded(job)) settle(null, job);
    };
    const schedule = (): void => {
      if (settled) return;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => void poll(), live === null ? pollMs : Math.max(pollMs, LIVE_SAFETY_POLL_MS));
    };
    const poll = async (): Promise<void> => {
      // A read asked for out of turn (the live feed connected or broke) replaces the scheduled
      // one: a timer left behind would keep the process alive for a whole interval.
      if (timer !== null) clearTimeout(timer);
      timer = null;
      try {
        const job = await readJob(client, jobId, signal);
        if (unreachableSince !== null) {
          options.note(`The facade answers again; still watching job ${jobId}.`);
          unreachableSince = null;
        }
        accept(job);
      } catch (error) {
        if (settled || signal.aborted) return;
        if (!(error instanceof CliError) || !error.retryable) return settle(error);
        if (unreachableSince === null) {
          unreachableSince = Date.now();
          options.note(`${error.message} The job goes on; asking again every ${pollMs} ms (Ctrl-C stops watching).`);
        }
      }
      schedule();
    };

    if (!options.pollOnly) {
      live = subscribe(client, jobId, {
        next: accept,
        connected: () => void poll(),
        broken: (why) => {
          if (settled) return;
          live = null;
          options.note(`Live updates unavailable (${why}); reading the job every ${pollMs} ms instead.`);
          void poll();
        },
      });
    }
    schedule();
  });
}

interface LiveSink {
  next(job: JobState): void;
  /** The WebSocket is up and the subscription sent: read once, to close the gap since the first read. */
  connected(): void;
  /** The live feed failed or ended before the job did. */
  broken(why: string): void;
}

function describeWsError(error: unknown): string {
  if (Array.isArray(error)) return (error as { message?: string }[]).map((e) => e.message ?? 'GraphQL error').join('; ');
  const event = error as { code?: unknown; reason?: unknown; message?: unknown };
  if (typeof event?.code === 'number') return `WebSocket closed with ${event.code}${typeof event.reason === 'string' && event.reason !== '' ? `: ${event.reason}` : ''}`;
  if (error instanceof Error) return error.message;
  if (typeof event?.message === 'string') return event.message;
  return 'the WebSocket failed';
}

/** The subscription over graphql-ws; the token goes in the upgrade request's header and in connectionParams. */
function subscribe(client: FacadeClient, jobId: string, sink: LiveSink): { dispose(): void } {
  const url = new URL(client.url);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const headers = client.headers;
  class AuthenticatedWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  let ended = false;
  const close = (): void => {
    ended = true;
    unsubscribe();
    void ws.dispose();
  };
  const fail = (why: string): void => {
    if (ended) return;
    close();
    sink.broken(why);
  };
  const ws: Client = createClient({
    url: url.href,
    webSocketImpl: AuthenticatedWebSocket,
    connectionParams: { ...headers },
    lazy: true,
    retryAttempts: 0,
    connectionAckWaitTimeout: CONNECTION_ACK_TIMEOUT_MS,
    on: { connected: () => sink.connected() },
  });
  const unsubscribe = ws.subscribe<{ bulkDeleteJobProgress: JobState }>(
    { query: print(CliJobProgressDocument), variables: { id: jobId } },
    {
      next: (result) => {
        if (result.errors !== undefined && result.errors.length > 0) return fail(result.errors.map((e) => e.message).join('; '));
        if (result.data?.bulkDeleteJobProgress) sink.next(result.data.bulkDeleteJobProgress);
      },
      error: (error) => fail(describeWsError(error)),
      complete: () => fail('the facade ended the subscription'),
    },
  );
  return { dispose: close };
}
