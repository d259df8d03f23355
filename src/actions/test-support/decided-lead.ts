import type { Decision } from '../../domain/decision.js';
import type { Lead } from '../../domain/lead.js';
import type { Provenance } from '../../domain/provenance.js';
import type { Route } from '../../domain/route.js';

const AT = '2026-11-28T09:00:00.000Z';
const input: Provenance = { source: 'input', at: AT, origin: 'leads.csv', line: 2 };
const fact = <T>(value: T) => ({ value, provenance: input });

/** A lead with the person and company fields actions send. */
export const LEAD: Lead = {
  id: '01JDQ8Z6Y3K2M4N5P6Q7R8S9T0',
  externalId: 'form-4411',
  source: fact('demo_request'),
  person: {
    firstName: fact('Dana'),
    lastName: fact('Kim'),
    email: fact('dana.kim@acme.com'),
    title: fact('VP Sales'),
    seniority: {
      value: 'vp',
      provenance: { source: 'normalization', at: AT, rule: 'title.seniority', from: 'title' },
    },
  },
  company: { name: fact('Acme'), domain: fact('acme.com') },
  consent: {},
  custom: {},
  raw: { email: 'dana.kim@acme.com' },
  createdAt: AT,
  updatedAt: AT,
};

/** A lead with nothing but an id: every optional field absent. */
export const BARE_LEAD: Lead = {
  id: '01JDQ8Z6Y3K2M4N5P6Q7R8S9T1',
  person: {},
  company: {},
  consent: {},
  custom: {},
  raw: {},
  createdAt: AT,
  updatedAt: AT,
};

/** A qualified decision with three reasons and one missing fact. */
export const DECISION: Decision = {
  id: '01JDQ90000AAAABBBBCCCCDDDD',
  leadId: LEAD.id,
  verdict: 'qualified',
  score: 82,
  grade: 'A1',
  fit: { score: 90, grade: 'A' },
  intent: { score: 70, grade: 1 },
  playbook: 'enterprise',
  reasons: [
    {
      text: 'VP-level buyer',
      kind: 'fit',
      effect: 20,
      facts: [{ field: 'person.seniority', value: 'vp', provenance: input }],
    },
    { text: 'Requested a demo', kind: 'intent', effect: 30, facts: [] },
    { text: 'Company of 200 people, inside the 50–5,000 range', kind: 'fit', effect: 15, facts: [] },
  ],
  missing: [{ field: 'budget', how: 'ask', question: 'What budget have you set aside?' }],
  versions: { engine: 'rules@1', criteria: 'criteria@abc123' },
  decidedAt: AT,
};

/** Routed to an account executive. */
export const ROUTE: Route = {
  destination: 'ae',
  owner: { id: 'rep-7', name: 'Sam Rivera', email: 'sam.rivera@seller.example' },
  territory: 'NA',
  rule: 'enterprise-na',
  reason: 'Qualified A1 in NA: round-robin among the NA reps → Sam Rivera',
};
