import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { VENDOR_PROFILES } from '../upstreams/index.ts';
import { runBulkDelete } from './run-bulk-delete.ts';

/** `bulkDeleteIntents`: Stoq, one all-or-nothing call (optionally retried without sent intents). */
export const bulkDeleteIntents: NonNullable<MutationResolvers['bulkDeleteIntents']> = (_parent, { input }, ctx) =>
  runBulkDelete(ctx, { kind: 'intents', vendor: VENDOR_PROFILES.stoq, upstream: ctx.services.upstreams.stoq, ids: input.ids, idempotencyKey: input.idempotencyKey, input });
