import type { CommitteeRole } from '../criteria/committee-schema.js';
import { SENIORITIES, type JobFunction, type Seniority } from '../domain/lead.js';
import type { AccountContact } from './account-contact.js';

/** One seat of the committee and the contact who fills it, if any. */
export interface CommitteeSeat {
  readonly role: CommitteeRole;
  readonly filledBy?: AccountContact;
}

/** How much of the ideal committee an account's known people cover. */
export interface CommitteeCoverage {
  readonly seats: readonly CommitteeSeat[];
  readonly filled: number;
  /** filled / seats, 0–100. */
  readonly score: number;
}

const rank = (s: Seniority): number => SENIORITIES.indexOf(s);

/** True when the contact is senior enough and (when the role names any) in one of its functions. */
export const fitsRole = (role: CommitteeRole, contact: AccountContact): boolean => {
  const seniority = contact.person.seniority?.value;
  if (seniority === undefined || rank(seniority) > rank(role.minSeniority)) return false;
  if (role.function === undefined) return true;
  const wanted: readonly JobFunction[] = Array.isArray(role.function) ? role.function : [role.function];
  const fn = contact.person.jobFunction?.value;
  return fn !== undefined && wanted.includes(fn);
};

/**
 * Fill the committee's seats with distinct people so that as many seats as possible are filled
 * (a maximum bipartite matching, Kuhn's augmenting paths: greedy filling would let a VP of
 * Sales take the "economic buyer" seat and leave "sales leader" empty when another VP could
 * have taken it). Candidates are tried engaged first, then most senior, so that the people
 * named are the ones worth naming. `engaged` holds the lead ids of engaged contacts.
 */
export const coverCommittee = (
  roles: readonly CommitteeRole[],
  contacts: readonly AccountContact[],
  engaged: ReadonlySet<string>,
): CommitteeCoverage => {
  const order = [...contacts].sort(
    (a, b) =>
      Number(engaged.has(b.leadId)) - Number(engaged.has(a.leadId)) ||
      rank(a.person.seniority?.value ?? 'intern') - rank(b.person.seniority?.value ?? 'intern') ||
      (a.leadId < b.leadId ? -1 : 1),
  );
  const candidates = roles.map((role) => order.filter((c) => fitsRole(role, c)));
  const seatOf = new Map<string, number>(); // lead id → the seat it holds
  const holder: (AccountContact | undefined)[] = roles.map(() => undefined);
  const assign = (seat: number, visited: Set<string>): boolean => {
    for (const c of candidates[seat]!) {
      if (visited.has(c.leadId)) continue;
      visited.add(c.leadId);
      const other = seatOf.get(c.leadId);
      if (other === undefined || assign(other, visited)) {
        seatOf.set(c.leadId, seat);
        holder[seat] = c;
        return true;
      }
    }
    return false;
  };
  roles.forEach((_, seat) => assign(seat, new Set()));
  const seats = roles.map((role, i): CommitteeSeat => {
    const filledBy = holder[i];
    return filledBy === undefined ? { role } : { role, filledBy };
  });
  const filled = seats.filter((s) => s.filledBy !== undefined).length;
  return { seats, filled, score: roles.length === 0 ? 0 : Math.round((100 * filled) / roles.length) };
};
