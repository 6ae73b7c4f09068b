// resolvers/: thin glue from the generated resolver types to runBulkDelete; one file per mutation.
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import type { ResultKind } from '../bulk-delete/result.ts';
import { bulkDeleteContacts } from './contacts.ts';
import { bulkDeleteDeals } from './deals.ts';
import { bulkDeleteIntents } from './intents.ts';

const TYPE_NAMES = {
  intents: 'BulkDeleteIntentsResult',
  contacts: 'BulkDeleteContactsResult',
  deals: 'BulkDeleteDealsResult',
} as const satisfies Record<ResultKind, string>;

/** Every resolver of the schema; result fields resolve from BulkDeleteResultModel by name. */
export const resolvers: Resolvers = {
  Mutation: { bulkDeleteIntents, bulkDeleteContacts, bulkDeleteDeals },
  BulkDeleteResult: { __resolveType: (result) => TYPE_NAMES[result.kind] },
};
