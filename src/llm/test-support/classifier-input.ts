import type { CitedFact } from '../../domain/decision.js';
import type { LlmAnswer } from '../classify/answer-schema.js';
import type { ClassifyInput } from '../classify/classify-lead.js';

const AT = '2026-11-20T10:00:00.000Z';

/** A fact submitted with the lead, from column `column`. */
export const submitted = (field: string, value: unknown, column = field): CitedFact => ({
  field,
  value,
  provenance: { source: 'input', at: AT, origin: 'leads.csv', line: 2, column },
});

/** A VP of sales at a 200-person SaaS company who visited the pricing page three times. */
export const saasLead = (extra: readonly CitedFact[] = []): ClassifyInput => ({
  criteria: {
    playbook: 'default',
    icp: 'B2B SaaS companies with 50 to 1,000 employees in North America or Europe; the buyer is a sales or revenue leader (director and above).',
    summary: 'Hard disqualifiers: students, competitors (rival.com).',
  },
  facts: [
    submitted('person.title', 'VP of Sales', 'Title'),
    {
      field: 'person.seniority',
      value: 'vp',
      provenance: { source: 'normalization', at: AT, rule: 'title.seniority', from: 'person.title' },
    },
    {
      field: 'company.employees',
      value: { min: 200, max: 200 },
      provenance: { source: 'enrichment', at: AT, provider: 'firmographics', confidence: 0.9 },
    },
    submitted('company.industry', 'software', 'Industry'),
    ...extra,
  ],
  intent: {
    windowDays: 90,
    events: [{ type: 'pricing_page_view', count: 3, lastAt: '2026-11-27T09:00:00.000Z' }],
  },
});

/** A valid answer citing `F1`, `F3` and `F5` (the pricing-page visits of `saasLead`). */
export const qualifiedAnswer = (cite: readonly string[] = ['F1', 'F3']): LlmAnswer => ({
  verdict: 'qualified',
  score: 84,
  fit: { level: 'strong', summary: 'A VP of Sales at a 200-person software company.' },
  intent: { level: 'high', summary: 'Visited the pricing page three times this week.' },
  reasons: [
    {
      text: 'VP-level sales buyer at a 200-person software company',
      kind: 'fit',
      effect: 40,
      facts: [...cite],
    },
    { text: 'Visited the pricing page three times this week', kind: 'intent', effect: 30, facts: ['F5'] },
  ],
  missing: [{ field: 'budget', question: 'Is budget set aside for this quarter?' }],
  nextQuestion: 'When would you like to have a solution in place?',
});
