/**
 * How a frontend uses the typed client: a LeadLex dry run, then the real delete, reading both
 * outcomes through the shared `BulkDeleteOutcome` fragment type and deciding per failure code,
 * and per error code when the facade refuses the call.
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
} from './__generated__/graphql.ts';
import { BulkDeleteClientError, createBulkDeleteClient, type BulkDeleteClient } from './client.ts';
import type { ClientErrorExtensions } from './errors.ts';

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
  throw new Error(`Unhandled code: ${JSON.stringify(value)}`);
}

/** What to do about a refused call (nothing was deleted), for a message or a retry loop. */
export type ErrorAdvice =
  | { readonly action: 'retry-after'; readonly seconds: number }
  | { readonly action: 'retry' }
  | { readonly action: 'fix-input' | 'sign-in' | 'ask-operator' | 'report-bug'; readonly detail: string };

/**
 * The advice for an error (README "Errors"). The switch is over the generated codes with their
 * extensions: `retryAfter` is a number under RATE_LIMITED and `upstream` a vendor under
 * NOT_CONFIGURED, without a check; a code added to the schema is a compile error here.
 */
export function adviceForError(error: ClientErrorExtensions): ErrorAdvice {
  switch (error.code) {
    case 'RATE_LIMITED':
      return { action: 'retry-after', seconds: error.retryAfter };
    case 'UPSTREAM_UNAVAILABLE':
      return error.retryAfter === undefined ? { action: 'retry' } : { action: 'retry-after', seconds: error.retryAfter };
    case 'IDEMPOTENCY_STORE_FULL':
      return { action: 'retry-after', seconds: error.retryAfter };
    case 'SHUTTING_DOWN':
    case 'IDEMPOTENCY_STORE_UNAVAILABLE':
    case 'JOB_STORE_UNAVAILABLE':
    case 'IDENTITY_PROVIDER_UNAVAILABLE':
      return { action: 'retry' };
    case 'BAD_USER_INPUT':
      return { action: 'fix-input', detail: error.upstream === undefined ? 'the facade refused the input' : `${error.upstream} refused the input (HTTP ${error.upstreamStatus ?? '?'})` };
    case 'IDEMPOTENCY_KEY_REUSED':
      return { action: 'fix-input', detail: 'use a new idempotencyKey for a different input' };
    case 'UNAUTHENTICATED':
      return { action: 'sign-in', detail: 'send a valid API key or JWT' };
    case 'FORBIDDEN':
      return { action: 'ask-operator', detail: 'this client lacks the scope for this mutation' };
    case 'NOT_CONFIGURED':
      return { action: 'ask-operator', detail: `${error.upstream} is not configured on this facade` };
    case 'UPSTREAM_AUTH_FAILED':
      return { action: 'ask-operator', detail: `${error.upstream} refused the facade's credentials (HTTP ${error.upstreamStatus})` };
    case 'UPSTREAM_BAD_RESPONSE':
      return { action: 'ask-operator', detail: `${error.upstream} gave an answer the facade does not expect` };
    case 'BAD_REQUEST':
      return { action: 'fix-input', detail: 'the HTTP request itself was refused (its body, headers or persisted-query hash)' };
    case 'INTERNAL_SERVER_ERROR':
    case 'GRAPHQL_PARSE_FAILED':
    case 'GRAPHQL_VALIDATION_FAILED':
      return { action: 'report-bug', detail: error.code };
    case 'UNRECOGNISED':
      return { action: 'report-bug', detail: `unrecognised error ${error.received ?? '(no code)'}` };
    default:
      return unreachable(error);
  }
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
  try {
    const { dryRun, deleted } = await dryRunThenDelete(client, ids.length > 0 ? ids : ['deal_0001', 'deal_0002', 'deal_0013']);
    console.log(summarise(dryRun));
    if (deleted) console.log(summarise(deleted));
  } catch (error) {
    if (!(error instanceof BulkDeleteClientError)) throw error;
    console.error(`${error.code}: ${error.message}\nNothing was deleted. Advice: ${JSON.stringify(adviceForError(error.extensions))}`);
    process.exitCode = 1;
  }
}
