import type { AuditReport, Completeness } from './audit-report.js';
import { formatCount } from '../../domain/format-count.js';

const fmt = formatCount;
const pct = (share: number): string => `${(100 * share).toFixed(1)} %`;
const bar = (share: number): string => '█'.repeat(Math.round(share * 20)).padEnd(20, '·');

const completenessLines = (items: readonly Completeness[]): string[] => {
  const width = Math.min(40, Math.max(...items.map((c) => c.name.length), 4));
  return items.map((c) => {
    const target = c.field === c.name ? '' : `  → ${c.field}`;
    return `  ${c.name.slice(0, width).padEnd(width)}  ${bar(c.share)} ${pct(c.share).padStart(7)}${target}`;
  });
};

/** The audit as text a person reads in a terminal: counts, problems, completeness, advice. */
export const formatAudit = (report: AuditReport): string => {
  const out: string[] = [];
  out.push(`Audit of ${report.file}`);
  out.push(
    `  rows ${fmt(report.rows)} = accepted ${fmt(report.accepted)} + rejected ${fmt(report.rejected)}`,
  );
  out.push('');
  if (report.fixFirst.length > 0) {
    out.push('Fix first');
    report.fixFirst.forEach((fix, i) => out.push(`  ${i + 1}. ${fix.advice}`));
    out.push('');
  }
  if (report.rejected > 0) {
    out.push('Rejected rows');
    for (const r of report.rejections.slice(0, 10))
      out.push(`  line ${r.line}${r.field === undefined ? '' : ` [${r.field}]`}: ${r.problem}`);
    if (report.rejected > 10)
      out.push(
        `  … ${fmt(report.rejected - 10)} more (use --json for the first ${report.rejections.length})`,
      );
    out.push('');
  }
  out.push('Completeness of the accepted rows, by column');
  out.push(...completenessLines(report.columns));
  out.push('');
  out.push('Completeness of what leadsift derived');
  out.push(...completenessLines(report.facts));
  out.push('');
  const types = Object.entries(report.emailTypes).filter(([, n]) => n > 0);
  if (types.length > 0) {
    out.push(`Email addresses: ${types.map(([t, n]) => `${t} ${fmt(n)}`).join(', ')}`);
    out.push(`  free-mail ${pct(report.freeMailShare)}, role addresses ${pct(report.roleAddressShare)}`);
  }
  const d = report.duplicates;
  out.push(
    `Duplicates: ${fmt(d.rows)} rows repeat a person (email ${fmt(d.byEmail)}, name at domain ${fmt(d.byNameAndDomain)}); repeated external ids ${fmt(d.byExternalId)}`,
  );
  for (const [field, values] of Object.entries(report.unrecognized)) {
    out.push('');
    out.push(`Not understood: ${field} (${fmt(values.total)} rows)`);
    for (const v of values.top.slice(0, 10)) out.push(`  ${fmt(v.count).padStart(8)}  ${v.value}`);
  }
  return out.join('\n');
};
