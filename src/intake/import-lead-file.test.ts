import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import { describeStores } from '../test-support/describe-stores.js';
import { importLeadFile } from './import-lead-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CSV = [
  'Lead ID,Email,Job Title,Company,Website,Company Size,Lead Source',
  'L-1,ann@acme.com,Sales Manager,Acme,acme.com,201-500,Webinar',
  'L-2,bob@,CTO,Beta,beta.io,50,Referral',
  'L-3,ann@acme.com,VP Sales,Acme,,,',
  ',,Intern,,,,',
  'L-4,"carl@delta.io","Directeur commercial",Delta,delta.io,"1,000+",Partner',
].join('\n');

describeStores('importLeadFile', (t) => {
  const deps = () => ({
    clock: fixedClock('2026-11-01T00:00:00.000Z'),
    leads: t.store.leads,
    imports: t.store.imports,
  });

  it('stores accepted rows, merges duplicates, and keeps every rejected row with its reason', async () => {
    const path = join(dir, `leads-${t.dialect}.csv`);
    await writeFile(path, CSV);
    const { run, rejections } = await importLeadFile(deps(), path);
    expect(run).toMatchObject({ rowsIn: 5, accepted: 3, rejected: 2, created: 2, updated: 1 });
    expect(rejections.map((r) => [r.line, r.field])).toEqual([
      [3, 'email'],
      [5, undefined],
    ]);
    expect(await t.store.imports.listRejections(run.id)).toHaveLength(2);
    expect(await t.store.leads.countLeads()).toBe(2);
    const ann = await t.store.leads.findLeadByEmail('ann@acme.com');
    // L-3 arrived later in the same file: its title wins, the size L-1 gave is kept.
    expect(ann?.person.title?.value).toBe('VP Sales');
    expect(ann?.company.sizeBand?.value).toBe('201-500');
    expect(ann?.person.title?.provenance).toMatchObject({ source: 'input', line: 4, column: 'Job Title' });
    // The companies the stored leads work for, by domain, with what their rows said.
    const acme = await t.store.leads.getCompanyByKey('acme.com');
    expect(acme?.name?.value).toBe('Acme');
    expect(acme?.sizeBand?.value).toBe('201-500');
    expect(await t.store.leads.getCompanyByKey('delta.io')).toMatchObject({
      sizeBand: { value: '1001-5000' },
    });
  });

  it('merges records without an email when the same name appears at the same company domain', async () => {
    const path = join(dir, `names-${t.dialect}.csv`);
    await writeFile(
      path,
      [
        'First Name,Last Name,Company,Website,Phone,Job Title',
        'Ann,Lee,Acme,acme.com,+14155550123,',
        'ann,LEE,Acme Inc,https://www.acme.com/,,CFO',
        'Bob,Lee,Acme,acme.com,,',
      ].join('\n'),
    );
    const { run } = await importLeadFile(deps(), path);
    expect(run).toMatchObject({ rowsIn: 3, created: 2, updated: 1 });
    const again = await importLeadFile(deps(), path);
    expect(again.run).toMatchObject({ created: 0, updated: 3 });
  });

  it('is idempotent: importing the same file again creates nothing new', async () => {
    const path = join(dir, `again-${t.dialect}.csv`);
    await writeFile(path, CSV);
    await importLeadFile(deps(), path);
    const { run } = await importLeadFile(deps(), path);
    expect(run).toMatchObject({ rowsIn: 5, created: 0, rejected: 2 });
    expect(await t.store.leads.countLeads()).toBe(2);
  });
});
