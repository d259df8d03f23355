import type { Consent, CustomValue, LeadDraft } from '../domain/lead.js';
import type { Fact, Provenance } from '../domain/provenance.js';
import { buildCompanyFacts } from './build-company-facts.js';
import { buildPersonFacts } from './build-person-facts.js';
import type { InputField } from './input-fields.js';
import type { FieldWarning, IntakeContext, IntakeRecord, Rejection } from './intake-record.js';
import { parseFlag } from './parse-flag.js';
import { formatCount } from '../domain/format-count.js';

/** The result of turning one record into a lead draft: accepted with warnings, or rejected. */
export type BuildResult =
  | { readonly ok: true; readonly draft: LeadDraft; readonly warnings: readonly FieldWarning[] }
  | { readonly ok: false; readonly rejection: Rejection };

/** Makes the input provenance of one record's fields. */
export type ProvenanceFor = (field: InputField) => Provenance & { source: 'input' };

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)$/;

/**
 * Above this a company size is a data error (a revenue or a phone number in the wrong column),
 * not a company: the largest employers in the world have about 2.3 million people.
 */
const MAX_EMPLOYEES = 3_000_000;

/** A size above MAX_EMPLOYEES, whether the size parser read it or refused the bare number. */
const implausibleSize = (raw: string | undefined, parsed: number | undefined): boolean => {
  if (parsed !== undefined) return parsed > MAX_EMPLOYEES;
  if (raw === undefined || !/^\s*\d[\d,. ]*\s*$/.test(raw)) return false;
  return Number(raw.replace(/[,. ]/g, '')) > MAX_EMPLOYEES;
};

const ISO_SECONDS_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/**
 * The time a record's facts were true: its own created date when valid, else when received.
 * Always `YYYY-MM-DDTHH:mm:ss.sssZ`, so that times compare correctly as text.
 */
const observedAt = (record: IntakeRecord, context: IntakeContext, warnings: FieldWarning[]): string => {
  const created = record.fields.created_at;
  if (created === undefined) return context.receivedAt;
  const ms = Date.parse(created);
  if (Number.isNaN(ms)) {
    warnings.push({ field: 'created_at', kind: 'invalid', value: created, problem: 'not a date' });
    return context.receivedAt;
  }
  // The common export form needs no Date object (this runs once per row).
  return ISO_SECONDS_UTC.test(created) ? `${created.slice(0, 19)}.000Z` : new Date(ms).toISOString();
};

const buildConsent = (record: IntakeRecord, at: string, warnings: FieldWarning[]): Consent => {
  const consent: { -readonly [K in keyof Consent]: Consent[K] } = {};
  const flags = [
    ['consent_email', 'email'],
    ['consent_sms', 'sms'],
    ['consent_phone', 'phone'],
  ] as const;
  for (const [field, key] of flags) {
    const raw = record.fields[field];
    if (raw === undefined) continue;
    const flag = parseFlag(raw);
    if (flag === undefined)
      warnings.push({ field, kind: 'invalid', value: raw, problem: 'expected yes or no' });
    else consent[key] = flag;
  }
  const optedOut = record.fields.opted_out;
  if (optedOut !== undefined) {
    const flag = parseFlag(optedOut);
    if (flag === undefined) {
      warnings.push({ field: 'opted_out', kind: 'invalid', value: optedOut, problem: 'expected yes or no' });
    } else if (flag) {
      consent.optedOutAt = at;
      consent.email = false;
      consent.sms = false;
      consent.phone = false;
    }
  }
  return consent;
};

const buildCustom = (record: IntakeRecord, at: string, origin: string): Record<string, Fact<CustomValue>> => {
  const line = record.line;
  const custom: Record<string, Fact<CustomValue>> = {};
  for (const name in record.custom) {
    const text = record.custom[name];
    if (text === undefined || text === '') continue;
    const value: CustomValue = NUMBER.test(text) ? Number(text) : text;
    custom[name] = { value, provenance: { source: 'input', at, origin, line, column: name } };
  }
  return custom;
};

/**
 * Without at least one of these a lead cannot be told apart from another or contacted: an email,
 * an external id, a valid phone, a LinkedIn URL, or a name with a company. Checked on the raw
 * fields first (cheap), then the phone again once normalized: an invalid number identifies no one.
 */
const identifies = (fields: IntakeRecord['fields'], phone: boolean): boolean =>
  fields.email !== undefined ||
  fields.external_id !== undefined ||
  phone ||
  fields.linkedin !== undefined ||
  ((fields.full_name !== undefined || fields.last_name !== undefined) &&
    (fields.company !== undefined || fields.domain !== undefined || fields.website !== undefined));

const NO_IDENTITY =
  'no email, external id, phone, LinkedIn URL, or name with company: cannot identify the lead';

/**
 * Validate and normalize one mapped record into a lead draft. Never throws: a record that cannot
 * become a lead is returned as a rejection naming its line, field and problem; a value that is
 * kept but cannot be normalized becomes a warning. The raw record is always kept.
 */
export const buildLeadDraft = (context: IntakeContext, record: IntakeRecord): BuildResult => {
  const reject = (problem: string, field?: InputField): BuildResult => ({
    ok: false,
    rejection: { line: record.line, ...(field === undefined ? {} : { field }), problem, raw: record.raw },
  });
  if (!identifies(record.fields, record.fields.phone !== undefined)) return reject(NO_IDENTITY);
  const warnings: FieldWarning[] = [];
  const at = observedAt(record, context, warnings);
  // Object literals rather than spreads: this runs for every field of every row.
  const { origin } = context;
  const { line, columns } = record;
  const provenanceFor: ProvenanceFor = (field) => {
    const column = columns[field];
    return column === undefined
      ? { source: 'input', at, origin, line }
      : { source: 'input', at, origin, line, column };
  };
  const person = buildPersonFacts(record.fields, provenanceFor, context, warnings);
  if (!person.ok) return reject(person.problem, 'email');
  if (!identifies(record.fields, person.facts.phone !== undefined)) {
    const problem = warnings.find((w) => w.field === 'phone')?.problem ?? 'not valid';
    return reject(
      `"${record.fields.phone}" ${problem}, and nothing else identifies the lead (no email, external id, LinkedIn URL, or name with company)`,
      'phone',
    );
  }
  const company = buildCompanyFacts(record.fields, provenanceFor, person.facts, warnings);
  if (implausibleSize(record.fields.employees, company.employees?.value.min)) {
    return reject(
      `"${record.fields.employees}" is not a plausible company size: no employer has more than about ${formatCount(MAX_EMPLOYEES)} people`,
      'employees',
    );
  }
  // Built by assignment, not spreads into a literal: V8 builds spread literals property by
  // property on a slow path, and this runs once per row.
  const draft: { -readonly [K in keyof LeadDraft]: LeadDraft[K] } = {
    person: person.facts,
    company,
    consent: buildConsent(record, at, warnings),
    custom: buildCustom(record, at, origin),
    raw: record.raw,
    receivedAt: context.receivedAt,
  };
  const { external_id: externalId, source } = record.fields;
  if (externalId !== undefined) draft.externalId = externalId;
  if (source !== undefined) draft.source = { value: source, provenance: provenanceFor('source') };
  return { ok: true, draft, warnings };
};
