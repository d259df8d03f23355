import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupAccounts } from './group-accounts.js';
import { buildContact, type ContactSpec } from './test-support/build-contact.js';

// A small world, so that contacts collide on domains, names, parents and account ids.
const DOMAINS = ['acme.com', 'acme.de', 'bluth.com', 'gmail.com', 'sitwell.io', undefined];
const NAMES = ['Acme', 'ACME Corp.', 'Bluth', 'Sitwell', undefined];
const PARENTS = ['acme.com', 'Bluth Company', 'Sitwell', 'Holding Group', undefined];
const IDS = ['001', '002', undefined];

const spec = (id: number) =>
  fc
    .record({
      domain: fc.constantFrom(...DOMAINS),
      company: fc.constantFrom(...NAMES),
      parent: fc.constantFrom(...PARENTS),
      accountId: fc.constantFrom(...IDS),
    })
    .map((r): ContactSpec => {
      const out: { -readonly [K in keyof ContactSpec]: ContactSpec[K] } = { id: `c${id}` };
      if (r.domain !== undefined) out.domain = r.domain;
      if (r.company !== undefined) out.company = r.company;
      if (r.parent !== undefined) out.parent = r.parent;
      if (r.accountId !== undefined) out.accountId = r.accountId;
      return out;
    });

const specs = fc
  .integer({ min: 0, max: 25 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => spec(i))));

/** Which leads each account holds, order aside: what must not depend on the input's order. */
const partition = (grouping: ReturnType<typeof groupAccounts>) => ({
  accounts: grouping.accounts.map((a) => [a.key, a.contacts.map((c) => c.leadId).sort()]),
  unassigned: grouping.unassigned.map((u) => u.leadId).sort(),
});

describe('groupAccounts, for any contacts', () => {
  it('puts every contact in exactly one account or in unassigned', () => {
    fc.assert(
      fc.property(specs, (list) => {
        const { accounts, unassigned } = groupAccounts(list.map(buildContact));
        const seen = [
          ...accounts.flatMap((a) => a.contacts.map((c) => c.leadId)),
          ...unassigned.map((u) => u.leadId),
        ];
        expect(seen.sort()).toEqual(list.map((s) => s.id).sort());
      }),
    );
  });

  it('forms the same accounts whatever order the contacts come in', () => {
    fc.assert(
      fc.property(
        specs.chain((list) =>
          fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
        ),
        ([list, shuffled]) => {
          expect(partition(groupAccounts(shuffled.map(buildContact)))).toEqual(
            partition(groupAccounts(list.map(buildContact))),
          );
        },
      ),
    );
  });

  it('never makes an account of a free-mail domain', () => {
    fc.assert(
      fc.property(specs, (list) => {
        const { accounts } = groupAccounts(list.map(buildContact));
        expect(accounts.every((a) => a.key !== 'gmail.com' && !a.domains.includes('gmail.com'))).toBe(true);
      }),
    );
  });
});
