import type { NumericRange } from '../../../domain/lead.js';
import { DEFAULT_EMPTY_VALUES } from '../../../intake/map/map-header.js';
import { parseCompanySize } from '../../../intake/normalize/company-size.js';
import { normalizeCountry } from '../../../intake/normalize/country.js';
import { normalizeDomain } from '../../../intake/normalize/domain.js';
import { parseRevenue } from '../../../intake/normalize/revenue.js';
import { readRecords } from '../../../intake/read/read-records.js';
import { decodeEntities } from './company-name-key.js';
import { findColumns, type ColumnChoices, type ColumnPositions } from './firmographics-columns.js';

/** One company of a firmographics table, with the values leadsift could read. */
export interface FirmographicsRow {
  /** 1-based line in the file where the row starts. */
  readonly line: number;
  readonly name?: string;
  /** Registrable domain, from the domain or website column. */
  readonly domain?: string;
  /** The sector text as written; callers normalize it. */
  readonly industry?: string;
  readonly employees?: NumericRange;
  /** US dollars. */
  readonly revenue?: NumericRange;
  readonly city?: string;
  /** ISO 3166-1 alpha-2. */
  readonly country?: string;
}

/** A row left out of the table, and why. */
export interface SkippedRow {
  readonly line: number;
  readonly reason: string;
}

/** What bare revenue numbers count: Fortune's table, for one, gives millions of dollars. */
export type RevenueUnit = 'dollars' | 'thousands' | 'millions' | 'billions';

const MULTIPLIERS: Readonly<Record<RevenueUnit, number>> = {
  dollars: 1,
  thousands: 1e3,
  millions: 1e6,
  billions: 1e9,
};

/** Options for `readFirmographics`. */
export interface ReadFirmographicsOptions {
  readonly columns?: ColumnChoices;
  /** The unit of bare revenue numbers; by default read from the revenue header ("… (USD millions)"). */
  readonly revenueUnit?: RevenueUnit;
}

/** A whole firmographics table in memory. */
export interface FirmographicsTable {
  readonly columns: ColumnPositions;
  readonly rows: readonly FirmographicsRow[];
  readonly skipped: readonly SkippedRow[];
}

const EMPTY: ReadonlySet<string> = new Set(DEFAULT_EMPTY_VALUES);
const BARE_NUMBER = /^\s*\$?\s*[\d,.]+\s*$/;

const unitFromHeader = (name: string | undefined): RevenueUnit => {
  const lower = name?.toLowerCase() ?? '';
  if (lower.includes('billion')) return 'billions';
  if (lower.includes('million')) return 'millions';
  if (lower.includes('thousand')) return 'thousands';
  return 'dollars';
};

const scaled = (range: NumericRange, by: number): NumericRange =>
  range.max === undefined ? { min: range.min * by } : { min: range.min * by, max: range.max * by };

/** Revenue in dollars: bare numbers scaled by the column's unit; other currencies left out. */
const revenueOf = (raw: string, multiplier: number): NumericRange | undefined => {
  const parsed = parseRevenue(raw);
  if (parsed === undefined || (parsed.currency !== undefined && parsed.currency !== 'USD')) return undefined;
  const range: NumericRange =
    parsed.max === undefined ? { min: parsed.min } : { min: parsed.min, max: parsed.max };
  return BARE_NUMBER.test(raw) ? scaled(range, multiplier) : range;
};

type Cells = (at: number | undefined) => string | undefined;

const rowOf = (line: number, cell: Cells, columns: ColumnPositions, multiplier: number) => {
  const name = cell(columns['company.name']);
  const site = cell(columns['company.domain']);
  const domain = site === undefined ? undefined : normalizeDomain(site);
  if (name === undefined && domain?.ok !== true) {
    return site === undefined || domain?.ok !== false
      ? { skip: 'no company name and no domain' }
      : { skip: `no company name, and website ${JSON.stringify(site)} ${domain.problem}` };
  }
  const row: { -readonly [K in keyof FirmographicsRow]: FirmographicsRow[K] } = { line };
  const industry = cell(columns['company.industry']);
  const employees = parseCompanySize(cell(columns['company.employees']) ?? '')?.range;
  const revenue = revenueOf(cell(columns['company.revenue']) ?? '', multiplier);
  const city = cell(columns['company.city']);
  const country = normalizeCountry(cell(columns['company.country']) ?? '');
  if (name !== undefined) row.name = decodeEntities(name);
  if (domain?.ok === true) row.domain = domain.domain;
  if (industry !== undefined) row.industry = industry;
  if (employees !== undefined) row.employees = employees;
  if (revenue !== undefined) row.revenue = revenue;
  if (city !== undefined) row.city = city;
  if (country !== undefined) row.country = country;
  return { row };
};

/**
 * Reads a whole firmographics table (CSV, JSON or JSON Lines, by extension) into memory: finds
 * its columns (`findColumns`), reduces websites to registrable domains, parses employee counts
 * and revenue (to US dollars), and maps countries to ISO codes. A row the reader could not read,
 * or with neither a name nor a usable domain, is skipped and reported; an unreadable value
 * (employees "lots") only leaves that field out.
 */
export const readFirmographics = async (
  path: string,
  options: ReadFirmographicsOptions = {},
): Promise<FirmographicsTable> => {
  const source = await readRecords(path);
  const columns = findColumns(path, source.header, options.columns);
  const revenueAt = columns['company.revenue'];
  const unit =
    options.revenueUnit ?? unitFromHeader(revenueAt === undefined ? undefined : source.header[revenueAt]);
  const multiplier = MULTIPLIERS[unit];
  const rows: FirmographicsRow[] = [];
  const skipped: SkippedRow[] = [];
  for await (const batch of source.batches) {
    for (const record of batch) {
      if (record.error !== undefined) {
        skipped.push({ line: record.line, reason: record.error });
        continue;
      }
      const cell: Cells = (at) => {
        const value = at === undefined ? undefined : record.fields[at]?.trim();
        return value === undefined || value === '' || EMPTY.has(value.toLowerCase()) ? undefined : value;
      };
      const result = rowOf(record.line, cell, columns, multiplier);
      if ('skip' in result) skipped.push({ line: record.line, reason: result.skip });
      else rows.push(result.row);
    }
  }
  return { columns, rows, skipped };
};
