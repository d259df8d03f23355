import { basename } from 'node:path';
import { normalizeCountry } from '../../../intake/normalize/country.js';
import { normalizeDomain } from '../../../intake/normalize/domain.js';
import type {
  EnrichableField,
  EnrichmentProvider,
  ProvidedField,
  ProvidedValue,
  ProviderQuery,
} from '../../provider.js';
import { companyNameKey, parenthesizedNames } from './company-name-key.js';
import type { ColumnChoices, FirmographicsColumn } from './firmographics-columns.js';
import { NameIndex, type NameEntry } from './name-index.js';
import {
  readFirmographics,
  type FirmographicsRow,
  type RevenueUnit,
  type SkippedRow,
} from './read-firmographics.js';

/** Options for `loadFileProvider`. */
export interface FileProviderOptions {
  /** The provider's name; "file" by default. */
  readonly name?: string;
  /** Column names by field, overriding the header mapping; `key` names the domain or website column. */
  readonly columns?: ColumnChoices;
  /** The lowest fuzzy name score accepted (0..1); 0.85 by default. */
  readonly minMatch?: number;
  /** The unit of bare revenue numbers; by default read from the revenue header ("… millions"). */
  readonly revenueUnit?: RevenueUnit;
}

/** The `file` provider, with what loading its table left out. */
export interface FileProvider extends EnrichmentProvider {
  /** How many rows the table answers from. */
  readonly rows: number;
  readonly skipped: readonly SkippedRow[];
}

/** Confidence of a match by exact domain, and by exact (normalized) name. */
const DOMAIN_CONFIDENCE = 1;
const NAME_CONFIDENCE = 0.95;
// A fuzzy match never claims more than an exact name does.
const FUZZY_CEILING = 0.94;
const TIE_MARGIN = 0.02;

const FIELDS: readonly FirmographicsColumn[] = [
  'company.name',
  'company.domain',
  'company.industry',
  'company.employees',
  'company.revenue',
  'company.city',
  'company.country',
];

const nameEntries = (rows: readonly FirmographicsRow[]): NameEntry[] =>
  rows.flatMap((row, i) => {
    if (row.name === undefined) return [];
    const aliases = parenthesizedNames(row.name).filter((alias) => normalizeCountry(alias) === undefined);
    return [row.name, ...aliases].map((name) => ({ key: companyNameKey(name), row: i }));
  });

const answerFor = (row: FirmographicsRow, confidence: number, detail: string): ProvidedField[] => {
  const values: [EnrichableField, ProvidedValue | undefined][] = [
    ['company.name', row.name],
    ['company.domain', row.domain],
    ['company.industry', row.industry],
    ['company.employees', row.employees],
    ['company.revenue', row.revenue],
    ['company.city', row.city],
    ['company.country', row.country],
  ];
  return values.flatMap(([field, value]) =>
    value === undefined ? [] : [{ field, value, confidence, detail }],
  );
};

/**
 * Loads a local firmographics table (CSV, JSON or JSON Lines) as an enrichment provider. The
 * whole file is read once; rows are indexed by registrable domain and by company name. A
 * lookup tries the exact domain (confidence 1), then the exact normalized name (0.95: legal
 * forms, accents, case and punctuation ignored, see `companyNameKey`), then fuzzy name matching
 * (trigram Dice, see `NameIndex`) whose score is the confidence. Two different companies that
 * match equally well (within 0.02) give no answer rather than a guess. Every field carries
 * `<file>:<line>` as its detail.
 */
export const loadFileProvider = async (
  path: string,
  options: FileProviderOptions = {},
): Promise<FileProvider> => {
  const table = await readFirmographics(path, {
    ...(options.columns === undefined ? {} : { columns: options.columns }),
    ...(options.revenueUnit === undefined ? {} : { revenueUnit: options.revenueUnit }),
  });
  const { rows } = table;
  const byDomain = new Map<string, number[]>();
  rows.forEach((row, i) => {
    if (row.domain === undefined) return;
    const list = byDomain.get(row.domain);
    if (list === undefined) byDomain.set(row.domain, [i]);
    else list.push(i);
  });
  const names = new NameIndex(nameEntries(rows));
  const search = {
    minMatch: options.minMatch ?? 0.85,
    tieMargin: TIE_MARGIN,
    sameCompany: (a: number, b: number) => a === b || (rows[a]?.domain ?? a) === (rows[b]?.domain ?? b),
  };
  const file = basename(path);
  const answer = (i: number, confidence: number) => {
    const row = rows[i] as FirmographicsRow;
    return { fields: answerFor(row, confidence, `${file}:${row.line}`) };
  };

  const byName = (companyName: string | undefined, among?: readonly number[]) => {
    if (companyName === undefined) return { kind: 'none' } as const;
    const match = names.search(companyNameKey(companyName), search);
    if (among === undefined || match.kind !== 'exact') return match;
    return among.includes(match.row) ? match : ({ kind: 'none' } as const);
  };

  const lookup = (query: ProviderQuery) => {
    const domain = query.domain === undefined ? undefined : normalizeDomain(query.domain);
    const sameDomain = domain?.ok === true ? byDomain.get(domain.domain) : undefined;
    if (sameDomain !== undefined) {
      // Several rows share a domain (Raytheon and Raytheon Technologies: rtx.com): the name decides.
      const named = sameDomain.length > 1 ? byName(query.companyName, sameDomain) : undefined;
      return answer(named?.kind === 'exact' ? named.row : (sameDomain[0] as number), DOMAIN_CONFIDENCE);
    }
    const match = byName(query.companyName);
    if (match.kind === 'exact') return answer(match.row, NAME_CONFIDENCE);
    if (match.kind === 'fuzzy') return answer(match.row, Math.min(match.score, FUZZY_CEILING));
    return { fields: [] };
  };

  return Object.freeze({
    name: options.name ?? 'file',
    supplies: FIELDS.filter((field) => table.columns[field] !== undefined),
    limits: Object.freeze({
      costCents: 0,
      concurrency: 64,
      timeoutMs: 1_000,
      retries: 0,
      ttlSeconds: 30 * 86_400,
    }),
    inputs: Object.freeze(['domain', 'companyName'] as const),
    rows: rows.length,
    skipped: table.skipped,
    canAnswer: (query: ProviderQuery) =>
      (query.domain !== undefined && query.domain.trim() !== '') ||
      (query.companyName !== undefined && companyNameKey(query.companyName) !== ''),
    // async, so that an aborted signal rejects the promise rather than throwing synchronously
    lookup: async (query: ProviderQuery, signal: AbortSignal) => {
      signal.throwIfAborted();
      return lookup(query);
    },
  });
};
