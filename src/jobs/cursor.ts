import { FacadeError } from '../errors/index.ts';

// A cursor is the job's insertion sequence number, which only grows: jobs created after a
// page was read sort before it (newest first), so they never shift or repeat later pages.
// Opaque to clients (base64url of a versioned string) so the encoding may change.
const PREFIX = 'job:v1:';

/** The opaque cursor of the job with this sequence number. */
export function toJobCursor(sequence: number): string {
  return Buffer.from(`${PREFIX}${sequence}`).toString('base64url');
}

/** The sequence number in a cursor; BAD_USER_INPUT, quoting it, for anything this facade did not hand out. */
export function parseJobCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const digits = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  const sequence = /^[1-9][0-9]{0,14}$/.test(digits) ? Number(digits) : Number.NaN;
  if (!Number.isSafeInteger(sequence)) {
    throw new FacadeError('BAD_USER_INPUT', `The cursor ${JSON.stringify(cursor.slice(0, 80))} is not one this API returned: pass a pageInfo.endCursor unchanged, or leave "after" out.`);
  }
  return sequence;
}
