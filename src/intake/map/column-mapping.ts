import { z } from 'zod';
import { INPUT_FIELDS, isInputField } from '../input-fields.js';
import type { InputField } from '../input-fields.js';

/** Fields whose yes/no a mapping may invert with `not:<field>` ("Do Not Call": not:consent_phone). */
export const NEGATABLE_FIELDS = ['consent_email', 'consent_sms', 'consent_phone', 'opted_out'] as const;

/** Where a user sends a column: a leadsift field (maybe inverted), a custom field, or nowhere. */
export type ColumnTarget =
  | { readonly kind: 'field'; readonly field: InputField; readonly negated: boolean }
  | { readonly kind: 'custom'; readonly name: string }
  | { readonly kind: 'ignore' };

const CUSTOM = /^custom:(.+)$/;
const NOT = /^not:(.+)$/;

/** Reads a target as written in a mapping file, or undefined when it is none of the forms. */
export const parseColumnTarget = (text: string): ColumnTarget | undefined => {
  const value = text.trim();
  if (value === 'ignore') return { kind: 'ignore' };
  if (isInputField(value)) return { kind: 'field', field: value, negated: false };
  const negated = NOT.exec(value)?.[1];
  if (negated !== undefined && (NEGATABLE_FIELDS as readonly string[]).includes(negated)) {
    return { kind: 'field', field: negated as InputField, negated: true };
  }
  const custom = CUSTOM.exec(value)?.[1]?.trim();
  return custom === undefined || custom === '' ? undefined : { kind: 'custom', name: custom };
};

const TARGET_FORMS = `one of the leadsift fields (${INPUT_FIELDS.join(', ')}), "not:<consent field>", "custom:<name>" or "ignore"`;

const ColumnTargetText = z.unknown().transform((value, ctx) => {
  const target = typeof value === 'string' ? parseColumnTarget(value) : undefined;
  if (target === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected ${TARGET_FORMS}, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return target;
});

const Text = z.unknown().transform((value, ctx) => {
  if (value === null) return ''; // `Select:` with nothing after it in YAML
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  ctx.addIssue({
    code: 'custom',
    message: `expected a text value, got ${JSON.stringify(value) ?? 'nothing'}`,
  });
  return z.NEVER;
});

/**
 * A user's column mapping file (YAML or JSON): `columns` sends source columns to targets,
 * `values` rewrites per-column sentinel values (`"Select": ""` means not answered) and
 * `empty` lists values that mean "empty" in every column. Unknown keys are errors.
 */
export const ColumnMapping = z
  .object({
    columns: z.record(z.string(), ColumnTargetText).default({}),
    values: z.record(z.string(), z.record(z.string(), Text)).default({}),
    empty: z.array(Text).default([]),
  })
  .strict();
/** A parsed, validated column mapping. */
export type ColumnMapping = z.output<typeof ColumnMapping>;
