import { join } from 'node:path';
import type { Activity } from '../domain/activity.js';
import type { Clock } from '../domain/clock.js';
import { isoNow } from '../domain/clock.js';
import type { ImportLog, LeadStore } from '../domain/lead-store.js';
import type { Outcome } from '../domain/outcome.js';
import { importLeadFile, type ImportSummary } from '../intake/import-lead-file.js';
import type { DemoData } from './demo-data.js';
import { generateDemoData } from './generate-demo-data.js';
import { writeDemoCsv } from './write-demo-csv.js';

/** What installing the demo needs: a clock (its "now") and the storage ports. */
export interface DemoDeps {
  readonly clock: Clock;
  readonly leads: LeadStore;
  readonly imports: ImportLog;
}

/** What `installDemo` wrote and stored, with counts that add up. */
export interface DemoInstall {
  readonly files: readonly string[];
  readonly import: ImportSummary;
  /** stored now + already there from an earlier demo run + skipped (their row was rejected) = generated. */
  readonly events: { readonly stored: number; readonly already: number; readonly skipped: number };
  readonly outcomes: { readonly stored: number; readonly already: number; readonly skipped: number };
  readonly data: DemoData;
}

/** Map each lead ref (the lead's external id or email) to the stored lead's id. */
const indexLeads = async (leads: LeadStore): Promise<Map<string, string>> => {
  const index = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await leads.listLeads({ limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
    for (const lead of page.leads) {
      if (lead.externalId !== undefined) index.set(lead.externalId, lead.id);
      if (lead.person.email !== undefined) index.set(lead.person.email.value, lead.id);
    }
    cursor = page.next;
  } while (cursor !== undefined);
  return index;
};

/**
 * Generate a seeded demo set, write it as CSV files into `dir`, and load it into the store the
 * way a user would: the lead file through intake (so its deliberate problems are rejected and
 * its duplicates merged), then the events and outcomes of the leads that were stored. Running it
 * again merges the leads and adds no event or outcome twice. Events and outcomes of rejected rows
 * are counted as skipped, never silently dropped.
 */
export const installDemo = async (
  deps: DemoDeps,
  options: { readonly seed: number; readonly leads: number; readonly dir: string },
): Promise<DemoInstall> => {
  const data = generateDemoData({ seed: options.seed, leads: options.leads, now: isoNow(deps.clock) });
  const { files } = await writeDemoCsv(data, options.dir);
  const summary = await importLeadFile(deps, join(options.dir, 'leads.csv'));
  const ids = await indexLeads(deps.leads);
  // A lead that already has demo events or outcomes got them from an earlier run: not twice.
  const loaded = new Set<string>();
  for (const leadId of new Set(ids.values())) {
    const [events, outcomes] = await Promise.all([
      deps.leads.listActivities(leadId),
      deps.leads.listOutcomes(leadId),
    ]);
    if (events.some((e) => e.source === 'demo') || outcomes.some((o) => o.source === 'demo'))
      loaded.add(leadId);
  }
  const activities: Omit<Activity, 'id'>[] = [];
  let already = 0;
  for (const e of data.events) {
    const leadId = ids.get(e.leadRef) ?? ids.get(e.leadRef.toLowerCase());
    if (leadId !== undefined && loaded.has(leadId)) already++;
    else if (leadId !== undefined) {
      activities.push({
        leadId,
        type: e.type,
        occurredAt: e.occurredAt,
        properties: e.properties,
        source: 'demo',
      });
    }
  }
  const outcomes: Omit<Outcome, 'id'>[] = [];
  let alreadyOutcomes = 0;
  for (const o of data.outcomes) {
    const leadId = ids.get(o.leadRef) ?? ids.get(o.leadRef.toLowerCase());
    if (leadId === undefined) continue;
    if (loaded.has(leadId)) {
      alreadyOutcomes++;
      continue;
    }
    outcomes.push({
      leadId,
      type: o.type,
      occurredAt: o.occurredAt,
      source: 'demo',
      ...(o.reason === undefined ? {} : { reason: o.reason }),
      ...(o.amount === undefined ? {} : { amount: o.amount }),
    });
  }
  await deps.leads.addActivities(activities);
  await deps.leads.addOutcomes(outcomes);
  return {
    files,
    import: summary,
    events: { stored: activities.length, already, skipped: data.events.length - activities.length - already },
    outcomes: {
      stored: outcomes.length,
      already: alreadyOutcomes,
      skipped: data.outcomes.length - outcomes.length - alreadyOutcomes,
    },
    data,
  };
};
