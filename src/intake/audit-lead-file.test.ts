import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import { auditLeadFile } from './audit-lead-file.js';
import { datasetPath } from '../test-support/datasets.js';

const clock = fixedClock('2026-11-01T00:00:00.000Z');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-audit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = async (name: string, text: string): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
};

describe('auditLeadFile', () => {
  it('counts every row as accepted or rejected and says why each rejection happened', async () => {
    const path = await file(
      'mixed.csv',
      [
        'Email,Job Title,Company,Company Size,Industry,Lead Source',
        'ann@acme.com,VP Sales,Acme,201-500,SaaS,Webinar',
        'bob@,CTO,Beta,50,Fintech,Referral',
        ',Intern,,,,',
        'ann@acme.com,VP of Sales,Acme Inc,201-500,SaaS,Website',
        'carl@gmail.com,Astronaut,,"approx. 50 employees",Underwater basket weaving,Website',
        'info@delta.io,"Head of IT",Delta,"1,000+",Banking,Partner',
        'x@y.com,a,b,c,d,e,EXTRA',
      ].join('\r\n'),
    );
    const report = await auditLeadFile({ clock }, path);
    expect(report.rows).toBe(7);
    expect(report.accepted + report.rejected).toBe(report.rows);
    expect(report.rejected).toBe(3);
    expect(report.rejections.map((r) => r.line)).toEqual([3, 4, 8]);
    expect(report.rejections[0]).toMatchObject({ field: 'email' });
    expect(report.rejections[1]?.problem).toMatch(/cannot identify the lead/);
    expect(report.rejections[2]?.problem).toMatch(/expected 6 columns, found 7/);
    expect(report.duplicates).toMatchObject({ rows: 1, byEmail: 1 });
    expect(report.emailTypes).toMatchObject({ corporate: 2, free: 1, role: 1 });
    expect(report.unrecognized['industry']?.top).toEqual([{ value: 'Underwater basket weaving', count: 1 }]);
    expect(report.unrecognized['title']?.top).toEqual([{ value: 'Astronaut', count: 1 }]);
    const industry = report.columns.find((c) => c.name === 'Industry');
    expect(industry).toMatchObject({ field: 'industry', filled: 4, share: 1 });
    expect(report.fixFirst.length).toBeGreaterThan(0);
  });

  it('reads JSONL and rejects a broken line with its number', async () => {
    const path = await file(
      'leads.jsonl',
      '{"email":"ann@acme.com","title":"CEO"}\n{"email": oops}\n{"email":"bo@beta.io"}\n',
    );
    const report = await auditLeadFile({ clock }, path);
    expect(report).toMatchObject({ rows: 3, accepted: 2, rejected: 1 });
    expect(report.rejections[0]?.line).toBe(2);
  });
});

const LEADS = datasetPath('x-education-lead-scoring/Leads.csv');

describe.skipIf(!existsSync(LEADS))(
  `auditLeadFile on the X Education leads (needs ${LEADS}; skipped when it is absent)`,
  () => {
    it('reads all 9,240 rows despite the trailing comma on every line and treats "Select" as empty', async () => {
      const report = await auditLeadFile({ clock }, LEADS);
      expect(report).toMatchObject({ rows: 9240, accepted: 9240, rejected: 0 });
      // 1,942 rows answered "Select" and 1,438 left the cell empty: 5,860 real answers.
      const specialization = report.columns.find((c) => c.name === 'Specialization');
      expect(specialization?.filled).toBe(5860);
      expect(report.mapping['Lead Source']).toBe('source');
      expect(report.mapping['Prospect ID']).toBe('external_id');
    });
  },
);
