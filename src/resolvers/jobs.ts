// The jobs API (docs/contract.md §8, schema/jobs.graphql): thin glue to src/jobs/.
import type { BulkDeleteJobResolvers } from '../__generated__/resolvers-types.ts';

/**
 * `BulkDeleteJob.__resolveReference`: a router's fetch of a job by its key. Answers null until
 * the job store is served: the same answer as for an unknown job.
 */
export const resolveJobReference: NonNullable<BulkDeleteJobResolvers['__resolveReference']> = () => null;
