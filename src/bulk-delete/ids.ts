import { FacadeError } from '../errors/index.ts';
import type { InputLimits } from '../config/index.ts';

// C0 and C1 controls, DEL, and the Unicode line/paragraph separators: never part of a real
// vendor ID, and dangerous in logs and URLs.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Checks a mutation's `ids` (CONTRACT §4 BAD_USER_INPUT) and returns the distinct IDs in
 * first-seen order, the order batches are cut in (CONTRACT §5, LeadLex). Throws a
 * FacadeError naming the first problem and where it is, before any upstream call.
 */
export function getValidIds(ids: readonly string[], limits: InputLimits): string[] {
  if (ids.length === 0) {
    throw new FacadeError('BAD_USER_INPUT', '`ids` is empty: give at least one ID to delete.');
  }
  if (ids.length > limits.maxIdsPerCall) {
    throw new FacadeError('BAD_USER_INPUT', `\`ids\` has ${ids.length} entries; at most ${limits.maxIdsPerCall} are accepted per call (duplicates count). Split the list into several calls.`);
  }
  // One scan of all IDs for control characters instead of one per ID: only when there is one
  // does each ID need testing, to name the first.
  const anyControl = CONTROL_CHARACTERS.test(ids.join(''));
  const distinct = new Set<string>();
  for (let index = 0; index < ids.length; index++) {
    const id = ids[index] as string;
    const trimmed = id.trim();
    if (trimmed === '') {
      throw new FacadeError('BAD_USER_INPUT', `\`ids[${index}]\` is blank: every ID must have visible characters.`);
    }
    if (id.length > limits.maxIdLength) {
      throw new FacadeError('BAD_USER_INPUT', `\`ids[${index}]\` is ${id.length} characters long; IDs are at most ${limits.maxIdLength}.`);
    }
    if (anyControl && CONTROL_CHARACTERS.test(id)) {
      throw new FacadeError('BAD_USER_INPUT', `\`ids[${index}]\` contains a control character; remove it.`);
    }
    if (id !== trimmed) {
      throw new FacadeError('BAD_USER_INPUT', `\`ids[${index}]\` has leading or trailing whitespace; send the ID exactly.`);
    }
    distinct.add(id);
  }
  return distinct.size === ids.length ? ids.slice() : [...distinct];
}

/**
 * Checks an optional single-valued input such as `streamId` or `idempotencyKey`: null/absent
 * passes through; a present value must be non-blank, short and free of control characters.
 */
export function getValidToken(name: string, value: string | null | undefined, maxLength: number): string | null {
  if (value === null || value === undefined) return null;
  if (value.trim() === '') throw new FacadeError('BAD_USER_INPUT', `\`${name}\` is blank: leave it out or give a value.`);
  if (value.length > maxLength) throw new FacadeError('BAD_USER_INPUT', `\`${name}\` is ${value.length} characters long; at most ${maxLength} are accepted.`);
  if (CONTROL_CHARACTERS.test(value) || value !== value.trim()) {
    throw new FacadeError('BAD_USER_INPUT', `\`${name}\` contains whitespace at an end or a control character; send it exactly.`);
  }
  return value;
}
