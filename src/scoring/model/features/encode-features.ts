import type { FeatureMatrix } from '../feature-matrix.js';
import { cellText, parseBooleanCell, parseDateCell, parseNumberCell, parseSlashDate } from './cell-values.js';
import { OTHER, planFeatures, type ColumnPlan, type FeaturePlan } from './feature-plan.js';
import { LEADSIFT_PREFIX, leadsiftColumns } from './leadsift-columns.js';

const DAY = 86_400_000;

/** Writes one column's features for one cell at `out[at…]`; returns how many it wrote. */
type CellEncoder = (text: string, out: Float64Array, at: number, now: number) => void;

const categoricalEncoder = (categories: readonly string[]): CellEncoder => {
  const codes = new Map(categories.map((c, i) => [c, i]));
  const other = codes.get(OTHER) ?? categories.length;
  return (t, out, at) => {
    out[at] = t.length === 0 ? NaN : (codes.get(t) ?? other);
  };
};

const encoderFor = (plan: ColumnPlan): CellEncoder => {
  switch (plan.kind) {
    case 'numeric':
      return (t, out, at) => {
        out[at] = parseNumberCell(t);
      };
    case 'boolean':
      return (t, out, at) => {
        out[at] = parseBooleanCell(t);
      };
    case 'categorical':
      return categoricalEncoder(plan.categories);
    case 'date':
      return (t, out, at, now) => {
        const d =
          t.length === 0 ? NaN : plan.order === undefined ? parseDateCell(t) : parseSlashDate(t, plan.order);
        if (d !== d) {
          out[at] = out[at + 1] = out[at + 2] = NaN;
          return;
        }
        const date = new Date(d);
        out[at] = (now - d) / DAY;
        out[at + 1] = date.getUTCMonth();
        out[at + 2] = date.getUTCDay();
      };
  }
};

const width = (plan: ColumnPlan): number => (plan.kind === 'date' ? 3 : 1);

/**
 * Compiles a plan against a file's header into a row encoder: `encode(fields, out, now)` writes
 * the row's features into `out` (length = the plan's feature count). Columns the header lacks
 * encode as missing; `missingColumns` names them so the caller can warn. leadsift's derived
 * columns (`leadsift: seniority`, …) the header lacks are computed from the row's own columns. `now` (ms) is the time
 * date ages are measured from; pass undefined to use each date column's training reference.
 */
export const compileRowEncoder = (
  plan: FeaturePlan,
  header: readonly string[],
): {
  readonly width: number;
  readonly missingColumns: readonly string[];
  readonly encode: (fields: readonly string[], out: Float64Array, now?: number) => void;
} => {
  const folded = header.map((h) => h.trim().toLowerCase());
  // leadsift's derived columns are computed from the row when the header does not carry them.
  const derived = leadsiftColumns(header);
  const derivedAt = (name: string): number => derived.names.indexOf(name);
  let derives = false;
  const at: number[] = [];
  const sources: number[] = [];
  const encoders: CellEncoder[] = [];
  const references: number[] = [];
  const missingColumns: string[] = [];
  let w = 0;
  for (const c of plan.columns) {
    const exact = header.indexOf(c.column);
    let source = exact >= 0 ? exact : folded.indexOf(c.column.trim().toLowerCase());
    if (source < 0 && c.column.startsWith(LEADSIFT_PREFIX) && derivedAt(c.column) >= 0) {
      // Derived values are addressed past the end of the row's fields.
      source = header.length + derivedAt(c.column);
      derives = true;
    }
    if (source < 0) missingColumns.push(c.column);
    sources.push(source);
    at.push(w);
    encoders.push(encoderFor(c));
    references.push(c.kind === 'date' ? c.reference : 0);
    w += width(c);
  }
  const n = header.length;
  const encode = (fields: readonly string[], out: Float64Array, now?: number): void => {
    const extra = derives ? derived.derive(fields) : undefined;
    for (let i = 0; i < encoders.length; i++) {
      const s = sources[i] as number;
      const text = s < 0 ? '' : s >= n ? ((extra as string[])[s - n] ?? '') : cellText(fields[s]);
      (encoders[i] as CellEncoder)(text, out, at[i] as number, now ?? (references[i] as number));
    }
  };
  return { width: w, missingColumns, encode };
};

/** Encodes column-major text (as read for training) into a feature matrix. */
export const encodeTable = (
  plan: FeaturePlan,
  header: readonly string[],
  columns: readonly (readonly string[])[],
  now?: number,
): FeatureMatrix => {
  const features = planFeatures(plan);
  const rows = columns[0]?.length ?? 0;
  const { encode, width: w } = compileRowEncoder(plan, header);
  const out = features.map(() => new Float64Array(rows));
  const row = new Float64Array(w);
  const fields: string[] = header.map(() => '');
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < header.length; c++) fields[c] = (columns[c] as readonly string[])[r] ?? '';
    encode(fields, row, now);
    for (let f = 0; f < w; f++) (out[f] as Float64Array)[r] = row[f] as number;
  }
  return { rows, features, columns: out };
};
