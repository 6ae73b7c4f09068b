import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, isTerminal, JOB_STATUSES, type JobStatus } from '../../../src/jobs/index.ts';
import { FacadeError } from '../../../src/errors/index.ts';

// The whole table, spelt out here independently of the source: every pair not listed is refused.
const ALLOWED: readonly (readonly [JobStatus, JobStatus])[] = [
  ['OPEN', 'QUEUED'],
  ['OPEN', 'CANCELLED'],
  ['QUEUED', 'RUNNING'],
  ['QUEUED', 'CANCELLED'],
  ['RUNNING', 'RUNNING'],
  ['RUNNING', 'PAUSED'],
  ['RUNNING', 'COMPLETED'],
  ['RUNNING', 'FAILED'],
  ['RUNNING', 'CANCELLED'],
  ['PAUSED', 'RUNNING'],
  ['PAUSED', 'FAILED'],
  ['PAUSED', 'CANCELLED'],
];

const PAIRS = JOB_STATUSES.flatMap((from) => JOB_STATUSES.map((to) => [from, to, ALLOWED.some(([f, t]) => f === from && t === to)] as const));

describe('job status transitions', () => {
  it('covers all 49 pairs of the seven statuses', () => {
    expect(PAIRS).toHaveLength(49);
  });

  it.each(PAIRS)('%s -> %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
    else expect(() => assertTransition(from, to)).toThrow(FacadeError);
  });

  it('names both statuses and what is possible in the refusal', () => {
    expect(() => assertTransition('OPEN', 'COMPLETED')).toThrow('A OPEN job cannot become COMPLETED: from OPEN it can only become QUEUED, CANCELLED.');
    expect(() => assertTransition('COMPLETED', 'CANCELLED')).toThrow(/has ended/);
  });

  it('treats exactly COMPLETED, CANCELLED and FAILED as ended, with no way out', () => {
    expect(JOB_STATUSES.filter(isTerminal)).toEqual(['COMPLETED', 'CANCELLED', 'FAILED']);
    for (const from of JOB_STATUSES.filter(isTerminal)) expect(JOB_STATUSES.some((to) => canTransition(from, to))).toBe(false);
  });
});
