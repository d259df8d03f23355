import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/storage/open-store.js';
import { runCli } from '../../test-support/run-cli.js';

let dir: string;
let db: string;
const recent = new Date(Date.now() - 2 * 86_400_000).toISOString();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-accounts-'));
  db = `sqlite:${join(dir, 'cli.db')}`;
  await writeFile(
    join(dir, 'leads.csv'),
    [
      'Email,First Name,Last Name,Title,Company,Industry,Employees,Country,subsidiary_of',
      'dana@acme.com,Dana,Kim,VP of Sales,Acme,Software,400,US,',
      'lee@acme.com,Lee,Park,IT Director,Acme,Software,400,US,',
      'sam@bluth.com,Sam,Roe,Engineer,Bluth,Software,90,US,acme.com',
      'bo@tiny.io,Bo,Lo,Intern,Tiny,Retail,5,US,',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'abm.yaml'),
    'name: abm\nicp: Software companies\nfit:\n  industries: { include: [software], points: 50 }\n  employees: { min: 50, points: 50 }\nintent:\n  rules:\n    - { event: pricing_page_view, points: 30 }\n',
  );
  expect((await runCli(db, 'import', join(dir, 'leads.csv'))).code).toBe(0);
  const store = await openStore({ databaseUrl: db });
  const dana = await store.leads.findLeadByEmail('dana@acme.com');
  const lee = await store.leads.findLeadByEmail('lee@acme.com');
  await store.leads.addActivities(
    [dana!, lee!].map((l) => ({
      leadId: l.id,
      type: 'pricing_page_view' as const,
      occurredAt: recent,
      properties: {},
      source: 'test',
    })),
  );
  await store.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('leadsift accounts', () => {
  it('lists the stored leads as accounts, best first, with their reasons', async () => {
    const { out, code } = await runCli(db, 'accounts', '--criteria', join(dir, 'abm.yaml'));
    expect(code).toBe(0);
    expect(out).toMatch(
      /^abm \(criteria@[0-9a-f]{12}\): 2 accounts from 4 leads — 1 qualified, 0 need info, 1 not qualified/,
    );
    expect(out).toContain('  1. acme.com  Acme  (+1 subsidiaries)');
    expect(out).toContain(
      '· 2 engaged contacts: Dana Kim (VP of Sales) and Lee Park (IT Director); 3 contacts known',
    );
    expect(out.indexOf('acme.com')).toBeLessThan(out.indexOf('tiny.io'));
  });

  it('prints JSON, honours --limit, and shows one account (found by a subsidiary domain) in full', async () => {
    const json = await runCli(db, 'accounts', '--json', '--limit', '1');
    const report = JSON.parse(json.out) as { total: number; leads: number; accounts: { key: string }[] };
    expect(report).toMatchObject({ total: 2, leads: 4 });
    expect(report.accounts.map((a) => a.key)).toEqual(['acme.com']);
    const one = await runCli(db, 'accounts', 'bluth.com');
    expect(one.out).toContain('1. acme.com');
    expect(one.out).toContain('Buying committee');
    expect(one.out).toContain('subsidiary bluth.com: 1 contact (its leads name "acme.com" as parent)');
    const none = await runCli(db, 'accounts', 'nobody.com');
    expect(none.code).not.toBe(0);
    expect(none.err).toContain('no account nobody.com among the stored leads');
  });
});
