// kore/: Kore.ai AgentAssist contacts, DELETE .../{streamId}/contacts/bulk-delete, per-record answers, JWT auth.
export { createKoreUpstream, KORE_PROFILE, type KoreInput, type KoreOptions } from './client.ts';
export { createKoreTokenSource, MINTED_JWT_TTL_SECONDS } from './jwt.ts';
export { buildKoreRequest, koreEndpoint } from './request.ts';
export { parseKoreResponse, type KoreFailedRecord, type KoreReply } from './response.ts';
export { normaliseKore } from './normalise.ts';
