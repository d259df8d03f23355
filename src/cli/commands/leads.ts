import type { Command } from 'commander';
import { AppError } from '../../domain/app-error.js';
import type { Lead } from '../../domain/lead.js';
import type { Fact } from '../../domain/provenance.js';
import type { CliContext } from '../cli-context.js';
import { formatCount } from '../../domain/format-count.js';

const describeSource = (fact: Fact<unknown>): string => {
  const p = fact.provenance;
  switch (p.source) {
    case 'input':
      return `input ${p.origin ?? ''}${p.line === undefined ? '' : `:${p.line}`}${p.column === undefined ? '' : ` "${p.column}"`}`;
    case 'normalization':
      return `normalized from ${p.from} (${p.rule})`;
    case 'enrichment':
      return `enriched by ${p.provider} (confidence ${p.confidence})`;
    case 'prospect':
      return `said by the prospect on ${p.channel}`;
  }
};

const isRange = (value: unknown): value is { min: number; max?: number } =>
  typeof value === 'object' && value !== null && 'min' in value;

const show = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(', ');
  if (isRange(value)) {
    const { min, max } = value;
    if (max === undefined) return `${formatCount(min)}+`;
    return min === max ? formatCount(min) : `${formatCount(min)}–${formatCount(max)}`;
  }
  return JSON.stringify(value);
};

/** A lead as text: each fact with its value, the raw text when it differs, and its provenance. */
export const formatLead = (lead: Lead): string => {
  const lines = [
    `Lead ${lead.id}${lead.externalId === undefined ? '' : ` (external id ${lead.externalId})`}`,
  ];
  const section = (title: string, facts: Readonly<Record<string, Fact<unknown> | undefined>>): void => {
    lines.push(title);
    for (const [name, fact] of Object.entries(facts)) {
      if (fact === undefined) continue;
      const raw = fact.raw === undefined || fact.raw === show(fact.value) ? '' : ` (was "${fact.raw}")`;
      lines.push(`  ${name.padEnd(14)} ${show(fact.value)}${raw}  ← ${describeSource(fact)}`);
    }
  };
  section('Person', lead.person as Readonly<Record<string, Fact<unknown>>>);
  section('Company', lead.company as Readonly<Record<string, Fact<unknown>>>);
  if (lead.source !== undefined) section('Source', { source: lead.source });
  if (Object.keys(lead.custom).length > 0) section('Custom fields', lead.custom);
  lines.push(`Consent ${JSON.stringify(lead.consent)}`);
  lines.push(`Created ${lead.createdAt}, updated ${lead.updatedAt}`);
  return lines.join('\n');
};

/** `leadsift leads list|show`: look at stored leads and where each fact came from. */
export const registerLeads = (program: Command, { container, output, run }: CliContext): void => {
  const leads = program.command('leads').description('look at stored leads');
  leads
    .command('list')
    .description('list stored leads, oldest first')
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 20)
    .option('--cursor <cursor>', 'continue after a previous page')
    .option('--json', 'print JSON')
    .action((options: { limit: number; cursor?: string; json?: boolean }) =>
      run(async () => {
        const store = await container().store();
        const page = await store.leads.listLeads({
          limit: options.limit,
          ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
        });
        if (options.json === true) {
          output.out(JSON.stringify(page, null, 2));
          return;
        }
        for (const lead of page.leads) {
          const p = lead.person;
          const name = [p.firstName?.value, p.lastName?.value].filter(Boolean).join(' ');
          output.out(
            `${lead.id}  ${(p.email?.value ?? '').padEnd(32)} ${name.padEnd(24)} ${p.title?.value ?? ''} @ ${lead.company.name?.value ?? lead.company.domain?.value ?? ''}`,
          );
        }
        output.out(
          `${page.leads.length} of ${await store.leads.countLeads()} leads${page.next === undefined ? '' : `; next page: --cursor ${page.next}`}`,
        );
      }),
    );
  leads
    .command('show')
    .description('show one lead with the provenance of every fact, its events, outcomes and latest decision')
    .argument('<id-or-email>')
    .option('--json', 'print JSON')
    .action((key: string, options: { json?: boolean }) =>
      run(async () => {
        const store = await container().store();
        const lead = key.includes('@')
          ? await store.leads.findLeadByEmail(key.toLowerCase())
          : await store.leads.getLead(key);
        if (lead === undefined)
          throw new AppError('NOT_FOUND', {
            message: `no lead with ${key.includes('@') ? 'email' : 'id'} ${key}`,
          });
        const [activities, outcomes, decisions] = await Promise.all([
          store.leads.listActivities(lead.id),
          store.leads.listOutcomes(lead.id),
          store.leads.listDecisions(lead.id),
        ]);
        if (options.json === true) {
          output.out(JSON.stringify({ lead, activities, outcomes, decisions }, null, 2));
          return;
        }
        output.out(formatLead(lead));
        for (const a of activities)
          output.out(`  event   ${a.occurredAt} ${a.type} ${JSON.stringify(a.properties)}`);
        for (const o of outcomes)
          output.out(`  outcome ${o.occurredAt} ${o.type}${o.reason === undefined ? '' : ` (${o.reason})`}`);
        const latest = decisions[decisions.length - 1];
        if (latest !== undefined) {
          output.out(
            `Decision ${latest.decidedAt}: ${latest.verdict}, score ${latest.score}, grade ${latest.grade} (${latest.playbook ?? 'default'}; ${latest.versions.criteria})`,
          );
          for (const r of latest.reasons)
            output.out(`  ${r.effect > 0 ? '+' : r.effect < 0 ? '−' : ' '} ${r.text}`);
        }
      }),
    );
};
