/**
 * Jobs in the end-to-end suites: the API's documents, typed by codegen (codegen.yml,
 * src/__generated__/e2e/, as test/helpers/documents.ts), a job driven to its end through the
 * store's own worker calls (the runner is not what these suites test), and a real store wrapped
 * to count the calls the API makes.
 */
import type { VariablesOf } from '@graphql-typed-document-node/core';
import { graphql } from '../../src/__generated__/e2e/index.ts';
import type { JobBatchOutcome, JobResultLine, JobStore } from '../../src/jobs/index.ts';

/** Every BulkDeleteJob field a test reads, but the result. */
export const JOB_FIELDS_FRAGMENT = graphql(`
  fragment JobFields on BulkDeleteJob {
    id target status dryRun createdAt startedAt finishedAt resumesAt
    progress { requestedCount processedCount deletedCount notFoundCount failedCount }
  }
`);

/** The result of a job, with the concrete types' own fields. */
export const JOB_RESULT_FRAGMENT = graphql(`
  fragment JobResultFields on BulkDeleteJob {
    result {
      __typename requestedCount deletedCount notFoundCount failedCount deletedIds dryRun
      failures { id code message upstreamCode }
      ... on BulkDeleteIntentsResult { sentIntentIds }
    }
  }
`);

/**
 * The jobs API's operations, each job aliased `job` (the list `jobs`) so one function reads any of
 * them. A hostile test that must send what the schema's types forbid (an unknown enum value)
 * sends one of these printed as a raw string (`toQuery`), with untyped variables.
 */
export const JOB_OPS = {
  create: graphql(`
    mutation JobCreate($input: CreateBulkDeleteJobInput!) { job: createBulkDeleteJob(input: $input) { ...JobFields } }
  `),
  add: graphql(`
    mutation JobAdd($id: ID!, $ids: [ID!]!) { job: addBulkDeleteJobIds(id: $id, ids: $ids) { ...JobFields } }
  `),
  start: graphql(`
    mutation JobStart($id: ID!) { job: startBulkDeleteJob(id: $id) { ...JobFields } }
  `),
  cancel: graphql(`
    mutation JobCancel($id: ID!) { job: cancelBulkDeleteJob(id: $id) { ...JobFields ...JobResultFields } }
  `),
  get: graphql(`
    query JobRead($id: ID!) { job: bulkDeleteJob(id: $id) { ...JobFields ...JobResultFields } }
  `),
  list: graphql(`
    query JobList($first: Int, $after: String, $status: [BulkDeleteJobStatus!]) {
      jobs: bulkDeleteJobs(first: $first, after: $after, status: $status) {
        edges { cursor node { id status target progress { requestedCount } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  `),
};

/** What `JOB_OPS.create` takes. */
export type JobCreateInput = VariablesOf<typeof JOB_OPS.create>['input'];

/** What the vendor said of one batch: every ID deleted, and named. */
export function allDeleted(ids: readonly string[]): JobBatchOutcome {
  return { deletedCount: ids.length, notFoundCount: 0, deletedIds: ids, failures: [], upstreamRequestIds: [], rateLimit: null };
}

/**
 * Runs a QUEUED job to COMPLETED as a worker would, through the store: claim, then each batch in
 * flight and recorded with `answer`. `job` must be the oldest job waiting for a worker.
 * With `stopAfter`, leaves the job RUNNING after that many batches (the rest unsent).
 */
export async function driveJob(store: JobStore, jobId: string, answer: (ids: string[], index: number) => JobBatchOutcome = allDeleted, stopAfter?: number): Promise<void> {
  const claimed = await store.claim('test-worker', 60_000);
  if (claimed?.job.id !== jobId) throw new Error(`driveJob: claimed ${claimed?.job.id ?? 'nothing'}, not ${jobId}`);
  const batches = stopAfter ?? claimed.job.batchCount;
  for (let k = 0; k < batches; k++) {
    await store.markBatchInFlight(jobId, 'test-worker', k);
    await store.recordBatch(jobId, 'test-worker', k, answer(await store.readBatchIds(jobId, k), k));
  }
  if (stopAfter === undefined) await store.finish(jobId, 'test-worker', 'COMPLETED');
}

/** Counts of the store calls the API made. */
export interface StoreCalls {
  getMany: number;
  get: number;
  /** Result lines the route pulled from the store, and whether each reader was closed. */
  resultLinesPulled: number;
  resultReadersClosed: number;
}

/** A real store whose reads are counted: the same behaviour, observed. */
export function countingStore(store: JobStore): { store: JobStore; calls: StoreCalls } {
  const calls: StoreCalls = { getMany: 0, get: 0, resultLinesPulled: 0, resultReadersClosed: 0 };
  const wrapped: JobStore = Object.create(store) as JobStore;
  Object.assign(wrapped, {
    getMany: (...args: Parameters<JobStore['getMany']>) => {
      calls.getMany++;
      return store.getMany(...args);
    },
    get: (...args: Parameters<JobStore['get']>) => {
      calls.get++;
      return store.get(...args);
    },
    results: (...args: Parameters<JobStore['results']>) => {
      async function* counted(lines: AsyncIterable<JobResultLine>) {
        try {
          for await (const line of lines) {
            calls.resultLinesPulled++;
            yield line;
          }
        } finally {
          calls.resultReadersClosed++;
        }
      }
      const wrap = (lines: AsyncIterable<JobResultLine> | null) => (lines === null ? null : counted(lines));
      // Plain or promised, as the store answers (its interface is becoming async).
      const lines: unknown = store.results(...args);
      return lines instanceof Promise ? lines.then(wrap) : wrap(lines as AsyncIterable<JobResultLine> | null);
    },
  });
  return { store: wrapped, calls };
}
