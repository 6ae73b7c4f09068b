import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, getOperationAST, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Identity, RequestAuthenticator } from '../auth/index.ts';
import { FacadeError, errorBody, type ErrorFormatter, type Redactor } from '../errors/index.ts';
import { logRequest, requestOutcome, startRequestRecord, type RequestRecord, type RequestTrace } from '../observability/index.ts';
import type { RequestContext, Services } from './context.ts';
import { readClientApp, readRequestId } from './forwarded.ts';
import type { DocumentLimits } from './hardening.ts';
import { createUpgradeCheck, refuseUpgrade } from './ws-upgrade.ts';

/** What the subscription server is built from: the app's own parts, so both paths check alike. */
export interface SubscriptionServerDeps {
  readonly services: Services;
  readonly schema: GraphQLSchema;
  readonly limits: DocumentLimits;
  readonly authenticate: RequestAuthenticator;
  readonly clientAddress: (req: IncomingMessage) => string;
  readonly formatError: ErrorFormatter;
  readonly redact: Redactor;
  /** False while starting or draining: no new socket is opened then. */
  readonly accepting: () => boolean;
}

/** graphql-ws on /graphql, beside HTTP on the same port and path. */
export interface SubscriptionServer {
  /** Takes an HTTP `upgrade` for /graphql: checks it, then hands it to graphql-ws or answers the refusal. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Open subscriptions of a client, over all its sockets. */
  openSubscriptions(client: string): number;
  /** Open sockets. */
  sockets(): number;
  /**
   * Closes every socket with 1001 (Going away: a graphql-ws client reconnects, to another
   * replica) and waits for them, at most `graceMs`, then cuts those that did not answer.
   */
  close(graceMs: number): Promise<void>;
}

// A close reason is at most 123 bytes (RFC 6455 §5.5): these fit, and name what to do.
const REASON_UNAUTHENTICATED = 'Unauthorized: send connection_init with payload { "authorization": "Bearer <API key or JWT>" }';
const REASON_THROTTLED = 'Forbidden: too many failed authentications from this address (AUTH_FAILURES_PER_MINUTE)';
const REASON_PROVIDER = 'Identity provider unavailable; retry later';
const REASON_TWO_CREDENTIALS = 'Bad request: two different credentials (connection_init payload and Authorization header)';
// RFC 6455 §7.4.1: the server cannot serve now; a client may retry later.
const TRY_AGAIN_LATER = 1013;

/** The error with Apollo's code for the same refusal over HTTP, so both paths answer alike. */
function withCode(error: GraphQLError, code: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED'): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, originalError: error.originalError, extensions: { ...error.extensions, code } });
}

function withoutSuggestion(error: GraphQLError): GraphQLError {
  const message = error.message.replace(/ ?Did you mean .*\?$/, '');
  return message === error.message ? error : new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, originalError: error.originalError, extensions: error.extensions });
}

/** The WebSocket server, built at the first upgrade; `dispose` is graphql-ws's. */
interface SocketServer {
  readonly wss: WebSocketServer;
  readonly dispose: () => unknown;
}

const SHUTTING_DOWN = new FacadeError('SHUTTING_DOWN', 'This replica is shutting down; connect again (to another replica).');

/** A socket's identity once `connection_init` is accepted, and its subscriptions still open. */
interface Connection {
  identity: Identity | null;
  readonly request: IncomingMessage;
  readonly open: Map<string, OpenSubscription>;
}

interface OpenSubscription {
  readonly record: RequestRecord;
  readonly trace: RequestTrace;
  ended: boolean;
}

/**
 * Builds the WebSocket side of /graphql once, or returns null when WS_MAX_SUBSCRIPTIONS_PER_CLIENT
 * is 0 (then an upgrade is answered 404, as any path without a route). Each socket: the upgrade's
 * headers checked as HTTP's are (ws-upgrade.ts); a message over WS_MAX_MESSAGE_BYTES closes it
 * (1009); no `connection_init` within WS_INIT_TIMEOUT_MS closes it (4408); `connection_init`
 * authenticates as an HTTP request does, from its payload's `authorization` or the upgrade's
 * Authorization header, else 4401 (4403 when throttled) before anything runs. Each `subscribe`:
 * subscriptions only (queries and mutations go over HTTP, through its rate limit and log), parsed
 * with MAX_TOKENS and validated with the HTTP path's limits, at most WS_MAX_SUBSCRIPTIONS_PER_CLIENT
 * open per client (RATE_LIMITED); errors worded by the app's formatter, every frame redacted.
 */
