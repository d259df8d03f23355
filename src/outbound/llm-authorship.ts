/**
 * Whether a language model wrote a campaign message (or classified a reply), which model with
 * which prompt, and — when one was configured but its work was not used — why. What the approver
 * reads beside the text in review mode.
 */
export interface LlmAuthorship {
  /** `llm`: the model's text or class was used; `template` / `offline`: ours. */
  readonly by: 'llm' | 'template' | 'offline';
  /** The model asked (its spec, e.g. `openai:gpt-4o-mini`). */
  readonly model?: string;
  /** The prompt's version, e.g. `outbound-message@1`. */
  readonly prompt?: string;
  /** Why the model's answer was not used: the guard's reason, the error, the timeout. */
  readonly fallback?: string;
}

/**
 * Who wrote a message, in the words of its audit line: `written by openai:gpt-4o-mini
 * (outbound-message@1)`, `written from the template (openai:gpt-4o-mini not used: …)`, or
 * `written from the template` when no model was configured.
 */
export const describeWriter = (writtenBy: LlmAuthorship | undefined): string => {
  if (writtenBy === undefined) return 'written from the template';
  const model = writtenBy.model ?? 'the model';
  if (writtenBy.by === 'llm')
    return `written by ${model}${writtenBy.prompt === undefined ? '' : ` (${writtenBy.prompt})`}`;
  return `written from the template (${model} not used: ${writtenBy.fallback ?? 'no reason given'})`;
};
