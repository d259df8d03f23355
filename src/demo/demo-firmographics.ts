/** The industries the demo knows, by a canonical key the hidden rules use. */
export type DemoIndustry =
  | 'software'
  | 'internet'
  | 'financial_services'
  | 'healthcare'
  | 'retail'
  | 'manufacturing'
  | 'education'
  | 'consulting'
  | 'media'
  | 'logistics'
  | 'real_estate'
  | 'nonprofit';

/** An industry: its share of companies and the spellings CRMs and vendors use for it. */
export interface DemoIndustrySpec {
  readonly key: DemoIndustry;
  readonly weight: number;
  readonly spellings: readonly (readonly [string, number])[];
}

/** Industries with their real-world spellings (and a typo now and then), weighted. */
export const DEMO_INDUSTRIES: readonly DemoIndustrySpec[] = [
  {
    key: 'software',
    weight: 24,
    spellings: [
      ['SaaS', 5],
      ['Computer Software', 5],
      ['Software', 4],
      ['Software Development', 2],
      ['Technology', 2],
      ['technolgy', 0.3],
      ['IT Services and IT Consulting', 1],
    ],
  },
  {
    key: 'internet',
    weight: 10,
    spellings: [
      ['Internet', 4],
      ['E-commerce', 2],
      ['Online Media', 1],
      ['Tech', 1],
    ],
  },
  {
    key: 'financial_services',
    weight: 11,
    spellings: [
      ['Financial Services', 5],
      ['Banking', 2],
      ['FinTech', 2],
      ['Insurance', 1.5],
      ['finance', 1],
    ],
  },
  {
    key: 'healthcare',
    weight: 9,
    spellings: [
      ['Hospital & Health Care', 4],
      ['Healthcare', 3],
      ['Health Care', 1],
      ['Medical Devices', 1],
      ['Pharmaceuticals', 1],
    ],
  },
  {
    key: 'retail',
    weight: 9,
    spellings: [
      ['Retail', 5],
      ['Consumer Goods', 2],
      ['retail & ecommerce', 1],
    ],
  },
  {
    key: 'manufacturing',
    weight: 10,
    spellings: [
      ['Manufacturing', 5],
      ['Industrial Automation', 1],
      ['Automotive', 1.5],
      ['Maschinenbau', 0.5],
    ],
  },
  {
    key: 'education',
    weight: 5,
    spellings: [
      ['Education', 3],
      ['Higher Education', 2],
      ['E-Learning', 1],
    ],
  },
  {
    key: 'consulting',
    weight: 8,
    spellings: [
      ['Management Consulting', 3],
      ['Consulting', 3],
      ['Professional Services', 2],
    ],
  },
  {
    key: 'media',
    weight: 5,
    spellings: [
      ['Marketing & Advertising', 3],
      ['Media', 2],
      ['Publishing', 1],
    ],
  },
  {
    key: 'logistics',
    weight: 4,
    spellings: [
      ['Logistics & Supply Chain', 3],
      ['Transportation', 1],
    ],
  },
  {
    key: 'real_estate',
    weight: 3,
    spellings: [
      ['Real Estate', 3],
      ['Construction', 1],
    ],
  },
  {
    key: 'nonprofit',
    weight: 2,
    spellings: [
      ['Non-profit', 2],
      ['Nonprofit Organization Management', 1],
    ],
  },
];

/** A country: its share of companies, how people write it, and local details for phones and cities. */
export interface DemoCountrySpec {
  readonly code: string;
  readonly weight: number;
  readonly spellings: readonly (readonly [string, number])[];
  readonly tld: string;
  readonly dialCode: string;
  readonly cities: readonly string[];
}

