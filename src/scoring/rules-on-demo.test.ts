import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import { generateDemoData } from '../demo/generate-demo-data.js';
import { writeDemoCsv } from '../demo/write-demo-csv.js';
import { loadCriteria } from '../criteria/load-criteria.js';
import type { EventIndex } from './load-events.js';
import { qualifyFile } from './qualify-file.js';
import type { ActivityFacts } from './rules/score-intent.js';

const NOW = '2026-11-01T00:00:00.000Z';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-rules-demo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Area under the ROC curve: the chance that a converted lead outscores one that did not. */
const auc = (scored: readonly { score: number; converted: boolean }[]): number => {
  const pos = scored.filter((s) => s.converted).map((s) => s.score);
  const neg = scored.filter((s) => !s.converted).map((s) => s.score);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
};

describe('the BANT template on the demo data', () => {
  it('ranks the leads that later converted above those that did not (the demo hides the rules)', async () => {
    const data = generateDemoData({ seed: 9, leads: 3000, now: NOW });
    await writeDemoCsv(data, dir);
    const byRef = new Map<string, ActivityFacts[]>();
    for (const e of data.events) {
      const list = byRef.get(e.leadRef.toLowerCase()) ?? [];
      list.push({ type: e.type, occurredAt: e.occurredAt, properties: e.properties, source: 'events.csv' });
      byRef.set(e.leadRef.toLowerCase(), list);
    }
    const events: EventIndex = { byRef, count: data.events.length, rejected: [] };
    const converted = new Set(
      data.outcomes
        .filter((o) => o.type === 'opportunity_created' || o.type === 'won')
        .map((o) => o.leadRef.toLowerCase()),
    );
    const reviewed = new Set(data.outcomes.map((o) => o.leadRef.toLowerCase()));
    const criteria = await loadCriteria(
      fileURLToPath(new URL('../../examples/criteria/bant.yaml', import.meta.url)),
    );
    const file = await qualifyFile({ clock: fixedClock(NOW) }, join(dir, 'leads.csv'), { criteria, events });
    const scored: { score: number; converted: boolean }[] = [];
    for await (const batch of file.batches) {
      for (const row of batch.rows) {
        const ref = (row.raw['Lead ID'] || row.raw['Email'] || '').toLowerCase();
        if (reviewed.has(ref)) scored.push({ score: row.decision.score, converted: converted.has(ref) });
      }
    }
    const area = auc(scored);
    console.log(`BANT rules on ${scored.length} reviewed demo leads: AUC ${area.toFixed(3)}`);
    expect(scored.length).toBeGreaterThan(500);
    expect(area).toBeGreaterThan(0.65);
  }, 60_000);
});
