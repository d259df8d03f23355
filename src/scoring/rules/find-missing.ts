import type { MissingFact } from '../../domain/decision.js';
import type { RequirableFact } from '../../criteria/criteria-schema.js';
import type { Requirement } from '../../criteria/load-criteria.js';
import type { FitFacts } from './score-fit.js';

/** What to ask a prospect for each fact, when the criteria file gives no question. */
const QUESTIONS: Readonly<Partial<Record<RequirableFact, string>>> = {
  'person.email': 'What is your work email address?',
  'person.phone': 'What is the best number to reach you on?',
  'person.title': 'What is your role?',
  'person.seniority': 'What is your role?',
  'person.jobFunction': 'Which team are you in?',
  'person.country': 'Where are you based?',
  'company.name': 'Which company are you with?',
  'company.domain': "What is your company's website?",
  'company.industry': 'What industry is your company in?',
  'company.sizeBand': 'How many people work at your company?',
  'company.revenue': "What is your company's annual revenue, roughly?",
  'company.country': 'Where is your company based?',
  'company.technologies': 'Which tools does your team use today?',
};

const present = ({ person, company }: FitFacts, fact: RequirableFact): boolean => {
  const [group, field] = fact.split('.') as ['person' | 'company', string];
  const facts = (group === 'person' ? person : company) as Readonly<Record<string, unknown>>;
  return facts[field] !== undefined;
};

/** The required facts a lead lacks, each with how to get it and, for people, what to ask. */
export const findMissing = (required: readonly Requirement[], lead: FitFacts): MissingFact[] =>
  required
    .filter((r) => !present(lead, r.fact))
    .map((r) => {
      const question = r.question ?? (r.how === 'ask' ? QUESTIONS[r.fact] : undefined);
      return question === undefined ? { field: r.fact, how: r.how } : { field: r.fact, how: r.how, question };
    });
