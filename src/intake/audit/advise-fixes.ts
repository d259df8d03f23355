import type { AuditReport, Fix } from './audit-report.js';
import { rejectionReason } from './rejection-reason.js';
import { formatCount } from '../../domain/format-count.js';

/** The facts qualification depends on most, with what to do when they are missing. */
const KEY_FACTS: Readonly<Record<string, string>> = {
  'person.email': 'add a work email column, or collect it on the form',
  'person.title': 'add a job title column: seniority and function come from it',
  'company.domain':
    'add a company website or domain column, or collect work emails: enrichment keys on the domain',
  'company.industry': 'add an industry column or configure enrichment',
  'company.sizeBand': 'add a company size column or configure enrichment',
  'person.country': 'add a country column',
};

const fmt = formatCount;

const examples = (values: readonly { value: string; count: number }[]): string =>
  values
    .slice(0, 3)
    .map((v) => `"${v.value}" (${fmt(v.count)})`)
    .join(', ');

/**
 * What to fix first in a lead file, most rows affected first: rejected rows, missing key facts,
 * values leadsift could not normalize, free-mail addresses and duplicates.
 */
export const adviseFixes = (report: Omit<AuditReport, 'fixFirst'>): Fix[] => {
  const fixes: Fix[] = [];
  for (const reason of report.rejectionReasons.slice(0, 3)) {
    const lines = report.rejections
      .filter((r) => rejectionReason(r) === reason.value)
      .slice(0, 3)
      .map((r) => r.line);
    const where = lines.length === 0 ? '' : ` (e.g. line ${lines.join(', ')})`;
    fixes.push({
      rows: reason.count,
      advice: `${fmt(reason.count)} rows rejected — ${reason.value}${where}`,
    });
  }
  for (const fact of report.facts) {
    const advice = KEY_FACTS[fact.name];
    const missing = report.accepted - fact.filled;
    if (advice === undefined || missing === 0) continue;
    const what =
      fact.filled === 0
        ? `No column gives ${fact.name}`
        : `${fmt(missing)} accepted rows (${pct(missing, report.accepted)}) have no ${fact.name}`;
    fixes.push({ rows: missing, advice: `${what}: ${advice}` });
  }
  for (const [field, values] of Object.entries(report.unrecognized)) {
    fixes.push({
      rows: values.total,
      advice: `${fmt(values.total)} ${field} values were kept but not understood, e.g. ${examples(values.top)}: correct them or map them`,
    });
  }
  const free = report.emailTypes.free + report.emailTypes.disposable;
  if (free > 0) {
    fixes.push({
      rows: free,
      advice: `${fmt(free)} leads use free-mail or disposable addresses: their company cannot be inferred; ask for a work email`,
    });
  }
  if (report.duplicates.rows > 0) {
    fixes.push({
      rows: report.duplicates.rows,
      advice: `${fmt(report.duplicates.rows)} rows repeat a person already in the file: they will be merged on import`,
    });
  }
  return fixes.sort((a, b) => b.rows - a.rows).slice(0, 8);
};

const pct = (n: number, of: number): string => `${of === 0 ? 0 : Math.round((100 * n) / of)} %`;
