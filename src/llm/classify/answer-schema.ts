import { z } from 'zod';
import { VERDICTS } from '../../domain/decision.js';
import type { LlmSchema } from '../llm-client.js';

/** How well the lead fits the ideal customer profile, in the model's words and one level. */
export const FitAssessment = z.object({
  level: z.enum(['strong', 'moderate', 'weak', 'unknown']),
  summary: z.string().min(1).max(400),
});
export type FitAssessment = z.infer<typeof FitAssessment>;

/** How strongly the lead's behaviour shows buying intent. */
export const IntentAssessment = z.object({
  level: z.enum(['high', 'medium', 'low', 'none']),
  summary: z.string().min(1).max(400),
});
export type IntentAssessment = z.infer<typeof IntentAssessment>;

/** One reason, citing the ids (`F1`, `F2`, …) of the facts it relies on. */
export const LlmReason = z.object({
  text: z.string().min(1).max(300),
  kind: z.enum(['fit', 'intent', 'disqualifier']),
  /** The model's estimate of the points this reason moved its score by. */
  effect: z.number().int().min(-100).max(100),
  facts: z.array(z.string()).min(1).max(10),
});
export type LlmReason = z.infer<typeof LlmReason>;

/** A fact the model needed but did not have, and the question that would get it. */
export const LlmMissingFact = z.object({
  field: z.string().min(1).max(100),
  question: z.string().min(1).max(300),
});
export type LlmMissingFact = z.infer<typeof LlmMissingFact>;

/** The classifier's answer, as the model must give it. */
export const LlmAnswer = z.object({
  verdict: z.enum(VERDICTS),
  score: z.number().int().min(0).max(100),
  fit: FitAssessment,
  intent: IntentAssessment,
  reasons: z.array(LlmReason).min(1).max(8),
  missing: z.array(LlmMissingFact).max(8),
  nextQuestion: z.string().max(300).nullable(),
});
export type LlmAnswer = z.infer<typeof LlmAnswer>;

/** The schema's name on the wire (OpenAI's `json_schema.name`, Anthropic's tool name). */
export const ANSWER_SCHEMA_NAME = 'lead_qualification';

// OpenAI's strict structured outputs reject string length keywords; zod still checks them.
const UNSUPPORTED = new Set(['$schema', 'minLength', 'maxLength']);

const portable = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(portable);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>)
      .filter(([key]) => !UNSUPPORTED.has(key))
      .map(([key, value]) => [key, portable(value)]),
  );
};

const BASE_JSON_SCHEMA = portable(z.toJSONSchema(LlmAnswer)) as Record<string, unknown>;

type SchemaNode = Record<string, unknown> & { properties: Record<string, SchemaNode>; items: SchemaNode };

/** The JSON Schema of the answer with `reasons[].facts[]` limited to `factIds` (copied along that path only). */
const jsonSchemaFor = (factIds: readonly string[]): Record<string, unknown> => {
  const base = BASE_JSON_SCHEMA as SchemaNode;
  const reasons = base.properties['reasons'] as SchemaNode;
  const reason = reasons.items;
  const facts = reason.properties['facts'] as SchemaNode;
  return {
    ...base,
    properties: {
      ...base.properties,
      reasons: {
        ...reasons,
        items: {
          ...reason,
          properties: {
            ...reason.properties,
            facts: { ...facts, items: { type: 'string', enum: [...factIds] } },
          },
        },
      },
    },
  };
};

/** Issues for every cited id that is not among `known`. */
const citationIssues = (answer: LlmAnswer, known: ReadonlySet<string>, factIds: readonly string[]) =>
  answer.reasons.flatMap((reason, r) =>
    reason.facts.flatMap((id, f) =>
      known.has(id)
        ? []
        : [
            {
              code: 'custom' as const,
              input: id,
              path: ['reasons', r, 'facts', f],
              message: `cites ${JSON.stringify(id.slice(0, 12))}, which is not among the lead's facts (${factIds.join(', ')})`,
            },
          ],
    ),
  );

/**
 * The answer schema for a lead whose facts have `factIds`: the JSON Schema the server constrains
 * output with (cited ids limited to these), and a validator that checks the same and rejects
 * any reason citing an id that was not in the input — an invented citation is an invalid
 * answer, however plausible its text. One compiled zod schema serves every lead.
 */
export const answerSchema = (factIds: readonly string[]): LlmSchema<LlmAnswer> => {
  const known = new Set(factIds);
  return {
    name: ANSWER_SCHEMA_NAME,
    jsonSchema: jsonSchemaFor(factIds),
    validator: {
      safeParse: (value) => {
        const result = LlmAnswer.safeParse(value);
        if (!result.success) return result;
        const issues = citationIssues(result.data, known, factIds);
        return issues.length === 0 ? result : { success: false, error: new z.ZodError(issues) };
      },
    },
  };
};
