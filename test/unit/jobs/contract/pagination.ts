// An owner's jobs as a Relay connection (docs/contract.md §8): walking the pages with `after` returns
// exactly the jobs that existed when the walk began, newest first, each once, whatever the
// page size, the status filter, and jobs created between page reads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JobStatus, JobStore } from '../../../../src/jobs/index.ts';
import { createInput, LIMITS, type OpenStore } from '../helpers.ts';

type Kind = 'OPEN' | 'QUEUED' | 'CANCELLED';
const kindArb = fc.constantFrom<Kind>('OPEN', 'QUEUED', 'CANCELLED');
const jobArb = fc.record({ mine: fc.boolean(), kind: kindArb });
const caseArb = fc.record({
  initial: fc.array(jobArb, { maxLength: 20 }),
  first: fc.integer({ min: 1, max: 6 }),
  statuses: fc.option(fc.subarray<JobStatus>(['OPEN', 'QUEUED', 'CANCELLED', 'RUNNING'], { minLength: 1 }), { nil: null }),
  // Jobs created while the walk is under way: before reading page `beforePage` (1 = the second).
  concurrent: fc.array(fc.record({ beforePage: fc.integer({ min: 1, max: 4 }), job: jobArb }), { maxLength: 6 }),
});

async function insert(jobs: JobStore, owner: string, kind: Kind): Promise<{ id: string; status: JobStatus }> {
  const { id } = (await jobs.create(createInput({ owner, start: kind !== 'OPEN' }), LIMITS)).job;
  if (kind === 'CANCELLED') await jobs.cancel(id, owner);
  return { id, status: kind };
}

/** The listing property, against a store `open` gives. */
export function definePagination(name: string, open: OpenStore): void {
  describe(`${name}: listing jobs`, () => {
    it('pages through an owner’s jobs newest first, stable under concurrent inserts', async () => {
      const jobs = await open();
      const seen = { runs: 0, emptyPages: 0, filtered: 0, concurrentInserts: 0, multiPage: 0 };
      let run = 0;
      await fc.assert(
        fc.asyncProperty(caseArb, async ({ initial, first, statuses, concurrent }) => {
          run += 1;
          const owner = `owner-${run}`;
          const other = `other-${run}`;
          const mine: { id: string; status: JobStatus }[] = [];
          for (const job of initial) {
            const made = await insert(jobs, job.mine ? owner : other, job.kind);
            if (job.mine) mine.push(made);
          }
          const expected = mine.filter((job) => statuses === null || statuses.includes(job.status)).reverse().map((job) => job.id);

          const got: string[] = [];
          let after: string | null = null;
          for (let page = 0; page < 50; page += 1) {
            for (const { job } of concurrent.filter((c) => c.beforePage === page)) {
              await insert(jobs, job.mine ? owner : other, job.kind);
              if (page > 0) seen.concurrentInserts += 1;
            }
            const result = await jobs.list(owner, { first, after, statuses });
            expect(result.edges.length).toBeLessThanOrEqual(first);
            if (result.edges.length === 0) seen.emptyPages += 1;
            got.push(...result.edges.map((edge) => edge.node.id));
            if (!result.hasNextPage) break;
            expect(result.endCursor).toBe(result.edges.at(-1)!.cursor);
            after = result.endCursor;
          }
          expect(got).toEqual(expected);
          seen.runs += 1;
          if (statuses !== null) seen.filtered += 1;
          if (expected.length > first) seen.multiPage += 1;
        }),
        { numRuns: 150 },
      );
      // The generated cases really exercised what the property claims.
      expect(seen.runs).toBeGreaterThanOrEqual(150);
      expect(seen.emptyPages).toBeGreaterThan(0);
      expect(seen.filtered).toBeGreaterThan(0);
      expect(seen.concurrentInserts).toBeGreaterThan(0);
      expect(seen.multiPage).toBeGreaterThan(0);
    });

    it('answers an empty page with no next page for an owner without jobs', async () => {
      const jobs = await open();
      expect(await jobs.list('nobody', { first: 5, after: null, statuses: null })).toEqual({ edges: [], hasNextPage: false, endCursor: null });
    });
  });
}
