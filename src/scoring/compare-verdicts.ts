import { VERDICTS, type Verdict } from '../domain/decision.js';
import { cohenKappa } from './cohen-kappa.js';

/** How people write verdicts in a spreadsheet column, mapped to leadsift's three. */
const HUMAN_WORDS: Readonly<Record<string, Verdict>> = {
  qualified: 'qualified', yes: 'qualified', y: 'qualified', true: 'qualified', '1': 'qualified', sql: 'qualified', mql: 'qualified', accepted: 'qualified', accept: 'qualified', good: 'qualified',
  not_qualified: 'not_qualified', 'not qualified': 'not_qualified', unqualified: 'not_qualified', disqualified: 'not_qualified', no: 'not_qualified', n: 'not_qualified', false: 'not_qualified', '0': 'not_qualified', rejected: 'not_qualified', reject: 'not_qualified', bad: 'not_qualified',
  needs_info: 'needs_info', 'needs info': 'needs_info', unknown: 'needs_info', '?': 'needs_info', maybe: 'needs_info', 'more info': 'needs_info',
}; // prettier-ignore

/** A human verdict as leadsift's, or undefined when the text is none of the known words. */
export const readHumanVerdict = (text: string): Verdict | undefined => HUMAN_WORDS[text.trim().toLowerCase()];

/** One row to compare: where it is, both verdicts, and leadsift's reasons. */
export interface VerdictPair {
  readonly line: number;
  readonly leadsift: Verdict;
  readonly human: Verdict;
  readonly reasons: string;
}

/** Shadow-mode agreement between leadsift and people. */
export interface VerdictComparison {
  readonly compared: number;
  readonly agreed: number;
  /** agreed / compared. */
  readonly agreement: number;
  readonly kappa: number;
  /** matrix[leadsift][human] counts, in `VERDICTS` order. */
  readonly matrix: Readonly<Record<Verdict, Readonly<Record<Verdict, number>>>>;
  readonly disagreements: readonly VerdictPair[];
}

/** Confusion matrix, agreement, Cohen's kappa and the disagreements (with leadsift's reasons). */
export const compareVerdicts = (pairs: readonly VerdictPair[]): VerdictComparison => {
  const counts = VERDICTS.map(() => VERDICTS.map(() => 0));
  for (const p of pairs) counts[VERDICTS.indexOf(p.leadsift)]![VERDICTS.indexOf(p.human)]!++;
  const agreed = VERDICTS.reduce((sum, _, i) => sum + counts[i]![i]!, 0);
  const matrix = Object.fromEntries(
    VERDICTS.map((v, i) => [v, Object.fromEntries(VERDICTS.map((h, j) => [h, counts[i]![j]!]))]),
  ) as Record<Verdict, Record<Verdict, number>>;
  return {
    compared: pairs.length,
    agreed,
    agreement: pairs.length === 0 ? Number.NaN : agreed / pairs.length,
    kappa: cohenKappa(counts),
    matrix,
    disagreements: pairs.filter((p) => p.leadsift !== p.human),
  };
};
