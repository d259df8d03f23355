import { z } from 'zod';
import { ENRICHABLE_FIELDS, type EnrichableField } from '../../provider.js';
import { parseJsonPath } from './json-path.js';
import { parseTemplate, QUERY_KEYS } from './template.js';

/** A text with `{queryKey}` placeholders and `${ENV_NAME}` variables (see `parseTemplate`). */
export const HttpTemplate = z.string().superRefine((text, ctx) => {
  const parsed = parseTemplate(text);
  if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: parsed.problem });
});

/** A path into the response JSON: `data.category.industry`, `tech[]`, `people[0].email`. */
export const JsonPath = z.string().refine((text) => parseJsonPath(text) !== undefined, {
  message: 'expected a JSON path such as "data.category.industry", "tags[]" or "items[0].name"',
});

/** A JSON body template: any JSON value whose strings are templates. */
export type BodyTemplate =
  string | number | boolean | null | BodyTemplate[] | { [key: string]: BodyTemplate };
export const BodyTemplate: z.ZodType<BodyTemplate> = z.lazy(() =>
  z.union([
    HttpTemplate,
    z.number(),
    z.boolean(),
    z.null(),
    z.array(BodyTemplate),
    z.record(z.string(), BodyTemplate),
  ]),
);

/** Where each leadsift field is in the response; every key is optional. */
const FieldPaths = z
  .object(Object.fromEntries(ENRICHABLE_FIELDS.map((field) => [field, JsonPath.optional()])))
  .strict()
  .refine((paths) => Object.keys(paths).length > 0, {
    message: 'map at least one field',
  }) as unknown as z.ZodType<Partial<Record<EnrichableField, string>>>;

/** How sure the provider is: a fixed number, or a score in the response scaled by `outOf`. */
const Confidence = z.union([
  z.number().min(0).max(1),
  JsonPath,
  z
    .object({
      path: JsonPath,
      /** The score meaning certainty (100 for percentages). */
      outOf: z.number().positive().default(1),
      /** The confidence when the response has no usable score. */
      otherwise: z.number().min(0).max(1).default(0.5),
    })
    .strict(),
]);

/**
 * For a verifier (an email verification API): where the answer says whether the value it was
 * asked about checks out, and which statuses mean valid or invalid (any other: unknown).
 */
const Verification = z
  .object({
    /** The field whose value is checked; it must be mapped in `fields` too. */
    field: z.enum(ENRICHABLE_FIELDS).default('person.email'),
    /** Where the status is in the answer, e.g. `data.status`. */
    status: JsonPath,
    /** Statuses meaning the value is right (compared without case), e.g. `[valid]`. */
    valid: z.array(z.string().min(1)).min(1),
    /** Statuses meaning the value is wrong, e.g. `[invalid]`. */
    invalid: z.array(z.string().min(1)).default([]),
  })
  .strict();

const Limits = z
  .object({
    costCents: z.number().min(0).default(0),
    concurrency: z.number().int().positive().default(4),
    ratePerSecond: z.number().positive().optional(),
    timeoutMs: z.number().int().positive().default(10_000),
    retries: z.number().int().min(0).default(2),
    ttlSeconds: z
      .number()
      .int()
      .min(0)
      .default(30 * 24 * 3600),
  })
  .strict();

/**
 * A generic JSON HTTP provider, as written in YAML: where to send the query (URL, query
 * parameters or JSON body, headers with `${ENV_NAME}` secrets), which query keys it needs, and
 * where each leadsift field is in the answer.
 */
export const HttpProviderConfig = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a lower-case name such as "clearbit"'),
    method: z.enum(['GET', 'POST']).default('GET'),
    url: HttpTemplate.refine((url) => /^https?:\/\/[^/{}$]/.test(url), {
      message: 'expected an http:// or https:// URL with a fixed host',
    }),
    headers: z
      .record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'expected a header name'), HttpTemplate)
      .default({}),
    query: z.record(z.string(), HttpTemplate).default({}),
    body: BodyTemplate.optional(),
    requires: z.array(z.enum(QUERY_KEYS)).default([]),
    fields: FieldPaths,
    confidence: Confidence.default(0.8),
    verification: Verification.optional(),
    limits: Limits.default(Limits.parse({})),
    maxBodyBytes: z
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.body !== undefined && config.method === 'GET')
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'a body needs "method: POST"' });
    const checked = config.verification?.field;
    if (checked !== undefined && config.fields[checked] === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['verification', 'field'],
        message: `map "${checked}" in fields too: the verified value is read from the answer`,
      });
  });
export type HttpProviderConfig = z.output<typeof HttpProviderConfig>;
/** A config as written, before defaults (for configs built in code). */
export type HttpProviderConfigInput = z.input<typeof HttpProviderConfig>;
