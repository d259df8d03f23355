import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_LEAD_HEADERS } from './demo-data.js';
import type { DemoCompany, DemoData, DemoEvent, DemoOutcome } from './demo-data.js';
import { demoLeadRows } from './demo-lead-rows.js';
import type { DemoOptions } from './generate-demo-data.js';
import { writeCsvFile } from './write-csv-file.js';

/** Columns of `companies.csv`, named like leadsift's input fields so it can serve as firmographics. */
export const DEMO_COMPANY_HEADERS = [
  'name',
  'domain',
  'industry',
  'employees',
  'revenue',
  'country',
  'technologies',
];
/** Columns of `events.csv`; `properties` is a JSON object. */
export const DEMO_EVENT_HEADERS = ['lead_ref', 'type', 'occurred_at', 'properties'];
/** Columns of `outcomes.csv`; `reason` and `amount` may be empty. */
export const DEMO_OUTCOME_HEADERS = ['lead_ref', 'type', 'occurred_at', 'reason', 'amount'];

function* map<T>(items: Iterable<T>, toRecord: (item: T) => readonly string[]): Generator<readonly string[]> {
  for (const item of items) yield toRecord(item);
}

const leadRecord = (row: Readonly<Record<string, string>>): string[] =>
  DEMO_LEAD_HEADERS.map((header) => row[header] ?? '');
const companyRecord = (c: DemoCompany): string[] => [
  c.name,
  c.domain,
  c.industry,
  c.employees,
  c.revenue,
  c.country,
  c.technologies.join('; '),
];
const eventRecord = (e: DemoEvent): string[] => [
  e.leadRef,
  e.type,
  e.occurredAt,
  JSON.stringify(e.properties),
];
const outcomeRecord = (o: DemoOutcome): string[] => [
  o.leadRef,
  o.type,
  o.occurredAt,
  o.reason ?? '',
  o.amount === undefined ? '' : String(o.amount),
];

/**
 * Writes a demo set as `leads.csv`, `companies.csv`, `events.csv` and `outcomes.csv` (UTF-8,
 * RFC 4180) into `dir`, creating it if needed. Returns the paths written, in that order.
 */
export const writeDemoCsv = async (data: DemoData, dir: string): Promise<{ files: string[] }> => {
  await mkdir(dir, { recursive: true });
  const files = ['leads.csv', 'companies.csv', 'events.csv', 'outcomes.csv'].map((name) => join(dir, name));
  const [leads, companies, events, outcomes] = files as [string, string, string, string];
  await writeCsvFile(leads, DEMO_LEAD_HEADERS, map(data.leads, leadRecord));
  await writeCsvFile(companies, DEMO_COMPANY_HEADERS, map(data.companies, companyRecord));
  await writeCsvFile(events, DEMO_EVENT_HEADERS, map(data.events, eventRecord));
  await writeCsvFile(outcomes, DEMO_OUTCOME_HEADERS, map(data.outcomes, outcomeRecord));
  return { files };
};

/**
 * Generates the demo lead rows for `options` and writes them to `path` row by row: the same
 * bytes as `leads.csv` from `writeDemoCsv(generateDemoData(options))`, without holding the rows,
 * so a million-row file for a benchmark takes the memory of its companies only.
 */
export const writeLeadsCsv = async (path: string, options: DemoOptions): Promise<{ rows: number }> => {
  const rows = await writeCsvFile(path, DEMO_LEAD_HEADERS, map(demoLeadRows(options), leadRecord));
  return { rows };
};
