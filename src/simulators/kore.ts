/**
 * Kore.ai AgentAssist simulator: `DELETE {url}/agentassist/api/v1/public/{streamId}/contacts/bulk-delete`,
 * strictly as in docs/vendors/kore.md. Kore.ai answers errors as
 * `{"errors":[{"msg","code"}]}` and, as far as its docs show, sends no rate-limit or request-ID
 * headers, so neither does the simulator unless asked (`requestIds`).
 */
import { buildFailedRecord } from './kore-failed-record.ts';
import type { KoreFailedRecordShape } from './kore-failed-record.ts';
import { createKoreAuthenticator, decodeClaims } from './kore-jwt.ts';
import type { RecordedRequest, SimulatorHandle, SimulatorOptions } from './handle.ts';
import { newRequestId, startSimulatorServer } from './server.ts';
import { findUnknownField, isJsonContentType, isPlainObject, isStringArray, toPathname } from './wire.ts';
import type { SimulatorReply } from './wire.ts';

const ROUTE = /^\/agentassist\/api\/v1\/public\/([^/]+)\/contacts\/bulk-delete$/;

/** A contact; `locked` ones always fail to delete ("Contact is locked"). */
export interface KoreContact {
  id: string;
  /** @default the simulator's first stream */
  streamId?: string;
  /** @default false */
  locked?: boolean;
}

/** A Kore.ai request as recorded, with its JWT's payload decoded (unverified) when readable. */
export interface KoreRecordedRequest extends RecordedRequest {
  jwtClaims?: Record<string, unknown>;
}

/** Options for {@link startKoreSimulator}. */
export interface KoreSimulatorOptions extends SimulatorOptions {
  /** The only `accountId` header accepted. @default 'test-kore-account' */
  accountId?: string;
  /** Streams (bots) that exist; contacts may add more. @default ['st-test-stream'] */
  streamIds?: string[];
  contacts?: KoreContact[];
  /** The app's client ID: a minted JWT's `appId` must equal it. @default 'cs-test-kore-client' */
  clientId?: string;
  /** The HS256 key minted JWTs must be signed with. @default a fixed test string */
  clientSecret?: string;
  /** A pre-issued token accepted verbatim (the facade's `KORE_JWT`). @default none */
  staticJwt?: string;
  /** Refuse a minted JWT whose `jti` was seen before. @default true */
  enforceJti?: boolean;
  /** How `failedRecords` entries look (the doc does not say). @default 'id-reason' */
  failedRecordShape?: KoreFailedRecordShape;
  /** Add a fresh `X-Request-ID` to every answer, which Kore.ai does not do. @default false */
  requestIds?: boolean;
}

/** A running Kore.ai simulator. `url` is the host (`http://127.0.0.1:PORT`). */
export interface KoreSimulator extends SimulatorHandle<KoreRecordedRequest> {
  /** The first stream: the one to configure as the facade's default. */
  readonly streamId: string;
  readonly accountId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly staticJwt: string | undefined;
  /** Adds (or replaces) contacts; an unknown `streamId` creates that stream. */
  addContacts(contacts: KoreContact[]): void;
}

/**
 * Starts a Kore.ai simulator. Checks run in this order: route (404), `auth` (401), `accountId`
 * (400), stream (404), Content-Type and body (400); then each ID is deleted, or listed in
 * `failedRecords` when missing or locked, and the answer is the doc's sample shape.
 */
