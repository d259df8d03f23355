import { Option, type Command } from 'commander';
import type { Clock } from '../domain/clock.js';
import { LLM_POLICIES, type LlmPolicy } from '../domain/decision.js';
import { createLlmClient, llmSettingsFromEnv, type LlmCache } from '../llm/index.js';
import { createLlmScorer, type LlmScorer } from '../scoring/decide-with-llm.js';
import { wholeNumber } from './whole-number.js';

/** The LLM options a command was given. */
export interface LlmOptions {
  readonly llm?: string;
  readonly llmPolicy: LlmPolicy;
  readonly llmConcurrency: number;
}

/** Adds `--llm`, `--llm-policy` and `--llm-concurrency` to a command. */
export const addLlmOptions = (command: Command): Command =>
  command
    .option(
      '--llm <spec>',
      "an LLM judging each lead against the criteria's plain-language icp: openai:<model>, anthropic:<model>, ollama:<model> or openai-compatible:<model> (keys from OPENAI_API_KEY / ANTHROPIC_API_KEY, server from LEADSIFT_LLM_BASE_URL; answers cached in the database)",
    )
    .addOption(
      new Option(
        '--llm-policy <policy>',
        'advise: shown beside the verdict; edge: may move edge cases; decide: its verdict is the decision (hard disqualifiers stand)',
      )
        .choices(LLM_POLICIES)
        .default('advise'),
    )
    .option('--llm-concurrency <n>', 'LLM calls in flight at once', wholeNumber('llm-concurrency'), 8);

/**
 * The scorer of `--llm`: a client for the spec with its key and server from `env`, its answers
 * cached in the store; undefined without `--llm`. `limits` tune the client for where it runs
 * (the service keeps calls shorter than a job's lease) and `stopAfter` stops a file's run.
 */
export const llmScorerFor = (
  options: LlmOptions,
  deps: {
    readonly cache: LlmCache;
    readonly clock: Clock;
    readonly env: Readonly<Record<string, string | undefined>>;
  },
  limits: { readonly timeoutMs?: number; readonly retries?: number; readonly stopAfter?: number } = {},
): LlmScorer | undefined => {
  if (options.llm === undefined) return undefined;
  const client = createLlmClient(options.llm, {
    ...llmSettingsFromEnv(options.llm, deps.env),
    concurrency: Math.max(1, options.llmConcurrency),
    cache: deps.cache,
    clock: deps.clock,
    ...(limits.timeoutMs === undefined ? {} : { timeoutMs: limits.timeoutMs }),
    ...(limits.retries === undefined ? {} : { retries: limits.retries }),
  });
  return createLlmScorer(client, options.llmPolicy, {
    concurrency: Math.max(1, options.llmConcurrency),
    ...(limits.stopAfter === undefined ? {} : { stopAfter: limits.stopAfter }),
  });
};
