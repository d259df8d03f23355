import { fixedClock } from '../domain/clock.js';
import type { Lead } from '../domain/lead.js';
import type { LeadStore } from '../domain/lead-store.js';
import type { LoadedCriteria } from '../criteria/load-criteria.js';
import type { ModelRuntime } from '../scoring/model/model-runtime.js';
import { decideLead, scorerFor } from '../scoring/qualify-file.js';
import type { StoredDecision } from '../scoring/qualify-stored-leads.js';

const PAGE = 500;

/**
 * When a demo lead arrived: its CRM "Created Date" (the demo writes whole seconds, so its
 * arrival event carries the same time), else when it was stored.
 */
export const demoArrivalMs = (lead: Lead): number => {
  const created = Date.parse(lead.raw['Created Date'] ?? '');
  return Number.isFinite(created) ? created : Date.parse(lead.createdAt);
};

/**
 * Qualify every stored demo lead as the live service did when the lead arrived: the clock at its
 * arrival and only the behaviour events known by then (the engine counts an event dated after
 * its "now" as happening now, so later events are left out rather than leaked). Deciding six
 * months of leads all at today's clock would judge a lead that asked for a demo in June by
 * today's decayed intent — what re-evaluation does, not what greeted the lead. Each decision is
 * saved in the lead's history, dated at its arrival. Yields a page of results at a time.
 */
export async function* qualifyDemoAsArrived(
  deps: { readonly leads: LeadStore },
  criteria: LoadedCriteria,
  model?: ModelRuntime,
): AsyncIterable<StoredDecision[]> {
  let cursor: string | undefined;
  do {
    const page = await deps.leads.listLeads({ limit: PAGE, ...(cursor === undefined ? {} : { cursor }) });
    const activitiesOf = await deps.leads.listActivitiesOf(page.leads.map((lead) => lead.id));
    const results: StoredDecision[] = [];
    for (const lead of page.leads) {
      const arrival = demoArrivalMs(lead);
      const clock = fixedClock(arrival);
      const known = (activitiesOf.get(lead.id) ?? []).filter((a) => Date.parse(a.occurredAt) <= arrival);
      const decision = decideLead({ clock }, criteria, lead, known, scorerFor({ clock }, model));
      const decisionId = await deps.leads.saveDecision({ ...decision, leadId: lead.id });
      results.push({ lead, decisionId, decision });
    }
    yield results;
    cursor = page.next;
  } while (cursor !== undefined);
}
