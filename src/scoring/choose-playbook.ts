import type { LoadedCriteria, Ruleset } from '../criteria/load-criteria.js';
import type { FitFacts } from './rules/score-fit.js';
import type { ActivityFacts } from './rules/score-intent.js';

/** What choosing a playbook reads of a lead. */
export interface LeadFacts extends FitFacts {
  readonly source?: { readonly value: string };
}

const employeesOf = ({ company }: FitFacts): number | undefined => {
  const range = company.employees?.value;
  return range === undefined ? undefined : range.max === undefined ? range.min : (range.min + range.max) / 2;
};

const applies = (ruleset: Ruleset, lead: LeadFacts, activities: readonly ActivityFacts[]): boolean => {
  const when = ruleset.when;
  if (when === undefined) return true;
  const source = lead.source?.value.toLowerCase();
  if (
    when.sources !== undefined &&
    (source === undefined || !when.sources.some((s) => s.toLowerCase() === source))
  )
    return false;
  if (when.events !== undefined && !activities.some((a) => when.events?.includes(a.type))) return false;
  const seniority = lead.person.seniority?.value;
  if (when.seniority !== undefined && (seniority === undefined || !when.seniority.includes(seniority)))
    return false;
  const fn = lead.person.jobFunction?.value;
  if (when.functions !== undefined && (fn === undefined || !when.functions.includes(fn))) return false;
  const emailType = lead.person.emailType?.value;
  if (when.emailTypes !== undefined && (emailType === undefined || !when.emailTypes.includes(emailType)))
    return false;
  const employees = employeesOf(lead);
  if (when.minEmployees !== undefined && (employees === undefined || employees < when.minEmployees))
    return false;
  if (when.maxEmployees !== undefined && (employees === undefined || employees > when.maxEmployees))
    return false;
  return true;
};

/**
 * The playbook for a lead: the first, in the file's order, whose every condition holds (a
 * condition on a fact the lead lacks does not hold); the default ruleset when none does.
 */
export const choosePlaybook = (
  criteria: LoadedCriteria,
  lead: LeadFacts,
  activities: readonly ActivityFacts[],
): Ruleset => criteria.playbooks.find((p) => applies(p, lead, activities)) ?? criteria.fallback;
