import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { VENDOR_PROFILES } from '../upstreams/index.ts';
import { runBulkDelete } from './run-bulk-delete.ts';

/** `bulkDeleteContacts`: Kore.ai, per-record answers, in the given or the default stream. */
export const bulkDeleteContacts: NonNullable<MutationResolvers['bulkDeleteContacts']> = (_parent, { input }, ctx) =>
  runBulkDelete(ctx, { kind: 'contacts', vendor: VENDOR_PROFILES.kore, upstream: ctx.services.upstreams.kore, ids: input.ids, idempotencyKey: input.idempotencyKey, input });
