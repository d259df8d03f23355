import { z } from 'zod';
import { LlmCallError } from './llm-call-error.js';
import type { LlmSchema } from './llm-client.js';
import type { WireAnswer } from './wire/wire-format.js';

// Some models in JSON mode still wrap their object in a Markdown code fence.
const FENCED = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?\s*```\s*$/;

const parseJson = (text: string): unknown => JSON.parse(FENCED.exec(text)?.[1] ?? text);

/**
 * The validated JSON of a 2xx answer, or LlmCallError: `refused`, `truncated` (the output
 * limit cut it off: never parsed, a prefix of JSON may still parse), `invalid_json`, or
 * `invalid_answer` listing every schema violation — the last two with the raw text, so that a
 * repair turn can show the model what it said.
 */
export const readWireAnswer = <T>(answer: WireAnswer, schema: LlmSchema<T>, maxTokens: number): T => {
  const { usage, text } = answer;
  if (answer.stop === 'refused')
    throw new LlmCallError(`the model refused to answer (${answer.refusal ?? 'no reason given'})`, {
      kind: 'refused',
      usage,
    });
  if (answer.stop === 'truncated')
    throw new LlmCallError(
      `the answer was cut off at the output limit (${maxTokens} tokens); raise maxTokens or shorten the prompt`,
      { kind: 'truncated', raw: text, usage },
    );
  let json: unknown;
  try {
    json = answer.parsed !== undefined ? answer.parsed : parseJson(text);
  } catch (error) {
    throw new LlmCallError(`the answer is not valid JSON (${(error as Error).message})`, {
      kind: 'invalid_json',
      raw: text,
      usage,
      cause: error,
    });
  }
  const result = schema.validator.safeParse(json);
  if (!result.success)
    throw new LlmCallError(
      `the answer does not match the ${schema.name} schema:\n${z.prettifyError(result.error)}`,
      {
        kind: 'invalid_answer',
        raw: text,
        usage,
        cause: result.error,
      },
    );
  return result.data;
};
