import type { Activity } from '../../domain/activity.js';
import type { Lead } from '../../domain/lead.js';
import type { LeadStore } from '../../domain/lead-store.js';
import type { Outcome } from '../../domain/outcome.js';

/** One page of stored leads with their outcomes and events (each oldest first; absent: none). */
export interface StoredLeadPage {
  readonly leads: readonly Lead[];
  readonly outcomes: ReadonlyMap<string, readonly Outcome[]>;
  readonly activities: ReadonlyMap<string, readonly Activity[]>;
}

/** The reads a page needs: three bulk queries, whatever the page's size. */
export type StoredLeadReads = Pick<LeadStore, 'listLeads' | 'listOutcomesOf' | 'listActivitiesOf'>;

/** Leads per page: the store's largest page. */
export const STORED_PAGE = 1000;

/**
 * Every stored lead in creation order, a page at a time, with its outcomes and events read in
 * bulk for the whole page (not one query per lead, which made a retrain over 100,000 leads
 * spend most of its time on round trips). The next page's leads are read while this one is used.
 */
export async function* storedLeadPages(leads: StoredLeadReads): AsyncGenerator<StoredLeadPage> {
  type LeadPage = Awaited<ReturnType<StoredLeadReads['listLeads']>>;
  const read = (cursor: string | undefined): Promise<LeadPage> => {
    const next = leads.listLeads({ limit: STORED_PAGE, ...(cursor === undefined ? {} : { cursor }) });
    // Marked handled: a reader that stops early never awaits the page read ahead.
    next.catch(() => undefined);
    return next;
  };
  let pending: Promise<LeadPage> | undefined = read(undefined);
  while (pending !== undefined) {
    const page: LeadPage = await pending;
    pending = page.next === undefined ? undefined : read(page.next);
    const ids = page.leads.map((lead) => lead.id);
    const [outcomes, activities] = await Promise.all([
      leads.listOutcomesOf(ids),
      leads.listActivitiesOf(ids),
    ]);
    yield { leads: page.leads, outcomes, activities };
  }
}
