/**
 * `defineJobStoreContract`: the behaviour every JobStore shares (docs/contract.md §8), run against
 * the embedded SQLite store and the Redis store alike, as test/unit/idempotency/store-contract.ts
 * does for the idempotency stores. A fixture is one store state per test; each `open` is another
 * handle on it (a process reopening the file, another replica on the same Redis), so "the next
 * worker after a crash" is the same test for both.
 */
import { defineAccounting } from './contract/accounting.ts';
import { defineBasics } from './contract/basics.ts';
import { defineLeases } from './contract/leases.ts';
import { definePagination } from './contract/pagination.ts';
import { useFixture, type JobStoreFactory } from './helpers.ts';

/** Defines the shared store behaviour for one implementation. */
export function defineJobStoreContract(name: string, factory: JobStoreFactory): void {
  const open = useFixture(factory);
  defineBasics(name, open);
  defineLeases(name, open);
  definePagination(name, open);
  defineAccounting(name, open);
}
