import type { StoreHandle } from '../../adapters/storage/open-store.js';
import type { LeadDraft } from '../../domain/lead.js';
import { fromInput } from '../../test-support/lead-drafts.js';

/** A clock tests move by hand: leads are stored at its time. */
export interface HandClock {
  now(): number;
  set(iso: string): void;
}

export const handClock = (iso: string): HandClock => {
  let ms = Date.parse(iso);
  return { now: () => ms, set: (at) => void (ms = Date.parse(at)) };
};

/** A lead draft from a source with raw columns, read at `at`. */
export const sourcedLead = (
  n: string,
  source: string,
  raw: Record<string, string>,
  at: string,
): LeadDraft => {
  const provenance = fromInput(at, 2, 'Lead Source');
  return {
    source: { value: source, provenance },
    person: { email: { value: `p${n}@c${n}.example`, provenance } },
    company: {},
    consent: {},
    custom: {},
    raw: { Email: `p${n}@c${n}.example`, 'Lead Source': source, ...raw },
    receivedAt: at,
  };
};

/**
 * Stores `count` leads at the clock's time `at`: a share `paid` of them from paid_search, the rest
 * organic, each with an Employees figure drawn from `employees`. Returns their ids.
 */
export const storeLeadsAt = async (
  store: StoreHandle,
  clock: HandClock,
  at: string,
  prefix: string,
  count: number,
  paid: number,
  employees: (i: number) => number = (i) => 10 + ((i * 37) % 490),
): Promise<string[]> => {
  clock.set(at);
  const drafts = Array.from({ length: count }, (_, i) =>
    sourcedLead(
      `${prefix}${i}`,
      i < Math.round(paid * count) ? 'paid_search' : 'organic',
      { Employees: String(employees(i)) },
      at,
    ),
  );
  return (await store.leads.upsertLeads(drafts)).map((r) => r.id);
};
