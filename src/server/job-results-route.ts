// GET /jobs/{id}/results (docs/contract.md §8, "Results"): an ended job's outcome per ID, as
// NDJSON, streamed from the store a page at a time with the socket's backpressure, so a job of a
// million IDs is never in memory at once.
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FacadeError, type Redactor } from '../errors/index.ts';
import { isTerminal, type JobResultLine } from '../jobs/index.ts';
import type { Logger } from '../observability/index.ts';
import { isVisibleJob, type JobTargets } from '../resolvers/index.ts';
import type { Services } from './context.ts';
import type { RequestGate, GateRefusal } from './request-gate.ts';

/** The route's path: `/jobs/<id>/results`, the ID percent-encoded as one segment. */
const RESULTS_PATH = /^\/jobs\/([^/]+)\/results$/;

// Lines are sent in chunks of about this many bytes: one write per chunk, not per ID.
const CHUNK_BYTES = 64 * 1024;

/** What the route needs of the app, built once. */
export interface JobResultsRouteDeps {
  readonly services: Services;
  readonly targets: JobTargets;
  readonly gate: RequestGate;
  readonly redact: Redactor;
  /** Sends an error as the facade's JSON error body. */
  readonly sendError: (res: ServerResponse, status: number, error: unknown, headers?: Record<string, string>) => void;
  readonly logger: Logger;
}

/** One NDJSON line, its keys in the contract's order. */
function toNdjson(line: JobResultLine): string {
  return `${JSON.stringify({ id: line.id, outcome: line.outcome, code: line.code, message: line.message, upstreamCode: line.upstreamCode })}\n`;
}

/** The job ID of a results path, or null when `path` is not one (or its escape is malformed). */
export function parseResultsPath(path: string): string | null {
  const match = RESULTS_PATH.exec(path);
  if (match === null) return null;
  try {
    return decodeURIComponent(match[1] as string);
  } catch {
    return null;
  }
}

/**
 * The route's handler, for a request whose path `parseResultsPath` accepted. Authentication is
 * /graphql's (the same gate: Host, one Authorization header, API key or JWT). Then:
 *
 * - 404 for a job that is unknown, another client's, or of a target whose delete scope the
 *   client lacks: the same answer, so a job's existence is never told.
 * - 409 while the job has not ended, or its last batch is still in flight: the results are not
 *   final, and a partial file would read as the job's outcome.
 * - 200 `application/x-ndjson`: one line per distinct ID, in the order the job holds them.
 *   A client that disconnects stops the read; the store's reader is closed with it.
 */
export function createJobResultsRoute(deps: JobResultsRouteDeps): (req: IncomingMessage, res: ServerResponse, jobId: string, requestId: string) => Promise<void> {
  const { services, targets, gate, redact, sendError, logger } = deps;
  const { store } = services.jobs;

  const refuse = (res: ServerResponse, { status, error, headers }: GateRefusal): void => {
    res.setHeader('connection', 'close');
    sendError(res, status, error, headers);
  };

  return async (req, res, jobId, requestId) => {
    res.setHeader('x-request-id', requestId);
    res.setHeader('cache-control', 'no-store');
    if (req.method !== 'GET') {
      return sendError(res, 405, new FacadeError('BAD_REQUEST', `${req.method ?? 'This method'} is not allowed here: GET /jobs/{id}/results.`), { allow: 'GET' });
    }
    const decision = await gate(req, requestId);
    if (!decision.ok) return refuse(res, decision);
    const { identity } = decision;
    const unknown = new FacadeError('BAD_USER_INPUT', `No job ${JSON.stringify(jobId.slice(0, 80))} for this client: check the ID (bulkDeleteJobs lists yours).`);

    const job = jobId.length > 128 ? null : await store.get(jobId, identity.client);
    if (job === null || !isVisibleJob(job, identity, targets)) return sendError(res, 404, unknown);
    if (!isTerminal(job.status) || job.batchesInFlight > 0) {
      const why = isTerminal(job.status) ? `is ${job.status} but its last batch is still in flight` : `is ${job.status}`;
      return sendError(res, 409, new FacadeError('BAD_USER_INPUT', `Job ${job.id} ${why}: its results are final, and served here, once it has ended. Watch its status with bulkDeleteJob or bulkDeleteJobProgress.`));
    }
    const lines = await store.results(job.id, identity.client);
    if (lines === null) return sendError(res, 404, unknown);

    let closed = false;
    res.once('close', () => {
      closed = true;
    });
    res.writeHead(200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="job-${job.id.replace(/[^A-Za-z0-9_-]/g, '_')}-results.ndjson"`,
    });
    let count = 0;
    let chunk = '';
    // A full socket buffer waits for 'drain' (or the client leaving) before more is read.
    const send = async (text: string): Promise<void> => {
      if (!res.write(redact(text)) && !closed) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    };
    try {
      // Leaving the loop (a disconnect) closes the store's reader through the generator's return.
      for await (const line of lines) {
        if (closed) break;
        chunk += toNdjson(line);
        count++;
        if (chunk.length >= CHUNK_BYTES) {
          await send(chunk);
          chunk = '';
        }
      }
      if (!closed && chunk !== '') await send(chunk);
      if (!closed) res.end();
    } catch (error) {
      logger.error({ err: error, jobId: job.id, requestId }, 'reading a job\'s results failed mid-stream; the answer was cut');
      res.destroy();
      return;
    }
    logger.info({ jobId: job.id, client: identity.client, requestId, lines: count, complete: !closed }, 'job results served');
  };
}
