import type { Rule, RuleCondition } from '../criteria/resolve-routing.js';
import type { Verdict } from '../domain/decision.js';

/** What routing rules look at. */
export interface RouteFacts {
  readonly verdict: Verdict;
  /** Fit letter and intent digit, e.g. `A1`. */
  readonly grade: string;
  readonly score: number;
  /** `default` when no playbook matched the lead. */
  readonly playbook: string;
  readonly territory?: string;
}

const holds = (when: RuleCondition, facts: RouteFacts): boolean =>
  (when.verdicts === undefined || when.verdicts.includes(facts.verdict)) &&
  (when.grades === undefined || when.grades.some((g) => g === facts.grade || g === facts.grade.charAt(0))) &&
  (when.playbooks === undefined || when.playbooks.includes(facts.playbook)) &&
  (when.territories === undefined ||
    (facts.territory !== undefined && when.territories.includes(facts.territory))) &&
  (when.minScore === undefined || facts.score >= when.minScore) &&
  (when.maxScore === undefined || facts.score <= when.maxScore);

/** The first rule whose every condition holds, or undefined. */
export const matchRule = (rules: readonly Rule[], facts: RouteFacts): Rule | undefined =>
  rules.find((rule) => holds(rule.when, facts));
