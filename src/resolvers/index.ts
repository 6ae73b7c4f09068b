// resolvers/: thin glue from the generated resolver types to runBulkDelete (one file per
// mutation) and to the capabilities built at start-up (capabilities.ts).
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import type { ResultKind } from '../bulk-delete/result.ts';
import { allowedResolver, capabilitiesResolver, type CapabilitiesModel } from './capabilities.ts';
import { bulkDeleteContacts } from './contacts.ts';
import { bulkDeleteDeals } from './deals.ts';
import { bulkDeleteIntents } from './intents.ts';
import { resolveJobReference } from './jobs.ts';

export { buildCapabilities, type CapabilitiesModel, type TargetCapabilitiesModel } from './capabilities.ts';
export { MUTATION_FIELDS, auditScopeRefusal } from './mutation-fields.ts';

const TYPE_NAMES = {
  intents: 'BulkDeleteIntentsResult',
  contacts: 'BulkDeleteContactsResult',
  deals: 'BulkDeleteDealsResult',
} as const satisfies Record<ResultKind, string>;

/**
 * Every resolver of the schema, for the facade's `capabilities`; result fields resolve from
 * BulkDeleteResultModel and capability fields from their models by name.
 */
export function createResolvers(capabilities: CapabilitiesModel): Resolvers {
  return {
    Query: { bulkDeleteCapabilities: capabilitiesResolver(capabilities) },
    Mutation: { bulkDeleteIntents, bulkDeleteContacts, bulkDeleteDeals },
    BulkDeleteResult: { __resolveType: (result) => TYPE_NAMES[result.kind] },
    BulkDeleteTargetCapabilities: { allowed: allowedResolver },
    BulkDeleteJob: { __resolveReference: resolveJobReference },
  };
}
