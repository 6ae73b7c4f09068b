import { request, type IncomingMessage } from 'node:http';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiKeyLine, generateApiKey, hashApiKey } from '../../src/auth/index.ts';
import { openSqliteJobStore, type JobBatchOutcome, type JobStore } from '../../src/jobs/index.ts';
import { startFacade, type FacadeHarness } from '../helpers/facade.ts';
import { allDeleted, countingStore, driveJob, type StoreCalls } from '../helpers/jobs.ts';

// docs/contract.md §8, "Results": GET /jobs/{id}/results streams an ended job's outcome per ID as
// NDJSON, with /graphql's authentication, only to the job's owner holding its target's scope,
// and never holds the whole job in memory: it reads as fast as the client does.

const key = () => generateApiKey();
const CRM = key();
const OTHER = key();
const INTENTS_ONLY = key();
const auth = (k: string) => ({ authorization: `Bearer ${k}` });
const JWT_SECRET = 'jwt-SECRET-results-hs256-0123456789abcdef';
const JWT_ENV = { AUTH_JWT_SECRET: JWT_SECRET, AUTH_JWT_ISSUER: 'https://idp.example.test/', AUTH_JWT_AUDIENCE: 'bulk-delete-facade' };

async function jwtAuth(sub: string, scope: string): Promise<Record<string, string>> {
  const token = await new SignJWT({ sub, scope })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(JWT_ENV.AUTH_JWT_ISSUER).setAudience(JWT_ENV.AUTH_JWT_AUDIENCE)
    .setIssuedAt().setExpirationTime('5m')
    .sign(new TextEncoder().encode(JWT_SECRET));
  return auth(token);
}

let facade: FacadeHarness;
let store: JobStore;
let calls: StoreCalls;
const LIMITS = { maxIdsPerJob: 1_000_000 };
const BIG = 200_000;

beforeAll(async () => {
  const counted = countingStore(await openSqliteJobStore(':memory:'));
  store = counted.store;
  calls = counted.calls;
  facade = await startFacade({
    env: {
      AUTH_REQUIRED: 'true',
      ...JWT_ENV,
      AUTH_API_KEYS: [
        buildApiKeyLine('crm-sync', '*', hashApiKey(CRM)),
        buildApiKeyLine('other-team', '*', hashApiKey(OTHER)),
        buildApiKeyLine('intents-only', ['intents:delete'], hashApiKey(INTENTS_ONLY)),
      ].join('\n'),
    },
    jobStore: store,
  });
}, 60_000);
afterAll(async () => facade.close());

/** A DEALS job of crm-sync's, made through the store: QUEUED unless `start` is false. */
async function dealsJob(ids: readonly string[], options: { start?: boolean; batchSize?: number } = {}): Promise<string> {
  const { job } = await store.create({ owner: 'crm-sync', target: 'DEALS', options: {}, ids, start: options.start ?? true, batchSize: options.batchSize ?? 500, idempotencyKey: null }, LIMITS);
  return job.id;
}

type ErrorBody = { errors: Array<{ message: string; extensions: { code: string } }> };
const errorOf = async (answer: Response) => ((await answer.json()) as ErrorBody).errors[0]!;

const results = (id: string, headers: Record<string, string> = auth(CRM), method = 'GET') => fetch(`${facade.url}/jobs/${encodeURIComponent(id)}/results`, { method, headers });

