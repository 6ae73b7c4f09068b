import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { runBulkDelete } from './run-bulk-delete.ts';

/** `bulkDeleteIntents`: Stoq, one all-or-nothing call (optionally retried without sent intents). */
export const bulkDeleteIntents: NonNullable<MutationResolvers['bulkDeleteIntents']> = (_parent, { input }, ctx) => {
  const skipSent = input.skipSent ?? false;
  return runBulkDelete(ctx, {
    kind: 'intents',
    upstreamName: 'stoq',
    upstream: ctx.services.upstreams.stoq,
    ids: input.ids,
    idempotencyKey: input.idempotencyKey,
    dryRun: false,
    options: () => ({ skipSent }),
    fingerprintOptions: () => ({ skipSent }),
  });
};
