import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { leadLexKeyBase } from '../upstreams/index.ts';
import { runBulkDelete } from './run-bulk-delete.ts';

/** `bulkDeleteDeals`: LeadLex, batches of 500, dry run, an Idempotency-Key per batch. */
export const bulkDeleteDeals: NonNullable<MutationResolvers['bulkDeleteDeals']> = (_parent, { input }, ctx) => {
  const dryRun = input.dryRun ?? false;
  return runBulkDelete(ctx, {
    kind: 'deals',
    upstreamName: 'leadlex',
    upstream: ctx.services.upstreams.leadlex,
    ids: input.ids,
    idempotencyKey: input.idempotencyKey,
    dryRun,
    options: (clientKey) => ({ dryRun, keyBase: leadLexKeyBase(ctx.client, clientKey) }),
    fingerprintOptions: () => ({ dryRun }),
  });
};
