/** A `TopValues` as plain data. */
export interface TopValuesState {
  readonly counts: readonly (readonly [string, number])[];
  readonly untracked: number;
}

/**
 * Counts values (unrecognized titles, say) with bounded memory: at most `capacity` distinct
 * values are tracked; once full, a new value evicts nothing and is counted in `untracked`.
 * Real files repeat their odd values, so the common ones are seen early and kept.
 */
export class TopValues {
  private readonly counts = new Map<string, number>();
  untracked = 0;

  constructor(private readonly capacity = 10_000) {}

  /** The counts as plain data, to send across threads and `merge` elsewhere. */
  state(): TopValuesState {
    return { counts: [...this.counts], untracked: this.untracked };
  }

  /** Add another tally's counts (values beyond the capacity go to `untracked`). */
  merge(state: TopValuesState): void {
    for (const [value, n] of state.counts) {
      const count = this.counts.get(value);
      if (count !== undefined) this.counts.set(value, count + n);
      else if (this.counts.size < this.capacity) this.counts.set(value, n);
      else this.untracked += n;
    }
    this.untracked += state.untracked;
  }

  add(value: string): void {
    const count = this.counts.get(value);
    if (count !== undefined) this.counts.set(value, count + 1);
    else if (this.counts.size < this.capacity) this.counts.set(value, 1);
    else this.untracked++;
  }

  /** Total occurrences, tracked or not. */
  get total(): number {
    let sum = this.untracked;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  /** The `n` most frequent values, most frequent first (ties in text order, so that merged tallies agree). */
  top(n: number): { value: string; count: number }[] {
    return [...this.counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, n)
      .map(([value, count]) => ({ value, count }));
  }
}
