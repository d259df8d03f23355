import type { FeatureImportance } from './evaluate/format-evaluation.js';
import { evenlySpacedRows, rowOf, type FeatureMatrix } from './feature-matrix.js';
import type { ModelRuntime } from './model-runtime.js';

/**
 * Global importance per source column: the mean |contribution| (SHAP for trees, coefficient ×
 * value for the linear model) over up to `maxRows` evenly spaced rows, features of one column
 * added together; largest first, columns that never matter left out.
 */
export const columnImportance = (
  runtime: ModelRuntime,
  m: FeatureMatrix,
  maxRows = 2000,
): FeatureImportance[] => {
  const width = m.features.length;
  const sample = evenlySpacedRows(m.rows, maxRows);
  const count = sample.length;
  const x = new Float64Array(width);
  const phi = new Float64Array(width);
  const totals = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const r = sample[i] as number;
    const { contributions } = runtime.explain(rowOf(m, r, x), phi);
    const perColumn = new Map<string, number>();
    m.features.forEach((info, f) =>
      perColumn.set(info.column, (perColumn.get(info.column) ?? 0) + (contributions[f] as number)),
    );
    for (const [column, v] of perColumn) totals.set(column, (totals.get(column) ?? 0) + Math.abs(v));
  }
  return [...totals.entries()]
    .map(([name, total]) => ({ name, importance: count === 0 ? 0 : total / count }))
    .filter((c) => c.importance > 0)
    .sort((a, b) => b.importance - a.importance || (a.name < b.name ? -1 : 1));
};
