import type { Fact } from './provenance.js';

/** Seniority levels a job title is mapped to, highest first. */
export const SENIORITIES = [
  'founder',
  'c_level',
  'vp',
  'director',
  'manager',
  'senior',
  'entry',
  'intern',
] as const;
export type Seniority = (typeof SENIORITIES)[number];

/** Business functions a job title is mapped to. */
export const JOB_FUNCTIONS = [
  'executive',
  'sales',
  'marketing',
  'customer_success',
  'engineering',
  'it',
  'data',
  'product',
  'design',
  'finance',
  'operations',
  'hr',
  'legal',
  'procurement',
  'education',
  'healthcare',
  'consulting',
  'other',
] as const;
export type JobFunction = (typeof JOB_FUNCTIONS)[number];

/**
 * What kind of address an email is. `corporate` is a company's own domain; `free` a webmail
 * provider; `role` a shared mailbox (info@, sales@); `disposable` a throw-away service;
 * `education` a school or university domain.
 */
export const EMAIL_TYPES = ['corporate', 'free', 'role', 'disposable', 'education'] as const;
export type EmailType = (typeof EMAIL_TYPES)[number];

/** Standard company-size bands (employees), as most firmographic vendors publish them. */
export const SIZE_BANDS = [
  '1-10',
  '11-50',
  '51-200',
  '201-500',
  '501-1000',
  '1001-5000',
  '5001-10000',
  '10001+',
] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

/** An inclusive numeric range; `max` is absent for open ranges such as "10,000+". */
export interface NumericRange {
  readonly min: number;
  readonly max?: number;
}

/** The person behind a lead. Every field is a fact with its provenance. */
export interface PersonFacts {
  readonly firstName?: Fact<string>;
  readonly lastName?: Fact<string>;
  readonly email?: Fact<string>;
  readonly emailType?: Fact<EmailType>;
  readonly phone?: Fact<string>;
  readonly title?: Fact<string>;
  readonly seniority?: Fact<Seniority>;
  readonly jobFunction?: Fact<JobFunction>;
  /** ISO 3166-1 alpha-2. */
  readonly country?: Fact<string>;
  readonly city?: Fact<string>;
  readonly linkedin?: Fact<string>;
}

/** The company a lead works for, as known from the lead itself. */
export interface CompanyFacts {
  readonly name?: Fact<string>;
  /** Registrable domain (public-suffix aware), e.g. `acme.co.uk`. */
  readonly domain?: Fact<string>;
  readonly industry?: Fact<string>;
  readonly employees?: Fact<NumericRange>;
  readonly sizeBand?: Fact<SizeBand>;
  /** Annual revenue in US dollars. */
  readonly revenue?: Fact<NumericRange>;
  readonly country?: Fact<string>;
  readonly technologies?: Fact<readonly string[]>;
}

/** What the prospect agreed to. Absent means "not stated", which is not consent. */
export interface Consent {
  readonly email?: boolean;
  readonly sms?: boolean;
  readonly phone?: boolean;
  readonly tracking?: boolean;
  /** Set when the prospect opted out anywhere; leadsift then never contacts them. */
  readonly optedOutAt?: string;
}

/** A scalar custom-field value: anything a CRM or form may carry beyond the known fields. */
export type CustomValue = string | number | boolean;

/** A lead: a person at a company, from a source, with consent flags and custom fields. */
export interface Lead {
  readonly id: string;
  /** The id in the system the lead came from (CRM id, form submission id). */
  readonly externalId?: string;
  readonly source?: Fact<string>;
  readonly person: PersonFacts;
  readonly company: CompanyFacts;
  readonly consent: Consent;
  readonly custom: Readonly<Record<string, Fact<CustomValue>>>;
  /** The record exactly as it arrived (column → text), kept so that nothing is destroyed. */
  readonly raw: Readonly<Record<string, string>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A lead before it has an id: what intake produces. */
export type LeadDraft = Omit<Lead, 'id' | 'createdAt' | 'updatedAt'> & { readonly receivedAt: string };