export function createSubscriptionServer(deps: SubscriptionServerDeps): SubscriptionServer | null {
  const { services, schema, limits, authenticate, clientAddress, formatError, redact } = deps;
  const { config, logger, tracing } = services;
  const { maxPerClient, maxMessageBytes, initTimeoutMs } = config.subscriptions;
  if (maxPerClient === 0) return null;

  const checkUpgrade = createUpgradeCheck(config);
  const rules = [...specifiedRules, ...limits.validationRules];
  // As graphql-armor's plugin does over HTTP: where introspection is off, "Did you mean …" would reveal the schema.
  const hideSuggestions = !config.security.introspection;
  const connections = new Map<WebSocket, Connection>();
  const perClient = new Map<string, number>();

  const format = (error: GraphQLError): GraphQLFormattedError => formatError(error.toJSON(), error);
  const refusal = (code: 'RATE_LIMITED' | 'BAD_REQUEST', message: string): GraphQLError[] => [new GraphQLError(message, { originalError: new FacadeError(code, message) })];

  function release(connection: Connection, id: string): void {
    const open = connection.open.get(id);
    if (open === undefined || open.ended) return;
    open.ended = true;
    connection.open.delete(id);
    const client = connection.identity!.client;
    const count = (perClient.get(client) ?? 1) - 1;
    if (count <= 0) perClient.delete(client);
    else perClient.set(client, count);
    const status = open.record.errorCodes.length === 0 ? 200 : 400;
    open.trace.end(requestOutcome(open.record, status));
    logRequest(logger, open.record, status);
  }

  /** Releases the subscription's place when its stream ends, whichever way (done, return, throw). */
  function releasedWhenEnded(source: AsyncIterable<ExecutionResult>, connection: Connection, id: string): AsyncIterableIterator<ExecutionResult> {
    const end = (): void => release(connection, id);
    const stream = source[Symbol.asyncIterator]();
    return {
      async next() {
        try {
          const result = await stream.next();
          if (result.done === true) end();
          return result;
        } catch (error) {
          end();
          throw error;
        }
      },
      async return() {
        end();
        return (await stream.return?.()) ?? { value: undefined, done: true };
      },
      async throw(error?: unknown) {
        end();
        if (stream.throw) return stream.throw(error);
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /**
   * ws and graphql-ws are loaded, and their server built, at the first upgrade that passes the
   * checks: most replicas serve no subscription for a long time after start, or ever, and the
   * libraries and the server cost memory from start-up on (bench/optimisations.md, "Memory at
   * start, with jobs"). The checks above run without them.
   */
  async function buildSocketServer(): Promise<SocketServer> {
    const [{ WebSocketServer }, { useServer }, { CloseCode }] = await Promise.all([import('ws'), import('graphql-ws/use/ws'), import('graphql-ws')]);
    const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes, perMessageDeflate: false });
    const server = useServer<Record<string, unknown> | undefined>(
      {
        // The messages graphql-ws might put in a close reason are its own, never an error's text.
        isProd: true,
        connectionInitWaitTimeout: initTimeoutMs,
        jsonMessageReplacer: (_key, value: unknown) => (typeof value === 'string' ? redact(value) : value),
        onConnect: async (ctx) => {
          const { socket, request } = ctx.extra;
          const connection = connections.get(socket);
          if (connection === undefined) return false;
          const fromPayload = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
          const fromHeader = request.headers.authorization;
          if (fromPayload !== undefined && fromHeader !== undefined && fromPayload !== fromHeader) {
            socket.close(CloseCode.BadRequest, REASON_TWO_CREDENTIALS);
            return false;
          }
          const decision = await authenticate(fromPayload ?? fromHeader, readRequestId(request.headers), clientAddress(request));
          if (decision.ok) {
            connection.identity = decision.identity;
            return true;
          }
          if (decision.status === 401) socket.close(CloseCode.Unauthorized, REASON_UNAUTHENTICATED);
          else if (decision.status === 429) socket.close(CloseCode.Forbidden, REASON_THROTTLED);
          else socket.close(TRY_AGAIN_LATER, REASON_PROVIDER);
          return false;
        },
        onSubscribe: (ctx, id, payload): ExecutionArgs | readonly GraphQLError[] => {
          const connection = connections.get(ctx.extra.socket)!;
          const identity = connection.identity!;
          const open = perClient.get(identity.client) ?? 0;
          if (open >= maxPerClient) {
            return refusal('RATE_LIMITED', `This client already has ${open} subscriptions open, the most WS_MAX_SUBSCRIPTIONS_PER_CLIENT (${maxPerClient}) allows: complete one first.`);
          }
          let document: DocumentNode;
          try {
            document = parse(payload.query, limits.parseOptions);
          } catch (error) {
            return [withCode(error instanceof GraphQLError ? error : new GraphQLError('The query could not be parsed.'), 'GRAPHQL_PARSE_FAILED')];
          }
          const operation = getOperationAST(document, payload.operationName);
          if (operation === null || operation === undefined) return [new GraphQLError('The document has no operation of that name, or several and no operationName.')];
          if (operation.operation !== 'subscription') {
            return refusal('BAD_REQUEST', `Only subscriptions are served over WebSocket; send ${operation.operation === 'query' ? 'queries' : 'mutations'} over HTTP (POST /graphql).`);
          }
          const errors = validate(schema, document, rules);
          if (errors.length > 0) return errors.map((error) => withCode(hideSuggestions ? withoutSuggestion(error) : error, 'GRAPHQL_VALIDATION_FAILED'));

          const { request } = connection;
          const requestId = randomUUID();
          const app = readClientApp(request.headers);
          const trace = tracing.startRequest(requestId, 'GET', request.headers, app);
          const record = startRequestRecord(requestId, trace.traceId, app);
          record.client = identity.client;
          record.operationType = 'subscription';
          record.operationName = operation.name?.value ?? null;
          trace.setOperation('subscription', record.operationName);
          perClient.set(identity.client, open + 1);
          connection.open.set(id, { record, trace, ended: false });
          const contextValue: RequestContext = { services, requestId, trace, record, ...identity };
          return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
        },
        onOperation: (ctx, id, _payload, _args, result) => {
          const connection = connections.get(ctx.extra.socket)!;
          // Refused before a stream began (an unknown job, say), the one `next` carries the errors
          // and onComplete releases the place.
          return Symbol.asyncIterator in result ? releasedWhenEnded(result, connection, id) : undefined;
        },
        onNext: (ctx, id, _payload, _args, result): FormattedExecutionResult => {
          const errors = result.errors?.map(format);
          const open = connections.get(ctx.extra.socket)?.open.get(id);
          for (const error of errors ?? []) open?.record.errorCodes.push(String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          return {
            ...(result.data === undefined ? {} : { data: result.data }),
            ...(errors === undefined ? {} : { errors }),
            ...(config.demo ? { extensions: { ...result.extensions, demo: true } } : result.extensions === undefined ? {} : { extensions: result.extensions }),
          };
        },
        onError: (_ctx, _id, _payload, errors) => errors.map(format),
        onComplete: (ctx, id) => {
          const connection = connections.get(ctx.extra.socket);
          if (connection !== undefined) release(connection, id);
        },
        onClose: (ctx) => {
          const connection = connections.get(ctx.extra.socket);
          if (connection === undefined) return;
          for (const id of [...connection.open.keys()]) release(connection, id);
          connections.delete(ctx.extra.socket);
        },
      },
      wss,
    );

    wss.prependListener('connection', (socket: WebSocket, request: IncomingMessage) => {
      if (!connections.has(socket)) connections.set(socket, { identity: null, request, open: new Map() });
    });
    return { wss, dispose: () => server.dispose() };
  }
  // Null until the first accepted upgrade; `building` is the load under way (a failed one is tried again).
  let built: SocketServer | null = null;
  let building: Promise<SocketServer> | null = null;
  function socketServer(): Promise<SocketServer> {
    building ??= buildSocketServer().then(
      (parts) => (built = parts),
      (error: unknown) => {
        building = null;
        throw error;
      },
    );
    return building;
  }

  return {
    upgrade(req, socket, head) {
      if (!deps.accepting()) return refuseUpgrade(socket, 503, JSON.stringify(errorBody(formatError, SHUTTING_DOWN, config.demo)), { 'retry-after': '1' });
      const refused = checkUpgrade(req);
      if (refused !== null) return refuseUpgrade(socket, refused.status, JSON.stringify(errorBody(formatError, refused.error, config.demo)));
      const accept = ({ wss }: SocketServer): void => {
        // The client may have left, or a drain begun, while the libraries loaded (first upgrade only).
        if (socket.destroyed) return;
        if (!deps.accepting()) return refuseUpgrade(socket, 503, JSON.stringify(errorBody(formatError, SHUTTING_DOWN, config.demo)), { 'retry-after': '1' });
        wss.handleUpgrade(req, socket, head, (ws) => {
          wss.emit('connection', ws, req);
          // graphql-ws reports a socket's errors (a message over WS_MAX_MESSAGE_BYTES, a reset) on
          // the console; ws has closed the socket already (1009, 1006), so they are a debug line here.
          ws.removeAllListeners('error');
          ws.on('error', (error) => logger.debug({ err: error }, 'WebSocket closed on a protocol error'));
        });
      };
      if (built !== null) return accept(built);
      socketServer().then(accept, (error: unknown) => {
        // formatError logs the cause and answers INTERNAL_SERVER_ERROR without it.
        refuseUpgrade(socket, 500, JSON.stringify(errorBody(formatError, error, config.demo)));
      });
    },
    openSubscriptions: (client) => perClient.get(client) ?? 0,
    sockets: () => built?.wss.clients.size ?? 0,
    async close(graceMs) {
      // An upgrade that is loading the libraries still gets its server, to be closed with the rest.
      const parts = built ?? (building === null ? null : await building.catch(() => null));
      if (parts === null) return;
      const { wss } = parts;
      const sockets = [...wss.clients];
      const closed = Promise.all(sockets.map((socket) => new Promise<void>((resolve) => {
        if (socket.readyState === socket.CLOSED) return resolve();
        socket.once('close', () => resolve());
      })));
      await Promise.resolve(parts.dispose()).catch((error: unknown) => logger.warn({ err: error }, 'closing the WebSocket server failed'));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      })]);
      clearTimeout(timer);
      // A client that never answers the close handshake is cut: a shutdown does not wait on it.
      for (const socket of sockets) if (socket.readyState !== socket.CLOSED) socket.terminate();
    },
  };
}
