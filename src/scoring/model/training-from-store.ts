import { AppError } from '../../domain/app-error.js';
import { OUTCOME_TYPES, type Outcome, type OutcomeType } from '../../domain/outcome.js';
import { EVENT_COLUMNS, eventColumns } from './features/event-columns.js';
import type { TableRejection, TrainingTable } from './features/training-table.js';
import { storedLeadPages, type StoredLeadReads } from './stored-lead-pages.js';

/** Which stored outcomes make a lead a training row, and how the table names its source. */
export interface StoredTrainingOptions {
  /** Outcome types that mean converted (default `won`); `opportunity` means `opportunity_created`. */
  readonly positive?: readonly string[];
  /** Outcome types that mean not converted (default `lost` and `rejected`). */
  readonly negative?: readonly string[];
  /** The table's `source`, shown in the training summary (default `stored leads`). */
  readonly source?: string;
}

/** What reading the store needs: paging through leads with each page's outcomes and events in bulk. */
export type StoredTrainingDeps = {
  readonly leads: StoredLeadReads;
};

const SHORT_NAMES: Readonly<Record<string, OutcomeType>> = { opportunity: 'opportunity_created' };

/** Outcome type names (any case, short names allowed) as types; INPUT_INVALID names a wrong one. */
export const outcomeTypes = (names: readonly string[], what: string): OutcomeType[] =>
  names.map((name) => {
    const key = name.trim().toLowerCase();
    const type = SHORT_NAMES[key] ?? OUTCOME_TYPES.find((t) => t === key);
    if (type !== undefined) return type;
    throw new AppError('INPUT_INVALID', {
      message: `${what}: "${name}" is not an outcome type; use ${OUTCOME_TYPES.join(', ')} (opportunity for opportunity_created)`,
      details: { outcome: name },
    });
  });

/** When the lead's fate was first known: its earliest outcome (behaviour after it is ignored). */
const decidedAt = (outcomes: readonly Outcome[]): number =>
  outcomes.reduce((t, o) => Math.min(t, Date.parse(o.occurredAt)), Infinity);

/** 1 when any outcome is positive, else 0 when any is negative, else undefined (still open). */
const labelRule = (positive: readonly OutcomeType[], negative: readonly OutcomeType[]) => {
  const pos = new Set(positive);
  const neg = new Set(negative);
  return (outcomes: readonly Outcome[]): 0 | 1 | undefined =>
    outcomes.some((o) => pos.has(o.type)) ? 1 : outcomes.some((o) => neg.has(o.type)) ? 0 : undefined;
};

/** The columns of every record, in the order they first appear. */
const unionHeader = (records: readonly Readonly<Record<string, string>>[]): string[] => {
  const seen = new Set<string>();
  for (const record of records) for (const column of Object.keys(record)) seen.add(column);
  return [...seen];
};

const requireBothClasses = (labels: Uint8Array, positive: readonly OutcomeType[]): void => {
  const positives = labels.reduce((a, y) => a + y, 0);
  if (positives > 0 && positives < labels.length) return;
  const which = positives === 0 ? `none has a ${positive.join(' or ')} outcome` : 'none was lost or rejected';
  throw new AppError('INPUT_INVALID', {
    message: `${labels.length} stored leads have a decisive outcome but ${which}; training needs both (record more outcomes, or count other outcomes as converted with --positive-outcomes)`,
    details: { rows: labels.length, positives },
  });
};

/**
 * A training table from the stored leads: one row per lead with a decisive outcome, its columns
 * the lead's record as it arrived (`raw`; the union of columns across leads, missing cells
 * empty) and its behaviour before its first outcome (`eventColumns`). The label is 1 when the lead has a positive outcome, else 0 when it has a negative one;
 * a lead with neither (no outcome yet, or only accepted or an open opportunity) is left out and
 * listed in `rejected` with its position in creation order as its line, so that `rowsRead` =
 * rows used + left out. INPUT_INVALID when no lead, or only one class, remains.
 */
export const trainingFromStore = async (
  deps: StoredTrainingDeps,
  options: StoredTrainingOptions = {},
): Promise<TrainingTable> => {
  const positive = outcomeTypes(options.positive ?? ['won'], 'positive outcomes');
  const negative = outcomeTypes(options.negative ?? ['lost', 'rejected'], 'negative outcomes');
  const labelOf = labelRule(positive, negative);
  const records: Readonly<Record<string, string>>[] = [];
  const behaviour: Readonly<Record<string, string>>[] = [];
  const labels: number[] = [];
  const lines: number[] = [];
  const rejected: TableRejection[] = [];
  let rowsRead = 0;
  for await (const page of storedLeadPages(deps.leads)) {
    for (const lead of page.leads) {
      const outcomes = page.outcomes.get(lead.id) ?? [];
      const y = labelOf(outcomes);
      rowsRead++;
      if (y === undefined) {
        rejected.push({ line: rowsRead, reason: `lead ${lead.id} has no decisive outcome yet` });
        continue;
      }
      records.push(lead.raw);
      behaviour.push(eventColumns(page.activities.get(lead.id) ?? [], decidedAt(outcomes)));
      labels.push(y);
      lines.push(rowsRead);
    }
  }
  if (records.length === 0)
    throw new AppError('INPUT_INVALID', {
      message: `none of the ${rowsRead} stored leads has a ${[...positive, ...negative].join(', ')} outcome to learn from; record outcomes first (\`leadsift demo\` stores some)`,
      details: { rowsRead },
    });
  const out = Uint8Array.from(labels);
  requireBothClasses(out, positive);
  const own = unionHeader(records);
  return {
    source: options.source ?? 'stored leads',
    header: [...own, ...EVENT_COLUMNS],
    columns: [
      ...own.map((column) => records.map((r) => r[column] ?? '')),
      ...EVENT_COLUMNS.map((column) => behaviour.map((r) => r[column] ?? '')),
    ],
    labels: out,
    lines: Int32Array.from(lines),
    rowsRead,
    rejected,
    label: { column: 'stored outcomes', positive: positive.join(',') },
  };
};
