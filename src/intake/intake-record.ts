import type { InputField } from './input-fields.js';

/**
 * One source record after header mapping: the canonical fields it carries (trimmed, never
 * empty), its other columns as custom fields, and the record exactly as it arrived.
 */
export interface IntakeRecord {
  /** 1-based line in the file where the record starts (or the item's position for an API batch). */
  readonly line: number;
  readonly fields: Readonly<Partial<Record<InputField, string>>>;
  readonly custom: Readonly<Record<string, string>>;
  readonly raw: Readonly<Record<string, string>>;
  /** The source column each canonical field was read from (shared by all records of a file). */
  readonly columns: Readonly<Partial<Record<InputField, string>>>;
}

/** Where a batch of records came from and when leadsift received it. */
export interface IntakeContext {
  /** A file name or `api`. */
  readonly origin: string;
  readonly receivedAt: string;
  /** Country to assume for phone numbers written without a country code (ISO alpha-2). */
  readonly defaultCountry?: string;
}

/** Why a record was rejected: its line, the field at fault (when one is) and the problem. */
export interface Rejection {
  readonly line: number;
  readonly field?: string;
  readonly problem: string;
  readonly raw?: Readonly<Record<string, string>>;
}

/**
 * A value intake kept but could not normalize (an unknown industry, an invalid phone). The
 * record is still accepted; the audit counts these.
 */
export interface FieldWarning {
  readonly field: InputField;
  readonly kind: 'unrecognized' | 'invalid';
  readonly value: string;
  readonly problem: string;
}
