import type { Clock } from '../../domain/clock.js';
import type { Verdict } from '../../domain/decision.js';
import type { PersonFacts } from '../../domain/lead.js';
import { derivedFact, type Fact } from '../../domain/provenance.js';
import type { LoadedCriteria } from '../../criteria/load-criteria.js';
import { normalizeTitle } from '../../intake/normalize/title.js';
import type { LeadFacts } from '../../scoring/choose-playbook.js';
import { decideLead } from '../../scoring/qualify-file.js';
import type { ActivityFacts } from '../../scoring/rules/score-intent.js';
import type { Authority } from '../understand/understanding.js';
import type { SlotFact } from './conversation-state.js';
import type { DecideWithAnswers, DialogueDecision } from './decide-bant.js';

/** A lead as the rules read it, with the record as it arrived. */
export type DecidableLead = LeadFacts & { readonly raw: Readonly<Record<string, string>> };

const RANK: Readonly<Record<Verdict, number>> = { not_qualified: 0, needs_info: 1, qualified: 2 };

/** The prospect's title with the seniority and function intake would derive from it. */
const withTitle = (person: PersonFacts, title: Fact<string>): PersonFacts => {
  const norm = normalizeTitle(title.value);
  const at = title.provenance.at;
  return {
    ...person,
    title,
    ...(norm.seniority === undefined
      ? {}
      : { seniority: derivedFact(norm.seniority, 'title.seniority', 'person.title', at, title.value) }),
    ...(norm.jobFunction === undefined
      ? {}
      : { jobFunction: derivedFact(norm.jobFunction, 'title.function', 'person.title', at, title.value) }),
  };
};

/**
 * The lead with what the prospect said that the rules can read: their role (asked for as
 * `person.title`, or given with their authority) and their company's name, each keeping the
 * prospect's provenance. Facts the lead already has win; other answers stay conversation facts
 * (a country or industry would need intake's normalizers first).
 */
export const leadWithAnswers = (
  lead: DecidableLead,
  answers: Readonly<Record<string, SlotFact>>,
): DecidableLead => {
  let person = lead.person;
  let company = lead.company;
  const asked = answers['person.title'];
  const authority = answers.authority;
  const title: Fact<string> | undefined =
    typeof asked?.value === 'string'
      ? { ...asked, value: asked.value }
      : authority !== undefined && (authority.value as Authority).title !== undefined
        ? { ...authority, value: (authority.value as Authority).title ?? '' }
        : undefined;
  if (person.title === undefined && title !== undefined) person = withTitle(person, title);
  const name = answers['company.name'];
  if (company.name === undefined && typeof name?.value === 'string')
    company = { ...company, name: { ...name, value: name.value } };
  return { ...lead, person, company };
};

/**
 * The conversation's decision through the same path every lead is decided by (`decideLead`:
 * the playbook's rules, and the model when there is one), re-run with the answers so far; with
 * `bant`, the stricter of the two verdicts, so that "no budget" sends a well-fitting lead to
 * nurture and a poor fit is not booked because its BANT answers were complete.
 */
export const decideWithCriteria = (
  deps: { readonly clock: Clock },
  criteria: LoadedCriteria,
  lead: DecidableLead,
  activities: readonly ActivityFacts[],
  bant?: DecideWithAnswers,
): DecideWithAnswers => {
  return (leadId, answers) => {
    const rules = decideLead(deps, criteria, leadWithAnswers(lead, answers), activities);
    const fromRules: DialogueDecision = {
      verdict: rules.verdict,
      missing: rules.missing,
      ...(rules.verdict === 'qualified' ? {} : { reason: rules.reasons[0]?.text ?? rules.verdict }),
    };
    if (bant === undefined) return fromRules;
    const fromBant = bant(leadId, answers);
    if (RANK[fromBant.verdict] < RANK[fromRules.verdict]) return fromBant;
    if (fromBant.verdict === 'needs_info' && fromRules.verdict === 'needs_info')
      return { verdict: 'needs_info', missing: [...(fromRules.missing ?? []), ...(fromBant.missing ?? [])] };
    return fromRules;
  };
};
