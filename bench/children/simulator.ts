// One vendor simulator in a process of its own, configured by BENCH_SIMULATOR (JSON, see
// SimulatorSpec). It keeps no request (`record: false`) and counts answers instead, so a
// long run holds no per-request state; the parent reads the counts over IPC.
import { startLeadLexSimulator, startStoqSimulator, type RecordedRequest, type RepliedStatus, type SimulatorHandle } from '../../src/simulators/index.ts';
import { announceReady, serveIpc } from '../lib/ipc.ts';

/** What the parent asks for. */
export interface SimulatorSpec {
  readonly vendor: 'leadlex' | 'stoq';
  readonly apiKey: string;
  /** Added to every answer. */
  readonly latencyMs: number;
  /** LeadLex: requests per window and the window (fixed, aligned to the epoch). */
  readonly quota?: { readonly limit: number; readonly windowMs?: number };
  /** Stoq: points per rolling window, and the cost of one request. */
  readonly rateLimit?: { readonly points: number; readonly windowMs: number; readonly cost: number };
  /** Stoq: intents `int_1` … `int_<n>` exist at start. */
  readonly intents?: number;
  /** Keep the arrival time of every 2xx (rate measurements; off for high-rate runs). */
  readonly keepAdmittedTimes?: boolean;
}

/** The counts the parent reads with a `stats` request. */
export interface SimulatorStats {
  readonly byStatus: Record<string, number>;
  /** Arrival times (epoch ms) of the requests answered 2xx, when kept. */
  readonly admittedAt: number[];
}

const spec = JSON.parse(process.env.BENCH_SIMULATOR ?? 'null') as SimulatorSpec | null;
if (spec === null) throw new Error('BENCH_SIMULATOR is not set');

let byStatus: Record<string, number> = {};
let admittedAt: number[] = [];

function onReply(request: RecordedRequest, reply: RepliedStatus): void {
  byStatus[reply.status] = (byStatus[reply.status] ?? 0) + 1;
  if (spec?.keepAdmittedTimes && reply.status >= 200 && reply.status < 300) admittedAt.push(request.receivedAt);
}

const common = { apiKey: spec.apiKey, latencyMs: spec.latencyMs, record: false, onReply };
let simulator: SimulatorHandle;
if (spec.vendor === 'leadlex') {
  simulator = await startLeadLexSimulator({
    ...common,
    everyDealExists: true,
    // Every request carries a fresh key; a bounded store keeps the simulator's memory flat.
    idempotencyMaxKeys: 1_000,
    quota: spec.quota ?? { limit: 1_000_000_000 },
  });
} else {
  simulator = await startStoqSimulator({
    ...common,
    intents: Array.from({ length: spec.intents ?? 0 }, (_, i) => ({ id: `int_${i + 1}` })),
    ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}),
  });
}

serveIpc({
  stats: (): SimulatorStats => ({ byStatus, admittedAt }),
  reset: () => {
    byStatus = {};
    admittedAt = [];
    return true;
  },
});
process.on('SIGTERM', () => void simulator.close().then(() => process.exit(0)));
announceReady({ url: simulator.url });
