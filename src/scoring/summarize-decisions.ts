import { VERDICTS, type Verdict } from '../domain/decision.js';
import { TopValues, type TopValuesState } from '../intake/audit/top-values.js';
import type { DecisionDraft } from './decide-with-rules.js';
import { formatCount } from '../domain/format-count.js';

const FIT = ['A', 'B', 'C', 'D'] as const;
const INTENT = [1, 2, 3, 4] as const;
const REASONS_PER_LEAD = 3;

/** A `DecisionSummary` as plain data. */
export interface SummaryState {
  readonly verdicts: Readonly<Record<Verdict, number>>;
  readonly grades: Readonly<Record<string, Readonly<Record<number, number>>>>;
  readonly reasons: TopValuesState;
  readonly rejected: number;
  readonly notSampled: number;
}

/** Counts over many decisions: verdicts, the fit × intent grade matrix, the most frequent reasons. */
export class DecisionSummary {
  readonly verdicts: Record<Verdict, number> = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<
    Verdict,
    number
  >;
  /** grades[fit][intent]: how many leads got each grade. */
  readonly grades: Record<string, Record<number, number>> = Object.fromEntries(
    FIT.map((f) => [f, Object.fromEntries(INTENT.map((i) => [i, 0]))]),
  );
  /** Bounded: reasons quote numbers ("3 times in the last 6 days"), so their variety grows with the file. */
  private readonly reasons = new TopValues();
  rejected = 0;
  /** Accepted rows left out of a sample (`qualify --sample`). */
  notSampled = 0;

  /** Count one decision (its first few reasons, by weight, count towards the reason ranking). */
  add(decision: DecisionDraft): void {
    this.verdicts[decision.verdict]++;
    this.grades[decision.fit.grade]![decision.intent.grade]!++;
    for (const reason of decision.reasons.slice(0, REASONS_PER_LEAD)) this.reasons.add(reason.text);
  }

  /** The counts as plain data, to send across threads and `merge` elsewhere. */
  state(): SummaryState {
    return {
      verdicts: { ...this.verdicts },
      grades: structuredClone(this.grades),
      reasons: this.reasons.state(),
      rejected: this.rejected,
      notSampled: this.notSampled,
    };
  }

  /** Add another summary's counts. */
  merge(state: SummaryState): void {
    for (const v of VERDICTS) this.verdicts[v] += state.verdicts[v];
    for (const g of FIT) for (const i of INTENT) this.grades[g]![i]! += state.grades[g]?.[i] ?? 0;
    this.reasons.merge(state.reasons);
    this.rejected += state.rejected;
    this.notSampled += state.notSampled;
  }

  get decided(): number {
    return VERDICTS.reduce((sum, v) => sum + this.verdicts[v], 0);
  }

  /** The `n` most frequent reasons, most frequent first (ties by text). */
  topReasons(n: number): { text: string; count: number }[] {
    return this.reasons.top(n).map(({ value, count }) => ({ text: value, count }));
  }

  /** The summary as text for a terminal. */
  format(): string {
    const f = formatCount;
    const lines = [
      `rows ${f(this.decided + this.rejected + this.notSampled)} = decided ${f(this.decided)} + rejected ${f(this.rejected)}${this.notSampled === 0 ? '' : ` + not in the sample ${f(this.notSampled)}`}`,
      `  ${VERDICTS.map((v) => `${v} ${f(this.verdicts[v])}`).join(', ')}`,
      '',
      `grades   ${INTENT.map((i) => `intent ${i}`.padStart(10)).join('')}`,
      ...FIT.map((g) => `fit ${g}    ${INTENT.map((i) => f(this.grades[g]![i]!).padStart(10)).join('')}`),
      '',
      'most frequent reasons',
      ...this.topReasons(10).map((r) => `${f(r.count).padStart(8)}  ${r.text}`),
    ];
    return lines.join('\n');
  }
}
