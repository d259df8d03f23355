import type { LlmUsage } from './llm-client.js';

/** US dollars per million input and output tokens. */
export interface ModelPrice {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
}

/**
 * List prices of known hosted models (standard tier, no batch or cached-input discount), as
 * the vendors publish them (openai.com/api/pricing, anthropic.com/pricing; checked 2025). A
 * model id matches the longest key it starts with, so dated snapshots
 * (`gpt-4o-mini-2024-07-18`, `claude-3-5-haiku-20241022`) take their family's price. Local and
 * unknown models have no price: their cost is undefined, never a guessed 0.
 */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'claude-3-5-haiku': { inputPerMillion: 0.8, outputPerMillion: 4 },
  'claude-haiku-4-5': { inputPerMillion: 1, outputPerMillion: 5 },
  'claude-3-5-sonnet': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-3-7-sonnet': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-sonnet-4': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-opus-4': { inputPerMillion: 15, outputPerMillion: 75 },
};

/** The price of `model` in `prices` (longest matching prefix), if any. */
export const priceOf = (
  model: string,
  prices: Readonly<Record<string, ModelPrice>>,
): ModelPrice | undefined => {
  let best: string | undefined;
  for (const key of Object.keys(prices))
    if (model.startsWith(key) && (best === undefined || key.length > best.length)) best = key;
  return best === undefined ? undefined : prices[best];
};

/** What `usage` cost at `price`, in US dollars; undefined without a price. */
export const costOf = (usage: LlmUsage, price: ModelPrice | undefined): number | undefined =>
  price === undefined
    ? undefined
    : (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1e6;
