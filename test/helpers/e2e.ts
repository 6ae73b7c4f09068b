/**
 * One-line helpers for the end-to-end suites: start a facade whose three simulators hold the
 * same seed records, read a mutation's result or error, and check what the simulators did.
 */
import { expect } from 'vitest';
import type { SimulatorHandle } from '../../src/simulators/index.ts';
import { mutationDocument, type FailureCode, type MutationInput, type MutationName, type MutationResult } from './documents.ts';
import {
  SECRETS, accountingProblems, startFacade,
  type FacadeHarness, type GraphQLAnswer, type HarnessOptions,
} from './facade.ts';

export { mutationDocument, type FailureCode, type MutationInput, type MutationName, type MutationResult } from './documents.ts';

/** Which simulator serves which mutation. */
export const UPSTREAM_OF = { intents: 'stoq', contacts: 'kore', deals: 'leadlex' } as const satisfies Record<MutationName, string>;

/** Records every simulator holds at start unless a test says otherwise. */
export const SEED = ['x1', 'x2', 'x3'] as const;

/** The simulator behind a mutation. */
export function simOf(facade: FacadeHarness, mutation: MutationName): SimulatorHandle {
  return facade[UPSTREAM_OF[mutation]];
}

/** Starts a facade whose three simulators hold `seed` (default SEED), plus whatever `options` add. */
export function startSeeded(options: HarnessOptions = {}, seed: readonly string[] = SEED): Promise<FacadeHarness> {
  return startFacade({
    ...options,
    stoq: { ...options.stoq, intents: [...seed.map((id) => ({ id })), ...(options.stoq?.intents ?? [])] },
    kore: { ...options.kore, contacts: [...seed.map((id) => ({ id })), ...(options.kore?.contacts ?? [])] },
    leadlex: { ...options.leadlex, deals: [...seed.map((id) => ({ id })), ...(options.leadlex?.deals ?? [])] },
  });
}

/** Runs one mutation with `input` (ids plus options). */
export function mutate<M extends MutationName>(facade: FacadeHarness, mutation: M, input: MutationInput<M>, headers?: Record<string, string>): Promise<GraphQLAnswer<{ result: MutationResult<M> | null }>> {
  return facade.graphql(mutationDocument(mutation), { input }, headers);
}

/** What an error's extensions must hold; absent keys must be absent. */
export interface ExpectedError {
  code: string;
  upstream?: string;
  upstreamStatus?: number;
  retryAfter?: number | 'any';
}

/** Asserts the answer is exactly one GraphQL error on `result`, with `data.result === null`. */
export function expectError(answer: GraphQLAnswer<unknown>, expected: ExpectedError): { message: string; extensions: Record<string, any> } {
  expect(answer.status).toBe(200);
  expect(answer.body.data).toEqual({ result: null });
  expect(answer.body.errors).toHaveLength(1);
  const error = answer.body.errors?.[0] ?? { message: '', extensions: {} };
  expect(error.path).toEqual(['result']);
  const extensions = error.extensions ?? {};
  expect(extensions.code).toBe(expected.code);
  expect(extensions.upstream).toBe(expected.upstream);
  expect(extensions.upstreamStatus).toBe(expected.upstreamStatus);
  if (expected.retryAfter === 'any') {
    expect(Number.isInteger(extensions.retryAfter) && extensions.retryAfter >= 1).toBe(true);
  } else {
    expect(extensions.retryAfter).toBe(expected.retryAfter);
  }
  expect(error.message.length).toBeGreaterThan(10);
  return { message: error.message, extensions };
}

/** The result of a mutation that must not be an error; asserts the accounting rule. */
export function expectResult<R extends MutationResult>(answer: GraphQLAnswer<{ result: R | null }>): R {
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  const result = answer.body.data?.result;
  expect(accountingProblems(result)).toEqual([]);
  return result as R;
}

/** The IDs of a result's failures with `code`, in order. */
export function failed(result: MutationResult, code: FailureCode): string[] {
  return result.failures.filter((f) => f.code === code).map((f) => f.id);
}

/** Asserts the simulator deleted nothing and still holds every one of `ids`. */
export function expectNothingDeleted(sim: SimulatorHandle, ids: readonly string[] = SEED): void {
  expect(sim.deletedIds).toEqual([]);
  for (const id of ids) expect(sim.has(id)).toBe(true);
}

/** Every configured secret the harness uses, plus extra ones a test configured. */
export function secretValues(extra: readonly string[] = []): string[] {
  return [...Object.entries(SECRETS).filter(([name]) => name !== 'koreClientId').map(([, value]) => value), ...extra];
}

/** The secrets found in `text`, or in any of the facade's log lines. */
export function leakedSecrets(texts: readonly string[], secrets: readonly string[]): string[] {
  return secrets.filter((secret) => texts.some((text) => text.includes(secret)));
}
