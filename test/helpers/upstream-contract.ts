/**
 * `defineUpstreamContract`: one suite of wire-level audits that every vendor adapter must pass
 * against its simulator over real HTTP (after apollo's integration-testsuite). Each
 * audit has a stable ID and a name citing the docs/contract.md clause it checks; the assertions are
 * on what the simulator *received* and on the adapter's outcome.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { accountOf, type BatchOutcome } from '../../src/bulk-delete/outcome.ts';
import { flat } from '../unit/bulk-delete/helpers.ts';
import { loadConfig } from '../../src/config/index.ts';
import type { UpstreamName } from '../../src/errors/index.ts';
import { createUpstreams, type Upstream } from '../../src/upstreams/index.ts';
import type { RecordedRequest, SimulatorHandle } from '../../src/simulators/index.ts';
import { closedPortUrl } from './stub-server.ts';
import { UPSTREAM_TIMEOUT_MS, timingOut } from './upstream-timer.ts';

/** An adapter in front of its simulator, seeded with records. */
export interface ContractFixture<Options> {
  readonly sim: SimulatorHandle;
  readonly upstream: Upstream<unknown, Options>;
  close(): Promise<void>;
}

/** How one vendor is started and what its wire format must look like. */
export interface ContractSubject<Options> {
  readonly name: UpstreamName;
  /** Starts the simulator with `existing` records and an adapter configured by `env` on top of the subject's own. */
  start(existing: readonly string[], env?: Record<string, string>): Promise<ContractFixture<Options>>;
  /** The variable holding the base URL, to point the adapter elsewhere. */
  readonly urlVariable: string;
  /** The mutation options the audits use. */
  readonly options: Options;
  /** True when the vendor honours an idempotency key, so a lost answer may be retried. */
  readonly idempotent: boolean;
  readonly method: 'DELETE' | 'POST';
  /** The exact request target the simulator must see for `options`. */
  readonly path: string;
  /** The exact JSON body for these IDs. */
  body(ids: readonly string[]): unknown;
  /** Asserts the vendor's credential headers on one received request. */
  expectCredentials(req: RecordedRequest, sim: SimulatorHandle): void;
}

/** Builds an adapter for `name` from an environment, as the facade does (short back-offs). */
export function createAdapter<Options>(name: UpstreamName, env: Record<string, string>): Upstream<unknown, Options> {
  const config = loadConfig({ UPSTREAM_TIMEOUT_MS: '2000', RATE_LIMIT_MAX_WAIT_MS: '1000', ...env });
  const upstream = createUpstreams(config.upstreams, config.policy, { retryBaseDelayMs: 1 })[name];
  if (upstream === null) throw new Error(`createAdapter: ${name} is not configured by this environment`);
  return upstream as unknown as Upstream<unknown, Options>;
}

/** The IDs of an outcome's failures with `code`. */
export function failedWith(outcome: BatchOutcome, code: string): string[] {
  return accountOf(outcome).failures.filter((f) => f.code === code).map((f) => f.id);
}

