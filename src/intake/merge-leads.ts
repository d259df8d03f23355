import type { Consent, Lead, LeadDraft } from '../domain/lead.js';
import type { Fact } from '../domain/provenance.js';

/** The later of two ISO times (ISO 8601 UTC strings compare correctly as text). */
const later = (a: string, b: string): string => (a >= b ? a : b);

/**
 * Pick between two facts for one field: a present value beats an absent one; between two present
 * values the more recent (by provenance time) wins, and on a tie the incoming one wins, so that a
 * re-import of a corrected file corrects the lead.
 */
export const pickFact = <T>(
  current: Fact<T> | undefined,
  incoming: Fact<T> | undefined,
): Fact<T> | undefined => {
  if (incoming === undefined) return current;
  if (current === undefined) return incoming;
  return incoming.provenance.at >= current.provenance.at ? incoming : current;
};

/** Merge two fact records field by field with `pickFact`. */
export const mergeFacts = <T extends object>(current: T, incoming: T): T => {
  // The fact records are plain objects of Fact values; index them as such.
  const a = current as Readonly<Record<string, Fact<unknown> | undefined>>;
  const b = incoming as Readonly<Record<string, Fact<unknown> | undefined>>;
  const merged: Record<string, Fact<unknown>> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const fact = pickFact(a[key], b[key]);
    if (fact !== undefined) merged[key] = fact;
  }
  return merged as unknown as T;
};

/**
 * Merge consent: a stated flag from the newer record replaces the older, but an opt-out is
 * sticky — once a prospect opted out anywhere, no later record turns it back on.
 */
export const mergeConsent = (current: Consent, incoming: Consent): Consent => {
  const merged: { -readonly [K in keyof Consent]: Consent[K] } = { ...current, ...incoming };
  const optedOutAt = current.optedOutAt ?? incoming.optedOutAt;
  if (optedOutAt !== undefined) merged.optedOutAt = optedOutAt;
  return merged;
};

/** The parts of a lead that come from records, shared by stored leads and drafts. */
type LeadBody = Pick<Lead, 'externalId' | 'source' | 'person' | 'company' | 'consent' | 'custom' | 'raw'>;

/** Merge the record-borne parts of two versions of one person; `newer` wins ties. */
const mergeBody = (older: LeadBody, newer: LeadBody): LeadBody => {
  const source = pickFact(older.source, newer.source);
  const externalId = older.externalId ?? newer.externalId;
  return {
    ...(externalId === undefined ? {} : { externalId }),
    ...(source === undefined ? {} : { source }),
    person: mergeFacts(older.person, newer.person),
    company: mergeFacts(older.company, newer.company),
    consent: mergeConsent(older.consent, newer.consent),
    custom: mergeFacts(older.custom, newer.custom),
    raw: { ...older.raw, ...newer.raw },
  };
};

/**
 * Merge a newly received draft into the stored lead it duplicates (same external id, same
 * normalized email, or same name at the same company domain). Keeps the id and creation time,
 * the most complete and most recent value of every field with its provenance, and the union of
 * the raw records (newer columns win).
 */
export const mergeLead = (existing: Lead, draft: LeadDraft): Lead => ({
  id: existing.id,
  ...mergeBody(existing, draft),
  createdAt: existing.createdAt,
  updatedAt: later(existing.updatedAt, draft.receivedAt),
});

/** Merge two drafts of the same person seen in one batch (the second is the newer). */
export const mergeDrafts = (first: LeadDraft, second: LeadDraft): LeadDraft => ({
  ...mergeBody(first, second),
  receivedAt: later(first.receivedAt, second.receivedAt),
});
