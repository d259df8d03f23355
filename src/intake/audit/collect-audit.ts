import { EMAIL_TYPES, type EmailType, type LeadDraft } from '../../domain/lead.js';
import type { InputField } from '../input-fields.js';
import type { FieldWarning, IntakeRecord, Rejection } from '../intake-record.js';
import type { AuditReport, Completeness, ValueCount } from './audit-report.js';
import { adviseFixes } from './advise-fixes.js';
import { rejectionReason } from './rejection-reason.js';
import { DuplicateCounter, HASHES_PER_RECORD, writeDuplicateHashes } from './duplicate-keys.js';
import { TopValues, type TopValuesState } from './top-values.js';

const REJECTIONS_KEPT = 1000;
const TOP_VALUES = 20;

/** The facts whose completeness the audit reports beside the columns. */
const FACTS = [
  ['person.email', (d: LeadDraft) => d.person.email],
  ['person.emailType', (d: LeadDraft) => d.person.emailType],
  ['person.title', (d: LeadDraft) => d.person.title],
  ['person.seniority', (d: LeadDraft) => d.person.seniority],
  ['person.jobFunction', (d: LeadDraft) => d.person.jobFunction],
  ['person.phone', (d: LeadDraft) => d.person.phone],
  ['person.country', (d: LeadDraft) => d.person.country],
  ['company.name', (d: LeadDraft) => d.company.name],
  ['company.domain', (d: LeadDraft) => d.company.domain],
  ['company.industry', (d: LeadDraft) => d.company.industry],
  ['company.sizeBand', (d: LeadDraft) => d.company.sizeBand],
  ['company.revenue', (d: LeadDraft) => d.company.revenue],
  ['source', (d: LeadDraft) => d.source],
] as const;

/**
 * The columns the audit reports on: the source column name (for custom fields, the custom
 * name) and the leadsift field it feeds, or `custom`.
 */
export type ColumnTargets = ReadonlyArray<{ readonly column: string; readonly field: string }>;

/** What an audit adds up over accepted records, as plain data: a worker's share, to be merged. */
export interface AcceptedTally {
  readonly accepted: number;
  readonly columnFilled: readonly (readonly [string, number])[];
  readonly factFilled: readonly number[];
  readonly emailTypes: Readonly<Record<EmailType, number>>;
  readonly unrecognized: readonly (readonly [string, TopValuesState])[];
}

const SCRATCH = new Uint32Array(HASHES_PER_RECORD);

/**
 * Accumulates an audit over a stream of intake results with memory bounded by the number of
 * columns, distinct odd values (capped) and 8 bytes per distinct person. Used in one thread with
 * `reject` and `accept`; across threads, workers `tally` accepted records and the main thread
 * merges their tallies, counts duplicates from their hashes and rejections, in file order.
 */
export class AuditCollector {
  private accepted = 0;
  private rejected = 0;
  private readonly rejections: { line: number; field?: string; problem: string }[] = [];
  private readonly reasons = new TopValues(1000);
  private readonly columnFilled: Map<string, number>;
  private readonly factFilled = new Float64Array(FACTS.length);
  private readonly emailTypes: Record<EmailType, number> = Object.fromEntries(
    EMAIL_TYPES.map((t) => [t, 0]),
  ) as Record<EmailType, number>;
  private readonly duplicates = new DuplicateCounter();
  private readonly unrecognized = new Map<string, TopValues>();

  constructor(
    private readonly file: string,
    private readonly targets: ColumnTargets,
  ) {
    this.columnFilled = new Map(targets.map((t) => [t.column, 0]));
  }

  /** Count one rejected record. */
  reject(rejection: Rejection): void {
    this.rejected++;
    if (this.rejections.length < REJECTIONS_KEPT) {
      const { line, field, problem } = rejection;
      this.rejections.push(field === undefined ? { line, problem } : { line, field, problem });
    }
    this.reasons.add(rejectionReason(rejection));
  }

