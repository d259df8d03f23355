import type { PersonFacts } from '../domain/lead.js';
import { derivedFact, type Fact, type Provenance } from '../domain/provenance.js';
import type { ProvenanceFor } from './build-lead-draft.js';
import { countryFact } from './country-fact.js';
import type { InputField } from './input-fields.js';
import type { FieldWarning, IntakeContext } from './intake-record.js';
import { normalizeEmail } from './normalize/email.js';
import { normalizePersonName, splitFullName } from './normalize/person-name.js';
import { normalizePhone } from './normalize/phone.js';
import { normalizeTitle } from './normalize/title.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Fields = Readonly<Partial<Record<InputField, string>>>;

/** A fact read from the input, with `raw` kept only when normalization changed the text. */
const normalizedInput = <T extends string>(value: T, raw: string, provenance: Provenance): Fact<T> =>
  raw === value ? { value, provenance } : { value, raw, provenance };

const addNames = (
  fields: Fields,
  provenanceFor: ProvenanceFor,
  at: string,
  person: Mutable<PersonFacts>,
): void => {
  const { first_name: first, last_name: last, full_name: full } = fields;
  if (first !== undefined) {
    const value = normalizePersonName(first);
    person.firstName = normalizedInput(value, first, provenanceFor('first_name'));
  }
  if (last !== undefined) {
    const value = normalizePersonName(last);
    person.lastName = normalizedInput(value, last, provenanceFor('last_name'));
  }
  if (full === undefined || (first !== undefined && last !== undefined)) return;
  const split = splitFullName(full);
  if (person.firstName === undefined && split.first !== undefined) {
    person.firstName = derivedFact(split.first, 'name.split', 'person.fullName', at, full);
  }
  if (person.lastName === undefined && split.last !== undefined) {
    person.lastName = derivedFact(split.last, 'name.split', 'person.fullName', at, full);
  }
};

const addTitle = (
  title: string,
  provenanceFor: ProvenanceFor,
  at: string,
  person: Mutable<PersonFacts>,
  warnings: FieldWarning[],
): void => {
  person.title = { value: title, provenance: provenanceFor('title') };
  const normalized = normalizeTitle(title);
  if (normalized.seniority !== undefined) {
    person.seniority = derivedFact(normalized.seniority, 'title.seniority', 'person.title', at);
  }
  if (normalized.jobFunction !== undefined) {
    person.jobFunction = derivedFact(normalized.jobFunction, 'title.function', 'person.title', at);
  }
  if (!normalized.recognized) {
    warnings.push({
      field: 'title',
      kind: 'unrecognized',
      value: title,
      problem: 'no seniority or function recognized',
    });
  }
};

/**
 * Build the person's facts from a record's fields. Fails only on an email address that is
 * present but not valid (it is the lead's key); anything else that cannot be normalized is kept
 * in the raw record and reported as a warning.
 */
export const buildPersonFacts = (
  fields: Fields,
  provenanceFor: ProvenanceFor,
  context: IntakeContext,
  warnings: FieldWarning[],
): { ok: true; facts: PersonFacts } | { ok: false; problem: string } => {
  const person: Mutable<PersonFacts> = {};
  const at = provenanceFor('email').at;
  if (fields.email !== undefined) {
    const email = normalizeEmail(fields.email);
    if (!email.ok)
      return { ok: false, problem: `"${fields.email}" is not a valid email address: ${email.problem}` };
    person.email = normalizedInput(email.email, fields.email, provenanceFor('email'));
    person.emailType = derivedFact(email.type, 'email.type', 'person.email', at);
  }
  addNames(fields, provenanceFor, at, person);
  if (fields.title !== undefined) addTitle(fields.title, provenanceFor, at, person, warnings);
  if (fields.country !== undefined) {
    const country = countryFact(fields.country, 'country', provenanceFor, warnings);
    if (country !== undefined) person.country = country;
  }
  if (fields.phone !== undefined) {
    const phone = normalizePhone(fields.phone, person.country?.value ?? context.defaultCountry);
    if (phone.ok) person.phone = normalizedInput(phone.e164, fields.phone, provenanceFor('phone'));
    else warnings.push({ field: 'phone', kind: 'invalid', value: fields.phone, problem: phone.problem });
  }
  if (fields.city !== undefined) person.city = { value: fields.city, provenance: provenanceFor('city') };
  if (fields.linkedin !== undefined)
    person.linkedin = { value: fields.linkedin, provenance: provenanceFor('linkedin') };
  return { ok: true, facts: person };
};
