import { AppError } from '../../../domain/app-error.js';

const POSITIVE = new Set(['1', 'yes', 'y', 'true', 't', 'won', 'converted', 'closed won']);
const NEGATIVE = new Set(['0', 'no', 'n', 'false', 'f', 'lost', 'not converted', 'closed lost']);

/** How label cells become 1 (converted) or 0, or a reason the cell cannot be used. */
export type LabelReader = (cell: string) => 0 | 1 | string;

/**
 * The label reader for a column: with `positive`, a cell equal to it (any case) is 1 and any
 * other non-empty cell 0; without it, 0/1, yes/no, true/false, won/lost are understood and
 * anything else is rejected with the values that would work. An empty cell is always rejected.
 */
export const labelReader = (column: string, positive?: string): LabelReader => {
  const want = positive?.trim().toLowerCase();
  return (cell) => {
    const t = cell.trim().toLowerCase();
    if (t.length === 0) return `label column "${column}" is empty`;
    if (want !== undefined) return t === want ? 1 : 0;
    if (POSITIVE.has(t)) return 1;
    if (NEGATIVE.has(t)) return 0;
    // Exports often write a 0/1 label as a float ("1.0", "0.0").
    const n = Number(t);
    if (n === 1) return 1;
    if (n === 0 && t.length > 0) return 0;
    return `label "${cell.trim()}" in column "${column}" is not 0/1, yes/no, true/false or won/lost; pass --positive <value> to name the converted value`;
  };
};

/** Throws when a label column has only one class: a model needs converted and unconverted leads. */
export const requireBothClasses = (labels: Uint8Array, column: string): void => {
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i] as number;
  if (pos === 0 || pos === labels.length)
    throw new AppError('INPUT_INVALID', {
      message: `label column "${column}" has ${pos === 0 ? 'no converted' : 'only converted'} rows among ${labels.length}; training needs both (check --positive)`,
      details: { column, rows: labels.length, positives: pos },
    });
};
