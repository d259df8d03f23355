import { formatCount } from '../../domain/format-count.js';
import type { ModelDocument } from './model-document.js';

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** What training did, in words: data, split, candidates, columns, warnings. */
export const formatTraining = (doc: ModelDocument): string => {
  const t = doc.training;
  const lines = [
    `Trained a ${doc.kind === 'gbdt' ? 'gradient-boosted tree' : 'logistic regression'} model (${doc.version}) on ${t.source}`,
    `  rows: ${formatCount(t.rowsRead)} read = ${formatCount(t.rowsUsed)} used + ${formatCount(t.rejected)} rejected; ${formatCount(t.positives)} converted (${pct(t.positives / Math.max(1, t.rowsUsed))})`,
    `  split (stratified, seed ${t.seed}): ${formatCount(t.split.train)} train · ${formatCount(t.split.validation)} validation · ${formatCount(t.split.test)} test, held out and never seen in training`,
    '  candidates on the validation split:',
    ...t.candidates.map(
      (c) =>
        `    ${c.kind === doc.kind ? '→' : ' '} ${c.kind.padEnd(8)} AUC ${c.validationAuc === null ? 'n/a' : c.validationAuc.toFixed(3)}  log-loss ${c.validationLogLoss.toFixed(4)}  (${c.detail})`,
    ),
    `  calibration: ${doc.calibration.kind}, fitted on the validation split; verdict thresholds: qualify at ≥ ${pct(doc.thresholds.qualifyAt)}, reject at ≤ ${pct(doc.thresholds.rejectAt)}`,
    `  columns: ${doc.plan.columns.length} used, ${t.dropped.length} not used`,
    ...t.dropped.map((d) => `    - ${d.column}: ${d.reason}`),
  ];
  for (const w of t.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
};
