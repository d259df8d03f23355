import type { InputField } from '../input-fields.js';

/**
 * The key a column name is matched by: lower case, letters and digits only, so that
 * "E-mail", "e_mail" and "EMAIL" meet, and "# Employees" and "No. of Employees" lose their
 * punctuation.
 */
export const columnKey = (name: string): string => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Column names that mean a canonical field, as written in forms and in HubSpot, Salesforce,
 * Pipedrive ("Person - Email"), Marketo, Apollo and Zoho exports. Matched through `columnKey`.
 */
export const HEADER_SYNONYMS: Readonly<Record<InputField, readonly string[]>> = {
  external_id: [
    'Id',
    'Lead Id',
    'External Id',
    'Prospect Id',
    'CRM Id',
    'Record Id',
    'Contact Id',
    'Person Id',
    'Salesforce Id',
    'HubSpot Id',
    'Marketo Id',
  ],
  email: [
    'Email',
    'E-mail',
    'Email Address',
    'Work Email',
    'Business Email',
    'Primary Email',
    'Contact Email',
    'Corporate Email',
    'Person - Email',
    'Person - Email - Work',
    'Email 1',
    'Mail',
  ],
  first_name: ['First Name', 'Given Name', 'Fname', 'Forename', 'Person - First Name'],
  last_name: ['Last Name', 'Surname', 'Family Name', 'Lname', 'Person - Last Name'],
  full_name: [
    'Name',
    'Full Name',
    'Contact Name',
    'Contact',
    'Lead Name',
    'Person Name',
    'Prospect Name',
    'Person - Name',
  ],
  title: [
    'Title',
    'Job Title',
    'Position',
    'Role',
    'Designation',
    'Job Role',
    'Job Position',
    'Job Function Title',
    'Person - Job Title',
  ],
  phone: [
    'Phone',
    'Phone Number',
    'Mobile',
    'Mobile Phone',
    'Mobile Number',
    'Mobile Phone Number',
    'Tel',
    'Telephone',
    'Cell',
    'Cell Phone',
    'Work Phone',
    'Direct Phone',
    'Business Phone',
    'Person - Phone',
    'Person - Phone - Work',
  ],
  country: [
    'Country',
    'Country Code',
    'Country/Region',
    'Country Region',
    'Mailing Country',
    'Person Country',
    'Nation',
  ],
  city: ['City', 'Town', 'Mailing City', 'Person City'],
  linkedin: [
    'LinkedIn',
    'LinkedIn URL',
    'LinkedIn Profile',
    'LinkedIn Profile URL',
    'LinkedIn Link',
    'Person LinkedIn URL',
    'LinkedIn Bio',
  ],
  company: [
    'Company',
    'Company Name',
    'Organization',
    'Organisation',
    'Organization Name',
    'Organization - Name',
    'Account Name',
    'Account',
    'Employer',
    'Business Name',
  ],
  domain: ['Domain', 'Company Domain', 'Company Domain Name', 'Email Domain', 'Website Domain'],
  website: [
    'Website',
    'URL',
    'Company Website',
    'Website URL',
    'Web Site',
    'Homepage',
    'Company URL',
    'Organization - Website',
  ],
  industry: ['Industry', 'Sector', 'Vertical', 'Company Industry', 'Organization - Industry'],
  employees: [
    'Employees',
    'Company Size',
    '# Employees',
    'Employee Count',
    'Headcount',
    'No. of Employees',
    'Number of Employees',
    'Employee Range',
    'Company Headcount',
    'Staff Count',
    'Size',
    'Organization - Number of Employees',
    // Nested JSON (`{ company: { employees } }`) flattens to these.
    'Company Employees',
    'Company Employee Count',
  ],
  revenue: [
    'Revenue',
    'Annual Revenue',
    'Company Revenue',
    'Annual Revenue (USD)',
    'Organization - Annual Revenue',
    'Company Annual Revenue',
  ],
  company_country: [
    'Company Country',
    'Company Country/Region',
    'HQ Country',
    'Headquarters Country',
    'Account Country',
    'Billing Country',
    'Organization - Country',
  ],
  technologies: [
    'Technologies',
    'Tech Stack',
    'Technology',
    'Technologies Used',
    'Tech',
    'Company Technologies',
  ],
  source: [
    'Lead Source',
    'Source',
    'Lead Origin',
    'utm_source',
    'Original Source',
    'Source Channel',
    'Channel',
    'Person Source',
  ],
  consent_email: [
    'Email Consent',
    'GDPR Consent',
    'Email Opt-in',
    'Marketing Consent',
    'Marketing Email Consent',
    'Consent',
    'Subscribed',
    'Email Subscribed',
    'Accepts Marketing',
    'Newsletter',
  ],
  consent_sms: ['SMS Opt-in', 'SMS Consent', 'Text Opt-in', 'SMS Subscribed'],
  consent_phone: ['Phone Consent', 'Call Consent', 'Phone Opt-in'],
  opted_out: [
    'Do Not Email',
    'Email Opt Out',
    'HasOptedOutOfEmail',
    'Opted Out',
    'Unsubscribed',
    'Unsubscribed from all email',
    'Do Not Contact',
    'Global Opt Out',
  ],
  created_at: [
    'Created',
    'Created At',
    'Date',
    'Created Date',
    'Create Date',
    'Date Created',
    'Lead Created Date',
    'Submitted At',
    'Signup Date',
    'Timestamp',
  ],
};

/**
 * Column names whose yes means the opposite of the field they fill: "Do Not Call: Yes" is
 * `consent_phone: no`. Applying a mapping inverts their yes/no values. The opted-out synonyms
 * ("Do Not Email", "Unsubscribed") are not here: their yes already means "opted out".
 */
export const NEGATED_SYNONYMS: Readonly<Record<string, InputField>> = {
  'Do Not Call': 'consent_phone',
  DoNotCall: 'consent_phone',
  'Phone Opt Out': 'consent_phone',
  'SMS Opt Out': 'consent_sms',
  'Text Opt Out': 'consent_sms',
};

/** What a synonym stands for: a field, and whether its yes/no is inverted. */
export interface SynonymMatch {
  readonly field: InputField;
  readonly negated: boolean;
  /**
   * How strongly the name means the field: its position in the field's synonym list (the
   * field's own name is -1). When two columns match one field the lower rank wins, so "Lead
   * Source" beats "Lead Origin" wherever they stand in the header.
   */
  readonly rank: number;
}

const buildIndex = (): ReadonlyMap<string, SynonymMatch> => {
  const index = new Map<string, SynonymMatch>();
  for (const [field, names] of Object.entries(HEADER_SYNONYMS) as [InputField, readonly string[]][]) {
    names.forEach((name, rank) => {
      if (!index.has(columnKey(name))) index.set(columnKey(name), { field, negated: false, rank });
    });
    index.set(columnKey(field), { field, negated: false, rank: -1 });
  }
  for (const [name, field] of Object.entries(NEGATED_SYNONYMS))
    index.set(columnKey(name), { field, negated: true, rank: 0 });
  return index;
};

const INDEX = buildIndex();

/** The field a column name means by the built-in synonyms (or the field's own name), if any. */
export const matchSynonym = (columnName: string): SynonymMatch | undefined =>
  INDEX.get(columnKey(columnName));
