import { BulkDeleteTarget } from '../__generated__/enums.ts';
import { FacadeError } from '../errors/index.ts';

/** Which records a job deletes: one target per vendor (the schema's `BulkDeleteTarget`). */
export type JobTarget = BulkDeleteTarget;

/** The targets, in the schema's order of declaration. */
export const JOB_TARGETS: readonly JobTarget[] = Object.freeze(Object.values(BulkDeleteTarget));

/**
 * The options a job keeps, fully defaulted. Each applies to one target only (docs/contract.md §8):
 * `dryRun` to DEALS, `skipSent` to INTENTS, `streamId` to CONTACTS.
 */
export interface JobOptions {
  readonly dryRun: boolean;
  readonly skipSent: boolean;
  readonly streamId: string | null;
}

/** Options as a client may send them: absent, null or the default mean "not asked for". */
export interface JobOptionsInput {
  readonly dryRun?: boolean | null | undefined;
  readonly skipSent?: boolean | null | undefined;
  readonly streamId?: string | null | undefined;
}

/** Which target each option belongs to. */
const OPTION_TARGET: Readonly<Record<keyof JobOptions, JobTarget>> = {
  dryRun: 'DEALS',
  skipSent: 'INTENTS',
  streamId: 'CONTACTS',
};

/** Type guard: true for INTENTS, CONTACTS or DEALS. */
export function isJobTarget(value: unknown): value is JobTarget {
  return typeof value === 'string' && (JOB_TARGETS as readonly string[]).includes(value);
}

/** Throws BAD_USER_INPUT quoting the value unless it is one of the targets. */
export function assertJobTarget(value: unknown): asserts value is JobTarget {
  if (!isJobTarget(value)) throw new FacadeError('BAD_USER_INPUT', `Unknown job target ${JSON.stringify(value)}: use one of ${JOB_TARGETS.join(', ')}.`);
}

/**
 * The job's options for `target`, defaulted. An option set for another target (`dryRun: true`
 * on INTENTS, any `streamId` on DEALS) is BAD_USER_INPUT naming the option and its target,
 * rather than silently ignored: a client asking for a dry run must not get real deletes.
 */
export function normaliseJobOptions(target: JobTarget, input: JobOptionsInput): JobOptions {
  const options: JobOptions = {
    dryRun: input.dryRun === true,
    skipSent: input.skipSent === true,
    streamId: input.streamId ?? null,
  };
  for (const name of Object.keys(OPTION_TARGET) as (keyof JobOptions)[]) {
    const set = name === 'streamId' ? options.streamId !== null : options[name];
    if (set && OPTION_TARGET[name] !== target) {
      throw new FacadeError('BAD_USER_INPUT', `The option ${name} applies to ${OPTION_TARGET[name]} jobs only, not ${target}: leave it out.`);
    }
  }
  return options;
}