  /** Count one accepted record: its filled columns, facts, email type, duplicates and warnings. */
  accept(draft: LeadDraft, record: IntakeRecord, warnings: readonly FieldWarning[]): void {
    this.tally(draft, record, warnings);
    writeDuplicateHashes(draft, SCRATCH, 0);
    this.duplicates.add(SCRATCH, 0);
  }

  /** Count one accepted record, all but duplicates (see `countDuplicate`). */
  tally(draft: LeadDraft, record: IntakeRecord, warnings: readonly FieldWarning[]): void {
    this.accepted++;
    const filled = this.columnFilled;
    for (const field in record.fields) {
      const column = record.columns[field as InputField];
      if (column !== undefined) filled.set(column, (filled.get(column) ?? 0) + 1);
    }
    for (const name in record.custom) filled.set(name, (filled.get(name) ?? 0) + 1);
    for (let i = 0; i < FACTS.length; i++) if (FACTS[i]![1](draft) !== undefined) this.factFilled[i]!++;
    const type = draft.person.emailType?.value;
    if (type !== undefined) this.emailTypes[type]++;
    for (const warning of warnings) {
      let values = this.unrecognized.get(warning.field);
      if (values === undefined) this.unrecognized.set(warning.field, (values = new TopValues()));
      values.add(warning.value);
    }
  }

  /** Count the duplicates of a tallied record from the hashes `writeDuplicateHashes` wrote. */
  countDuplicate(hashes: Uint32Array, offset: number): void {
    this.duplicates.add(hashes, offset);
  }

  /** The accepted-record tallies as plain data. */
  tallies(): AcceptedTally {
    return {
      accepted: this.accepted,
      columnFilled: [...this.columnFilled],
      factFilled: [...this.factFilled],
      emailTypes: { ...this.emailTypes },
      unrecognized: [...this.unrecognized].map(([field, values]) => [field, values.state()] as const),
    };
  }

  /** Add another collector's tallies to this one. */
  mergeTallies(tally: AcceptedTally): void {
    this.accepted += tally.accepted;
    for (const [column, n] of tally.columnFilled)
      this.columnFilled.set(column, (this.columnFilled.get(column) ?? 0) + n);
    tally.factFilled.forEach((n, i) => (this.factFilled[i]! += n));
    for (const type of EMAIL_TYPES) this.emailTypes[type] += tally.emailTypes[type];
    for (const [field, state] of tally.unrecognized) {
      let values = this.unrecognized.get(field);
      if (values === undefined) this.unrecognized.set(field, (values = new TopValues()));
      values.merge(state);
    }
  }

  /** The finished report. */
  report(): AuditReport {
    const accepted = this.accepted;
    const share = (n: number): number => (accepted === 0 ? 0 : n / accepted);
    const columns: Completeness[] = this.targets.map(({ column, field }) => {
      const filled = this.columnFilled.get(column) ?? 0;
      return { name: column, field, filled, share: share(filled) };
    });
    const facts: Completeness[] = FACTS.map(([name], i) => ({
      name,
      field: name,
      filled: this.factFilled[i]!,
      share: share(this.factFilled[i]!),
    }));
    const withEmail = EMAIL_TYPES.reduce((sum, t) => sum + this.emailTypes[t], 0);
    const unrecognized: Record<string, { total: number; top: ValueCount[] }> = {};
    for (const [field, values] of this.unrecognized)
      unrecognized[field] = { total: values.total, top: values.top(TOP_VALUES) };
    const base = {
      file: this.file,
      rows: accepted + this.rejected,
      accepted,
      rejected: this.rejected,
      rejections: this.rejections,
      rejectionReasons: this.reasons.top(TOP_VALUES),
      columns,
      facts,
      emailTypes: { ...this.emailTypes },
      freeMailShare: withEmail === 0 ? 0 : this.emailTypes.free / withEmail,
      roleAddressShare: withEmail === 0 ? 0 : this.emailTypes.role / withEmail,
      duplicates: { ...this.duplicates.counts },
      unrecognized,
    };
    return { ...base, fixFirst: adviseFixes(base) };
  }
}
