import type { BulkDeleteResultModel } from '../bulk-delete/result.ts';
import type { Failure } from '../bulk-delete/outcome.ts';

// What the store keeps of a result: only what a replay cannot rebuild. A replay carries the
// same set of distinct IDs as the first call (the fingerprint says so, docs/contract.md §6), so every
// ID in the result is kept as its position in that set, sorted: a few characters instead of
// up to MAX_ID_LENGTH, and a run of neighbours as one pair. A 10,000-ID result with IDs of
// 256 characters takes 2.6 MB as JSON and some kilobytes (at most ~60 kB) here. Failure rows
// keep each distinct (code, message, upstream code) once, and runs of rows sharing one as
// one pair: a batch refused as a whole fails its 500 IDs with one message.

/**
 * IDs as positions in the request's sorted distinct IDs: `n` is the ID at n, `[n, count]`
 * the `count` IDs from n on, a string an ID that was not in the request (kept as it is, so
 * nothing an upstream said is lost).
 */
export type StoredIds = ReadonlyArray<number | readonly [number, number] | string>;

/** A result as stored: the result's own small fields, and its ID lists and rows packed. */
export interface StoredResult {
  /** Format tag: a record without it is a whole BulkDeleteResultModel (stored by an earlier version). */
  readonly v: 2;
  readonly kind: BulkDeleteResultModel['kind'];
  readonly requestedCount: number;
  readonly deletedCount: number;
  readonly notFoundCount: number;
  readonly failedCount: number;
  readonly dryRun: boolean;
  readonly upstreamRequestIds: readonly string[];
  readonly rateLimit: BulkDeleteResultModel['rateLimit'];
  readonly deletedIds: StoredIds | null;
  readonly sentIntentIds: StoredIds;
  /** Each failed ID, in the result's order. */
  readonly failedIds: StoredIds;
  /** The distinct (code, message, upstreamCode) of the failures. */
  readonly reasons: ReadonlyArray<readonly [Failure['code'], string, string | null]>;
  /** [index in `reasons`, rows] pairs: the failures' reasons, in order, run-length coded. */
  readonly reasonRuns: ReadonlyArray<readonly [number, number]>;
}

/** A stored record's result: packed, or whole when an earlier version stored it. */
export type StoredRecord = StoredResult | BulkDeleteResultModel;

/**
 * Packs a result against the request's sorted distinct IDs (`sortedIds`, as the fingerprint
 * sorts them: by UTF-16 code unit, the order `<` compares in). Linear in the result's IDs,
 * plus a binary search for each ID that does not follow the one before it in sorted order.
 */
