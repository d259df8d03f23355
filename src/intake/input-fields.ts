/**
 * The canonical input fields intake understands. A source column is mapped to one of these (by
 * header synonyms or the user's mapping file); any other column becomes a custom field.
 */
export const INPUT_FIELDS = [
  'external_id',
  'email',
  'first_name',
  'last_name',
  'full_name',
  'title',
  'phone',
  'country',
  'city',
  'linkedin',
  'company',
  'domain',
  'website',
  'industry',
  'employees',
  'revenue',
  'company_country',
  'technologies',
  'source',
  'consent_email',
  'consent_sms',
  'consent_phone',
  'opted_out',
  'created_at',
] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

/** True when `name` is one of the canonical input fields. */
export const isInputField = (name: string): name is InputField =>
  (INPUT_FIELDS as readonly string[]).includes(name);
