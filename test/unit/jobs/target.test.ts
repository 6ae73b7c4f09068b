import { describe, expect, it } from 'vitest';
import { FacadeError } from '../../../src/errors/index.ts';
import { assertJobTarget, normaliseJobOptions, type JobOptionsInput, type JobTarget } from '../../../src/jobs/index.ts';

describe('normaliseJobOptions', () => {
  it.each<[JobTarget, JobOptionsInput]>([
    ['DEALS', { dryRun: true }],
    ['INTENTS', { skipSent: true }],
    ['CONTACTS', { streamId: 'st-1' }],
    ['INTENTS', { dryRun: false, streamId: null }],
  ])('accepts %s with %j', (target, input) => {
    expect(() => normaliseJobOptions(target, input)).not.toThrow();
  });

  it.each<[JobTarget, JobOptionsInput, string]>([
    ['INTENTS', { dryRun: true }, 'dryRun applies to DEALS jobs only, not INTENTS'],
    ['CONTACTS', { dryRun: true }, 'dryRun applies to DEALS jobs only, not CONTACTS'],
    ['DEALS', { skipSent: true }, 'skipSent applies to INTENTS jobs only, not DEALS'],
    ['DEALS', { streamId: 'st-1' }, 'streamId applies to CONTACTS jobs only, not DEALS'],
    ['INTENTS', { streamId: 'st-1' }, 'streamId applies to CONTACTS jobs only, not INTENTS'],
  ])('refuses %s with %j', (target, input, message) => {
    expect(() => normaliseJobOptions(target, input)).toThrow(message);
  });

  it('defaults every option', () => {
    expect(normaliseJobOptions('CONTACTS', {})).toEqual({ dryRun: false, skipSent: false, streamId: null });
  });

  it('refuses an unknown target with BAD_USER_INPUT quoting it', () => {
    expect(() => assertJobTarget('TICKETS')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringContaining('"TICKETS"') }) as FacadeError);
  });
});
