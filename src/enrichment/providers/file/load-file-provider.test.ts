import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../domain/app-error.js';
import type { ProviderAnswer, ProviderQuery } from '../../provider.js';
import { loadFileProvider, type FileProvider } from './load-file-provider.js';

const CSV = [
  'Company,Website,Sector,num. of employees,Revenue (USD millions),City,Country',
  'Walmart,https://www.walmart.com,Retailing,2200000,523964,Bentonville,USA',
  'Home Depot,homedepot.com,Retailing,"415,700",110225,Atlanta,United States',
  'Nestlé S.A.,https://www.nestle.com/,Food,273000,"94,000",Vevey,Switzerland',
  'Acme Widgets,acme-widgets.com,Manufacturing,lots,,Springfield,',
  ',,Nothing,12,1,Nowhere,',
  'Orphan Co,not a domain,Misc,5,,,',
  'Northwind Traders,northwind-east.com,Trade,100,10,Boston,US',
  'Northwind Trader,northwind-west.com,Trade,200,20,Denver,US',
  '"Broken, row',
].join('\n');

const JSONL = [
  {
    name: 'Walmart Inc.',
    domain: 'walmart.com',
    industry: 'Retail',
    employees: '2,200,000',
    revenue: '$524B',
  },
  { name: 'Contoso Ltd', domain: 'contoso.com', industry: 'Software', employees: '51-200', revenue: '€5M' },
]
  .map((row) => JSON.stringify(row))
  .join('\n');

let dir: string;
let csv: FileProvider;
let jsonl: FileProvider;
const signal = new AbortController().signal;

const ask = (provider: FileProvider, query: ProviderQuery): Promise<ProviderAnswer> =>
  provider.lookup(query, signal);

