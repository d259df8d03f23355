import { compileRowEncoder, encodeTable } from './features/encode-features.js';
import type { TrainingTable } from './features/training-table.js';
import { evaluateScores, type EvaluationReport } from './evaluate/evaluate-scores.js';
import type { ModelRuntime } from './model-runtime.js';
import { rawScores } from './train-candidates.js';

/** A model's evaluation on a labelled file, and the model columns the file lacked. */
export interface ModelEvaluation {
  readonly report: EvaluationReport;
  /** Columns the model uses that the file does not have (scored as missing). */
  readonly missingColumns: readonly string[];
  readonly rowsRead: number;
  readonly rejected: TrainingTable['rejected'];
}

/** Calibrated probabilities for every row of a table. */
export const scoreTable = (
  runtime: ModelRuntime,
  table: Pick<TrainingTable, 'header' | 'columns'>,
): Float64Array =>
  rawScores(runtime, encodeTable(runtime.document.plan, table.header, table.columns)).map(
    runtime.probability,
  );

/** Evaluates a model on a labelled table, at the model's decision thresholds. */
export const evaluateModel = (runtime: ModelRuntime, table: TrainingTable): ModelEvaluation => {
  const { thresholds, plan } = runtime.document;
  const probs = scoreTable(runtime, table);
  return {
    report: evaluateScores(probs, table.labels, { thresholds: [thresholds.rejectAt, thresholds.qualifyAt] }),
    missingColumns: compileRowEncoder(plan, table.header).missingColumns,
    rowsRead: table.rowsRead,
    rejected: table.rejected,
  };
};
