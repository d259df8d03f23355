import type { LoadedCriteria } from '../criteria/load-criteria.js';
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
  /**
   * The description of a criteria playbook (the campaign file's `playbook`), read beside the
   * campaign's `pitch` as what the messages may say about the product; undefined when it has none.
   */
  readonly playbookDescription?: (playbook: string) => Promise<string | undefined>;
}

/** `playbookDescription` over criteria read when asked (the active ones, or a file's). */
export const describePlaybooks =
  (criteria: () => Promise<LoadedCriteria>) =>
  async (playbook: string): Promise<string | undefined> =>
    (await criteria()).playbooks.find((p) => p.playbook === playbook)?.description;
