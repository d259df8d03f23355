import { AppError } from '../domain/app-error.js';
import type { CompanyFacts, Lead, LeadDraft } from '../domain/lead.js';
import { applyEnrichment } from '../enrichment/apply-enrichment.js';
import {
  enrichLead,
  type RunBudget,
  type WaterfallDeps,
  type LeadEnrichment,
  type WaterfallOptions,
} from '../enrichment/enrich-lead.js';
import { subjectOf } from '../enrichment/enrichment-subject.js';
import { buildLeadDraft } from '../intake/build-lead-draft.js';
import type { IntakeContext } from '../intake/intake-record.js';
import type { InputField } from '../intake/input-fields.js';
import type { FoundPerson } from './people-search.js';

/** The enrichment waterfall as prospecting uses it: its deps, options and the run's budget. */
export interface ProspectingWaterfall {
  readonly deps: WaterfallDeps;
  readonly options: WaterfallOptions;
  readonly budget: RunBudget;
}

const COMPANY_FIELDS = [
  'company.name',
  'company.industry',
  'company.employees',
  'company.revenue',
  'company.country',
  'company.city',
  'company.description',
  'company.technologies',
] as const;
const PERSON_FIELDS = ['person.email', 'person.title', 'person.linkedin'] as const;

/**
 * A vendor that failed (an outage, not an answer of "not found") makes the lookup fail when what
 * it was asked for stayed unfilled: read as "nothing known", the account would be skipped or the
 * person left unverified for good, while a failure is looked up again by the next prepare.
 */
const failIfOutage = (found: LeadEnrichment, what: string): void => {
  const filled = new Set(found.fields.map((f) => f.field));
  const failed = found.calls.find((c) => c.outcome === 'failed' && c.asked.some((f) => !filled.has(f)));
  if (failed !== undefined)
    throw new AppError('DELIVERY_FAILED', {
      message: `${what}: provider ${failed.provider} failed (${failed.error ?? 'no answer'}); prepare again to retry`,
      details: { provider: failed.provider },
    });
};

const emptyDraft = (company: CompanyFacts, receivedAt: string): LeadDraft => ({
  person: {},
  company,
  consent: {},
  custom: {},
  raw: {},
  receivedAt,
});

/**
 * An account's firmographics filled by the waterfall where the target list had none; a
 * DELIVERY_FAILED when a vendor failed to answer (see `failIfOutage`).
 */
export const enrichAccount = async (
  waterfall: ProspectingWaterfall | undefined,
  account: { readonly domain: string; readonly company: CompanyFacts },
  context: IntakeContext,
): Promise<{ readonly company: CompanyFacts; readonly custom: LeadDraft['custom'] }> => {
  const company: CompanyFacts = {
    ...account.company,
    domain: account.company.domain ?? {
      value: account.domain,
      provenance: { source: 'input', at: context.receivedAt, origin: context.origin },
    },
  };
  if (waterfall === undefined) return { company, custom: {} };
  const draft = emptyDraft(company, context.receivedAt);
  const found = await enrichLead(
    waterfall.deps,
    subjectOf(draft),
    { ...waterfall.options, fields: COMPANY_FIELDS },
    waterfall.budget,
  );
  failIfOutage(found, `firmographics of ${account.domain}`);
  const applied = applyEnrichment(draft, found.fields, context, found.refuted).draft;
  return { company: applied.company, custom: applied.custom };
};

/**
 * A person a people search listed, as a lead draft: read by intake (title → seniority and
 * function, email type) with the account's firmographics, then enriched through the waterfall
 * for their address and title (a verifier's check marks the address verified). Undefined, with
 * the reason, when intake cannot identify the person.
 */
export const prospectDraft = async (
  waterfall: ProspectingWaterfall | undefined,
  person: FoundPerson,
  account: { readonly domain: string; readonly company: CompanyFacts; readonly custom: LeadDraft['custom'] },
  context: IntakeContext,
): Promise<{ readonly draft: LeadDraft } | { readonly problem: string }> => {
  const fields: Partial<Record<InputField, string>> = { domain: account.domain };
  if (person.firstName !== undefined) fields.first_name = person.firstName;
  if (person.lastName !== undefined) fields.last_name = person.lastName;
  if (person.title !== undefined) fields.title = person.title;
  if (person.email !== undefined) fields.email = person.email;
  const company = account.company.name?.value;
  if (company !== undefined) fields.company = company;
  const built = buildLeadDraft(context, { line: 0, fields, custom: {}, raw: { ...fields }, columns: {} });
  if (!built.ok) return { problem: built.rejection.problem };
  const draft: LeadDraft = {
    ...built.draft,
    company: { ...built.draft.company, ...account.company },
    custom: { ...account.custom, ...built.draft.custom },
  };
  if (waterfall === undefined) return { draft };
  const found = await enrichLead(
    waterfall.deps,
    subjectOf(draft),
    { ...waterfall.options, fields: PERSON_FIELDS },
    waterfall.budget,
  );
  failIfOutage(
    found,
    `the address of ${fields.first_name ?? 'a person'} ${fields.last_name ?? ''} at ${account.domain}`,
  );
  return { draft: applyEnrichment(draft, found.fields, context, found.refuted).draft };
};

/**
 * Whether a lead's address is confirmed: a verifier checked it, the prospect gave it in a
 * conversation, or they agreed to email (their own form). A vendor's listing or a pattern guess is not.
 */
export const emailVerified = (lead: Pick<Lead, 'person' | 'consent'>): boolean => {
  const p = lead.person.email?.provenance;
  if (p === undefined) return false;
  if (p.source === 'enrichment') return p.verified === true;
  return p.source === 'prospect' || lead.consent.email === true;
};
