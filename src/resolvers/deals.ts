import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { VENDOR_PROFILES } from '../upstreams/index.ts';
import { runBulkDelete } from './run-bulk-delete.ts';

/** `bulkDeleteDeals`: LeadLex, batches of 500, dry run, an Idempotency-Key per batch. */
export const bulkDeleteDeals: NonNullable<MutationResolvers['bulkDeleteDeals']> = (_parent, { input }, ctx) =>
  runBulkDelete(ctx, { kind: 'deals', vendor: VENDOR_PROFILES.leadlex, upstream: ctx.services.upstreams.leadlex, ids: input.ids, idempotencyKey: input.idempotencyKey, input });
