import type { NumericRange } from '../../../domain/lead.js';
import { parseCompanySize } from '../../../intake/normalize/company-size.js';

/** What a schema.org Organization in JSON-LD says about the company. */
export interface JsonLdOrganization {
  /** The node's `@type`, e.g. `Organization`, `Corporation`. */
  readonly type: string;
  readonly name?: string;
  readonly description?: string;
  readonly employees?: NumericRange;
  /** `address.addressCountry` as written (a code or a name). */
  readonly country?: string;
  readonly industry?: string;
  /** `sameAs` URLs. */
  readonly sameAs: readonly string[];
}

/** The organizations found, and how many JSON-LD blocks could not be parsed. */
export interface JsonLdReading {
  readonly organizations: readonly JsonLdOrganization[];
  readonly malformed: number;
}

// schema.org types that are an Organization (the common ones; LocalBusiness has ~100 subtypes).
const ORGANIZATION_TYPES = new Set([
  'organization',
  'corporation',
  'localbusiness',
  'onlinebusiness',
  'onlinestore',
  'store',
  'ngo',
  'nonprofit',
  'educationalorganization',
  'collegeoruniversity',
  'governmentorganization',
  'medicalorganization',
  'newsmediaorganization',
  'professionalservice',
  'researchorganization',
  'sportsorganization',
  'airline',
  'bankorcreditunion',
  'financialservice',
  'insuranceagency',
  'legalservice',
]);

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** `Organization`, `schema:Organization` and `https://schema.org/Organization` alike. */
const typeName = (t: unknown): string | undefined =>
  typeof t === 'string' ? t.replace(/^.*[/:#]/, '') : undefined;

/** A text value: a string, a number, `{"@value": …}`, or the first of a list of those. */
const textOf = (v: unknown): string | undefined => {
  for (const item of asList(v)) {
    const raw = isObject(item) ? (item['@value'] ?? item.name) : item;
    if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
    if (typeof raw === 'string' && raw.trim() !== '') return raw.replace(/\s+/g, ' ').trim();
  }
  return undefined;
};

const wholeCount = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v.replace(/[,\s]/g, '')) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : undefined;
};

/** `numberOfEmployees`: a number, a text such as "51-200", or a QuantitativeValue. */
export const employeesOf = (v: unknown): NumericRange | undefined => {
  const first = asList(v)[0];
  if (isObject(first)) {
    const value = wholeCount(first.value);
    if (value !== undefined) return { min: value, max: value };
    const min = wholeCount(first.minValue);
    const max = wholeCount(first.maxValue);
    if (min !== undefined && max !== undefined) return max >= min ? { min, max } : undefined;
    if (min !== undefined) return { min };
    return max === undefined ? undefined : { min: 1, max };
  }
  const exact = wholeCount(first);
  if (exact !== undefined) return { min: exact, max: exact };
  return typeof first === 'string' ? parseCompanySize(first)?.range : undefined;
};

const countryOf = (address: unknown): string | undefined => {
  for (const a of asList(address)) {
    const country = isObject(a) ? textOf(a.addressCountry) : undefined;
    if (country !== undefined) return country;
  }
  return undefined;
};

const organizationOf = (node: JsonObject): JsonLdOrganization | undefined => {
  const type = asList(node['@type'])
    .map(typeName)
    .find((t) => t !== undefined && ORGANIZATION_TYPES.has(t.toLowerCase()));
  if (type === undefined) return undefined;
  const facts: Record<string, unknown> = {
    type,
    name: textOf(node.name) ?? textOf(node.legalName),
    description: textOf(node.description),
    employees: employeesOf(node.numberOfEmployees),
    country: countryOf(node.address),
    industry: textOf(node.industry),
    sameAs: asList(node.sameAs).filter((s): s is string => typeof s === 'string'),
  };
  for (const key of Object.keys(facts)) if (facts[key] === undefined) delete facts[key];
  return facts as unknown as JsonLdOrganization;
};

/** Every object in a JSON-LD document: top-level lists, `@graph` lists, nested once or more. */
const nodesOf = (doc: unknown, out: JsonObject[], depth = 0): void => {
  if (depth > 4) return;
  for (const item of asList(doc)) {
    if (!isObject(item)) continue;
    out.push(item);
    if (item['@graph'] !== undefined) nodesOf(item['@graph'], out, depth + 1);
  }
};

/**
 * The schema.org organizations in a page's JSON-LD blocks, in page order. A block that is not
 * valid JSON is counted in `malformed` and skipped; the other blocks still count.
 */
export const readJsonLd = (blocks: readonly string[]): JsonLdReading => {
  const organizations: JsonLdOrganization[] = [];
  let malformed = 0;
  for (const block of blocks) {
    let doc: unknown;
    try {
      // Some CMSs wrap the JSON in an HTML comment or CDATA; browsers' JSON-LD readers do not care.
      doc = JSON.parse(block.replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)|(?:-->|\/\/\s*\]\]>)\s*$/g, ''));
    } catch {
      malformed++;
      continue;
    }
    const nodes: JsonObject[] = [];
    nodesOf(doc, nodes);
    for (const node of nodes) {
      const org = organizationOf(node);
      if (org !== undefined) organizations.push(org);
    }
  }
  return { organizations, malformed };
};
