import { AppError } from '../domain/app-error.js';
import { VERDICTS, type Verdict } from '../domain/decision.js';
import { readRecords } from '../intake/read/read-records.js';
import type { Rejection } from '../intake/intake-record.js';
import { readHumanVerdict, type VerdictPair } from './compare-verdicts.js';

const isVerdict = (v: string): v is Verdict => (VERDICTS as readonly string[]).includes(v);

/** One row of a qualified file: its line and the columns asked for. */
export interface VerdictRow {
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
  readonly error?: string;
}

/** The rows of a qualified file (the output of `leadsift qualify`) with the columns asked for. */
export interface VerdictTable {
  readonly path: string;
  readonly header: readonly string[];
  readonly rows: readonly VerdictRow[];
}

/**
 * Reads the columns of a qualified file that hold verdicts; a column not in the file is an
 * INPUT_INVALID naming the file's columns (optional columns are read when present).
 */
export const readVerdictTable = async (
  path: string,
  columns: readonly string[],
  optional: readonly string[] = [],
): Promise<VerdictTable> => {
  const source = await readRecords(path);
  const index = (name: string): number => source.header.indexOf(name);
  for (const column of columns) {
    if (index(column) !== -1) continue;
    throw new AppError('INPUT_INVALID', {
      message:
        column === 'verdict'
          ? `${path}: no "verdict" column; compare reads the output of leadsift qualify`
          : `${path}: no column "${column}"; the columns are ${source.header.join(', ')}`,
    });
  }
  const wanted = [...columns, ...optional.filter((c) => index(c) !== -1)].map((c) => [c, index(c)] as const);
  const rows: VerdictRow[] = [];
  for await (const batch of source.batches) {
    for (const { line, fields, error } of batch) {
      rows.push({
        line,
        values: Object.fromEntries(wanted.map(([c, i]) => [c, fields[i] ?? ''])),
        ...(error === undefined ? {} : { error }),
      });
    }
  }
  return { path, header: source.header, rows };
};

/** How to read a column: leadsift's own (exact verdicts; blank or `undecided` skipped) or a person's words. */
export type ColumnKind = 'leadsift' | 'human';

/**
 * The rows carrying a verdict in both columns, as pairs: `ours` is leadsift's side (exact
 * verdicts), `theirs` read as `theirsKind` says, with the reasons of `reasonsColumn` (when the
 * table has it). Rows without a usable verdict on either side are skipped with line and reason.
 */
export const verdictPairs = (
  table: VerdictTable,
  ours: string,
  theirs: string,
  theirsKind: ColumnKind,
  reasonsColumn = 'reasons',
): { pairs: VerdictPair[]; skipped: Rejection[] } => {
  const pairs: VerdictPair[] = [];
  const skipped: Rejection[] = [];
  for (const row of table.rows) {
    const mine = row.values[ours] ?? '';
    const other = row.values[theirs] ?? '';
    const otherVerdict =
      theirsKind === 'human' ? readHumanVerdict(other) : isVerdict(other) ? other : undefined;
    if (row.error !== undefined) skipped.push({ line: row.line, problem: row.error });
    else if (!isVerdict(mine))
      skipped.push({
        line: row.line,
        field: ours,
        problem: mine === '' ? `no ${ours}` : `"${mine}" is not a leadsift verdict`,
      });
    else if (otherVerdict === undefined) {
      skipped.push({
        line: row.line,
        field: theirs,
        problem:
          theirsKind === 'human'
            ? `"${other}" is not a verdict (qualified/yes/accepted, not_qualified/no/rejected, needs_info/unknown)`
            : other === ''
              ? `no ${theirs}`
              : `"${other}" is not a verdict`,
      });
    } else
      pairs.push({
        line: row.line,
        leadsift: mine,
        human: otherVerdict,
        reasons: row.values[reasonsColumn] ?? '',
      });
  }
  return { pairs, skipped };
};

/**
 * Read the rows of a qualified file that carry both leadsift's verdict and a human verdict in
 * `humanColumn`. Rows whose human verdict is not a known word (see `readHumanVerdict`) are
 * skipped with their line and reason.
 */
export const readVerdictPairs = async (
  path: string,
  humanColumn: string,
): Promise<{ pairs: VerdictPair[]; skipped: Rejection[] }> =>
  verdictPairs(
    await readVerdictTable(path, ['verdict', humanColumn], ['reasons']),
    'verdict',
    humanColumn,
    'human',
  );