/** Countries, weighted toward the US like most B2B lead sets; codes are ISO 3166-1 alpha-2. */
export const DEMO_COUNTRIES: readonly DemoCountrySpec[] = [
  {
    code: 'US',
    weight: 40,
    spellings: [
      ['United States', 5],
      ['USA', 3],
      ['US', 2],
      ['United States of America', 1],
      ['U.S.', 0.5],
    ],
    tld: 'com',
    dialCode: '1',
    cities: ['New York', 'San Francisco', 'Austin', 'Chicago', 'Boston', 'Seattle', 'Denver', 'Atlanta'],
  },
  {
    code: 'GB',
    weight: 10,
    spellings: [
      ['United Kingdom', 4],
      ['UK', 3],
      ['England', 1],
      ['GB', 0.5],
    ],
    tld: 'co.uk',
    dialCode: '44',
    cities: ['London', 'Manchester', 'Bristol', 'Edinburgh', 'Leeds'],
  },
  {
    code: 'DE',
    weight: 9,
    spellings: [
      ['Germany', 4],
      ['DE', 2],
      ['Deutschland', 2],
    ],
    tld: 'de',
    dialCode: '49',
    cities: ['Berlin', 'München', 'Hamburg', 'Köln', 'Frankfurt am Main'],
  },
  {
    code: 'FR',
    weight: 6,
    spellings: [
      ['France', 5],
      ['FR', 1],
    ],
    tld: 'fr',
    dialCode: '33',
    cities: ['Paris', 'Lyon', 'Toulouse', 'Nantes', 'Lille'],
  },
  {
    code: 'CA',
    weight: 6,
    spellings: [
      ['Canada', 5],
      ['CA', 1],
    ],
    tld: 'ca',
    dialCode: '1',
    cities: ['Toronto', 'Vancouver', 'Montréal', 'Calgary', 'Ottawa'],
  },
  {
    code: 'AU',
    weight: 5,
    spellings: [
      ['Australia', 5],
      ['AU', 1],
    ],
    tld: 'com.au',
    dialCode: '61',
    cities: ['Sydney', 'Melbourne', 'Brisbane', 'Perth'],
  },
  {
    code: 'NL',
    weight: 4,
    spellings: [
      ['Netherlands', 3],
      ['The Netherlands', 1],
      ['Nederland', 1],
    ],
    tld: 'nl',
    dialCode: '31',
    cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Eindhoven'],
  },
  {
    code: 'IN',
    weight: 9,
    spellings: [
      ['India', 5],
      ['IN', 1],
    ],
    tld: 'in',
    dialCode: '91',
    cities: ['Bengaluru', 'Mumbai', 'Pune', 'Hyderabad', 'New Delhi'],
  },
  {
    code: 'BR',
    weight: 6,
    spellings: [
      ['Brazil', 4],
      ['Brasil', 2],
      ['BR', 1],
    ],
    tld: 'com.br',
    dialCode: '55',
    cities: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba'],
  },
  {
    code: 'ES',
    weight: 3,
    spellings: [
      ['Spain', 3],
      ['España', 1],
    ],
    tld: 'es',
    dialCode: '34',
    cities: ['Madrid', 'Barcelona', 'Valencia'],
  },
  {
    code: 'MX',
    weight: 2,
    spellings: [
      ['Mexico', 3],
      ['México', 1],
    ],
    tld: 'com.mx',
    dialCode: '52',
    cities: ['Ciudad de México', 'Guadalajara', 'Monterrey'],
  },
];

/** Technologies a company may use, with how common each is among the demo's companies. */
export const DEMO_TECHNOLOGIES: readonly (readonly [string, number])[] = [
  ['Google Analytics', 0.7],
  ['AWS', 0.45],
  ['WordPress', 0.3],
  ['HubSpot', 0.3],
  ['Salesforce', 0.3],
  ['Stripe', 0.25],
  ['Intercom', 0.15],
  ['Zendesk', 0.15],
  ['Segment', 0.12],
  ['Marketo', 0.1],
  ['Snowflake', 0.1],
  ['Shopify', 0.1],
  ['Google Cloud', 0.12],
  ['Microsoft Azure', 0.12],
  ['Slack', 0.4],
  ['Outreach', 0.08],
  ['Gong', 0.06],
];
