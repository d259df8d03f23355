import type { FeatureInfo } from '../feature-matrix.js';
import type { SlashOrder } from './cell-values.js';

/** The label of the category that stands for every rare or unseen value of a column. */
export const OTHER = '(other)';

/** How one source column becomes model features; saved in the model file. */
export type ColumnPlan =
  | { readonly column: string; readonly kind: 'numeric' }
  | { readonly column: string; readonly kind: 'boolean' }
  | { readonly column: string; readonly kind: 'categorical'; readonly categories: readonly string[] }
  /** A date: age in days at scoring time, month and weekday. `reference` is the training "now". */
  | {
      readonly column: string;
      readonly kind: 'date';
      readonly reference: number;
      /** Set for `NN/NN/YYYY` dates: which number is the month. Absent for ISO dates. */
      readonly order?: SlashOrder;
    };

/** A column the model does not use, and why (shown to the person training). */
export interface DroppedColumn {
  readonly column: string;
  readonly reason: string;
}

/** Every column's fate: used (and how) or dropped (and why). */
export interface FeaturePlan {
  readonly columns: readonly ColumnPlan[];
  readonly dropped: readonly DroppedColumn[];
}

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The model features a plan produces, in order. */
export const planFeatures = (plan: FeaturePlan): FeatureInfo[] =>
  plan.columns.flatMap((c): FeatureInfo[] => {
    switch (c.kind) {
      case 'numeric':
      case 'boolean':
        return [{ name: c.column, kind: 'numeric', categories: [], column: c.column }];
      case 'categorical':
        return [{ name: c.column, kind: 'categorical', categories: c.categories, column: c.column }];
      case 'date':
        return [
          { name: `${c.column} (age in days)`, kind: 'numeric', categories: [], column: c.column },
          { name: `${c.column} (month)`, kind: 'categorical', categories: MONTHS, column: c.column },
          { name: `${c.column} (weekday)`, kind: 'categorical', categories: WEEKDAYS, column: c.column },
        ];
    }
  });
