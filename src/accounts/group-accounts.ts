import type { CompanyFacts } from '../domain/lead.js';
import type { Fact } from '../domain/provenance.js';
import { mergeFacts } from '../intake/merge-leads.js';
import type { AccountContact } from './account-contact.js';
import { accountKeyOf, companyDomain, companyNameKey, nameAccountKey } from './account-key.js';

/** A subsidiary rolled up into its parent's account, with what named the parent. */
export interface Subsidiary {
  readonly key: string;
  readonly name?: string;
  /** Its own contacts (also counted in the parent account's `contacts`). */
  readonly contacts: number;
  /** The fact that named the parent, with its provenance. */
  readonly parent: Fact<string>;
}

/** Contacts grouped into one company (with its subsidiaries' contacts rolled up into it). */
export interface Account {
  /** Registrable domain, or `name:<name>` for a company known only by name. */
  readonly key: string;
  readonly keyedBy: 'domain' | 'name';
  readonly name?: string;
  /** Every domain whose contacts are in it (joined by a shared account id). */
  readonly domains: readonly string[];
  /** The company facts of its own contacts merged field by field (newest provenance wins). */
  readonly company: CompanyFacts;
  /** Its own contacts and every subsidiary's. */
  readonly contacts: readonly AccountContact[];
  readonly subsidiaries: readonly Subsidiary[];
}

/** Contacts no account could be formed for, and why. */
export interface Unassigned {
  readonly leadId: string;
  readonly why: string;
}

export interface AccountGrouping {
  readonly accounts: readonly Account[];
  readonly unassigned: readonly Unassigned[];
}

interface Group {
  key: string;
  keyedBy: 'domain' | 'name';
  keys: Set<string>;
  own: AccountContact[];
  company: CompanyFacts;
}

/** Union-find over account keys: keys joined by a shared account id end up under one root. */
const joinByAccountId = (keyed: readonly { key: string; contact: AccountContact }[]): Map<string, string> => {
  const up = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (up.get(root) !== undefined && up.get(root) !== root) root = up.get(root)!;
    up.set(k, root);
    return root;
  };
  const firstKeyOfId = new Map<string, string>();
  for (const { key, contact } of keyed) {
    if (!up.has(key)) up.set(key, key);
    const id = contact.accountId?.value.toLowerCase();
    if (id === undefined) continue;
    const other = firstKeyOfId.get(id);
    if (other === undefined) firstKeyOfId.set(id, key);
    else {
      const [a, b] = [find(key), find(other)];
      if (a !== b) up.set(a < b ? b : a, a < b ? a : b);
    }
  }
  return new Map([...up.keys()].map((k) => [k, find(k)]));
};

/** The key a joined group goes by: a domain over a name, then the most contacts, then alphabetical. */
const leadingKey = (counts: ReadonlyMap<string, number>): string =>
  [...counts].sort(
    ([a, na], [b, nb]) =>
      Number(a.startsWith('name:')) - Number(b.startsWith('name:')) || nb - na || (a < b ? -1 : 1),
  )[0]![0];

const baseGroups = (contacts: readonly AccountContact[], unassigned: Unassigned[]): Map<string, Group> => {
  const keyed: { key: string; contact: AccountContact }[] = [];
  for (const contact of contacts) {
    const result = accountKeyOf(contact.company);
    if (result.key === undefined) unassigned.push({ leadId: contact.leadId, why: result.why });
    else keyed.push({ key: result.key, contact });
  }
  const rootOf = joinByAccountId(keyed);
  const members = new Map<string, { key: string; contact: AccountContact }[]>();
  for (const item of keyed) {
    const root = rootOf.get(item.key) ?? item.key;
    members.set(root, [...(members.get(root) ?? []), item]);
  }
  const groups = new Map<string, Group>();
  for (const items of members.values()) {
    const counts = new Map<string, number>();
    for (const { key } of items) counts.set(key, (counts.get(key) ?? 0) + 1);
    const key = leadingKey(counts);
    const own = items
      .map((i) => i.contact)
      .sort((a, b) => (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0));
    const company = own.reduce<CompanyFacts>((facts, c) => mergeFacts(facts, c.company), {});
    const keyedBy = key.startsWith('name:') ? 'name' : 'domain';
    groups.set(key, { key, keyedBy, keys: new Set(counts.keys()), own, company });
  }
  return groups;
};

