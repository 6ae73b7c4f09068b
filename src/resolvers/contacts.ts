import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { getValidStreamId } from '../bulk-delete/ids.ts';
import { FacadeError } from '../errors/index.ts';
import { runBulkDelete } from './run-bulk-delete.ts';

/** `bulkDeleteContacts`: Kore.ai, per-record answers, in the given or the default stream. */
export const bulkDeleteContacts: NonNullable<MutationResolvers['bulkDeleteContacts']> = (_parent, { input }, ctx) => {
  return runBulkDelete(ctx, {
    kind: 'contacts',
    upstreamName: 'kore',
    upstream: ctx.services.upstreams.kore,
    ids: input.ids,
    idempotencyKey: input.idempotencyKey,
    dryRun: false,
    options: () => {
      // KORE_STREAM_ID was checked the same way at start-up.
      const streamId = getValidStreamId(input.streamId) ?? ctx.services.config.upstreams.kore?.defaultStreamId ?? null;
      if (streamId === null) {
        throw new FacadeError('BAD_USER_INPUT', '`streamId` is required: this facade has no default Kore.ai stream (KORE_STREAM_ID).');
      }
      return { streamId };
    },
    fingerprintOptions: ({ streamId }) => ({ streamId }),
  });
};
