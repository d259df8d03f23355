import type { CitedFact, Reason } from '../domain/decision.js';
import { SENIORITIES } from '../domain/lead.js';
import { cite } from '../scoring/rules/fit-reasons.js';
import type { AccountContact } from './account-contact.js';
import type { AccountReason } from './account-decision.js';
import type { CommitteeCoverage } from './cover-committee.js';
import { describeContact, listWords, roleWords, seatWants, shortContact } from './describe-contact.js';

/** The title (else seniority) fact of a contact, cited with the lead it belongs to. */
const citeContact = (c: AccountContact): CitedFact[] => {
  const fact = c.person.title ?? c.person.seniority;
  if (fact === undefined) return [];
  const field = c.person.title === undefined ? 'person.seniority' : 'person.title';
  return [cite(`lead ${c.leadId} ${field}`, fact)];
};

/**
 * "3 engaged contacts including Dana Kim (VP of Sales) and Lee Park (IT Director)": how many
 * contacts did something the intent rules count, naming the two most senior.
 */
export const engagementReason = (
  contacts: readonly AccountContact[],
  engaged: readonly AccountContact[],
  windowDays: number,
  effect: number,
): AccountReason => {
  if (engaged.length === 0)
    return {
      text: `No engaged contacts in the last ${windowDays} days (${contacts.length} known)`,
      kind: 'engagement',
      effect,
      facts: [],
    };
  // The two most senior are named (ties: the more engaged first, the order `engaged` comes in).
  const rank = (c: AccountContact): number => {
    const s = c.person.seniority?.value;
    return s === undefined ? SENIORITIES.length : SENIORITIES.indexOf(s);
  };
  const named = [...engaged]
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, 2)
    .map(describeContact);
  const count = `${engaged.length} engaged contact${engaged.length === 1 ? '' : 's'}`;
  const who = engaged.length <= 2 ? `: ${listWords(named)}` : ` including ${listWords(named)}`;
  const known = contacts.length > engaged.length ? `; ${contacts.length} contacts known` : '';
  return { text: `${count}${who}${known}`, kind: 'engagement', effect, facts: engaged.flatMap(citeContact) };
};

/**
 * The committee in words: the seats filled and by whom, then one reason per empty seat saying
 * whom to look for.
 */
export const committeeReasons = (coverage: CommitteeCoverage, effect: number): AccountReason[] => {
  const filled = coverage.seats.filter((s) => s.filledBy !== undefined);
  const out: AccountReason[] = [];
  const of = `${coverage.filled} of ${coverage.seats.length}`;
  out.push({
    text:
      filled.length === 0
        ? `Buying committee: none of the ${coverage.seats.length} seats filled by a known contact`
        : `Buying committee ${of} seats filled: ${filled
            .map((s) => `${roleWords(s.role)} — ${describeContact(s.filledBy!)}`)
            .join('; ')}`,
    kind: 'committee',
    effect,
    facts: filled.flatMap((s) => citeContact(s.filledBy!)),
  });
  for (const seat of coverage.seats) {
    if (seat.filledBy !== undefined) continue;
    const label = seat.role.label === undefined ? '' : ` (${seat.role.label})`;
    out.push({
      text: `No ${seatWants(seat.role)} known${label}: find and engage one`,
      kind: 'committee',
      effect: 0,
      facts: [],
    });
  }
  return out;
};

/** A key that finds the contacts behind an activity cited by an intent reason. */
const activityKey = (type: string, occurredAt: unknown): string => `${type}|${String(occurredAt)}`;

/**
 * The account-level intent reasons (from the rules' `scoreIntent` over every contact's events),
 * each extended with who did it: "Visited the pricing page 3 times in the last 6 days, by Dana
 * Kim and Lee Park". Cited activities name their lead.
 */
export const intentReasons = (
  reasons: readonly Reason[],
  contacts: readonly AccountContact[],
): AccountReason[] => {
  const byActivity = new Map<string, AccountContact[]>();
  for (const c of contacts)
    for (const a of c.activities) {
      const key = activityKey(a.type, a.occurredAt);
      const list = byActivity.get(key) ?? [];
      if (!list.includes(c)) list.push(c);
      byActivity.set(key, list);
    }
  return reasons.map((r) => {
    const who = new Set<AccountContact>();
    const facts = r.facts.map((f) => {
      const value = f.value as { occurredAt?: unknown };
      const found = byActivity.get(activityKey(f.field.replace(/^activity\./, ''), value.occurredAt)) ?? [];
      for (const c of found) who.add(c);
      return found.length === 1 ? { ...f, field: `lead ${found[0]!.leadId} ${f.field}` } : f;
    });
    const names = [...who].map(shortContact);
    const by =
      names.length === 0
        ? ''
        : names.length <= 3
          ? `, by ${listWords(names)}`
          : `, by ${names.length} contacts (${names.slice(0, 2).join(', ')} and others)`;
    return { text: `${r.text}${by}`, kind: 'intent', effect: r.effect, facts };
  });
};
