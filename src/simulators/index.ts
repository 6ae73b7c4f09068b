/**
 * Simulators: real HTTP servers on 127.0.0.1 that imitate the three vendors' bulk-delete APIs
 * (docs/vendors/*.md) strictly, hold records they really delete, record every request, and can
 * be scripted to fail per request. Demo mode ships them (docs/contract.md §7) and the tests use the same
 * code, so what the tests prove is what the demo shows.
 */
export { demoUpstreamsConfig, startDemoUpstreams } from './demo.ts';
export type { DemoUpstreams } from './demo.ts';
export type { FaultPlan, SimulatorFault } from './faults.ts';
export type { RecordedRequest, RepliedStatus, SimulatorHandle, SimulatorOptions } from './handle.ts';
export { newRequestId, startSimulatorServer } from './server.ts';
export type { SimulatorServer, SimulatorVendor } from './server.ts';
export type { SimulatorReply } from './wire.ts';
export type { KoreFailedRecordShape } from './kore-failed-record.ts';
export { startKoreSimulator } from './kore.ts';
export type { KoreContact, KoreRecordedRequest, KoreSimulator, KoreSimulatorOptions } from './kore.ts';
export type { LeadLexQuotaOptions } from './leadlex-quota.ts';
export { startLeadLexSimulator } from './leadlex.ts';
export type { LeadLexDeal, LeadLexKeyGrant, LeadLexSimulator, LeadLexSimulatorOptions } from './leadlex.ts';
export type { StoqRateLimitOptions } from './stoq-rate-limit.ts';
export { startStoqSimulator } from './stoq.ts';
export type { StoqIntent, StoqSimulator, StoqSimulatorOptions } from './stoq.ts';
