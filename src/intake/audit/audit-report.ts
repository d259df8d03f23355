import type { EmailType } from '../../domain/lead.js';

/** How complete one column (or one derived fact) is across the accepted rows. */
export interface Completeness {
  /** The source column, or a leadsift fact such as `person.seniority`. */
  readonly name: string;
  /** The leadsift field the column maps to, or `custom`. */
  readonly field: string;
  readonly filled: number;
  /** filled / accepted, 0..1. */
  readonly share: number;
}

/** A value seen in the data and how often. */
export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

/** One piece of advice, most important first. */
export interface Fix {
  readonly rows: number;
  readonly advice: string;
}

/** The data-quality report of a lead file, before anything is scored. */
export interface AuditReport {
  readonly file: string;
  /** Records read. Always rows = accepted + rejected. */
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  /** The first rejections in file order (all of them up to the report's limit). */
  readonly rejections: readonly { line: number; field?: string; problem: string }[];
  /** Rejections grouped by problem, most frequent first. */
  readonly rejectionReasons: readonly ValueCount[];
  readonly columns: readonly Completeness[];
  readonly facts: readonly Completeness[];
  readonly emailTypes: Readonly<Record<EmailType, number>>;
  /** Shares of accepted rows with an email address, 0..1. */
  readonly freeMailShare: number;
  readonly roleAddressShare: number;
  readonly duplicates: {
    /** Rows that repeat a person already seen (same email, or same name at the same domain). */
    readonly rows: number;
    readonly byEmail: number;
    readonly byNameAndDomain: number;
    readonly byExternalId: number;
  };
  /** Values kept but not normalized, per field, most frequent first. */
  readonly unrecognized: Readonly<Record<string, { total: number; top: readonly ValueCount[] }>>;
  readonly fixFirst: readonly Fix[];
}
