// Candidates below this trigram Dice cannot be one or two edits from the query; of the rest, the
// best few are scored in full.
const CANDIDATE_DICE = 0.4;
const CANDIDATES = 16;

/**
 * 1 − Levenshtein distance / the longer length: 1 for equal strings, 0.875 for one edit in eight
 * letters. Two rows of a typed array; keys are short.
 */
export const editSimilarity = (a: string, b: string): number => {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1);
    }
    [previous, current] = [current, previous];
  }
  return 1 - (previous[b.length] as number) / longest;
};

/** One name a row is known by: its `companyNameKey`, and the row (any number) it stands for. */
export interface NameEntry {
  readonly key: string;
  readonly row: number;
}

/** The outcome of `NameIndex.search`. */
export type NameMatch =
  | { readonly kind: 'exact' | 'fuzzy'; readonly row: number; readonly score: number }
  | { readonly kind: 'ambiguous'; readonly rows: readonly number[]; readonly score: number }
  | { readonly kind: 'none' };

/** How `NameIndex.search` decides. */
export interface NameSearchOptions {
  /** The lowest fuzzy score accepted, 0..1. */
  readonly minMatch: number;
  /** A runner-up for a different company this close to the best makes the answer ambiguous. */
  readonly tieMargin: number;
  /** Whether two rows are the same company (duplicates of one firm never make a tie). */
  readonly sameCompany: (a: number, b: number) => boolean;
}

/**
 * The distinct character trigrams of a key, padded so that its first and last letters count
 * twice as much as a middle letter: "walmart" → "^^w", "^wa", "wal", …, "rt$".
 */
export const trigramsOf = (key: string): string[] => {
  const padded = `^^${key}$`;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return [...grams];
};

/**
 * Company names indexed for exact and fuzzy lookup. Exact: a map from key to rows. Fuzzy: a
 * name's score is the larger of (a) the Dice coefficient of the two keys' trigram sets,
 * 2·|A∩B| / (|A|+|B|), and (b) `editSimilarity`, computed for the 16 best trigram candidates.
 * Trigrams are counted through an inverted index (trigram → entries) into a typed array, so a
 * search touches only the entries that share a trigram with the query, never the whole table.
 * Both measures work on the space-free key, so spacing ("Home Depot" / "HomeDepot") costs
 * nothing, a typo costs little, and names that merely share a common word ("… Labs", "American
 * …") stay far below 0.85.
 */
export class NameIndex {
  readonly #exact = new Map<string, number[]>();
  readonly #entries: readonly NameEntry[];
  readonly #sizes: Uint16Array;
  readonly #postings = new Map<string, number[]>();
  readonly #counts: Uint16Array;

  constructor(entries: readonly NameEntry[]) {
    this.#entries = entries.filter((entry) => entry.key !== '');
    this.#sizes = new Uint16Array(this.#entries.length);
    this.#counts = new Uint16Array(this.#entries.length);
    this.#entries.forEach((entry, id) => {
      const rows = this.#exact.get(entry.key);
      if (rows === undefined) this.#exact.set(entry.key, [entry.row]);
      else if (!rows.includes(entry.row)) rows.push(entry.row);
      const grams = trigramsOf(entry.key);
      this.#sizes[id] = Math.min(grams.length, 0xffff);
      for (const gram of grams) {
        const posting = this.#postings.get(gram);
        if (posting === undefined) this.#postings.set(gram, [id]);
        else posting.push(id);
      }
    });
  }

  /**
   * The row a key names: an exact key (score 1) when exactly one company has it; else the best
   * fuzzy match at or above `minMatch`, unless a different company scores within `tieMargin` of
   * it (then `ambiguous`, so the caller can answer nothing rather than guess).
   */
  search(key: string, options: NameSearchOptions): NameMatch {
    if (key === '') return { kind: 'none' };
    const exact = this.#exact.get(key);
    if (exact !== undefined) return decide(exact, 1, 'exact', options);
    const grams = trigramsOf(key);
    const touched: number[] = [];
    for (const gram of grams) {
      for (const id of this.#postings.get(gram) ?? []) {
        if (this.#counts[id] === 0) touched.push(id);
        this.#counts[id] = (this.#counts[id] ?? 0) + 1;
      }
    }
    // Trigrams find and rank candidates; the few best also get an edit-distance score, which
    // forgives a typo in a short name that costs it three trigrams ("Wallmart": Dice 0.82).
    const byGrams: { id: number; dice: number }[] = [];
    for (const id of touched) {
      const dice = (2 * (this.#counts[id] ?? 0)) / (grams.length + (this.#sizes[id] ?? 0));
      this.#counts[id] = 0;
      if (dice >= CANDIDATE_DICE) byGrams.push({ id, dice });
    }
    byGrams.sort((a, b) => b.dice - a.dice);
    const floor = options.minMatch - options.tieMargin;
    const scored: { row: number; score: number }[] = [];
    for (const { id, dice } of byGrams.slice(0, CANDIDATES)) {
      const entry = this.#entries[id] as NameEntry;
      const score = Math.max(dice, editSimilarity(key, entry.key));
      if (score >= floor) scored.push({ row: entry.row, score });
    }
    scored.sort((a, b) => b.score - a.score || a.row - b.row);
    const best = scored[0];
    if (best === undefined || best.score < options.minMatch) return { kind: 'none' };
    const rivals = scored
      .filter((s) => best.score - s.score <= options.tieMargin && !options.sameCompany(best.row, s.row))
      .map((s) => s.row);
    return rivals.length === 0
      ? { kind: 'fuzzy', row: best.row, score: best.score }
      : { kind: 'ambiguous', rows: [best.row, ...rivals], score: best.score };
  }
}

const decide = (
  rows: readonly number[],
  score: number,
  kind: 'exact' | 'fuzzy',
  options: NameSearchOptions,
): NameMatch => {
  const first = rows[0] as number;
  const others = rows.filter((row) => !options.sameCompany(first, row));
  return others.length === 0
    ? { kind, row: first, score }
    : { kind: 'ambiguous', rows: [first, ...others], score };
};
