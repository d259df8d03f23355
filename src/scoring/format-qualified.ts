import { stringify } from 'csv-stringify/sync';
import type { Rejection } from '../intake/intake-record.js';
import type { DecisionDraft } from './decide-with-rules.js';
import type { QualifiedRow } from './qualify-file.js';

/** The columns `leadsift qualify` appends to every input row. */
export const DECISION_COLUMNS = [
  'verdict',
  'score',
  'grade',
  'fit_score',
  'intent_score',
  'playbook',
  'reasons',
  'missing',
  'model_probability',
  'model_effect',
  'model_verdict',
  'llm_verdict',
  'llm_score',
  'llm_effect',
  'llm_reasons',
  'llm_error',
];

const signed = (n: number): string => (n > 0 ? `+${n}` : `${n}`);

/** Reasons as one readable string: "VP-level buyer (+30); Uses a free-mail address (-10)". */
export const reasonsText = (d: DecisionDraft): string =>
  d.reasons.map((r) => (r.effect === 0 ? r.text : `${r.text} (${signed(r.effect)})`)).join('; ');

/** Missing facts as one string: "company.domain (enrich); person.title (ask: What is your role?)". */
export const missingText = (d: DecisionDraft): string =>
  d.missing
    .map((m) => `${m.field} (${m.how}${m.question === undefined ? '' : `: ${m.question}`})`)
    .join('; ');

/** The LLM's own reasons (kind `llm`, after its one-line summary) as one string. */
const llmReasonsText = (d: DecisionDraft): string =>
  d.reasons
    .filter((r) => r.kind === 'llm' && r.facts.length > 0)
    .map((r) => (r.effect === 0 ? r.text : `${r.text} (${signed(r.effect)})`))
    .join('; ');

/**
 * An input row with its decision, as a CSV record: the input columns of `header` in order, then
 * DECISION_COLUMNS. An array, not an object: spreading the row into a new object cost a tenth
 * of the run.
 */
export const csvRow = (header: readonly string[], row: QualifiedRow): (string | number)[] => {
  const d = row.decision;
  const values: (string | number)[] = header.map((column) => row.raw[column] ?? '');
  values.push(
    d.verdict,
    d.score,
    d.grade,
    d.fit.score,
    d.intent.score,
    d.playbook ?? '',
    reasonsText(d),
    missingText(d),
    d.model === undefined ? '' : Math.round(d.model.probability * 1000) / 1000,
    d.model === undefined
      ? ''
      : d.model.agrees
        ? d.model.effect
        : `${d.model.effect}; disagrees (${d.model.verdict})`,
    d.model === undefined ? '' : d.model.verdict,
    d.llm?.verdict ?? '',
    d.llm?.score ?? '',
    d.llm === undefined ? '' : d.llm.effect,
    d.llm === undefined ? '' : llmReasonsText(d),
    d.llm?.error === undefined ? '' : d.llm.error.message,
  );
  return values;
};

/** An input row with its decision, as a JSON Lines record (reasons and facts structured). */
export const jsonRow = (row: QualifiedRow): Record<string, unknown> => ({
  line: row.line,
  input: row.raw,
  ...row.decision,
});

/** A rejected row for the --rejects file: where, why, and the row as it arrived (columns of `header`). */
export const rejectRow = (header: readonly string[], r: Rejection): (string | number)[] => [
  r.line,
  r.field ?? '',
  r.problem,
  ...header.map((column) => r.raw?.[column] ?? ''),
];

/** Qualified rows as output text: CSV lines without the header, or JSON Lines. */
export const formatRows = (
  rows: readonly QualifiedRow[],
  header: readonly string[],
  format: 'csv' | 'jsonl',
): string =>
  format === 'jsonl'
    ? rows.map((row) => `${JSON.stringify(jsonRow(row))}\n`).join('')
    : stringify(rows.map((row) => csvRow(header, row)));

/** Rejected rows as CSV lines (without the header) for the --rejects file. */
export const formatRejects = (rejected: readonly Rejection[], header: readonly string[]): string =>
  stringify(rejected.map((r) => rejectRow(header, r)));

/** The header line of a CSV output: the input columns, then DECISION_COLUMNS. */
export const csvHeader = (columns: readonly string[]): string => stringify([[...columns]]);
