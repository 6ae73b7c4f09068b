import { FacadeError } from '../errors/index.ts';
import { MAX_STREAM_ID_LENGTH, STREAM_ID_PATTERN, type InputLimits } from '../config/index.ts';

// C0 and C1 controls, DEL, and the Unicode line/paragraph separators: never part of a real
// vendor ID, and dangerous in logs and URLs.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A call's IDs once checked (`getDistinctValidIds`). */
export interface DistinctIds {
  /** The distinct IDs in first-seen order, the order batches are cut in (docs/contract.md §5, LeadLex). */
  readonly ids: readonly string[];
  /** The same IDs in code-unit order, as an idempotency fingerprint lists them; null unless asked for. */
  readonly sorted: readonly string[] | null;
}

/**
 * Checks a mutation's `ids` (docs/contract.md §4 BAD_USER_INPUT) and returns the distinct IDs in
 * first-seen order, the order batches are cut in (docs/contract.md §5, LeadLex). Throws a
 * FacadeError naming the first problem and where it is, before any upstream call.
 */
export function getValidIds(ids: readonly string[], limits: InputLimits): readonly string[] {
  return getDistinctValidIds(ids, limits).ids;
}

/**
 * {@link getValidIds}; with `sorted`, also the distinct IDs in code-unit order, which an
 * idempotent call's fingerprint needs. Duplicates are then found in that sorted copy, where they
 * sit side by side, instead of in a set of every ID as well (bench/optimisations.md, "Large deletes:
 * the fixed part").
 */
export function getDistinctValidIds(ids: readonly string[], limits: InputLimits, sorted = false): DistinctIds {
  if (ids.length === 0) {
    throw new FacadeError('BAD_USER_INPUT', '`ids` is empty: give at least one ID to delete.');
  }
  if (ids.length > limits.maxIdsPerCall) {
    throw new FacadeError('BAD_USER_INPUT', `\`ids\` has ${ids.length} entries; at most ${limits.maxIdsPerCall} are accepted per call (duplicates count). Split the list into several calls.`);
  }
  // One pass, each ID checked where it stands: a regex test of a 40-character ID is cheaper than
  // joining every ID into one string to scan (at 10,000 IDs the join alone took a millisecond).
  for (let index = 0; index < ids.length; index++) {
    const id = ids[index] as string;
    const trimmed = id.trim();
    if (trimmed === '') {
      throw new FacadeError('BAD_USER_INPUT', `\`ids[${index}]\` is blank: every ID must have visible characters.`);
    }
    if (id.length > limits.maxIdLength) {
      throw new FacadeError('BAD_USER_INPUT', `\`ids[${index}]\` is ${id.length} characters long; IDs are at most ${limits.maxIdLength}.`);
    }
    // A lone surrogate has no UTF-8 form: encoded for an upstream, a hash or a log it becomes
    // U+FFFD, so `k\ud800` and `k\ufffd` would name the same record.
    if (!id.isWellFormed()) {
      throw new FacadeError('BAD_USER_INPUT', `\`ids[${index}]\` is not well-formed Unicode (a lone surrogate); send the ID as UTF-8 text.`);
    }
    if (CONTROL_CHARACTERS.test(id)) {
      throw new FacadeError('BAD_USER_INPUT', `\`ids[${index}]\` contains a control character; remove it.`);
    }
    if (id !== trimmed) {
      throw new FacadeError('BAD_USER_INPUT', `\`ids[${index}]\` has leading or trailing whitespace; send the ID exactly.`);
    }
  }
  return sorted ? sortedDistinctIds(ids) : { ids: distinctIds(ids), sorted: null };
}

/** Below this many IDs a linear scan finds duplicates faster than building a set. */
const SMALL_LIST = 16;

/**
 * The distinct IDs in first-seen order; without duplicates, the caller's own list: nothing
 * changes it, and a copy of 10,000 IDs is garbage.
 */
function distinctIds(ids: readonly string[]): readonly string[] {
  if (ids.length <= SMALL_LIST) {
    for (let i = 1; i < ids.length; i++) {
      if (ids.lastIndexOf(ids[i] as string, i - 1) !== -1) return [...new Set(ids)];
    }
    return ids;
  }
  const distinct = new Set(ids);
  return distinct.size === ids.length ? ids : [...distinct];
}

/**
 * {@link distinctIds} from a sorted copy: equal IDs end up side by side. Only when there are
 * duplicates (rarely) is the first-seen order rebuilt with a set.
 */
function sortedDistinctIds(ids: readonly string[]): DistinctIds {
  const sorted = [...ids].sort();
  let kept = 1;
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] !== sorted[kept - 1]) sorted[kept++] = sorted[i] as string;
  }
  if (kept === sorted.length) return { ids, sorted };
  sorted.length = kept;
  return { ids: [...new Set(ids)], sorted };
}

/**
 * Checks an optional single-valued input such as `idempotencyKey`: null/absent passes through;
 * a present value must be non-blank, short, well-formed Unicode and free of control characters.
 */
export function getValidToken(name: string, value: string | null | undefined, maxLength: number): string | null {
  if (value === null || value === undefined) return null;
  if (value.trim() === '') throw new FacadeError('BAD_USER_INPUT', `\`${name}\` is blank: leave it out or give a value.`);
  if (value.length > maxLength) throw new FacadeError('BAD_USER_INPUT', `\`${name}\` is ${value.length} characters long; at most ${maxLength} are accepted.`);
  if (!value.isWellFormed()) throw new FacadeError('BAD_USER_INPUT', `\`${name}\` is not well-formed Unicode (a lone surrogate); send it as UTF-8 text.`);
  if (CONTROL_CHARACTERS.test(value) || value !== value.trim()) {
    throw new FacadeError('BAD_USER_INPUT', `\`${name}\` contains whitespace at an end or a control character; send it exactly.`);
  }
  return value;
}

/**
 * Checks an optional `streamId` (docs/contract.md §4): null/absent passes through; a present value must
 * be a plain token (letters, digits, `_`, `-`), because it becomes a path segment of an
 * authenticated Kore.ai call and must never name another path (`..`, `.`, `/`, `%2e`).
 */
export function getValidStreamId(value: string | null | undefined): string | null {
  const streamId = getValidToken('streamId', value, MAX_STREAM_ID_LENGTH);
  if (streamId !== null && !STREAM_ID_PATTERN.test(streamId)) {
    throw new FacadeError('BAD_USER_INPUT', `\`streamId\` ${JSON.stringify(streamId)} is not a plain token: use only letters, digits, \`_\` and \`-\`.`);
  }
  return streamId;
}
