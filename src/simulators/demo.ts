/**
 * Demo mode's upstreams (docs/contract.md §7): the three simulators, seeded so that every kind of outcome
 * can be tried from the playground: plain deletes, Stoq's all-or-nothing 422, a Kore.ai failed
 * record, a LeadLex locked deal, and LeadLex inputs large enough to need several batches.
 * The credentials are deliberately fake; they only open these loopback servers.
 */
import type { UpstreamsConfig } from '../config/index.ts';
import { startKoreSimulator } from './kore.ts';
import type { KoreSimulator } from './kore.ts';
import { startLeadLexSimulator } from './leadlex.ts';
import type { LeadLexSimulator } from './leadlex.ts';
import { startStoqSimulator } from './stoq.ts';
import type { StoqSimulator } from './stoq.ts';

/** Where the demo upstreams listen and how to call them, shaped like the facade's config. */
export interface DemoUpstreams {
  stoq: { url: string; apiKey: string };
  kore: { url: string; streamId: string; accountId: string; clientId: string; clientSecret: string };
  leadlex: { url: string; apiKey: string };
  /** The running simulators themselves, for tests that inspect what the demo deleted. */
  simulators: { stoq: StoqSimulator; kore: KoreSimulator; leadlex: LeadLexSimulator };
  /** Closes all three; never hangs. */
  close(): Promise<void>;
}

/** `prefix` + `from`..`to` zero-padded to `width` digits, e.g. int_1001. */
function numberedIds(prefix: string, from: number, to: number, width: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => prefix + String(from + i).padStart(width, '0'));
}

/**
 * Starts the three demo upstreams on loopback ports. Seeds: Stoq intents int_1001..int_1020
 * (int_1019 and int_1020 already sent); Kore.ai contacts contact_2001..contact_2020 in stream
 * st-demo-stream (contact_2020 locked); LeadLex deals deal_0001..deal_1200 (deal_0013 locked).
 * If any fails to start, the others are closed and the error is thrown.
 */
export async function startDemoUpstreams(): Promise<DemoUpstreams> {
  const started = await Promise.allSettled([
    startStoqSimulator({
      apiKey: 'demo-stoq-token',
      intents: numberedIds('int_', 1001, 1020, 4).map((id) => ({
        id,
        sent: id === 'int_1019' || id === 'int_1020',
      })),
    }),
    startKoreSimulator({
      streamIds: ['st-demo-stream'],
      accountId: 'demo-kore-account',
      clientId: 'cs-demo-kore-client',
      clientSecret: 'demo-kore-client-secret',
      contacts: numberedIds('contact_', 2001, 2020, 4).map((id) => ({ id, locked: id === 'contact_2020' })),
    }),
    startLeadLexSimulator({
      apiKey: 'demo-leadlex-key',
      deals: numberedIds('deal_', 1, 1200, 4).map((id) => ({ id, locked: id === 'deal_0013' })),
    }),
  ]);
  const [stoq, kore, leadlex] = started;
  if (stoq?.status !== 'fulfilled' || kore?.status !== 'fulfilled' || leadlex?.status !== 'fulfilled') {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
    const failure = started.find((s) => s.status === 'rejected');
    throw failure?.reason instanceof Error ? failure.reason : new Error('A demo upstream failed to start');
  }
  const simulators = { stoq: stoq.value, kore: kore.value, leadlex: leadlex.value };
  return {
    stoq: { url: simulators.stoq.url, apiKey: simulators.stoq.apiKey },
    kore: {
      url: simulators.kore.url,
      streamId: simulators.kore.streamId,
      accountId: simulators.kore.accountId,
      clientId: simulators.kore.clientId,
      clientSecret: simulators.kore.clientSecret,
    },
    leadlex: { url: simulators.leadlex.url, apiKey: simulators.leadlex.apiKey },
    simulators,
    close: async () => {
      await Promise.all([simulators.stoq.close(), simulators.kore.close(), simulators.leadlex.close()]);
    },
  };
}

/**
 * The facade's upstream configuration for the demo upstreams: what main.ts serves in demo
 * mode, and what tests use to run the facade exactly as `npm start` does without credentials.
 */
export function demoUpstreamsConfig(demo: Pick<DemoUpstreams, 'stoq' | 'kore' | 'leadlex'>): UpstreamsConfig {
  return {
    stoq: { url: demo.stoq.url, apiKey: demo.stoq.apiKey },
    kore: {
      url: demo.kore.url,
      accountId: demo.kore.accountId,
      defaultStreamId: demo.kore.streamId,
      auth: { kind: 'minted', clientId: demo.kore.clientId, clientSecret: demo.kore.clientSecret, subject: demo.kore.clientId },
      batchSize: 100,
    },
    leadlex: { url: demo.leadlex.url, apiKey: demo.leadlex.apiKey },
  };
}
