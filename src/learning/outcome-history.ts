import { EVENT_COLUMNS, eventColumns } from '../scoring/model/features/event-columns.js';
import type { TableRejection, TrainingTable } from '../scoring/model/features/training-table.js';
import { storedLeadPages, type StoredLeadReads } from '../scoring/model/stored-lead-pages.js';
import { DEFAULT_LABEL_POLICY, labelOutcomes, type LabelPolicy } from './outcome-label.js';

/** Labelled stored leads as a training table, with when each label became known. */
export interface OutcomeHistory {
  readonly table: TrainingTable;
  /** Per row of `table`: when its label became known (ms since the epoch). */
  readonly labelledAt: Float64Array;
  /** Leads by the outcome that labelled them (`won`, `lost`, `rejected`, `churned`). */
  readonly byOutcome: Readonly<Record<string, number>>;
}

/**
 * Every stored lead whose fate is known, as training rows: its record as it arrived and its
 * behaviour before its first outcome (as `trainingFromStore` reads them), labelled by `policy`
 * — accepted or an open opportunity alone is not a fate yet; churn soon after a win counts
 * against it. Leads still open are listed in `rejected` with the reason, never dropped silently.
 */
export const readOutcomeHistory = async (
  leads: StoredLeadReads,
  policy: LabelPolicy = DEFAULT_LABEL_POLICY,
  source = 'stored outcomes',
): Promise<OutcomeHistory> => {
  const records: Readonly<Record<string, string>>[] = [];
  const labels: number[] = [];
  const at: number[] = [];
  const lines: number[] = [];
  const rejected: TableRejection[] = [];
  const byOutcome: Record<string, number> = {};
  let rowsRead = 0;
  for await (const page of storedLeadPages(leads)) {
    for (const lead of page.leads) {
      rowsRead++;
      const own = page.outcomes.get(lead.id) ?? [];
      const label = labelOutcomes(own, policy);
      if (label === undefined) {
        rejected.push({ line: rowsRead, reason: `lead ${lead.id} has no decisive outcome yet` });
        continue;
      }
      const decided = own.reduce((t, o) => Math.min(t, Date.parse(o.occurredAt)), Infinity);
      const kind =
        label.label === 1
          ? policy.positive.join('/')
          : (own.find((o) => Date.parse(o.occurredAt) === label.at)?.type ?? 'lost');
      byOutcome[kind] = (byOutcome[kind] ?? 0) + 1;
      records.push({ ...lead.raw, ...eventColumns(page.activities.get(lead.id) ?? [], decided) });
      labels.push(label.label);
      at.push(label.at);
      lines.push(rowsRead);
    }
  }
  const header = [...new Set(records.flatMap((r) => Object.keys(r)))];
  // Behaviour columns last, as `trainingFromStore` orders them.
  const ordered = [...header.filter((c) => !EVENT_COLUMNS.includes(c)), ...EVENT_COLUMNS];
  return {
    table: {
      source,
      header: ordered,
      columns: ordered.map((column) => records.map((r) => r[column] ?? '')),
      labels: Uint8Array.from(labels),
      lines: Int32Array.from(lines),
      rowsRead,
      rejected,
      label: { column: 'stored outcomes', positive: policy.positive.join(',') },
    },
    labelledAt: Float64Array.from(at),
    byOutcome,
  };
};

/** The rows `rows` of a table (in that order), as a table of their own. */
export const tableRows = (table: TrainingTable, rows: readonly number[], source: string): TrainingTable => ({
  ...table,
  source,
  columns: table.columns.map((column) => rows.map((r) => column[r] ?? '')),
  labels: Uint8Array.from(rows, (r) => table.labels[r] ?? 0),
  lines: Int32Array.from(rows, (r) => table.lines[r] ?? 0),
  rowsRead: rows.length,
  rejected: [],
});
