import { formatCount } from '../domain/format-count.js';
import type { EnrichmentSubject, LeadEnrichment } from './enrich-lead.js';
import type { EnrichableField } from './provider.js';

/** Per provider: what its calls came to. */
interface ProviderTally {
  answered: number;
  cached: number;
  failed: number;
  overBudget: number;
  cannotAnswer: number;
  costCents: number;
  filled: Map<EnrichableField, number>;
}

const tally = (): ProviderTally => ({
  answered: 0,
  cached: 0,
  failed: 0,
  overBudget: 0,
  cannotAnswer: 0,
  costCents: 0,
  filled: new Map(),
});

const OUTCOME_KEY = {
  answered: 'answered',
  cached: 'cached',
  failed: 'failed',
  'over-budget': 'overBudget',
  'cannot-answer': 'cannotAnswer',
} as const;

/**
 * What a run of the waterfall did: leads, coverage of each wanted field before and after,
 * fields filled per provider, calls by outcome (answered, cached, failed, over budget, could not
 * look up), cost and conflicts. Counts add up: every lead is counted once, every call once.
 */
export class EnrichmentSummary {
  leads = 0;
  rejected = 0;
  costCents = 0;
  conflicts = 0;
  readonly before = new Map<EnrichableField, number>();
  readonly after = new Map<EnrichableField, number>();
  readonly providers = new Map<string, ProviderTally>();

  constructor(readonly fields: readonly EnrichableField[]) {}

  /** Counts one lead's enrichment. */
  add(subject: EnrichmentSubject, result: LeadEnrichment): void {
    this.leads++;
    this.costCents += result.costCents;
    this.conflicts += result.conflicts.length;
    const filled = new Set(result.fields.map((f) => f.field));
    for (const field of this.fields) {
      const had = subject.present.has(field);
      if (had) this.before.set(field, (this.before.get(field) ?? 0) + 1);
      if (had || filled.has(field)) this.after.set(field, (this.after.get(field) ?? 0) + 1);
    }
    for (const call of result.calls) {
      let t = this.providers.get(call.provider);
      if (t === undefined) this.providers.set(call.provider, (t = tally()));
      t[OUTCOME_KEY[call.outcome]]++;
      t.costCents += call.costCents;
    }
    for (const f of result.fields) {
      const t = this.providers.get(f.provider);
      if (t !== undefined) t.filled.set(f.field, (t.filled.get(f.field) ?? 0) + 1);
    }
  }

  /** A plain-data copy for JSON output. */
  toJSON(): object {
    return {
      leads: this.leads,
      rejected: this.rejected,
      costCents: this.costCents,
      conflicts: this.conflicts,
      coverage: Object.fromEntries(
        this.fields.map((f) => [f, { before: this.before.get(f) ?? 0, after: this.after.get(f) ?? 0 }]),
      ),
      providers: Object.fromEntries(
        [...this.providers].map(([name, t]) => [name, { ...t, filled: Object.fromEntries(t.filled) }]),
      ),
    };
  }

  /** The summary in words and tables, for a terminal. */
  format(): string {
    const pct = (n: number): string => (this.leads === 0 ? '—' : `${((100 * n) / this.leads).toFixed(1)} %`);
    const lines = [
      `leads ${formatCount(this.leads + this.rejected)} = enriched ${formatCount(this.leads)} + rejected ${formatCount(this.rejected)}; cost ${(this.costCents / 100).toFixed(2)}; ${formatCount(this.conflicts)} conflicts between providers`,
      '',
      'coverage            before     after',
      ...this.fields.map(
        (f) =>
          `  ${f.padEnd(22)}${pct(this.before.get(f) ?? 0).padStart(8)}${pct(this.after.get(f) ?? 0).padStart(10)}`,
      ),
      '',
      'provider        answered  cached  failed  over budget  could not look up  fields filled',
    ];
    for (const [name, t] of this.providers)
      lines.push(
        `  ${name.padEnd(14)}${String(t.answered).padStart(8)}${String(t.cached).padStart(8)}${String(t.failed).padStart(8)}${String(t.overBudget).padStart(13)}${String(t.cannotAnswer).padStart(19)}  ${[...t.filled].map(([f, n]) => `${f} ${formatCount(n)}`).join(', ')}`,
      );
    return lines.join('\n');
  }
}
