import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import { parseCriteria } from '../criteria/load-criteria.js';
import { qualifyFile, type QualifiedRow } from './qualify-file.js';
import type { Rejection } from '../intake/intake-record.js';

const clock = fixedClock('2026-11-01T00:00:00.000Z');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-qualify-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const criteria = parseCriteria(
  'name: T\nicp: Sales leaders.\nfit:\n  seniority: { vp: 50, director: 40, manager: 10 }\n  functions: { sales: 30 }\n  employees: { min: 50, points: 20 }\nverdicts: { minScore: 30, minFitGrade: B, minIntentGrade: 4 }\n',
  'c.yaml',
);

const HEADER = 'Email,Title,Company Size';
const GOOD = [
  'ann@acme.com,VP Sales,201-500',
  'bob@beta.io,Sales Manager,50',
  'cat@gamma.co,Director of Marketing,1000+',
  'dan@delta.dev,Software Engineer,12',
  'eve@eps.io,CRO,"5,000"',
];

const qualify = async (name: string, lines: readonly string[]) => {
  const path = join(dir, name);
  await writeFile(path, [HEADER, ...lines].join('\n'));
  const file = await qualifyFile({ clock }, path, { criteria });
  const rows: QualifiedRow[] = [];
  const rejected: Rejection[] = [];
  for await (const batch of file.batches) {
    rows.push(...batch.rows);
    rejected.push(...batch.rejected);
  }
  return { rows, rejected };
};

/** A decision without where its facts were read (lines change when rows move). */
const essence = (row: QualifiedRow) => ({
  email: row.raw['Email'],
  verdict: row.decision.verdict,
  score: row.decision.score,
  grade: row.decision.grade,
  reasons: row.decision.reasons.map((r) => [r.text, r.effect]),
});

describe('qualifyFile', () => {
  it('rejects malformed rows with their reasons and qualifies every other row', async () => {
    const { rows, rejected } = await qualify('mixed.csv', [
      GOOD[0]!,
      'fay@phi.io,VP Sales,201-500,extra,columns',
      'bob@,CTO,50',
      GOOD[1]!,
      'gus@chi.io,CEO,"5,000,000,000"',
      GOOD[2]!,
      'hal@psi.io,"VP, Sales,200',
    ]);
    expect(rows.map((r) => r.raw['Email'])).toEqual(['ann@acme.com', 'bob@beta.io', 'cat@gamma.co']);
    expect(rejected.map((r) => [r.line, r.field])).toEqual([
      [3, undefined],
      [4, 'email'],
      [6, 'employees'],
      [8, undefined],
    ]);
    expect(rejected[0]?.problem).toMatch(/expected 3 columns, found 5/);
    expect(rejected[3]?.problem).toMatch(/quote/);
    expect(rows[0]?.decision).toMatchObject({ verdict: 'qualified', playbook: 'default' });
  });

  it('decides every row the same whatever order the rows come in', async () => {
    const baseline = (await qualify('base.csv', GOOD)).rows.map(essence);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(GOOD, { minLength: GOOD.length, maxLength: GOOD.length }),
        async (order) => {
          const shuffled = (await qualify('shuffled.csv', order)).rows.map(essence);
          const byEmail = (list: ReturnType<typeof essence>[]) =>
            [...list].sort((a, b) => String(a.email).localeCompare(String(b.email)));
          expect(byEmail(shuffled)).toEqual(byEmail(baseline));
        },
      ),
      { numRuns: 15 },
    );
  });
});