/** Defines the shared audits for one vendor. */
export function defineUpstreamContract<Options>(subject: ContractSubject<Options>): void {
  describe(`${subject.name} adapter: upstream contract`, () => {
    let fixture: ContractFixture<Options> | undefined;
    afterEach(async () => {
      await fixture?.close();
      fixture = undefined;
    });
    const start = async (existing: readonly string[], env: Record<string, string> = {}) => (fixture = await subject.start(existing, env));
    const ids = ['a-1', 'a-2', 'a-3'];
    const run = async (f: ContractFixture<Options>, list: readonly string[] = ids) => flat(await f.upstream.deleteBatch(list, 0, subject.options));

    it(`U1 sends one ${subject.method} to ${subject.path} with exactly the vendor's JSON body (docs/contract.md §5)`, async () => {
      const f = await start(ids);
      await run(f);
      expect(f.sim.received).toHaveLength(1);
      const [req] = f.sim.received;
      expect(req?.method).toBe(subject.method);
      expect(req?.path).toBe(subject.path);
      expect(req?.json).toEqual(subject.body(ids));
      expect(req?.body).toBe(JSON.stringify(subject.body(ids)));
    });

    it('U2 sends the credentials and Content-Type: application/json (docs/contract.md §5)', async () => {
      const f = await start(ids);
      await run(f);
      const req = f.sim.received[0] as RecordedRequest;
      expect(req.headers['content-type']).toBe('application/json');
      subject.expectCredentials(req, f.sim);
    });

    it('U3 reports the IDs the upstream deleted as deleted, and which they were (docs/contract.md §3)', async () => {
      const f = await start(ids);
      const outcome = await run(f);
      expect(f.sim.deletedIds).toEqual(ids);
      expect(outcome).toMatchObject({ deletedCount: 3, deletedIds: ids, failures: [], refusal: null });
    });

    it('U4 retries a 503 with the same request and reports the answer that settles it (docs/contract.md §5 retries)', async () => {
      const f = await start(ids);
      f.sim.fault({ status: 503, body: { error: 'unavailable' } });
      const outcome = await run(f);
      expect(f.sim.received).toHaveLength(2);
      expect(f.sim.received[1]?.body).toBe(f.sim.received[0]?.body);
      subject.expectCredentials(f.sim.received[1] as RecordedRequest, f.sim);
      expect(outcome).toMatchObject({ deletedCount: 3, refusal: null });
    });

    it('U5 refuses the batch with UPSTREAM_UNAVAILABLE after UPSTREAM_MAX_ATTEMPTS 503s; nothing deleted (docs/contract.md §4)', async () => {
      const f = await start(ids, { UPSTREAM_MAX_ATTEMPTS: '2' });
      f.sim.faultPlan(() => ({ status: 503 }));
      const outcome = await run(f);
      expect(f.sim.received).toHaveLength(2);
      expect(f.sim.deletedIds).toEqual([]);
      expect(outcome.refusal).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: subject.name, upstreamStatus: 503 });
      expect(failedWith(outcome, 'UPSTREAM_ERROR')).toEqual(ids);
    });

    it.each([401, 403])('U6 refuses the batch with UPSTREAM_AUTH_FAILED on %i and stops later batches (docs/contract.md §4, §5)', async (status) => {
      const f = await start(ids);
      f.sim.fault({ status, body: { error: 'no' } });
      const outcome = await run(f);
      expect(f.sim.received).toHaveLength(1);
      expect(outcome).toMatchObject({ stopsLaterBatches: true, refusal: { code: 'UPSTREAM_AUTH_FAILED', upstream: subject.name, upstreamStatus: status } });
      expect(failedWith(outcome, 'REJECTED')).toEqual(ids);
    });

    it('U7 refuses with RATE_LIMITED and retryAfter on a 429 it cannot wait out, and stops later batches (docs/contract.md §5)', async () => {
      const f = await start(ids);
      f.sim.fault({ status: 429, headers: { 'Retry-After': '120' }, body: { error: 'slow down' } });
      const outcome = await run(f);
      expect(f.sim.received).toHaveLength(1);
      expect(outcome).toMatchObject({ stopsLaterBatches: true, refusal: { code: 'RATE_LIMITED', upstream: subject.name, upstreamStatus: 429, retryAfter: 120 } });
      expect(failedWith(outcome, 'RATE_LIMITED')).toEqual(ids);
    });

    it('U8 waits out a 429 whose Retry-After is within RATE_LIMIT_MAX_WAIT_MS (docs/contract.md §5)', async () => {
      const f = await start(ids);
      f.sim.fault({ status: 429, headers: { 'Retry-After': '0' }, body: { error: 'slow down' } });
      const outcome = await run(f);
      expect(f.sim.received).toHaveLength(2);
      expect(outcome).toMatchObject({ deletedCount: 3, refusal: null });
    });

    it.each<[number, string]>([[400, 'BAD_USER_INPUT'], [418, 'UPSTREAM_BAD_RESPONSE'], [409, 'UPSTREAM_BAD_RESPONSE']])(
      'U9 refuses the batch on an unprocessed %i with %s, without retrying (docs/contract.md §4)',
      async (status, code) => {
        const f = await start(ids);
        f.sim.fault({ status, body: { error: 'nope' } });
        const outcome = await run(f);
        expect(f.sim.received).toHaveLength(1);
        expect(outcome.refusal).toMatchObject({ code, upstream: subject.name, upstreamStatus: status });
        expect(failedWith(outcome, 'REJECTED')).toEqual(ids);
      },
    );

    it('U10 refuses with UPSTREAM_UNAVAILABLE and no status when the connection is refused (docs/contract.md §4)', async () => {
      const f = await start(ids, { [subject.urlVariable]: await closedPortUrl() });
      const outcome = await run(f);
      expect(outcome.refusal).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: subject.name, upstreamStatus: undefined });
      expect(failedWith(outcome, 'UPSTREAM_ERROR')).toEqual(ids);
    });

    it(`U11 after a lost answer (processed, then no reply) ${subject.idempotent ? 'retries with the same request and reports the replayed answer' : 'does not retry and reports OUTCOME_UNKNOWN, never deleted'} (docs/contract.md §3, §5)`, async () => {
      const f = await start(ids, { UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS) });
      f.sim.fault({ hang: 'after' });
      // The attempt times out once the simulator has deleted (test/helpers/upstream-timer.ts).
      const outcome = await timingOut(() => run(f), [() => f.sim.deletedIds.length === ids.length]);
      expect(f.sim.deletedIds).toEqual(ids);
      if (subject.idempotent) {
        expect(f.sim.received).toHaveLength(2);
        expect(f.sim.received[1]?.body).toBe(f.sim.received[0]?.body);
        expect(outcome).toMatchObject({ deletedCount: 3, refusal: null });
      } else {
        expect(f.sim.received).toHaveLength(1);
        expect(outcome).toMatchObject({ deletedCount: 0, refusal: null });
        expect(failedWith(outcome, 'OUTCOME_UNKNOWN')).toEqual(ids);
      }
    });

    it(`U12 after a reset once processed ${subject.idempotent ? 'retries and reports the replayed answer' : 'reports OUTCOME_UNKNOWN, never deleted'} (docs/contract.md §3)`, async () => {
      const f = await start(ids);
      f.sim.fault({ reset: 'after' });
      const outcome = await run(f);
      expect(f.sim.deletedIds).toEqual(ids);
      if (subject.idempotent) expect(outcome).toMatchObject({ deletedCount: 3, refusal: null });
      else expect(failedWith(outcome, 'OUTCOME_UNKNOWN')).toEqual(ids);
    });

    it.each<[string, string]>([['an HTML page', '<html><body>Welcome</body></html>'], ['truncated JSON', '{"data": {"deleted_']])(
      'U13 makes every ID OUTCOME_UNKNOWN when a 2xx body is %s (docs/contract.md §4)',
      async (_case, rawBody) => {
        const f = await start(ids);
        f.sim.fault({ rawBody });
        const outcome = await run(f);
        expect(f.sim.received).toHaveLength(1);
        expect(outcome).toMatchObject({ deletedCount: 0, refusal: null });
        expect(failedWith(outcome, 'OUTCOME_UNKNOWN')).toEqual(ids);
      },
    );

    it(`U14 makes every ID OUTCOME_UNKNOWN after a 500 ${subject.idempotent ? 'on every attempt' : '(not retried without an idempotency key)'} (docs/contract.md §2 OUTCOME_UNKNOWN)`, async () => {
      const f = await start(ids);
      f.sim.faultPlan(() => ({ status: 500, body: { error: 'boom' } }));
      const outcome = await run(f);
      expect(f.sim.received).toHaveLength(subject.idempotent ? 3 : 1);
      expect(outcome.refusal).toBeNull();
      expect(failedWith(outcome, 'OUTCOME_UNKNOWN')).toEqual(ids);
    });

    it('U15 collects the X-Request-ID of every attempt, in order (docs/contract.md §2 upstreamRequestIds)', async () => {
      const f = await start(ids);
      f.sim.fault({ status: 503, headers: { 'X-Request-ID': 'req-from-503' } });
      const outcome = await run(f);
      expect(f.sim.received).toHaveLength(2);
      expect(outcome.upstreamRequestIds).toEqual(['req-from-503', expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    });
  });
}