export function toStoredResult(result: BulkDeleteResultModel, sortedIds: readonly string[]): StoredResult {
  // A search, not a map of every ID: building the map took 3 ms of a 10,000-ID call's
  // critical path. IDs in runs need a lookup per run; 10,000 random IDs searched one by one
  // still cost less than the map (bench/optimisations.md, "Large deletes: the fixed part").
  const positionOf = (id: string): number | undefined => {
    let low = 0;
    let high = sortedIds.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const candidate = sortedIds[middle] as string;
      if (candidate === id) return middle;
      if (candidate < id) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  };
  const pack = (ids: Iterable<string>): StoredIds => {
    const packed: Array<number | [number, number] | string> = [];
    let runStart = -1;
    let runLength = 0;
    const flush = (): void => {
      if (runLength === 1) packed.push(runStart);
      else if (runLength > 1) packed.push([runStart, runLength]);
      runLength = 0;
    };
    for (const id of ids) {
      // The next ID of a run needs no lookup: IDs sent in sorted order never build the map.
      if (runLength > 0 && sortedIds[runStart + runLength] === id) {
        runLength++;
        continue;
      }
      const at = positionOf(id);
      if (at === undefined) {
        flush();
        packed.push(id);
      } else {
        flush();
        runStart = at;
        runLength = 1;
      }
    }
    flush();
    return packed;
  };

  const reasons: Array<[Failure['code'], string, string | null]> = [];
  const reasonIndex = new Map<string, number>();
  const reasonRuns: Array<[number, number]> = [];
  let previous: Failure | undefined;
  for (const failure of result.failures) {
    const last = reasonRuns[reasonRuns.length - 1];
    // Rows of one refused batch share their reason: extend the run without a lookup.
    if (last !== undefined && previous !== undefined && failure.code === previous.code && failure.message === previous.message && failure.upstreamCode === previous.upstreamCode) {
      last[1]++;
      continue;
    }
    previous = failure;
    const signature = `${failure.code}\u0000${failure.upstreamCode ?? '\u0001'}\u0000${failure.message}`;
    let index = reasonIndex.get(signature);
    if (index === undefined) {
      index = reasons.length;
      reasons.push([failure.code, failure.message, failure.upstreamCode]);
      reasonIndex.set(signature, index);
    }
    if (last !== undefined && last[0] === index) last[1]++;
    else reasonRuns.push([index, 1]);
  }

  return {
    v: 2,
    kind: result.kind,
    requestedCount: result.requestedCount,
    deletedCount: result.deletedCount,
    notFoundCount: result.notFoundCount,
    failedCount: result.failedCount,
    dryRun: result.dryRun,
    upstreamRequestIds: result.upstreamRequestIds,
    rateLimit: result.rateLimit,
    deletedIds: result.deletedIds === null ? null : pack(result.deletedIds),
    sentIntentIds: pack(result.sentIntentIds),
    failedIds: pack(failureIds(result.failures)),
    reasons,
    reasonRuns,
  };
}

/**
 * Rebuilds the result a record was made from, given the same sorted distinct IDs (a replay's
 * own: its fingerprint matched). A record of an earlier version is already whole.
 */
export function fromStoredRecord(record: StoredRecord, sortedIds: readonly string[]): BulkDeleteResultModel {
  if (!isStoredResult(record)) return record;
  const unpack = (ids: StoredIds): string[] => {
    const out: string[] = [];
    for (const item of ids) {
      if (typeof item === 'string') out.push(item);
      else if (typeof item === 'number') out.push(idAt(sortedIds, item));
      else for (let i = item[0]; i < item[0] + item[1]; i++) out.push(idAt(sortedIds, i));
    }
    return out;
  };
  const failedIds = unpack(record.failedIds);
  const failures: Failure[] = [];
  for (const [index, rows] of record.reasonRuns) {
    const [code, message, upstreamCode] = record.reasons[index] ?? unreadable();
    for (let i = 0; i < rows; i++) failures.push({ id: failedIds[failures.length] ?? unreadable(), code, message, upstreamCode });
  }
  if (failures.length !== failedIds.length) unreadable();
  return {
    kind: record.kind,
    requestedCount: record.requestedCount,
    deletedCount: record.deletedCount,
    notFoundCount: record.notFoundCount,
    failedCount: record.failedCount,
    deletedIds: record.deletedIds === null ? null : unpack(record.deletedIds),
    failures,
    dryRun: record.dryRun,
    upstreamRequestIds: record.upstreamRequestIds,
    rateLimit: record.rateLimit,
    sentIntentIds: unpack(record.sentIntentIds),
  };
}

/** True for a packed record (as opposed to a whole result stored by an earlier version). */
export function isStoredResult(record: StoredRecord): record is StoredResult {
  return (record as { v?: unknown }).v === 2;
}

function* failureIds(failures: readonly Failure[]): Iterable<string> {
  for (const failure of failures) yield failure.id;
}

function idAt(sortedIds: readonly string[], index: number): string {
  return sortedIds[index] ?? unreadable();
}

// The record and the replay's IDs disagree: never a result to send.
function unreadable(): never {
  throw new Error('A stored idempotency record does not match the request\'s IDs');
}
