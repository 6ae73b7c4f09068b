// docs/contract.md §3, the accounting rule, for any upstream answer and any mix of batch outcomes.
import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { accountOf, failureCodeForRefusal, isConsistent, type BatchOutcome } from '../../../src/bulk-delete/outcome.ts';
import { assertAccounting, buildResult } from '../../../src/bulk-delete/result.ts';
import { FacadeError, type UpstreamName } from '../../../src/errors/index.ts';
import type { CallResult } from '../../../src/upstreams/http.ts';
import { normaliseKore, parseKoreResponse } from '../../../src/upstreams/kore/index.ts';
import { normaliseLeadLex, parseLeadLexResponse } from '../../../src/upstreams/leadlex/index.ts';
import { normaliseStoq, parseStoqResponse } from '../../../src/upstreams/stoq/index.ts';
import { createTally, expectCoverage, type Tally } from '../../helpers/coverage.ts';
import { koreCase, leadLexCase, outcomeMixArb, stoqCase } from './arbitraries.ts';
import { flat, NOW } from './helpers.ts';

const RUNS = { numRuns: 300 };

/** How a call ended, and what the normalised outcome made of it: each must be generated often enough to matter. */
const CALL_CASES = ['lost', 'not-sent', '2xx', 'refusal status', 'processed earlier', 'deleted', 'not found', 'refused', 'unknown', 'row failure'] as const;
type CallCase = (typeof CALL_CASES)[number];

function tallyCall(tally: Tally<CallCase>, result: CallResult, given: BatchOutcome): void {
  const outcome = flat(given);
  const status = result.kind === 'answer' ? result.answer.status : null;
  tally.addWhere({
    lost: result.kind === 'lost',
    'not-sent': result.kind === 'not-sent',
    '2xx': status !== null && status >= 200 && status < 300,
    'refusal status': status !== null && status >= 400,
    'processed earlier': result.kind === 'answer' && result.mayHaveProcessedEarlier && (status ?? 0) >= 400,
    deleted: outcome.deletedCount > 0,
    'not found': outcome.notFoundCount > 0,
    refused: outcome.refusal !== null,
    unknown: outcome.failures.some((f) => f.code === 'OUTCOME_UNKNOWN'),
    'row failure': outcome.refusal === null && outcome.failures.some((f) => f.code !== 'OUTCOME_UNKNOWN'),
  });
}
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
  // Kore.ai has no "not found": a missing contact is a failed record.
  it.each([
    ['Stoq', 'stoq', stoqCase, 3001, (ids: string[], result: CallResult) => normaliseStoq(ids, parseStoqResponse(result, ids, NOW), result.meta), 5],
    ['Kore.ai', 'kore', koreCase, 3002, (ids: string[], result: CallResult) => normaliseKore(ids, parseKoreResponse(result, NOW), result.meta), 0],
    ['LeadLex', 'leadlex', leadLexCase, 3003, (ids: string[], result: CallResult) => normaliseLeadLex(ids, parseLeadLexResponse(result, ids, NOW), result.meta), 5],
  ] as const)('for any %s answer', (_name, upstream, arb, seed, normalise, notFoundMin) => {
    const tally = createTally(CALL_CASES);
    fc.assert(fc.property(arb, ([ids, result]) => {
      const outcome = normalise(ids, result);
      expectSound(upstream, ids, result, outcome);
      tallyCall(tally, result, outcome);
    }), { ...RUNS, seed });
    expectCoverage(tally, { ...Object.fromEntries(CALL_CASES.map((c) => [c, 5])), 'not found': notFoundMin });
  });
});

const MIX_CASES = ['threw', 'result', 'several batches', 'refused and answered', 'untrusted batch', 'deletedIds unknown'] as const;

describe('buildResult keeps the accounting rule', () => {
  it('throws exactly when every batch was refused or not sent, and otherwise accounts for every ID', () => {
    const tally = createTally(MIX_CASES);
    fc.assert(fc.property(outcomeMixArb, ([ids, outcomes]) => {
    tally.addWhere({
      'several batches': outcomes.length > 1,
      'refused and answered': outcomes.some((o) => o.kind === 'refused') && outcomes.some((o) => o.kind === 'answered'),
      'untrusted batch': outcomes.some((o) => !isConsistent(o)),
    });
    const trusted = outcomes.map((o) => (isConsistent(o) ? o : null));
    const allRefused = outcomes.every((o, i) => trusted[i] !== null && (o.kind === 'refused' || o.kind === 'not-sent')) && outcomes.some((o, i) => trusted[i] !== null && o.kind === 'refused');

    let result;
    try {
      result = buildResult('deals', ids, outcomes, false);
    } catch (error) {
      expect(allRefused, 'threw although a batch was answered').toBe(true);
      expect(error).toBe(outcomes.find((o) => o.kind === 'refused')?.error);
      tally.add('threw');
      return;
    }
    tally.add('result');
    if (result.deletedIds === null) tally.add('deletedIds unknown');
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
    }), { numRuns: 500, seed: 3004 });
    expectCoverage(tally, 20);
  });
});
