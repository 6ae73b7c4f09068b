// resolvers/: thin glue from the generated resolver types to runBulkDelete (one file per
// mutation) and to the capabilities built at start-up (capabilities.ts).
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import type { ResultKind } from '../bulk-delete/result.ts';
import { allowedResolver, capabilitiesResolver, type CapabilitiesModel } from './capabilities.ts';
import { bulkDeleteContacts } from './contacts.ts';
import { bulkDeleteDeals } from './deals.ts';
import { bulkDeleteIntents } from './intents.ts';
import { createJobProgressSubscription } from './job-subscription.ts';
import { createJobResolvers } from './jobs.ts';
import type { JobTargets } from './jobs-targets.ts';

export { buildCapabilities, type CapabilitiesModel, type TargetCapabilitiesModel } from './capabilities.ts';
export { MUTATION_FIELDS, auditScopeRefusal } from './mutation-fields.ts';
export { buildJobTargets, type JobTargetInfo, type JobTargets } from './jobs-targets.ts';
export { isVisibleJob } from './jobs-loader.ts';

const TYPE_NAMES = {
  intents: 'BulkDeleteIntentsResult',
  contacts: 'BulkDeleteContactsResult',
  deals: 'BulkDeleteDealsResult',
} as const satisfies Record<ResultKind, string>;

/**
 * Every resolver of the schema, for the facade's `capabilities` and jobs' `targets`; result
 * fields resolve from BulkDeleteResultModel, capability fields from their models by name, job
 * fields from the stored Job (jobs.ts).
 */
export function createResolvers(capabilities: CapabilitiesModel, targets: JobTargets): Resolvers {
  const jobs = createJobResolvers(targets);
  return {
    Query: { bulkDeleteCapabilities: capabilitiesResolver(capabilities), ...jobs.Query },
    Mutation: { bulkDeleteIntents, bulkDeleteContacts, bulkDeleteDeals, ...jobs.Mutation },
    Subscription: { bulkDeleteJobProgress: createJobProgressSubscription(targets) },
    BulkDeleteResult: { __resolveType: (result) => TYPE_NAMES[result.kind] },
    BulkDeleteTargetCapabilities: { allowed: allowedResolver },
    BulkDeleteJob: jobs.BulkDeleteJob,
    BulkDeleteJobProgress: jobs.BulkDeleteJobProgress,
    BulkDeleteJobConnection: jobs.BulkDeleteJobConnection,
  };
}
