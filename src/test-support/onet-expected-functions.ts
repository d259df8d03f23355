import { readFileSync } from 'node:fs';
import type { JobFunction } from '../domain/lead.js';

/**
 * Test support, not shipped: the job function an O*NET-SOC occupation unambiguously belongs to,
 * keyed by code prefix (the longest matching prefix wins; `null` excludes a sub-group).
 * Occupations whose function is debatable (management analysts, database administrators, legal
 * and medical secretaries, tax examiners, cashiers, travel agents, …) are left out on purpose, so
 * that the accuracy measured on the rest means something.
 */
export const EXPECTED_FUNCTION_BY_SOC: Readonly<Record<string, JobFunction | null>> = {
  // 11 — management
  '11-1011': 'executive',
  '11-2011': 'marketing',
  '11-2021': 'marketing',
  '11-2022': 'sales',
  '11-2032': 'marketing',
  '11-3012': 'operations',
  '11-3013.00': 'operations',
  '11-3021': 'it',
  '11-3031.00': 'finance',
  '11-3031.01': 'finance',
  '11-3051.00': 'operations',
  '11-3061': 'procurement',
  '11-3071': 'operations',
  '11-3111': 'hr',
  '11-3121': 'hr',
  '11-3131': 'hr',
  '11-9032': 'education',
  '11-9033': 'education',
  '11-9041.00': 'engineering',
  '11-9111': 'healthcare',
  '11-9199.02': 'legal',
  // 13 — business and financial operations
  '13-1021': 'procurement',
  '13-1022': 'procurement',
  '13-1023': 'procurement',
  '13-1041.00': 'legal',
  '13-1071': 'hr',
  '13-1075': 'hr',
  '13-1081': 'operations',
  '13-1141': 'hr',
  '13-1151': 'hr',
  '13-1161': 'marketing',
  '13-2011': 'finance',
  '13-2031': 'finance',
  '13-2041': 'finance',
  '13-2051': 'finance',
  '13-2054': 'finance',
  '13-2061': 'finance',
  '13-2082': 'finance',
  '13-2099.01': 'finance',
  // 15 — computer and mathematical
  '15-1211.00': 'it',
  '15-1212': 'it',
  '15-1231': 'it',
  '15-1232': 'it',
  '15-1241.00': 'it',
  '15-1243': 'data',
  '15-1244': 'it',
  '15-1251': 'engineering',
  '15-1252': 'engineering',
  '15-1253': 'engineering',
  '15-1254': 'engineering',
  '15-1299.04': 'it',
  '15-1299.05': 'it',
  '15-1299.07': 'engineering',
  '15-1299.08': 'engineering',
  '15-1299.09': 'it',
  '15-2041': 'data',
  '15-2051.00': 'data',
  '15-2051.01': 'data',
  // 17-2 — engineers
  '17-2': 'engineering',
  // 23 — legal
  '23-': 'legal',
  // 25 — education (libraries, archives and museums excluded)
  '25-1': 'education',
  '25-2': 'education',
  '25-3': 'education',
  '25-9': 'education',
  // 27 — designers and public relations
  '27-1011': 'design',
  '27-1021': 'design',
  '27-1022': 'design',
  '27-1024': 'design',
  '27-1025': 'design',
  '27-1027': 'design',
  '27-3031': 'marketing',
  // 29 — healthcare practitioners and technical; 31-1/31-2 — nursing and therapy aides
  '29-': 'healthcare',
  '31-1': 'healthcare',
  '31-2': 'healthcare',
  // 41 — sales (cashiers, counter clerks, travel agents, models, demonstrators excluded)
  '41-': 'sales',
  '41-2011': null,
  '41-2012': null,
  '41-2021': null,
  '41-3041': null,
  '41-9011': null,
  '41-9012': null,
  // 43 — office and administrative support
  '43-3031': 'finance',
  '43-3061': 'procurement',
  '43-4051': 'customer_success',
  '43-4161': 'hr',
  '43-5061': 'operations',
  '43-5071': 'operations',
  '43-6011': 'operations',
  '43-6014': 'operations',
  '43-9021': 'operations',
  '43-9022': 'operations',
  '43-9061': 'operations',
};

/** The expected function of an O*NET-SOC code such as `41-4012.00`, or undefined when left out. */
export const expectedFunctionForSoc = (code: string): JobFunction | undefined => {
  for (let end = code.length; end >= 3; end--) {
    const expected = EXPECTED_FUNCTION_BY_SOC[code.slice(0, end)];
    if (expected !== undefined) return expected ?? undefined;
  }
  return undefined;
};

/** One row of the O*NET "Alternate Titles" file. */
export interface OnetTitle {
  readonly code: string;
  readonly occupation: string;
  readonly title: string;
}

/** Test support: the fields of one CSV line, bare or double-quoted with "" escapes (no multi-line fields). */
export const splitCsvLine = (line: string): string[] => {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (quoted && char === '"' && line[i + 1] === '"') field += line[i++];
    else if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
};

/** Reads `onet_alternate_titles.csv` (code, occupation, alternate title, …) from `file`. */
export const readOnetTitles = (file: string): OnetTitle[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [code = '', occupation = '', title = ''] = splitCsvLine(line.replace(/\r$/, ''));
      return { code, occupation, title };
    });
