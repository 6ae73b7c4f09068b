// leadlex/: LeadLex CRM deals, POST /v1/deals/bulk-delete, 500 per call, dry run, idempotency keys.
export { createLeadLexUpstream, LEADLEX_PROFILE, LEADLEX_RATE_LIMIT_COST, type LeadLexInput, type LeadLexOptions } from './client.ts';
export { LEADLEX_MAX_BATCH_SIZE, leadLexBatchKey, leadLexFreshBatchKey, leadLexKeyBase } from './batches.ts';
export { buildLeadLexRequest, leadLexEndpoint } from './request.ts';
export { parseLeadLexResponse, type LeadLexReply, type LeadLexRowError } from './response.ts';
export { normaliseLeadLex } from './normalise.ts';
