import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import { describeStores } from '../test-support/describe-stores.js';
import { installDemo } from './install-demo.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-demo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeStores('installDemo', (t) => {
  it('writes the CSV files and loads leads, events and outcomes with counts that add up', async () => {
    const out = join(dir, t.dialect);
    const deps = {
      clock: fixedClock('2026-11-01T00:00:00.000Z'),
      leads: t.store.leads,
      imports: t.store.imports,
    };
    const demo = await installDemo(deps, { seed: 7, leads: 300, dir: out });
    const run = demo.import.run;
    expect(run.rowsIn).toBe(300);
    expect(run.accepted + run.rejected).toBe(300);
    expect(run.rejected).toBeGreaterThan(0); // the generator plants broken rows on purpose
    expect(run.updated).toBeGreaterThan(0); // and duplicates
    expect(await t.store.leads.countLeads()).toBe(run.created);
    expect(demo.events.stored + demo.events.skipped).toBe(demo.data.events.length);
    expect(demo.outcomes.stored).toBeGreaterThan(0);
    const csv = await readFile(join(out, 'leads.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toContain('Lead ID,First Name,Last Name,Email');
    const first = (await t.store.leads.listLeads({ limit: 1 })).leads[0]!;
    const activities = await t.store.leads.listActivities(first.id);
    expect(activities.every((a) => a.source === 'demo')).toBe(true);

    const again = await installDemo(deps, { seed: 7, leads: 300, dir: out });
    expect(again.import.run.created).toBe(0);
    expect(again.events).toMatchObject({ stored: 0, already: demo.events.stored });
    expect(await t.store.leads.listActivities(first.id)).toHaveLength(activities.length);
  });
});
