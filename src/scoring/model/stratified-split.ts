import { createSeededRandom } from '../../domain/seeded-random.js';

/** Row indices in two parts, each in ascending order. */
export interface Split {
  readonly held: Int32Array;
  readonly kept: Int32Array;
}

/**
 * Holds out `share` of the rows, the same share of each class (stratified), chosen by a seeded
 * shuffle: the same labels, share and seed give the same split. `among` restricts the split to
 * those rows (default: all).
 */
export const stratifiedSplit = (
  labels: Uint8Array,
  share: number,
  seed: number,
  among?: Int32Array,
): Split => {
  const rows = among ?? Int32Array.from(labels.keys());
  const random = createSeededRandom(seed);
  const byClass: number[][] = [[], []];
  for (const r of rows) (byClass[labels[r] as number] as number[]).push(r);
  const held: number[] = [];
  const kept: number[] = [];
  for (const members of byClass) {
    const shuffled = random.shuffle(members);
    const take = Math.round(shuffled.length * share);
    held.push(...shuffled.slice(0, take));
    kept.push(...shuffled.slice(take));
  }
  const sorted = (a: number[]): Int32Array => Int32Array.from(a).sort();
  return { held: sorted(held), kept: sorted(kept) };
};
