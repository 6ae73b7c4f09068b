// CONTRACT §3, the accounting rule, for any upstream answer and any mix of batch outcomes.
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { accountOf, failureCodeForRefusal, isConsistent, type BatchOutcome } from '../../../src/bulk-delete/outcome.ts';
import { assertAccounting, buildResult } from '../../../src/bulk-delete/result.ts';
import { FacadeError, type UpstreamName } from '../../../src/errors/index.ts';
import type { CallResult } from '../../../src/upstreams/http.ts';
import { normaliseKore, parseKoreResponse } from '../../../src/upstreams/kore/index.ts';
import { normaliseLeadLex, parseLeadLexResponse } from '../../../src/upstreams/leadlex/index.ts';
import { normaliseStoq, parseStoqResponse } from '../../../src/upstreams/stoq/index.ts';
import { koreCase, leadLexCase, outcomeMixArb, stoqCase } from './arbitraries.ts';
import { flat, NOW } from './helpers.ts';

const RUNS = { numRuns: 300 };
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** What every normalised outcome must satisfy, whatever the upstream said. */
function expectSound(upstream: UpstreamName, ids: readonly string[], result: CallResult, given: BatchOutcome): void {
  expect(isConsistent(given)).toBe(true);
  const outcome = flat(given);
  expect(outcome.ids).toEqual(ids);
  const answered2xx = result.kind === 'answer' && result.answer.status >= 200 && result.answer.status < 300;
  // Nothing is reported deleted or not found unless the upstream answered so.
  if (!answered2xx) expect(outcome.deletedCount).toBe(0);
  if (result.kind === 'lost') expect(outcome.failures.every((f) => f.code === 'OUTCOME_UNKNOWN')).toBe(true);
  // An error (nothing deleted, and the facade knows it) only when nothing may have been processed.
  const { refusal } = outcome;
  if (refusal !== null) {
    expect(result.kind === 'lost' || (result.kind === 'answer' && result.mayHaveProcessedEarlier)).toBe(false);
    expect(refusal).toBeInstanceOf(FacadeError);
    expect(refusal.upstream).toBe(upstream);
    expect(outcome.failures.every((f) => f.code === failureCodeForRefusal(refusal))).toBe(true);
  }
  if (result.kind === 'answer' && result.mayHaveProcessedEarlier && !answered2xx) {
    expect(outcome.failures.every((f) => f.code === 'OUTCOME_UNKNOWN')).toBe(true);
  }
  for (const failure of outcome.failures) {
    expect(failure.message).not.toMatch(CONTROL);
    expect(failure.message.length).toBeLessThanOrEqual(400);
    if (failure.upstreamCode !== null) expect(failure.upstreamCode.length).toBeLessThanOrEqual(64);
  }
}

describe('vendor normalisation keeps the accounting rule', () => {
  test.prop([stoqCase], { ...RUNS, seed: 3001 })('for any Stoq answer', ([ids, result]) => {
    expectSound('stoq', ids, result, normaliseStoq(ids, parseStoqResponse(result, ids, NOW), result.meta));
  });

  test.prop([koreCase], { ...RUNS, seed: 3002 })('for any Kore.ai answer', ([ids, result]) => {
    expectSound('kore', ids, result, normaliseKore(ids, parseKoreResponse(result, NOW), result.meta));
  });

  test.prop([leadLexCase], { ...RUNS, seed: 3003 })('for any LeadLex answer', ([ids, result]) => {
    expectSound('leadlex', ids, result, normaliseLeadLex(ids, parseLeadLexResponse(result, ids, NOW), result.meta));
  });
});

describe('buildResult keeps the accounting rule', () => {
  test.prop([outcomeMixArb], { numRuns: 500, seed: 3004 })('throws exactly when every batch was refused or not sent, and otherwise accounts for every ID', ([ids, outcomes]) => {
    const trusted = outcomes.map((o) => (isConsistent(o) ? o : null));
    const allRefused = outcomes.every((o, i) => trusted[i] !== null && (o.kind === 'refused' || o.kind === 'not-sent')) && outcomes.some((o, i) => trusted[i] !== null && o.kind === 'refused');

    let result;
    try {
      result = buildResult('deals', ids, outcomes, false);
    } catch (error) {
      expect(allRefused, 'threw although a batch was answered').toBe(true);
      expect(error).toBe(outcomes.find((o) => o.kind === 'refused')?.error);
      return;
    }
    expect(allRefused, 'returned a result although every batch was refused').toBe(false);

    expect(() => assertAccounting(result)).not.toThrow();
    expect(result.requestedCount).toBe(ids.length);
    expect(result.requestedCount).toBe(result.deletedCount + result.notFoundCount + result.failedCount);
    expect(result.failures.length).toBe(result.failedCount);
    const failedIds = result.failures.map((f) => f.id);
    expect(new Set(failedIds).size).toBe(failedIds.length);
    expect(failedIds.every((id) => ids.includes(id))).toBe(true);
    if (result.deletedIds !== null) {
      expect(result.deletedIds.length).toBe(result.deletedCount);
      expect(result.deletedIds.every((id) => ids.includes(id) && !failedIds.includes(id))).toBe(true);
    }
    expect(result.deletedIds === null).toBe(trusted.some((o) => o !== null && o.kind === 'answered' && o.deletedIds === null));

    // A batch that did not add up is never trusted: its IDs are OUTCOME_UNKNOWN, and its counts are dropped.
    const codeOf = new Map(result.failures.map((f) => [f.id, f.code]));
    outcomes.forEach((outcome, index) => {
      if (trusted[index] === null) expect(outcome.ids.map((id) => codeOf.get(id))).toEqual(outcome.ids.map(() => 'OUTCOME_UNKNOWN'));
    });
    const trustedOutcomes = trusted.filter((o): o is BatchOutcome => o !== null);
    expect(result.deletedCount).toBe(trustedOutcomes.reduce((sum, o) => sum + accountOf(o).deletedCount, 0));
    expect(result.notFoundCount).toBe(trustedOutcomes.reduce((sum, o) => sum + accountOf(o).notFoundCount, 0));
  });
});
