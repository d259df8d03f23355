import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test-support/run-cli.js';

let dir = '';
const file = (name: string): string => join(dir, name);
const leadsift = (...args: string[]) => runCli(file('leadsift.db'), ...args);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-enrich-cli-'));
  await writeFile(
    file('firmographics.csv'),
    'Company,Website,Industry,Employees,Revenue (USD millions),City\nAcme Corporation,https://www.acme.com,Computer Software,120,21,Hamburg\nGlobex,globex.io,Banking,5000,900,Springfield\n',
  );
  await writeFile(
    file('leads.csv'),
    [
      'First Name,Last Name,Email,Company,Title',
      'Ann,Lee,ann.lee@acme.com,Acme Corp,VP Sales',
      'Bob,Stone,,Acme Inc.,CTO',
      'Cara,Diaz,cara.diaz@globex.io,,Analyst',
      'Dan,Ng,not-an-email,Nowhere,Engineer',
      'Eve,Moss,eve@unknown-co.org,Unknown Co,Director of IT',
    ].join('\n'),
  );
  await writeFile(
    file('providers.yaml'),
    'minConfidence: 0.5\nfields: [company.domain, company.industry, company.employees, company.revenue, company.city, person.email]\nproviders:\n  - type: file\n    name: firmo\n    path: firmographics.csv\n  - type: email-pattern\n',
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('leadsift enrich', () => {
  it('fills gaps from the providers in order, says where each value came from, and counts every row', async () => {
    const { code, err } = await leadsift(
      'enrich',
      file('leads.csv'),
      '--providers',
      file('providers.yaml'),
      '--out',
      file('out.csv'),
      '--json',
    );
    expect(code).toBe(0);
    const summary = JSON.parse(err.slice(0, err.lastIndexOf('}') + 1)) as {
      leads: number;
      rejected: number;
      coverage: Record<string, { before: number; after: number }>;
      providers: Record<string, { answered: number; cached: number; filled: Record<string, number> }>;
    };
    expect(summary.leads + summary.rejected).toBe(5);
    expect(summary.rejected).toBe(1);
    expect(summary.coverage['company.industry']).toEqual({ before: 0, after: 3 });
    expect(summary.coverage['person.email']).toEqual({ before: 3, after: 4 });
    expect(summary.providers.firmo?.filled['company.industry']).toBe(3);
    const rows = (await readFile(file('out.csv'), 'utf8')).trim().split('\n');
    expect(rows[0]).toContain('enriched company.industry');
    const bob = rows.find((r) => r.startsWith('Bob,'));
    expect(bob).toContain('acme.com');
    expect(bob).toContain('Computer Software');
    expect(bob).toContain('21000000');
    expect(bob).toContain('bob.stone@acme.com');
    expect(bob).toContain('person.email ← email-pattern');
    expect(err).toContain('line 5');
  });

  it('answers a second run from the cache in the database', async () => {
    const { code, err } = await leadsift(
      'enrich',
      file('leads.csv'),
      '--providers',
      file('providers.yaml'),
      '--out',
      file('again.csv'),
      '--json',
    );
    expect(code).toBe(0);
    const summary = JSON.parse(err.slice(0, err.lastIndexOf('}') + 1)) as {
      providers: Record<string, { answered: number; cached: number }>;
    };
    expect(summary.providers.firmo).toMatchObject({ answered: 0, cached: 4 });
    expect(await readFile(file('again.csv'), 'utf8')).toBe(await readFile(file('out.csv'), 'utf8'));
  });

  it('enriches before qualifying with --providers, and the decision cites the enriched facts with their provider', async () => {
    const bant = new URL('../../../examples/criteria/bant.yaml', import.meta.url).pathname;
    const { code, err } = await leadsift(
      'qualify',
      file('leads.csv'),
      '--criteria',
      bant,
      '--providers',
      file('providers.yaml'),
      '--out',
      file('qualified.jsonl'),
      '--rejects',
      file('rejects.csv'),
    );
    expect(code).toBe(0);
    expect(err).toContain('coverage');
    expect(err).toMatch(/rows 5 = decided 4 \+ rejected 1/);
    const decisions = (await readFile(file('qualified.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            input: Record<string, string>;
            reasons: { text: string; facts: { provenance: { source: string; provider?: string } }[] }[];
          },
      );
    const bob = decisions.find((d) => d.input['First Name'] === 'Bob');
    const cited = bob?.reasons.flatMap((r) => r.facts.map((f) => f.provenance)) ?? [];
    expect(cited).toContainEqual(expect.objectContaining({ source: 'enrichment', provider: 'firmo' }));
  });

  it('names the file, line and key of a bad providers file', async () => {
    await writeFile(file('bad.yaml'), 'providers:\n  - type: carrier-pigeon\n');
    const { code, err } = await leadsift('enrich', file('leads.csv'), '--providers', file('bad.yaml'));
    expect(code).not.toBe(0);
    expect(err).toMatch(/bad\.yaml:2/);
  });
});
