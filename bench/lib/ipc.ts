// The parent and its bench children talk over Node's IPC channel: one request, one answer,
// matched by id, so a child needs no side endpoint that the product would not have.

/** A message from the parent: `type` names the handler, the rest is its argument. */
export interface IpcRequest {
  readonly id: number;
  readonly type: string;
  readonly [key: string]: unknown;
}

/** What a child answers to one request. */
export interface IpcReply {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: string;
}

/** A child's handlers, by request type. */
export type IpcHandlers = Record<string, (request: IpcRequest) => unknown>;

/**
 * In a child: answers the parent's requests with `handlers`, and exits when the parent goes
 * away (a benchmark killed half-way must not leave servers running).
 */
export function serveIpc(handlers: IpcHandlers): void {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('A bench child must be spawned with an IPC channel');
  process.on('message', (message: IpcRequest) => {
    const handler = handlers[message.type];
    Promise.resolve()
      .then(() => {
        if (handler === undefined) throw new Error(`no handler for ${message.type}`);
        return handler(message);
      })
      .then(
        (value) => send({ id: message.id, ok: true, value } satisfies IpcReply),
        (error: unknown) => send({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies IpcReply),
      );
  });
  process.on('disconnect', () => process.exit(0));
}

/** In a child: tells the parent it is ready, with whatever the parent needs to reach it. */
export function announceReady(value: Record<string, unknown>): void {
  process.send?.({ id: 0, ok: true, value: { ready: true, ...value } } satisfies IpcReply);
}
