import { createHash } from 'node:crypto';
import { parseYamlDocument } from '../documents/parse-yaml-document.js';
import { readDocumentFile } from '../documents/read-document-file.js';
import { Criteria, type Playbook, type RequirableFact } from './criteria-schema.js';
import { expandRegions } from './regions.js';
import { resolveRouting, type Routing } from './resolve-routing.js';

/** How a missing fact is obtained by default: people are asked what only they know. */
const DEFAULT_HOW: Readonly<Record<RequirableFact, 'ask' | 'enrich'>> = {
  'person.email': 'ask',
  'person.phone': 'ask',
  'person.title': 'ask',
  'person.seniority': 'ask',
  'person.jobFunction': 'ask',
  'person.country': 'ask',
  'company.name': 'ask',
  'company.domain': 'enrich',
  'company.industry': 'enrich',
  'company.sizeBand': 'enrich',
  'company.revenue': 'enrich',
  'company.country': 'enrich',
  'company.technologies': 'enrich',
};

/** A required fact with how to get it. */
export interface Requirement {
  readonly fact: RequirableFact;
  readonly how: 'ask' | 'enrich';
  readonly question?: string;
}

/** One qualification path, complete: the defaults with the playbook's sections in their place. */
export interface Ruleset extends Omit<Criteria, 'name' | 'playbooks' | 'required'> {
  readonly playbook: string;
  readonly description?: string;
  readonly when?: Playbook['when'];
  readonly required: readonly Requirement[];
}

/** A validated criteria file: its rulesets (playbooks first, in order, then `default`) and version. */
export interface LoadedCriteria {
  readonly name: string;
  /** `criteria@` and 12 hex digits of the SHA-256 of the validated content: what made a decision. */
  readonly version: string;
  readonly playbooks: readonly Ruleset[];
  readonly fallback: Ruleset;
  /** Columns a model must never learn from (`model.postContact`). */
  readonly postContact: readonly string[];
  /** Where decided leads go: the file's `routing` section, or the default routing without one. */
  readonly routing: Routing;
}

/** JSON with object keys sorted, so that the version does not depend on key order or comments. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );

const requirements = (required: Criteria['required']): Requirement[] =>
  required.map((r): Requirement => {
    if (typeof r === 'string') return { fact: r, how: DEFAULT_HOW[r] };
    return r.question === undefined
      ? { fact: r.fact, how: r.how }
      : { fact: r.fact, how: r.how, question: r.question };
  });

/** A ruleset's region names replaced by their countries. */
const withCountries = <T extends { fit: Criteria['fit']; disqualifiers: Criteria['disqualifiers'] }>(
  r: T,
): T => ({
  ...r,
  fit:
    r.fit.countries === undefined
      ? r.fit
      : { ...r.fit, countries: { ...r.fit.countries, include: expandRegions(r.fit.countries.include) } },
  disqualifiers: {
    ...r.disqualifiers,
    countriesNotServed: expandRegions(r.disqualifiers.countriesNotServed),
  },
});

/** Resolve validated criteria into complete rulesets (regions expanded) and a version. */
export const resolveCriteria = (criteria: Criteria): LoadedCriteria => {
  const { name, playbooks, required, model, routing, ...base } = criteria;
  const fallback: Ruleset = withCountries({ ...base, playbook: 'default', required: requirements(required) });
  const resolved = playbooks.map((p): Ruleset => {
    const { name: playbook, description, when, required: own, ...overrides } = p;
    const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
    return withCountries({
      ...fallback,
      ...defined,
      playbook,
      ...(description === undefined ? {} : { description }),
      when,
      required: own === undefined ? fallback.required : requirements(own),
    });
  });
  const hash = createHash('sha256').update(canonical(criteria)).digest('hex');
  const postContact = model?.postContact ?? [];
  return {
    name,
    version: `criteria@${hash.slice(0, 12)}`,
    playbooks: resolved,
    fallback,
    postContact,
    routing: resolveRouting(routing),
  };
};

/** Parse and validate criteria YAML: CRITERIA_INVALID listing every problem as file:line. */
export const parseCriteria = (text: string, fileName: string): LoadedCriteria =>
  resolveCriteria(parseYamlDocument(text, fileName, Criteria, 'CRITERIA_INVALID'));

/** Read, parse and validate a criteria file. */
export const loadCriteria = async (path: string): Promise<LoadedCriteria> =>
  parseCriteria(await readDocumentFile(path, 'criteria file'), path);
