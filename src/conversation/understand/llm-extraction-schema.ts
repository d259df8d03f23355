import { z } from 'zod';
import type { LlmSchema } from '../../llm/llm-client.js';

const Quote = z.string().min(1).max(300);

/**
 * What the language model must answer about one prospect message: each BANT slot or null, each
 * with `quote`, the exact words of the message it read the slot from (so that the answer can be
 * checked against the message, and a slot without a real quote is dropped).
 */
export const LlmExtraction = z.object({
  budget: z
    .object({
      kind: z.enum(['amount', 'none']),
      min: z.number().nonnegative().nullable(),
      max: z.number().nonnegative().nullable(),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .nullable(),
      quote: Quote,
    })
    .nullable(),
  timeline: z
    .object({
      horizon: z.enum(['asap', 'dated', 'none']),
      from: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .nullable(),
      to: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .nullable(),
      quote: Quote,
    })
    .nullable(),
  authority: z
    .object({
      role: z.enum(['decision_maker', 'influencer', 'committee', 'unknown']),
      title: z.string().max(100).nullable(),
      approver: z.string().max(100).nullable(),
      quote: Quote,
    })
    .nullable(),
  need: z.object({ summary: z.string().min(1).max(200), quote: Quote }).nullable(),
});
export type LlmExtraction = z.infer<typeof LlmExtraction>;

// OpenAI's strict structured outputs reject these keywords; zod still checks them.
const UNSUPPORTED = new Set(['$schema', 'minLength', 'maxLength', 'pattern', 'minimum']);
const portable = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(portable);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>)
      .filter(([key]) => !UNSUPPORTED.has(key))
      .map(([key, value]) => [key, portable(value)]),
  );
};

/** The extraction schema for the LLM client: JSON Schema for the server, zod for the answer. */
export const llmExtractionSchema: LlmSchema<LlmExtraction> = Object.freeze({
  name: 'prospect_message_facts',
  jsonSchema: portable(z.toJSONSchema(LlmExtraction)) as Record<string, unknown>,
  validator: LlmExtraction,
});
