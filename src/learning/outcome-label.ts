import type { Outcome, OutcomeType } from '../domain/outcome.js';

/** Which outcomes make a lead a converted (1) or unconverted (0) example. */
export interface LabelPolicy {
  readonly positive: readonly OutcomeType[];
  readonly negative: readonly OutcomeType[];
  /** A customer who churned within this many days of the win counts as not converted. */
  readonly churnDays: number;
}

/** Won is converted; lost, an AE's rejection, or churn within six months of the win is not. */
export const DEFAULT_LABEL_POLICY: LabelPolicy = Object.freeze({
  positive: Object.freeze(['won'] as OutcomeType[]),
  negative: Object.freeze(['lost', 'rejected'] as OutcomeType[]),
  churnDays: 180,
});

/** A lead's label and when it became known (ms since the epoch). */
export interface Label {
  readonly label: 0 | 1;
  readonly at: number;
}

const DAY = 86_400_000;

const first = (outcomes: readonly Pick<Outcome, 'type' | 'occurredAt'>[], types: readonly OutcomeType[]) =>
  outcomes.reduce(
    (t, o) => (types.includes(o.type) ? Math.min(t, Date.parse(o.occurredAt)) : t),
    Number.POSITIVE_INFINITY,
  );

/**
 * A lead's label from its outcomes: 0 when it churned within `churnDays` of its first positive
 * outcome (a customer who leaves at once was not a good lead), else 1 when it has a positive
 * outcome, else 0 when it has a negative one; undefined while its fate is open (no outcome, an
 * acceptance or an open opportunity only). `at` is when the label became known.
 */
export const labelOutcomes = (
  outcomes: readonly Pick<Outcome, 'type' | 'occurredAt'>[],
  policy: LabelPolicy = DEFAULT_LABEL_POLICY,
): Label | undefined => {
  const won = first(outcomes, policy.positive);
  const churned = outcomes
    .filter((o) => o.type === 'churned')
    .map((o) => Date.parse(o.occurredAt))
    .find((t) => t >= won && t - won <= policy.churnDays * DAY);
  if (churned !== undefined) return { label: 0, at: churned };
  if (Number.isFinite(won)) return { label: 1, at: won };
  const lost = first(outcomes, policy.negative);
  return Number.isFinite(lost) ? { label: 0, at: lost } : undefined;
};

/** The label from outcome types alone (no times): churn after a win counts against it. */
export const labelTypes = (
  types: readonly OutcomeType[],
  policy: LabelPolicy = DEFAULT_LABEL_POLICY,
): 0 | 1 | undefined => {
  if (types.some((t) => policy.positive.includes(t))) return types.includes('churned') ? 0 : 1;
  return types.some((t) => policy.negative.includes(t)) ? 0 : undefined;
};
