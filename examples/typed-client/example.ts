/**
 * How a frontend uses the typed client: a LeadLex dry run, then the real delete, reading both
 * outcomes through the shared `BulkDeleteOutcome` fragment type and deciding per failure code.
 *
 * Run against a facade (demo mode seeds deals `deal_0001`–`deal_1200`, `deal_0013` locked):
 *
 *   node examples/typed-client/example.ts deal_0001 deal_0002 deal_0013
 *
 * `FACADE_URL` (default `http://127.0.0.1:4000`) and `FACADE_TOKEN` (an API key or JWT) are read
 * from the environment.
 */
import {
  DeleteDealsDocument,
  type BulkDeleteFailureCode,
  type BulkDeleteOutcomeFragment,
} from '../../src/__generated__/client/graphql.ts';
import { createBulkDeleteClient, type BulkDeleteClient } from './client.ts';

/** What to do about one failed ID. */
export type FailureAdvice = 'retry' | 'check-before-retry' | 'fix-and-retry' | 'retry-later';

/**
 * The advice for a failure code (README, "What a result guarantees"): every code but
 * `OUTCOME_UNKNOWN` means the ID is certainly not deleted. A code added to the schema makes
 * this a compile error until it is handled.
 */
export function adviceFor(code: BulkDeleteFailureCode): FailureAdvice {
  switch (code) {
    case 'OUTCOME_UNKNOWN':
      return 'check-before-retry';
    case 'ALREADY_SENT':
    case 'REJECTED':
      return 'fix-and-retry';
    case 'RATE_LIMITED':
    case 'UPSTREAM_ERROR':
      return 'retry-later';
    case 'NOT_ATTEMPTED':
      return 'retry';
    default:
      return unreachable(code);
  }
}

function unreachable(value: never): never {
  throw new Error(`Unhandled failure code: ${String(value)}`);
}

/** One line per outcome, for a toast or a log. */
export function summarise(outcome: BulkDeleteOutcomeFragment): string {
  const verb = outcome.dryRun ? 'would delete' : 'deleted';
  const failures = outcome.failures.map((f) => `${f.id}: ${f.code} → ${adviceFor(f.code)}`);
  return [`${verb} ${outcome.deletedCount} of ${outcome.requestedCount}, ${outcome.notFoundCount} not found, ${outcome.failedCount} failed`, ...failures].join('\n');
}

/** Both outcomes of `dryRunThenDelete`; `deleted` is null when the dry run found nothing to delete. */
export interface DryRunThenDelete {
  dryRun: BulkDeleteOutcomeFragment;
  deleted: BulkDeleteOutcomeFragment | null;
}

/**
 * Asks LeadLex what deleting `ids` would do, then deletes them if anything would be deleted.
 * Rejects with `BulkDeleteClientError` on a GraphQL error (nothing was deleted).
 */
export async function dryRunThenDelete(client: BulkDeleteClient, ids: string[]): Promise<DryRunThenDelete> {
  const preview = await client.request(DeleteDealsDocument, { input: { ids, dryRun: true } });
  const dryRun = required(preview.bulkDeleteDeals);
  if (dryRun.deletedCount === 0) return { dryRun, deleted: null };
  const answer = await client.request(DeleteDealsDocument, { input: { ids } });
  return { dryRun, deleted: required(answer.bulkDeleteDeals) };
}

// The field is nullable only so that an error in one mutation keeps another's result; with one
// mutation per document, null comes with an error and the client has already thrown.
function required<T>(result: T | null): T {
  if (result === null) throw new Error('bulkDeleteDeals answered null without an error');
  return result;
}

if (process.argv[1] === import.meta.filename) {
  const token = process.env.FACADE_TOKEN;
  const client = createBulkDeleteClient({ url: process.env.FACADE_URL ?? 'http://127.0.0.1:4000', ...(token ? { token } : {}) });
  const ids = process.argv.slice(2);
  const { dryRun, deleted } = await dryRunThenDelete(client, ids.length > 0 ? ids : ['deal_0001', 'deal_0002', 'deal_0013']);
  console.log(summarise(dryRun));
  if (deleted) console.log(summarise(deleted));
}