export async function startKoreSimulator(options: KoreSimulatorOptions = {}): Promise<KoreSimulator> {
  const accountId = options.accountId ?? 'test-kore-account';
  const clientId = options.clientId ?? 'cs-test-kore-client';
  const clientSecret = options.clientSecret ?? 'test-kore-client-secret-not-a-real-one';
  const staticJwt = options.staticJwt;
  const shape = options.failedRecordShape ?? 'id-reason';
  const streams = new Map<string, Map<string, KoreContact>>();
  const defaultStream = options.streamIds?.[0] ?? 'st-test-stream';
  for (const id of options.streamIds ?? [defaultStream]) streams.set(id, new Map());
  const deletedIds: string[] = [];
  const authenticate = createKoreAuthenticator(
    { staticJwt, clientId, clientSecret, enforceJti: options.enforceJti ?? true },
    options.now ?? Date.now,
  );
  const addContacts = (contacts: KoreContact[]): void => {
    for (const contact of contacts) {
      const streamId = contact.streamId ?? defaultStream;
      const stream = streams.get(streamId) ?? new Map<string, KoreContact>();
      streams.set(streamId, stream.set(contact.id, contact));
    }
  };
  addContacts(options.contacts ?? []);

  const answerHeaders = (): Record<string, string> =>
    options.requestIds === true ? { 'X-Request-ID': newRequestId() } : {};
  const error = (status: number, msg: string): SimulatorReply => ({
    status,
    body: { errors: [{ msg, code: status }] },
    headers: answerHeaders(),
  });

  async function handle(req: KoreRecordedRequest): Promise<SimulatorReply> {
    const route = req.method === 'DELETE' ? ROUTE.exec(toPathname(req.path)) : null;
    if (route === null) return error(404, 'Not Found');
    const token = req.headers['auth'];
    req.jwtClaims = decodeClaims(token);
    const authFailure = await authenticate(token);
    if (authFailure !== undefined) return error(401, authFailure);
    if (req.headers['accountid'] === undefined) return error(400, 'accountId header is required');
    if (req.headers['accountid'] !== accountId) return error(400, 'accountId does not match this app');
    const stream = streams.get(decodeSegment(route[1] ?? ''));
    if (stream === undefined) return error(404, 'Stream not found');
    const ids = parseIds(req);
    if (typeof ids === 'string') return error(400, ids);

    const successfulRecords: { id: string }[] = [];
    const failedRecords: unknown[] = [];
    // One ID at a time, so a repeated ID is "not found" the second time, as it would be in a loop.
    for (const id of ids) {
      const contact = stream.get(id);
      if (contact === undefined) failedRecords.push(buildFailedRecord(shape, id, 'not-found'));
      else if (contact.locked === true) failedRecords.push(buildFailedRecord(shape, id, 'locked'));
      else {
        stream.delete(id);
        deletedIds.push(id);
        successfulRecords.push({ id });
      }
    }
    const body = {
      totalRequested: ids.length,
      successful: successfulRecords.length,
      failed: failedRecords.length,
      successfulRecords,
      failedRecords,
    };
    return { status: 200, body, headers: answerHeaders() };
  }

  const server = await startSimulatorServer<KoreRecordedRequest>(
    { toRecord: (base) => base, handle, errorReply: error },
    options,
  );
  return {
    url: server.origin,
    streamId: defaultStream,
    accountId,
    clientId,
    clientSecret,
    staticJwt,
    received: server.received,
    deletedIds,
    fault: server.fault,
    faultPlan: server.faultPlan,
    has: (id) => [...streams.values()].some((stream) => stream.has(id)),
    addContacts,
    close: server.close,
  };
}

/** The `ids`, or the 400 message saying what is wrong with the body. */
function parseIds(req: RecordedRequest): string[] | string {
  if (!isJsonContentType(req.headers['content-type'])) return 'Content-Type must be application/json';
  if (req.json === undefined) return 'Request body must be valid JSON';
  if (!isPlainObject(req.json)) return 'Request body must be a JSON object';
  const ids = req.json['ids'];
  if (!isStringArray(ids) || ids.length === 0) return '"ids" must be a non-empty array of strings';
  const unknown = findUnknownField(req.json, ['ids']);
  if (unknown !== undefined) return `"${unknown}" is not allowed`;
  return ids;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed percent-encoding: it simply names no stream
  }
}