/** The answer's fields as `field → value`, and its one confidence and detail. */
const summary = (answer: ProviderAnswer) => ({
  values: Object.fromEntries(answer.fields.map((f) => [f.field, f.value])),
  confidence: answer.fields[0]?.confidence,
  detail: answer.fields[0]?.detail,
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-file-provider-'));
  await writeFile(join(dir, 'firms.csv'), `${CSV}\n`);
  await writeFile(join(dir, 'firms.jsonl'), `${JSONL}\n`);
  csv = await loadFileProvider(join(dir, 'firms.csv'));
  jsonl = await loadFileProvider(join(dir, 'firms.jsonl'), { name: 'crm-export' });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('loadFileProvider', () => {
  it('answers an exact domain with confidence 1 and every field the row has', async () => {
    const answer = summary(await ask(csv, { domain: 'https://shop.walmart.com/x' }));
    expect(answer).toEqual({
      values: {
        'company.name': 'Walmart',
        'company.domain': 'walmart.com',
        'company.industry': 'Retailing',
        'company.employees': { min: 2_200_000, max: 2_200_000 },
        'company.revenue': { min: 523_964e6, max: 523_964e6 },
        'company.city': 'Bentonville',
        'company.country': 'US',
      },
      confidence: 1,
      detail: 'firms.csv:2',
    });
  });

  it('answers an exact normalized name with confidence 0.95', async () => {
    for (const companyName of ['Walmart Inc.', 'WALMART', 'The Home Depot', 'Home Depot, Inc.', 'Nestle']) {
      const answer = summary(await ask(csv, { companyName }));
      expect(answer.confidence, companyName).toBe(0.95);
    }
    expect(summary(await ask(csv, { companyName: 'The Home Depot' })).values['company.domain']).toBe(
      'homedepot.com',
    );
  });

  it('folds accents both ways', async () => {
    expect(summary(await ask(csv, { companyName: 'Nestle SA' })).values['company.name']).toBe('Nestlé S.A.');
    expect(summary(await ask(jsonl, { companyName: 'Cóntoso' })).values['company.domain']).toBe(
      'contoso.com',
    );
  });

  it('matches a misspelt name fuzzily, with its score as the confidence', async () => {
    const answer = summary(await ask(csv, { companyName: 'Wallmart Inc' }));
    expect(answer.values['company.name']).toBe('Walmart');
    expect(answer.confidence).toBeGreaterThanOrEqual(0.85);
    expect(answer.confidence).toBeLessThan(0.95);
  });

  it('answers nothing for an unrelated name, or an unknown domain', async () => {
    expect((await ask(csv, { companyName: 'Quantum Harbor Labs' })).fields).toEqual([]);
    expect((await ask(csv, { domain: 'example.org' })).fields).toEqual([]);
  });

  it('answers nothing when two different companies match about equally well', async () => {
    // "Northwind Traders" and "Northwind Trader" are each one letter from "Northwind Tradery".
    expect((await ask(csv, { companyName: 'Northwind Tradery' })).fields).toEqual([]);
  });

  it('scales a revenue column headed in millions to dollars', async () => {
    const revenue = summary(await ask(csv, { companyName: 'Nestle' })).values['company.revenue'];
    expect(revenue).toEqual({ min: 94_000e6, max: 94_000e6 });
  });

  it('takes revenue written with its unit as it is, and leaves out other currencies', async () => {
    const walmart = summary(await ask(jsonl, { domain: 'walmart.com' })).values;
    expect(walmart['company.revenue']).toEqual({ min: 524e9, max: 524e9 });
    const contoso = summary(await ask(jsonl, { domain: 'contoso.com' })).values;
    expect(contoso['company.revenue']).toBeUndefined();
    expect(contoso['company.employees']).toEqual({ min: 51, max: 200 });
  });

  it('leaves out a value it cannot read without skipping the row', async () => {
    const acme = summary(await ask(csv, { companyName: 'Acme Widgets' })).values;
    expect(acme['company.employees']).toBeUndefined();
    expect(acme['company.city']).toBe('Springfield');
  });

  it('counts the rows it skipped, with their lines and reasons', () => {
    expect(csv.rows).toBe(7);
    expect(csv.skipped.map((s) => s.line)).toEqual([6, 10]);
    expect(csv.skipped[0]?.reason).toBe('no company name and no domain');
  });

  it('keeps a row with a bad website for its name', async () => {
    const orphan = summary(await ask(csv, { companyName: 'Orphan' })).values;
    expect(orphan['company.name']).toBe('Orphan Co');
    expect(orphan['company.domain']).toBeUndefined();
  });

  it('lists only the fields its table has columns for', () => {
    expect(csv.name).toBe('file');
    expect(csv.supplies).toHaveLength(7);
    expect(jsonl.name).toBe('crm-export');
    expect(jsonl.supplies).toEqual([
      'company.name',
      'company.domain',
      'company.industry',
      'company.employees',
      'company.revenue',
    ]);
    expect(csv.limits).toMatchObject({ costCents: 0, retries: 0 });
  });

  it('can answer a query with a domain or a company name, and nothing else', () => {
    expect(csv.canAnswer({ domain: 'walmart.com' })).toBe(true);
    expect(csv.canAnswer({ companyName: 'Walmart' })).toBe(true);
    expect(csv.canAnswer({ email: 'x@walmart.com', companyName: ' , ' })).toBe(false);
  });

  it('reads the columns the caller names, and rejects a column the header lacks', async () => {
    const path = join(dir, 'custom.csv');
    await writeFile(path, 'Org,Site,Staff\nInitech,initech.com,250\n');
    const custom = await loadFileProvider(path, {
      columns: { 'company.name': 'Org', key: 'Site', 'company.employees': 'Staff' },
    });
    const values = summary(await ask(custom, { companyName: 'Initech LLC' })).values;
    expect(values).toEqual({
      'company.name': 'Initech',
      'company.domain': 'initech.com',
      'company.employees': { min: 250, max: 250 },
    });
    const missing = loadFileProvider(path, { columns: { 'company.city': 'Town' } });
    await expect(missing).rejects.toSatisfy((error) => isAppError(error, 'INPUT_INVALID'));
  });

  it('stops before looking up when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(csv.lookup({ companyName: 'Walmart' }, controller.signal)).rejects.toThrow();
  });
});
