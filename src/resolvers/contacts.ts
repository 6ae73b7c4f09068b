import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { getValidToken } from '../bulk-delete/ids.ts';
import { FacadeError } from '../errors/index.ts';
import { runBulkDelete } from './run-bulk-delete.ts';

const MAX_STREAM_ID_LENGTH = 128;

/** `bulkDeleteContacts`: Kore.ai, per-record answers, in the given or the default stream. */
export const bulkDeleteContacts: NonNullable<MutationResolvers['bulkDeleteContacts']> = (_parent, { input }, ctx) => {
  const kore = ctx.services.config.upstreams.kore;
  const streamId = getValidToken('streamId', input.streamId, MAX_STREAM_ID_LENGTH) ?? kore?.defaultStreamId ?? null;
  return runBulkDelete(ctx, {
    kind: 'contacts',
    upstreamName: 'kore',
    upstream: ctx.services.upstreams.kore,
    ids: input.ids,
    idempotencyKey: input.idempotencyKey,
    dryRun: false,
    fingerprintOptions: { streamId },
    options: () => {
      if (streamId === null) {
        throw new FacadeError('BAD_USER_INPUT', '`streamId` is required: this facade has no default Kore.ai stream (KORE_STREAM_ID).');
      }
      return { streamId };
    },
  });
};
