/**
 * Counts what a randomised suite generated, by kind, so the suite proves it generated what it
 * meant to. A generator that silently stops producing a case (a changed weight, a filter, a
 * fault schedule that no longer lines up with the requests) otherwise leaves a property green
 * while it tests nothing.
 */
import { expect } from 'vitest';

/** Counts of generated cases, one per kind named up front. */
export interface Tally<K extends string> {
  /** Counts one case of `kind` (or `by` cases). */
  add(kind: K, by?: number): void;
  /** Counts one case of each kind whose flag is true. */
  addWhere(flags: Partial<Record<K, boolean>>): void;
  readonly counts: Readonly<Record<K, number>>;
}

/** A tally of `kinds`, each at 0. */
export function createTally<K extends string>(kinds: readonly K[]): Tally<K> {
  const counts = Object.fromEntries(kinds.map((kind) => [kind, 0])) as Record<K, number>;
  return {
    counts,
    add: (kind, by = 1) => void (counts[kind] += by),
    addWhere: (flags) => {
      for (const kind of kinds) if (flags[kind] === true) counts[kind]++;
    },
  };
}

/**
 * Fails unless every kind was counted at least `min` times (a number for all kinds, or one per
 * kind; kinds left out of a per-kind map need 1), naming each short kind and every count.
 */
export function expectCoverage<K extends string>(tally: Tally<K>, min: number | Partial<Record<K, number>>): void {
  const short = (Object.entries(tally.counts) as Array<[K, number]>)
    .map(([kind, n]) => ({ kind, n, wanted: typeof min === 'number' ? min : (min[kind] ?? 1) }))
    .filter(({ n, wanted }) => n < wanted)
    .map(({ kind, n, wanted }) => `${kind}: ${n} < ${wanted}`);
  expect(short, `generated too few cases of some kinds; all counts: ${JSON.stringify(tally.counts)}`).toEqual([]);
}
