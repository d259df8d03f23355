import type { ActivityType } from '../../domain/activity.js';
import type { CompanyFacts, JobFunction, PersonFacts, Seniority } from '../../domain/lead.js';
import type { Fact } from '../../domain/provenance.js';
import type { ActivityFacts } from '../../scoring/rules/score-intent.js';
import type { AccountContact } from '../account-contact.js';

const AT = '2026-03-01T00:00:00.000Z';

/** A fact as a test file's row gave it. */
export const fact = <T>(value: T, at = AT): Fact<T> => ({
  value,
  provenance: { source: 'input', at, origin: 'test.csv', line: 2 },
});

/** What a test says about a contact, in plain values. */
export interface ContactSpec {
  readonly id: string;
  readonly name?: string;
  readonly title?: string;
  readonly seniority?: Seniority;
  readonly fn?: JobFunction;
  readonly domain?: string;
  readonly company?: string;
  readonly industry?: string;
  readonly employees?: number;
  readonly country?: string;
  readonly parent?: string;
  readonly accountId?: string;
  readonly events?: readonly { readonly type: ActivityType; readonly at: string }[];
}

/** An account contact from plain values, each fact with an input provenance. */
export const buildContact = (s: ContactSpec): AccountContact => {
  const [first, ...last] = (s.name ?? '').split(' ');
  const person: PersonFacts = {
    ...(s.name === undefined ? {} : { firstName: fact(first ?? ''), lastName: fact(last.join(' ')) }),
    ...(s.title === undefined ? {} : { title: fact(s.title) }),
    ...(s.seniority === undefined ? {} : { seniority: fact(s.seniority) }),
    ...(s.fn === undefined ? {} : { jobFunction: fact(s.fn) }),
  };
  const company: CompanyFacts = {
    ...(s.domain === undefined ? {} : { domain: fact(s.domain) }),
    ...(s.company === undefined ? {} : { name: fact(s.company) }),
    ...(s.industry === undefined ? {} : { industry: fact(s.industry) }),
    ...(s.employees === undefined ? {} : { employees: fact({ min: s.employees, max: s.employees }) }),
    ...(s.country === undefined ? {} : { country: fact(s.country) }),
  };
  const activities: ActivityFacts[] = (s.events ?? []).map((e) => ({
    type: e.type,
    occurredAt: e.at,
    properties: {},
    source: 'test',
  }));
  return {
    leadId: s.id,
    person,
    company,
    activities,
    ...(s.parent === undefined ? {} : { parent: fact(s.parent) }),
    ...(s.accountId === undefined ? {} : { accountId: fact(s.accountId) }),
  };
};
