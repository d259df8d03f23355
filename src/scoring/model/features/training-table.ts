import { AppError } from '../../../domain/app-error.js';
import { readRecords } from '../../../intake/read/read-records.js';
import { labelReader, requireBothClasses } from './parse-label.js';

/** A row that could not be used for training, and why. */
export interface TableRejection {
  readonly line: number;
  readonly reason: string;
}

/**
 * A labelled history, column-major: `columns[c][row]` is the text of column `header[c]`. The
 * label column is not among the columns. `rowsRead = rows + rejected.length` always.
 */
export interface TrainingTable {
  readonly source: string;
  readonly header: readonly string[];
  readonly columns: readonly string[][];
  readonly labels: Uint8Array;
  readonly lines: Int32Array;
  readonly rowsRead: number;
  readonly rejected: readonly TableRejection[];
  readonly label: { readonly column: string; readonly positive?: string };
}

/** Where a named column is, or a clear error naming the columns that exist. */
export const columnIndex = (header: readonly string[], name: string, what: string): number => {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const folded = header.findIndex((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
  if (folded >= 0) return folded;
  throw new AppError('INPUT_INVALID', {
    message: `${what}: no column "${name}"; the columns are ${header.map((h) => `"${h}"`).join(', ')}`,
    details: { column: name },
  });
};

/**
 * Reads a labelled history (CSV with `,` `;` tab or `|`, JSON or JSON Lines) into columns. Rows
 * the reader cannot parse or whose label is unusable are rejected with their line and reason;
 * nothing is dropped silently.
 */
export const readTrainingTable = async (
  path: string,
  label: { readonly column: string; readonly positive?: string },
): Promise<TrainingTable> => {
  const source = await readRecords(path);
  const labelAt = columnIndex(source.header, label.column, '--label');
  const header = source.header.filter((_, i) => i !== labelAt);
  const columns: string[][] = header.map(() => []);
  const labels: number[] = [];
  const lines: number[] = [];
  const rejected: TableRejection[] = [];
  const read = labelReader(label.column, label.positive);
  let rowsRead = 0;
  for await (const batch of source.batches)
    for (const record of batch) {
      rowsRead++;
      if (record.error !== undefined) {
        rejected.push({ line: record.line, reason: record.error });
        continue;
      }
      const y = read(record.fields[labelAt] ?? '');
      if (typeof y === 'string') {
        rejected.push({ line: record.line, reason: y });
        continue;
      }
      labels.push(y);
      lines.push(record.line);
      for (let c = 0, k = 0; c < record.fields.length; c++)
        if (c !== labelAt) (columns[k++] as string[]).push(record.fields[c] ?? '');
    }
  const out = Uint8Array.from(labels);
  if (out.length > 0) requireBothClasses(out, label.column);
  return {
    source: path,
    header,
    columns,
    labels: out,
    lines: Int32Array.from(lines),
    rowsRead,
    rejected,
    label:
      label.positive === undefined
        ? { column: label.column }
        : { column: label.column, positive: label.positive },
  };
};
