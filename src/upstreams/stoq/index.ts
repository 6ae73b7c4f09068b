// stoq/: Stoq "Back in Stock" intents, DELETE /intents/bulk_destroy, all-or-nothing.
export { createStoqUpstream, SKIP_SENT_MAX_CALLS, STOQ_PROFILE, STOQ_RATE_LIMIT_COST, STOQ_RATE_LIMIT_ROLLING, type StoqInput, type StoqOptions } from './client.ts';
export { buildStoqRequest, stoqEndpoint } from './request.ts';
export { parseStoqResponse, type StoqReply } from './response.ts';
export { normaliseStoq } from './normalise.ts';
