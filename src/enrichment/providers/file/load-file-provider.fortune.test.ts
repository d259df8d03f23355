import { beforeAll, describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../domain/seeded-random.js';
import { readRecords } from '../../../intake/read/read-records.js';
import { datasetPath, hasDataset, needs } from '../../../test-support/datasets.js';
import type { ProviderQuery } from '../../provider.js';
import { loadFileProvider, type FileProvider } from './load-file-provider.js';

const FORTUNE = 'fortune-1000-2021/Fortune_1000.csv';
const signal = new AbortController().signal;

interface Company {
  readonly line: number;
  readonly name: string;
  readonly website: string;
}

let provider: FileProvider;
const companies: Company[] = [];

/** The row line an answer came from ("Fortune_1000.csv:17" → 17), or undefined for no answer. */
const lineOf = async (query: ProviderQuery): Promise<number | undefined> => {
  const detail = (await provider.lookup(query, signal)).fields[0]?.detail;
  return detail === undefined ? undefined : Number(detail.slice(detail.lastIndexOf(':') + 1));
};

const SUFFIXES = ['Inc.', 'Inc', 'Corp.', 'Corporation', 'Co.', 'LLC', 'Holdings', 'Group', 'PLC', 'Company'];
const WORDS = [
  'quantum', 'harbor', 'velvet', 'granite', 'lumen', 'orbit', 'cedar', 'falcon', 'nimbus', 'pixel',
  'summit', 'willow', 'cobalt', 'ember', 'prism', 'tundra', 'zephyr', 'maple', 'onyx', 'aurora',
  'beacon', 'canyon', 'drift', 'echo', 'fable', 'glacier', 'hollow', 'iris', 'juniper', 'kestrel',
]; // prettier-ignore

describe.skipIf(!hasDataset(FORTUNE))(`loadFileProvider on the Fortune 1000 ${needs(FORTUNE)}`, () => {
  beforeAll(async () => {
    provider = await loadFileProvider(datasetPath(FORTUNE), { revenueUnit: 'millions' });
    const source = await readRecords(datasetPath(FORTUNE));
    const name = source.header.indexOf('company');
    const website = source.header.indexOf('Website');
    for await (const batch of source.batches)
      for (const { line, fields } of batch)
        companies.push({ line, name: fields[name] ?? '', website: fields[website] ?? '' });
  });

  it('loads every row', () => {
    expect(provider.rows).toBe(1000);
    expect(provider.skipped).toEqual([]);
  });

  it("finds every company by its own website's domain, and by domain and name where a domain is shared", async () => {
    let byDomain = 0;
    let byDomainAndName = 0;
    for (const { line, name, website } of companies) {
      if ((await lineOf({ domain: website })) === line) byDomain++;
      if ((await lineOf({ domain: website, companyName: name })) === line) byDomainAndName++;
    }
    // rtx.com is both Raytheon Technologies' and Raytheon's; conocophillips.com also Concho's.
    expect(byDomain).toBe(998);
    expect(byDomainAndName).toBe(1000);
  });

  it('reads revenue in millions as dollars', async () => {
    const walmart = (await provider.lookup({ domain: 'walmart.com' }, signal)).fields;
    expect(walmart.find((f) => f.field === 'company.revenue')?.value).toEqual({
      min: 523_964e6,
      max: 523_964e6,
    });
  });

  it('finds at least 95% of a sample of 200 companies by name with a legal suffix appended', async () => {
    const random = createSeededRandom(1000);
    const sample = random.shuffle(companies).slice(0, 200);
    let found = 0;
    const missed: string[] = [];
    for (const { line, name } of sample) {
      const query = `${name} ${random.pick(SUFFIXES)}`;
      if ((await lineOf({ companyName: query })) === line) found++;
      else missed.push(query);
    }
    expect(found / sample.length, missed.join('; ')).toBeGreaterThanOrEqual(0.95);
  });

  it('finds every company by its own name, exactly or not at all', async () => {
    let found = 0;
    for (const { line, name } of companies) {
      const answer = await lineOf({ companyName: name });
      if (answer !== undefined) expect(answer, name).toBe(line);
      if (answer === line) found++;
    }
    expect(found).toBeGreaterThanOrEqual(990);
  });

  it('matches at most 1% of 200 made-up company names', async () => {
    const random = createSeededRandom(7);
    const matched: string[] = [];
    for (let i = 0; i < 200; i++) {
      const name = `${random.pick(WORDS)} ${random.pick(WORDS)} Labs`;
      if ((await lineOf({ companyName: name })) !== undefined) matched.push(name);
    }
    expect(matched.length, matched.join('; ')).toBeLessThanOrEqual(2);
  });

  it('matches misspelt names to the right company or to nothing', async () => {
    const random = createSeededRandom(42);
    let right = 0;
    let wrong = 0;
    for (const { line, name } of random.shuffle(companies).slice(0, 200)) {
      // Drop one letter from the middle of the name.
      const at = random.int(1, Math.max(1, name.length - 2));
      const answer = await lineOf({ companyName: name.slice(0, at) + name.slice(at + 1) });
      if (answer === line) right++;
      else if (answer !== undefined) wrong++;
    }
    expect(wrong).toBeLessThanOrEqual(2);
    expect(right).toBeGreaterThanOrEqual(120);
  });
});
