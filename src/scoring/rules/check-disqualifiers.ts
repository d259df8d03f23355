import type { Reason } from '../../domain/decision.js';
import type { z } from 'zod';
import type { Disqualifiers } from '../../criteria/criteria-schema.js';
import { cite } from './fit-reasons.js';
import type { FitFacts } from './score-fit.js';
import type { ActivityFacts } from './score-intent.js';

const STUDENT_TITLE =
  /\b(student|estudiante|étudiant|etudiant|studentin|werkstudent|phd candidate|mba candidate)\b/i;

const disqualify = (text: string, facts: Reason['facts']): Reason => ({
  text,
  kind: 'disqualifier',
  effect: -100,
  facts,
});

/**
 * The hard disqualifiers a lead meets, as reasons (empty when none): a competitor's domain, a
 * student (school email address or a student title), free-mail where the path refuses it, a
 * country not served, or an explicit "not interested" (a reply or event whose `intent`
 * property is `not_interested`).
 */
export const checkDisqualifiers = (
  rules: z.output<typeof Disqualifiers>,
  { person, company }: FitFacts,
  activities: readonly ActivityFacts[],
): Reason[] => {
  const reasons: Reason[] = [];
  const domain = company.domain;
  if (domain !== undefined && rules.competitorDomains.includes(domain.value)) {
    reasons.push(disqualify(`Works at a competitor (${domain.value})`, [cite('company.domain', domain)]));
  }
  const emailType = person.emailType;
  if (rules.students) {
    if (emailType?.value === 'education') {
      reasons.push(disqualify('Uses a student email address', [cite('person.emailType', emailType)]));
    } else if (person.title !== undefined && STUDENT_TITLE.test(person.title.value)) {
      reasons.push(
        disqualify(`Is a student ("${person.title.value}")`, [cite('person.title', person.title)]),
      );
    }
  }
  if (rules.freeMail && (emailType?.value === 'free' || emailType?.value === 'disposable')) {
    const what = emailType.value === 'free' ? 'a free-mail' : 'a disposable';
    reasons.push(
      disqualify(`Uses ${what} address, which this path does not accept`, [
        cite('person.emailType', emailType),
      ]),
    );
  }
  const country = company.country ?? person.country;
  if (country !== undefined && rules.countriesNotServed.includes(country.value)) {
    reasons.push(disqualify(`Based in ${country.value}, a country not served`, [cite('country', country)]));
  }
  if (rules.notInterested) {
    const refusal = activities.find((a) => a.properties['intent'] === 'not_interested');
    if (refusal !== undefined) {
      reasons.push(
        disqualify('Said they are not interested', [
          {
            field: `activity.${refusal.type}`,
            value: refusal.properties,
            provenance: { source: 'input', at: refusal.occurredAt, origin: refusal.source },
          },
        ]),
      );
    }
  }
  return reasons;
};
