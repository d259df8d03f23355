import type { Activity } from '../../domain/activity.js';
import { compileRowEncoder } from './features/encode-features.js';
import { eventColumns, usesEvents } from './features/event-columns.js';
import { modelFactors, type ModelFactor } from './explain/model-factors.js';
import type { ModelThresholds } from './model-document.js';
import type { ModelRuntime } from './model-runtime.js';

/** A lead's model score: calibrated probability, its strongest factors, and the model's identity. */
export interface ModelScore {
  readonly version: string;
  readonly thresholds: ModelThresholds;
  readonly probability: number;
  readonly factors: readonly ModelFactor[];
}

/** Scores a lead's record as it arrived (column → text), with its behaviour events when known. */
export type LeadRecordScorer = (
  raw: Readonly<Record<string, string>>,
  activities?: readonly Pick<Activity, 'type' | 'occurredAt'>[],
) => ModelScore;

/**
 * A scorer of lead records for one model. Records are encoded by column name, so a file's rows
 * and stored leads (each with its own columns) score alike; the encoder is compiled once per
 * distinct set of columns. Date ages are measured from `nowMs`. Reports the `factors` strongest
 * reasons.
 */
export const createLeadRecordScorer = (
  runtime: ModelRuntime,
  nowMs: number,
  factors = 3,
): LeadRecordScorer => {
  const encoders = new Map<
    string,
    { header: string[]; encode: ReturnType<typeof compileRowEncoder>['encode'] }
  >();
  const x = new Float64Array(runtime.features.length);
  const phi = new Float64Array(runtime.features.length);
  const fields: string[] = [];
  const { version, thresholds } = runtime.document;
  const events = usesEvents(runtime.document.plan.columns);
  return (lead, activities = []) => {
    // Behaviour columns are computed as of now from the lead's events, beside its own columns.
    const raw = events ? { ...lead, ...eventColumns(activities, nowMs) } : lead;
    const header = Object.keys(raw);
    const key = header.join('\u0000');
    let enc = encoders.get(key);
    if (enc === undefined)
      encoders.set(key, (enc = { header, encode: compileRowEncoder(runtime.document.plan, header).encode }));
    fields.length = 0;
    for (const h of enc.header) fields.push(raw[h] ?? '');
    enc.encode(fields, x, nowMs);
    const r = runtime.raw(x);
    const { contributions } = runtime.explain(x, phi);
    return {
      version,
      thresholds,
      probability: runtime.probability(r),
      factors: modelFactors(runtime.features, x, contributions, r, { limit: factors }),
    };
  };
};
