import { companyDomain } from '../accounts/account-key.js';
import type { CompanyFacts } from '../domain/lead.js';
import { buildCompanyFacts } from '../intake/build-company-facts.js';
import type { FieldWarning } from '../intake/intake-record.js';
import type { InputField } from '../intake/input-fields.js';
import { mapHeader } from '../intake/map/map-header.js';
import { readRecords } from '../intake/read/read-records.js';

/** A target account: its domain and the firmographics its row gave (normalized as intake does). */
export interface TargetAccount {
  readonly domain: string;
  readonly company: CompanyFacts;
}

/** The accounts a campaign targets, and every row that could not be one (file:line: why). */
export interface TargetList {
  readonly accounts: readonly TargetAccount[];
  readonly problems: readonly string[];
}

const COMPANY_FIELDS: readonly InputField[] = [
  'domain',
  'website',
  'company',
  'industry',
  'employees',
  'revenue',
  'company_country',
  'country',
  'technologies',
];

/**
 * A campaign's target accounts from a file (CSV, JSON or JSONL; columns named as intake knows
 * them: domain or website, company, industry, employees, revenue, country, technologies) and the
 * domains the campaign lists itself. A row without a usable domain or a repeated domain is a
 * problem with its line; nothing read is dropped without one.
 */
export const readTargetAccounts = async (
  targets: { readonly file?: string | undefined; readonly domains?: readonly string[] | undefined },
  receivedAt: string,
): Promise<TargetList> => {
  const accounts: TargetAccount[] = [];
  const problems: string[] = [];
  for await (const account of streamTargetAccounts(targets, receivedAt, (p) => problems.push(p)))
    accounts.push(account);
  return { accounts, problems };
};

/**
 * The same accounts as `readTargetAccounts`, one at a time as the file is read (a campaign of any
 * size is never held in memory; only the domains seen are, to report repeats), each problem
 * handed to `onProblem` as it is met.
 */
export async function* streamTargetAccounts(
  targets: { readonly file?: string | undefined; readonly domains?: readonly string[] | undefined },
  receivedAt: string,
  onProblem: (problem: string) => void,
): AsyncGenerator<TargetAccount> {
  const seen = new Set<string>();
  const accept = (raw: string, where: string): string | undefined => {
    const domain = companyDomain(raw);
    if (domain === undefined) onProblem(`${where}: "${raw}" is not a company domain`);
    else if (seen.has(domain)) onProblem(`${where}: ${domain} is listed twice (the first is kept)`);
    else {
      seen.add(domain);
      return domain;
    }
    return undefined;
  };
  for (const [i, d] of (targets.domains ?? []).entries()) {
    const domain = accept(d, `targets.domains[${i}]`);
    if (domain !== undefined) yield { domain, company: {} };
  }
  if (targets.file === undefined) return;
  const file = targets.file;
  const source = await readRecords(file);
  const mapping = mapHeader(source.header);
  const columns = new Map<InputField, number>();
  for (const c of mapping.columns)
    if (c.target.kind === 'field' && COMPANY_FIELDS.includes(c.target.field))
      columns.set(c.target.field, c.column);
  for await (const batch of source.batches)
    for (const record of batch) {
      const where = `${file}:${record.line}`;
      if (record.error !== undefined) {
        onProblem(`${where}: ${record.error}`);
        continue;
      }
      const fields: Partial<Record<InputField, string>> = {};
      for (const [field, column] of columns) {
        const value = record.fields[column]?.trim();
        if (value !== undefined && value !== '') fields[field] = value;
      }
      if (fields.company_country === undefined && fields.country !== undefined)
        fields.company_country = fields.country;
      delete fields.country;
      const raw = fields.domain ?? fields.website;
      if (raw === undefined) {
        onProblem(`${where}: no domain or website`);
        continue;
      }
      const warnings: FieldWarning[] = [];
      const company = buildCompanyFacts(
        fields,
        (field) => ({ source: 'input', at: receivedAt, origin: file, line: record.line, column: field }),
        {},
        warnings,
      );
      for (const w of warnings)
        onProblem(`${where}: ${w.field} "${w.value}" kept as text only: ${w.problem}`);
      const domain = accept(raw, where);
      if (domain !== undefined) yield { domain, company };
    }
}