describe('GET /jobs/{id}/results', () => {
  it('streams one NDJSON line per distinct ID, in order, every outcome included (deletedOrNotFound where the vendor only counted)', async () => {
    const id = await dealsJob(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'a'], { batchSize: 2 });
    const answers: JobBatchOutcome[] = [
      allDeleted(['a', 'b']),
      // LeadLex's counts only: one of c, d deleted and one not found, which is unknown.
      { deletedCount: 1, notFoundCount: 1, deletedIds: null, failures: [], upstreamRequestIds: ['req-2'], rateLimit: null },
      { deletedCount: 0, notFoundCount: 1, deletedIds: [], failures: [{ id: 'e', code: 'REJECTED', message: 'LeadLex refused deal e: it is locked.', upstreamCode: 'deal_locked' }], upstreamRequestIds: [], rateLimit: null },
    ];
    await driveJob(store, id, (_ids, index) => answers[index]!, 3);
    const running = await results(id);
    expect(running.status).toBe(409);
    expect((await errorOf(running)).message).toMatch(/is RUNNING: its results are final, and served here, once it has ended/);
    await store.cancel(id, 'crm-sync');

    const answer = await results(id, { ...auth(CRM), 'x-request-id': 'results-req-1' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('x-request-id')).toBe('results-req-1');
    const text = await answer.text();
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    // The key order is the contract's.
    expect(lines[0]).toBe('{"id":"a","outcome":"deleted","code":null,"message":null,"upstreamCode":null}');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { id: 'a', outcome: 'deleted', code: null, message: null, upstreamCode: null },
      { id: 'b', outcome: 'deleted', code: null, message: null, upstreamCode: null },
      { id: 'c', outcome: 'deletedOrNotFound', code: null, message: null, upstreamCode: null },
      { id: 'd', outcome: 'deletedOrNotFound', code: null, message: null, upstreamCode: null },
      { id: 'e', outcome: 'failed', code: 'REJECTED', message: 'LeadLex refused deal e: it is locked.', upstreamCode: 'deal_locked' },
      { id: 'f', outcome: 'notFound', code: null, message: null, upstreamCode: null },
      { id: 'g', outcome: 'failed', code: 'NOT_ATTEMPTED', message: 'Not sent: the job was cancelled.', upstreamCode: null },
      { id: 'h', outcome: 'failed', code: 'NOT_ATTEMPTED', message: 'Not sent: the job was cancelled.', upstreamCode: null },
    ]);
  });

  it('answers 409 while the job has not ended (OPEN, QUEUED), saying why', async () => {
    for (const start of [false, true]) {
      const id = await dealsJob(['q1'], { start });
      const answer = await results(id);
      expect(answer.status).toBe(409);
      expect(await errorOf(answer)).toMatchObject({ message: expect.stringMatching(start ? /is QUEUED/ : /is OPEN/), extensions: { code: 'BAD_USER_INPUT' } });
      await store.cancel(id, 'crm-sync');
    }
  });

  it('answers 404, the same way, for an unknown job, another client\'s, and one whose target\'s scope the client lacks', async () => {
    const id = await dealsJob(['n1'], { start: false });
    await store.cancel(id, 'crm-sync');
    expect((await results(id)).status).toBe(200);
    const bodies: string[] = [];
    for (const [jobId, headers] of [['no-such-job', auth(CRM)], [id, auth(OTHER)], ['x'.repeat(10_000), auth(CRM)]] as const) {
      const answer = await results(jobId, headers);
      expect(answer.status).toBe(404);
      bodies.push((await errorOf(answer)).message.replace(JSON.stringify(jobId.slice(0, 80)), 'ID'));
    }
    expect(new Set(bodies).size).toBe(1);
    expect((await results(id, auth(INTENTS_ONLY))).status).toBe(404);

    // The same client (a JWT's subject) without the DEALS scope: 404 too; with it, 200.
    const { job } = await store.create({ owner: 'jwt:reader', target: 'DEALS', options: {}, ids: ['n2'], start: false, batchSize: 500, idempotencyKey: null }, LIMITS);
    await store.cancel(job.id, 'jwt:reader');
    expect((await results(job.id, await jwtAuth('reader', 'intents:delete contacts:delete'))).status).toBe(404);
    expect((await results(job.id, await jwtAuth('reader', 'deals:delete'))).status).toBe(200);
  });

  it('authenticates like /graphql: 401 without credentials or with a wrong key, and nothing is read', async () => {
    const id = await dealsJob(['u1'], { start: false });
    await store.cancel(id, 'crm-sync');
    const before = calls.get;
    for (const headers of [{}, auth('bdf_not-a-real-key'), { authorization: 'Basic Zm9vOmJhcg==' }]) {
      const answer = await results(id, headers);
      expect(answer.status).toBe(401);
      expect((await errorOf(answer)).extensions.code).toBe('UNAUTHENTICATED');
    }
    expect(calls.get).toBe(before);
    const post = await results(id, auth(CRM), 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('follows the client\'s pace: a paused reader stops the store\'s reads, a disconnect closes them, and a full read gets every line', { timeout: 120_000 }, async () => {
    const ids = Array.from({ length: BIG }, (_, i) => `r-${i}`);
    const id = await dealsJob(ids.slice(0, 10_000), { start: false });
    for (let from = 10_000; from < BIG; from += 10_000) await store.addIds(id, 'crm-sync', ids.slice(from, from + 10_000), LIMITS);
    await store.start(id, 'crm-sync');
    await driveJob(store, id);

    // A client that reads nothing: the facade writes until the socket is full, then waits.
    const pulledBefore = calls.resultLinesPulled;
    const closedBefore = calls.resultReadersClosed;
    const url = new URL(`${facade.url}/jobs/${id}/results`);
    const req = request(url, { headers: auth(CRM) });
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      req.once('response', resolve);
      req.once('error', reject);
      req.end();
    });
    expect(response.statusCode).toBe(200);
    response.pause();
    // Wait until the facade stops pulling lines (it has filled the socket), however long that takes.
    let last = -1;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = calls.resultLinesPulled - pulledBefore;
      if (now === last && now > 0) break;
      last = now;
    }
    expect(last).toBeLessThan(BIG / 2);
    req.destroy();
    while (calls.resultReadersClosed === closedBefore) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.resultLinesPulled - pulledBefore).toBeLessThan(BIG / 2);

    // Read to the end, all of it, in order.
    const answer = await results(id);
    let count = 0;
    let first = '';
    let lastLine = '';
    let rest = '';
    const decoder = new TextDecoder();
    for await (const chunk of answer.body!) {
      const lines = (rest + decoder.decode(chunk as Uint8Array, { stream: true })).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (count === 0) first = line;
        lastLine = line;
        count++;
      }
    }
    expect(rest).toBe('');
    expect(count).toBe(BIG);
    expect(JSON.parse(first)).toMatchObject({ id: 'r-0', outcome: 'deleted' });
    expect(JSON.parse(lastLine)).toMatchObject({ id: `r-${BIG - 1}`, outcome: 'deleted' });
  });
});
