import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadCriteria } from '../criteria/load-criteria.js';
import { fixedClock } from '../domain/clock.js';
import { qualifyStoredLeads } from '../scoring/qualify-stored-leads.js';
import { describeStores } from '../test-support/describe-stores.js';
import { installDemo } from './install-demo.js';
import { demoArrivalMs, qualifyDemoAsArrived } from './qualify-demo-as-arrived.js';

const NOW = '2026-11-01T00:00:00.000Z';
const BANT = fileURLToPath(new URL('../../examples/criteria/bant.yaml', import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-demo-arrived-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeStores('qualifyDemoAsArrived', (t) => {
  it('decides each lead at its arrival on the events before it, and saves that decision', async () => {
    const clock = fixedClock(NOW);
    const deps = { clock, leads: t.store.leads, imports: t.store.imports };
    await installDemo(deps, { seed: 3, leads: 200, dir: join(dir, t.dialect) });
    const criteria = await loadCriteria(BANT);
    const DAY_MS = 86_400_000;
    const qualified = new Set<string>();
    const oldQualified = new Set<string>();
    let later = 0;
    for await (const page of qualifyDemoAsArrived({ leads: t.store.leads }, criteria)) {
      for (const { lead, decision, decisionId } of page) {
        const arrival = demoArrivalMs(lead);
        expect(decision.decidedAt).toBe(new Date(arrival).toISOString());
        expect(arrival).toBe(Date.parse(lead.raw['Created Date'] ?? ''));
        // Every event a reason cites happened by the arrival…
        const cited = decision.reasons.flatMap((r) => r.facts.map((f) => Date.parse(f.provenance.at)));
        expect(cited.filter((at) => at > arrival)).toEqual([]);
        // …while the lead does have events after it, which a decision today would count.
        const activities = await t.store.leads.listActivities(lead.id);
        if (activities.some((a) => Date.parse(a.occurredAt) > arrival)) later++;
        const saved = await t.store.leads.listDecisions(lead.id);
        expect(saved.at(-1)?.id).toBe(decisionId);
        if (decision.verdict !== 'qualified') continue;
        qualified.add(lead.id);
        if (arrival < Date.parse(NOW) - 60 * DAY_MS) oldQualified.add(lead.id);
      }
    }
    expect(later).toBeGreaterThan(30);
    expect(qualified.size).toBeGreaterThan(10);
    expect(oldQualified.size).toBeGreaterThan(2);
    // The point of deciding at arrival: months-old leads judged today have lost their intent.
    let cold = 0;
    for await (const page of qualifyStoredLeads({ clock, leads: t.store.leads }, criteria))
      for (const { lead, decision } of page)
        if (oldQualified.has(lead.id) && decision.verdict !== 'qualified') cold++;
    expect(cold).toBeGreaterThan(0);
  }, 60_000);
});
