import type { CommitteeRole } from '../criteria/committee-schema.js';
import type { Seniority } from '../domain/lead.js';
import { functionWords } from '../scoring/rules/fit-reasons.js';
import type { AccountContact } from './account-contact.js';

const LEVEL: Readonly<Record<Seniority, string>> = {
  founder: 'founder',
  c_level: 'C-level executive',
  vp: 'VP',
  director: 'director',
  manager: 'manager',
  senior: 'senior individual contributor',
  entry: 'entry-level',
  intern: 'intern',
};

const nameOf = (c: AccountContact): string | undefined => {
  const name = [c.person.firstName?.value, c.person.lastName?.value].filter((p) => p !== undefined).join(' ');
  return name === '' ? undefined : name;
};

/** What a contact does, in words: the title as written, else seniority and function. */
const roleOf = (c: AccountContact): string | undefined => {
  const title = c.person.title?.value;
  if (title !== undefined) return title;
  const seniority = c.person.seniority?.value;
  const fn = c.person.jobFunction?.value;
  if (seniority === undefined && fn === undefined) return undefined;
  const level = seniority === undefined ? 'someone' : LEVEL[seniority];
  return fn === undefined ? level : `${level} in ${functionWords(fn)}`;
};

/** "Dana Kim (VP of Sales)", "a VP of Sales", "Dana Kim", or "a contact" when nothing is known. */
export const describeContact = (c: AccountContact): string => {
  const name = nameOf(c);
  const role = roleOf(c);
  if (name !== undefined) return role === undefined ? name : `${name} (${role})`;
  return role === undefined ? 'a contact' : `a ${role}`;
};

/** The short name of a contact: "Dana Kim", else their title, else "a contact". */
export const shortContact = (c: AccountContact): string => nameOf(c) ?? roleOf(c) ?? 'a contact';

/** "VP or above in sales": what a seat asks for. */
export const seatWants = (role: CommitteeRole): string => {
  const fns =
    role.function === undefined ? [] : Array.isArray(role.function) ? role.function : [role.function];
  const where = fns.length === 0 ? '' : ` in ${fns.map(functionWords).join(' or ')}`;
  return `${LEVEL[role.minSeniority]} or above${where}`;
};

/** How reasons name a seat: its label ("economic buyer"), else what it asks for. */
export const roleWords = (role: CommitteeRole): string => role.label ?? seatWants(role);

/** "A and B", "A, B and C". */
export const listWords = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
