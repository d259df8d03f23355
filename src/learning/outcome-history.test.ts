import { expect, it } from 'vitest';
import type { LeadStore } from '../domain/lead-store.js';
import { describeStores } from '../test-support/describe-stores.js';
import { eventColumns, EVENT_COLUMNS, EVENT_PREFIX } from '../scoring/model/features/event-columns.js';
import { trainingFromStore } from '../scoring/model/training-from-store.js';
import { readOutcomeHistory } from './outcome-history.js';
import { labelOutcomes } from './outcome-label.js';
import { handClock } from './test-support/dated-leads.js';
import { storeOutcomeWorld } from './test-support/outcome-world.js';

const START = '2026-01-05T00:00:00.000Z';
const DAY = 86_400_000;

/**
 * The rows as the learning cycle read them before bulk reads: one outcome and one event query per
 * lead. Kept here as the reference the paged bulk reading must match row for row.
 */
const perLeadRows = async (leads: LeadStore) => {
  const rows: Array<{ line: number; record: Record<string, string>; label: number; at: number }> = [];
  const open: string[] = [];
  let line = 0;
  let cursor: string | undefined;
  do {
    const page = await leads.listLeads({ limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
    cursor = page.next;
    for (const lead of page.leads) {
      line++;
      const outcomes = await leads.listOutcomes(lead.id);
      const label = labelOutcomes(outcomes);
      if (label === undefined) {
        open.push(lead.id);
        continue;
      }
      const decided = Math.min(...outcomes.map((o) => Date.parse(o.occurredAt)));
      const events = eventColumns(await leads.listActivities(lead.id), decided);
      rows.push({ line, record: { ...lead.raw, ...events }, label: label.label, at: label.at });
    }
  } while (cursor !== undefined);
  return { rows, open };
};

describeStores('reading the outcome history in pages', (t) => {
  it('gives the same rows, labels, times and behaviour as reading lead by lead, across pages', async () => {
    const clock = handClock(START);
    const store = await t.open({ clock });
    await storeOutcomeWorld(store, clock, START, 1050, 0.05);
    const all = await store.leads.listLeads({ limit: 1000 });
    const ids = all.leads.map((l) => l.id);
    // Events before and after the outcome (a week after arrival), and a churn soon after some wins.
    await store.leads.addActivities(
      ids.flatMap((leadId, i) =>
        i % 3 === 0
          ? [
              {
                leadId,
                type: 'pricing_page_view' as const,
                occurredAt: START,
                properties: {},
                source: 'test',
              },
              {
                leadId,
                type: 'demo_request' as const,
                occurredAt: new Date(Date.parse(START) + 200 * DAY).toISOString(),
                properties: {},
                source: 'test',
              },
            ]
          : [],
      ),
    );
    await store.leads.addOutcomes(
      ids
        .filter((_, i) => i % 7 === 0)
        .map((leadId) => ({
          leadId,
          type: 'churned' as const,
          occurredAt: new Date(Date.parse(START) + 60 * DAY).toISOString(),
          source: 'test',
        })),
    );

    const reference = await perLeadRows(store.leads);
    const history = await readOutcomeHistory(store.leads);
    const { table } = history;
    expect(table.rowsRead).toBe(1050);
    expect(table.labels.length).toBe(reference.rows.length);
    expect(table.rejected.map((r) => r.reason)).toEqual(
      reference.open.map((id) => `lead ${id} has no decisive outcome yet`),
    );
    expect(Array.from(table.lines)).toEqual(reference.rows.map((r) => r.line));
    expect(Array.from(table.labels)).toEqual(reference.rows.map((r) => r.label));
    expect(Array.from(history.labelledAt)).toEqual(reference.rows.map((r) => r.at));
    const cells = reference.rows.map((r) => table.header.map((column) => r.record[column] ?? ''));
    const read = reference.rows.map((_, i) => table.columns.map((column) => column[i]));
    expect(read).toEqual(cells);
    expect(table.header.slice(-EVENT_COLUMNS.length)).toEqual(EVENT_COLUMNS);
    // The behaviour before the outcome is there, the one after it is not.
    const column = (name: string) => table.columns[table.header.indexOf(`${EVENT_PREFIX}${name} (90 days)`)];
    const first = reference.rows.findIndex((r) => r.line === 1);
    expect([column('pricing_page_view')?.[first], column('demo_request')?.[first]]).toEqual(['1', '0']);
    expect(column('pricing_page_view')?.filter((n) => n === '1').length).toBeGreaterThan(250);

    // `train --from-db` reads through the same pages: the same leads with a decisive outcome.
    const train = await trainingFromStore({ leads: store.leads });
    expect(train.rowsRead).toBe(1050);
    expect(train.header).toEqual(table.header);
    expect(train.columns).toEqual(table.columns);
  });
});
