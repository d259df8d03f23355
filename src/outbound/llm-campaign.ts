import type { LlmClient } from '../llm/llm-client.js';

/**
 * The language model a campaign run was configured with (`--llm`): it writes the messages and
 * classifies the replies, each checked by our own code and replaced by the template or the
 * offline reader when the check fails, the model errs or it is too slow.
 */
export interface CampaignLlm {
  readonly client: LlmClient;
  /** How long a message or a reply waits for the model: default 15 s, then ours is used. */
  readonly timeoutMs?: number;
  /** Messages written at once when a campaign is prepared (default 4). */
  readonly concurrency?: number;
}
