import { afterEach, describe, expect, it } from 'vitest';
import { startLeadLexSimulator, type LeadLexSimulator } from '../../src/simulators/index.ts';
import { MUTATIONS, SECRETS, accountingProblems, postGraphQL } from '../helpers/facade.ts';
import { spawnFacade, type FacadeProcess } from '../helpers/process.ts';

let facade: FacadeProcess | undefined;
let leadlex: LeadLexSimulator | undefined;
afterEach(async () => {
  facade?.kill();
  await leadlex?.close();
  facade = undefined;
  leadlex = undefined;
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('graceful shutdown (SIGTERM)', () => {
  it('finishes a slow multi-batch delete, refuses new work, answers /readyz 503, then exits 0', async () => {
    const ids = Array.from({ length: 2_000 }, (_, i) => `deal_${i}`);
    // Four batches of 1 s each: the drain outlasts, by seconds on any machine, what the test
    // checks while it runs (readiness, a refused request).
    leadlex = await startLeadLexSimulator({ apiKey: SECRETS.leadlexApiKey, deals: ids.map((id) => ({ id })), latencyMs: 1_000 });
    facade = await spawnFacade({
      LEADLEX_API_URL: leadlex.url,
      LEADLEX_API_KEY: SECRETS.leadlexApiKey,
      BATCH_CONCURRENCY: '1',
      SHUTDOWN_GRACE_MS: '20000',
    });
    const sim = leadlex;

    const running = postGraphQL(facade.url, MUTATIONS.deals, { input: { ids } });
    await until(() => sim.received.length >= 1);
    facade.child.kill('SIGTERM');
    await until(() => facade!.output.some((line) => line.includes('shutting down')));

    const ready = await fetch(`${facade.url}/readyz`, { headers: { connection: 'close' } });
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'draining' });
    const refused = await postGraphQL(facade.url, MUTATIONS.deals, { input: { ids: ['deal_0'] } }, { connection: 'close' });
    expect(refused.status).toBe(503);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('SHUTTING_DOWN');

    const answer = await running;
    expect(answer.status).toBe(200);
    const result = answer.body.data?.result;
    expect(accountingProblems(result)).toEqual([]);
    expect(result).toMatchObject({ requestedCount: 2_000, deletedCount: 2_000, failedCount: 0 });
    expect(sim.received).toHaveLength(4);
    expect(sim.deletedIds).toHaveLength(2_000);
    expect(await facade.exited).toBe(0);
  });

  it('exits 0 at once when nothing is running', async () => {
    facade = await spawnFacade({});
    facade.child.kill('SIGTERM');
    expect(await facade.exited).toBe(0);
    expect(facade.output.some((line) => line.includes('stopped cleanly'))).toBe(true);
  });

  it('exits 1 when the grace period runs out with a request still running', async () => {
    leadlex = await startLeadLexSimulator({ apiKey: SECRETS.leadlexApiKey, deals: [{ id: 'deal_1' }] });
    leadlex.fault({ hang: 'before' });
    facade = await spawnFacade({ LEADLEX_API_URL: leadlex.url, LEADLEX_API_KEY: SECRETS.leadlexApiKey, SHUTDOWN_GRACE_MS: '200', UPSTREAM_TIMEOUT_MS: '60000' });
    const sim = leadlex;
    const running = postGraphQL(facade.url, MUTATIONS.deals, { input: { ids: ['deal_1'] } }).catch((error: unknown) => error);
    await until(() => sim.received.length >= 1);
    facade.child.kill('SIGTERM');
    expect(await facade.exited).toBe(1);
    expect(await running).toBeInstanceOf(Error);
  });
});
