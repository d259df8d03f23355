import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { DecisionDraft } from '../scoring/decide-with-rules.js';
import type { QualifiedRow } from '../scoring/qualify-file.js';
import type { Rejection } from '../intake/intake-record.js';

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

/** A sink for rows that waits when the file is slow (backpressure), and closes cleanly. */
export interface RowSink {
  write(record: unknown): Promise<void>;
  close(): Promise<void>;
}

const sinkOver = (head: Writable, tail: Writable): RowSink => ({
  write: async (record) => {
    if (!head.write(record)) await once(head, 'drain');
  },
  close: async () => {
    const done = tail === process.stdout ? once(head, 'end') : once(tail, 'finish');
    head.end();
    await done;
  },
});

const target = (path: string | undefined): Writable =>
  path === undefined ? process.stdout : createWriteStream(path);

/** A CSV file (or stdout) with a header row. */
export const csvSink = (path: string | undefined, header: readonly string[]): RowSink => {
  const file = target(path);
  const csv = stringify({ header: true, columns: [...header] });
  csv.pipe(file, { end: file !== process.stdout });
  return sinkOver(csv, file);
};

/** A JSON Lines file (or stdout). */
export const jsonlSink = (path: string | undefined): RowSink => {
  const file = target(path);
  return {
    write: async (record) => {
      if (!file.write(`${JSON.stringify(record)}\n`)) await once(file, 'drain');
    },
    close: async () => {
      if (file === process.stdout) return;
      file.end();
      await once(file, 'finish');
    },
  };
};

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
