import type { NumericRange } from '../../../domain/lead.js';
import { parseCompanySize } from '../../../intake/normalize/company-size.js';
import { parseRevenue } from '../../../intake/normalize/revenue.js';
import type { EnrichableField, ProvidedField, ProvidedValue } from '../../provider.js';
import type { HttpProviderConfig } from './http-provider-config.js';
import { parseJsonPath, readJsonPath, type JsonPathStep } from './json-path.js';

/** Where each field is in a response, and how sure the provider is; parsed once per provider. */
export interface ResponseMapping {
  readonly fields: readonly {
    readonly field: EnrichableField;
    readonly path: string;
    readonly steps: readonly JsonPathStep[];
  }[];
  readonly confidence:
    number | { readonly steps: readonly JsonPathStep[]; readonly outOf: number; readonly otherwise: number };
  /** For a verifier: the checked field, where its status is, and the statuses (lower case) meaning valid and invalid. */
  readonly verification?: {
    readonly field: EnrichableField;
    readonly path: string;
    readonly steps: readonly JsonPathStep[];
    readonly valid: ReadonlySet<string>;
    readonly invalid: ReadonlySet<string>;
  };
}

const stepsOf = (path: string): readonly JsonPathStep[] => parseJsonPath(path) ?? [];

/** The mapping of a (validated) config. */
export const compileResponseMapping = (config: HttpProviderConfig): ResponseMapping => {
  const fields = Object.entries(config.fields).flatMap(([field, path]) =>
    path === undefined ? [] : [{ field: field as EnrichableField, path, steps: stepsOf(path) }],
  );
  const { confidence, verification: v } = config;
  const lower = (statuses: readonly string[]) => new Set(statuses.map((x) => x.trim().toLowerCase()));
  const verification =
    v === undefined
      ? {}
      : {
          verification: {
            field: v.field,
            path: v.status,
            steps: stepsOf(v.status),
            valid: lower(v.valid),
            invalid: lower(v.invalid),
          },
        };
  if (typeof confidence === 'number') return { fields, confidence, ...verification };
  if (typeof confidence === 'string')
    return { fields, confidence: { steps: stepsOf(confidence), outOf: 1, otherwise: 0.5 }, ...verification };
  return { fields, confidence: { ...confidence, steps: stepsOf(confidence.path) }, ...verification };
};

/** What a verifier's answer says of the value it checked, and the status it read. */
const verdictOf = (
  document: unknown,
  v: NonNullable<ResponseMapping['verification']>,
): { readonly verification: 'valid' | 'invalid' | 'unknown'; readonly status: string } => {
  const read = readJsonPath(document, v.steps);
  const status = typeof read === 'string' ? read.trim().toLowerCase() : '';
  if (v.valid.has(status)) return { verification: 'valid', status };
  return { verification: v.invalid.has(status) ? 'invalid' : 'unknown', status };
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

const list = (value: unknown): readonly string[] | undefined => {
  const items = (Array.isArray(value) ? (value as unknown[]) : [value]).flatMap((item) => text(item) ?? []);
  return items.length === 0 ? undefined : [...new Set(items)];
};

const range = (field: EnrichableField, value: unknown): NumericRange | undefined => {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return undefined;
    const n = field === 'company.employees' ? Math.round(value) : value;
    return { min: n, max: n };
  }
  if (typeof value !== 'string') return undefined;
  if (field === 'company.employees') return parseCompanySize(value)?.range;
  // Revenue is in US dollars; an amount in another currency is left for another provider.
  const revenue = parseRevenue(value);
  if (revenue === undefined || (revenue.currency !== undefined && revenue.currency !== 'USD'))
    return undefined;
  return revenue.max === undefined ? { min: revenue.min } : { min: revenue.min, max: revenue.max };
};

/** A response value as the field's kind, or undefined when it is of another type. */
const valueFor = (field: EnrichableField, value: unknown): ProvidedValue | undefined => {
  if (field === 'company.employees' || field === 'company.revenue') return range(field, value);
  if (field === 'company.technologies') return list(value);
  return text(value);
};

const confidenceOf = (document: unknown, mapping: ResponseMapping): number => {
  const { confidence } = mapping;
  if (typeof confidence === 'number') return confidence;
  const score = readJsonPath(document, confidence.steps);
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0) return confidence.otherwise;
  return Math.min(1, score / confidence.outOf);
};

/**
 * The leadsift fields in a parsed response. A value of the wrong type at a path (an object
 * where text is expected, a word where a number is) is skipped: a vendor's odd answer costs
 * that field, never the call. `source` (method and URL without its query) prefixes each detail.
 * With a `verification`, the checked field carries the verdict its status gives (`verified`
 * true only for a valid status) and the status in its detail.
 */
export const readResponseFields = (
  document: unknown,
  mapping: ResponseMapping,
  source: string,
): ProvidedField[] => {
  const confidence = confidenceOf(document, mapping);
  const v = mapping.verification;
  return mapping.fields.flatMap(({ field, path, steps }): ProvidedField[] => {
    const value = valueFor(field, readJsonPath(document, steps));
    if (value === undefined) return [];
    const detail = `${source} ${path}`;
    if (v === undefined || field !== v.field) return [{ field, value, confidence, detail }];
    const { verification, status } = verdictOf(document, v);
    const verified = verification === 'valid';
    return [
      {
        field,
        value,
        confidence,
        verified,
        verification,
        detail: `${detail} (${v.path}: ${status || 'none'})`,
      },
    ];
  });
};