/** The parents a group's contacts name, newest first (then alphabetically, so that order never matters). */
const parentFacts = (group: Group): Fact<string>[] =>
  group.own
    .map((c) => c.parent)
    .filter((p): p is Fact<string> => p !== undefined)
    .sort(
      (a, b) =>
        (a.provenance.at < b.provenance.at ? 1 : a.provenance.at > b.provenance.at ? -1 : 0) ||
        (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
    );

/** Groups in an order that does not depend on the input's: name-keyed first, then most contacts, then key. */
const inOrder = (groups: ReadonlyMap<string, Group>): Group[] =>
  [...groups.values()].sort(
    (a, b) =>
      Number(a.keyedBy === 'domain') - Number(b.keyedBy === 'domain') ||
      b.own.length - a.own.length ||
      (a.key < b.key ? -1 : 1),
  );

/** Finds (or, for a parent nobody works at yet, creates) the group a parent reference names. */
const resolveParent = (
  groups: Map<string, Group>,
  byName: Map<string, string>,
  fact: Fact<string>,
): Group => {
  const ref = fact.value;
  const domain = /\s/.test(ref.trim()) ? undefined : companyDomain(ref);
  const named = companyNameKey(ref);
  const key =
    (domain !== undefined && groups.has(domain) ? domain : undefined) ??
    byName.get(named) ??
    domain ??
    nameAccountKey(ref) ??
    `name:${ref}`;
  const found = groups.get(key);
  if (found !== undefined) return found;
  const created: Group = {
    key,
    keyedBy: key.startsWith('name:') ? 'name' : 'domain',
    keys: new Set([key]),
    own: [],
    company: { name: fact },
  };
  groups.set(key, created);
  byName.set(named, key);
  return created;
};

/**
 * Group contacts into accounts. The rules, in order:
 * 1. a contact's account is its company's registrable domain; a free-mail, disposable or school
 *    domain never forms one, and a contact without a usable domain falls back to its company
 *    name (`name:acme`), else it is unassigned, with why;
 * 2. two domains (or a domain and a name) are one account only by an explicit rule: their
 *    contacts share a stored account id (`account_id` from the source system) — never because
 *    the names look alike;
 * 3. a company whose contacts name a parent (`subsidiary_of`, `parent_company`: a domain or a
 *    name matched against the accounts' domains and names) rolls up into the top-most parent,
 *    which lists it as a subsidiary; a parent nobody works at yet becomes an account of its own
 *    with no facts but its name; in a cycle of parents the smallest key stands for all of it.
 * Accounts come out ordered by key.
 */
export const groupAccounts = (contacts: readonly AccountContact[]): AccountGrouping => {
  const unassigned: Unassigned[] = [];
  const groups = baseGroups(contacts, unassigned);
  const byName = new Map<string, string>();
  for (const g of inOrder(groups)) {
    if (g.keyedBy === 'name') byName.set(g.key.slice('name:'.length), g.key);
    const name = g.company.name?.value;
    if (name !== undefined && !byName.has(companyNameKey(name))) byName.set(companyNameKey(name), g.key);
  }
  const parentOf = new Map<string, { parent: string; fact: Fact<string> }>();
  for (const g of inOrder(groups)) {
    // The newest parent named that is not the company itself.
    for (const fact of parentFacts(g)) {
      const parent = resolveParent(groups, byName, fact);
      if (parent.key === g.key) continue;
      parentOf.set(g.key, { parent: parent.key, fact });
      break;
    }
  }
  // The top-most parent; in a cycle of parents, the cycle's smallest key stands for all of it.
  const topOf = (key: string): string => {
    const path = [key];
    for (let next = parentOf.get(key); next !== undefined; next = parentOf.get(next.parent)) {
      const loop = path.indexOf(next.parent);
      if (loop !== -1) return path.slice(loop).sort()[0]!;
      path.push(next.parent);
    }
    return path.at(-1)!;
  };
  const children = new Map<string, Group[]>();
  for (const key of parentOf.keys()) {
    const top = topOf(key);
    if (top !== key) children.set(top, [...(children.get(top) ?? []), groups.get(key)!]);
  }
  const accounts: Account[] = [];
  for (const g of groups.values()) {
    if (topOf(g.key) !== g.key) continue;
    const subs = (children.get(g.key) ?? []).sort((a, b) => (a.key < b.key ? -1 : 1));
    const name = g.company.name?.value;
    accounts.push({
      key: g.key,
      keyedBy: g.keyedBy,
      ...(name === undefined ? {} : { name }),
      domains: [...g.keys].filter((k) => !k.startsWith('name:')).sort(),
      company: g.company,
      contacts: [...g.own, ...subs.flatMap((s) => s.own)],
      subsidiaries: subs.map((s) => ({
        key: s.key,
        ...(s.company.name === undefined ? {} : { name: s.company.name.value }),
        contacts: s.own.length,
        parent: parentOf.get(s.key)!.fact,
      })),
    });
  }
  accounts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { accounts, unassigned };
};
