import type { Requirement } from '../../criteria/load-criteria.js';
import type { SlotSpec } from './conversation-state.js';

/**
 * BANT in the order a good SDR asks it: what hurts, by when, who decides, and only then the
 * money — budget is easier to talk about once the need is on the table.
 */
export const BANT_SLOT_SPECS: readonly SlotSpec[] = Object.freeze([
  {
    name: 'need',
    kind: 'need',
    question: 'What made you look at leadsift — what problem would you like it to solve?',
  },
  { name: 'timeline', kind: 'timeline', question: 'When would you like to have something in place?' },
  {
    name: 'authority',
    kind: 'authority',
    question: 'Who else is involved in choosing a tool like this, or is it your call?',
  },
  {
    name: 'budget',
    kind: 'budget',
    question: 'Have you set aside a budget for this? A rough range is fine.',
  },
]);

const LABELS: Readonly<Record<string, string>> = {
  'person.title': 'your role',
  'person.phone': 'the best phone number to reach you',
  'person.email': 'your work email address',
  'person.country': 'the country you are based in',
  'company.name': 'your company name',
  'company.domain': "your company's website",
  'company.industry': 'the industry your company is in',
  'company.sizeBand': 'how many people work at your company',
  'company.country': 'the country your company is based in',
};

/**
 * The slots for a playbook: the facts its criteria require with `how: ask` (with their own
 * question, or ours), or BANT when the playbook asks for nothing.
 */
export const slotsForPlaybook = (required: readonly Requirement[]): readonly SlotSpec[] => {
  const asked = required.filter((r) => r.how === 'ask');
  if (asked.length === 0) return BANT_SLOT_SPECS;
  return asked.map((r) => ({
    name: r.fact,
    kind: 'text',
    question: r.question ?? `Could you tell me ${LABELS[r.fact] ?? r.fact}?`,
  }));
};
