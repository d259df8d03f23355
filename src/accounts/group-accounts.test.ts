import { describe, expect, it } from 'vitest';
import { groupAccounts } from './group-accounts.js';
import { buildContact } from './test-support/build-contact.js';

const keys = (contacts: Parameters<typeof groupAccounts>[0]) =>
  groupAccounts(contacts).accounts.map((a) => [a.key, a.contacts.map((c) => c.leadId)]);

describe('groupAccounts', () => {
  it('groups contacts by the registrable domain of their company', () => {
    const grouped = keys([
      buildContact({ id: 'a', domain: 'acme.com' }),
      buildContact({ id: 'b', domain: 'www.acme.com' }),
      buildContact({ id: 'c', domain: 'shop.acme.co.uk' }),
    ]);
    expect(grouped).toEqual([
      ['acme.co.uk', ['c']],
      ['acme.com', ['a', 'b']],
    ]);
  });

  it('never forms an account from a free-mail domain, falling back to the company name', () => {
    const { accounts, unassigned } = groupAccounts([
      buildContact({ id: 'a', domain: 'gmail.com' }),
      buildContact({ id: 'b', domain: 'gmail.com' }),
      buildContact({ id: 'c', domain: 'gmail.com', company: 'Acme Corp.' }),
      buildContact({ id: 'd', company: 'ACME Corporation' }),
    ]);
    expect(accounts.map((a) => [a.key, a.keyedBy, a.contacts.map((c) => c.leadId)])).toEqual([
      ['name:acme', 'name', ['c', 'd']],
    ]);
    expect(unassigned.map((u) => u.leadId)).toEqual(['a', 'b']);
    expect(unassigned[0]!.why).toMatch(/gmail\.com cannot stand for a company/);
  });

  it('keeps two domains of one company apart unless a stored account id joins them', () => {
    expect(
      keys([buildContact({ id: 'a', domain: 'acme.com' }), buildContact({ id: 'b', domain: 'acme.de' })]),
    ).toHaveLength(2);
    const { accounts } = groupAccounts([
      buildContact({ id: 'a', domain: 'acme.com', accountId: '001X' }),
      buildContact({ id: 'b', domain: 'acme.de', accountId: '001x' }),
      buildContact({ id: 'c', domain: 'acme.de' }),
      buildContact({ id: 'd', domain: 'acme.de' }),
    ]);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.key).toBe('acme.de'); // the domain with the most contacts leads
    expect(accounts[0]!.domains).toEqual(['acme.com', 'acme.de']);
    expect(accounts[0]!.contacts.map((c) => c.leadId).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rolls subsidiaries up into the top-most parent, listing each with what named its parent', () => {
    const { accounts } = groupAccounts([
      buildContact({ id: 'p', company: 'Acme Corporation', domain: 'acme.com' }),
      buildContact({ id: 's1', company: 'Bluth Company', domain: 'bluth.com', parent: 'Acme Corporation' }),
      buildContact({ id: 's2', company: 'Sitwell', domain: 'sitwell.com', parent: 'bluth.com' }),
      buildContact({ id: 'x', company: 'Other', domain: 'other.com' }),
    ]);
    expect(accounts.map((a) => a.key)).toEqual(['acme.com', 'other.com']);
    const acme = accounts[0]!;
    expect(acme.contacts.map((c) => c.leadId)).toEqual(['p', 's1', 's2']);
    expect(acme.subsidiaries.map((s) => [s.key, s.contacts, s.parent.value])).toEqual([
      ['bluth.com', 1, 'Acme Corporation'],
      ['sitwell.com', 1, 'bluth.com'],
    ]);
    expect(acme.company.name?.value).toBe('Acme Corporation'); // the parent's own facts, not a child's
  });

  it('creates the account of a parent nobody works at yet, and stops at a cycle of parents', () => {
    const { accounts } = groupAccounts([
      buildContact({ id: 'a', company: 'Alpha', parent: 'Holding Group' }),
      buildContact({ id: 'b', company: 'Beta', parent: 'Gamma' }),
      buildContact({ id: 'c', company: 'Gamma', parent: 'Beta' }),
    ]);
    const byKey = new Map(accounts.map((a) => [a.key, a]));
    expect(byKey.get('name:holding group')?.contacts.map((c) => c.leadId)).toEqual(['a']);
    expect(byKey.get('name:holding group')?.company).toEqual({
      name: expect.objectContaining({ value: 'Holding Group' }),
    });
    const cycle = accounts.filter((a) => a.key === 'name:beta' || a.key === 'name:gamma');
    expect(cycle).toHaveLength(1);
    expect(cycle[0]!.contacts.map((c) => c.leadId).sort()).toEqual(['b', 'c']);
  });
});
