import { openConversation } from '../../conversation/reply-to-prospect.js';
import { isAppError } from '../../domain/app-error.js';
import { isoNow } from '../../domain/clock.js';
import type { Lead } from '../../domain/lead.js';
import type { Channel } from '../channel-message.js';
import type { ConverseDeps } from './converse-deps.js';
import { dialogueFor, slotsForLead } from './converse-deps.js';

/** What opening a conversation needs besides the lead: its id, channel, who opens it, and how it is reached. */
export interface OpenRequest {
  readonly conversationId: string;
  readonly channel: Channel;
  readonly openedBy: string;
  readonly address?: string;
  readonly subject?: string;
  readonly sessionHash?: string;
  readonly timeZone?: string;
}

/**
 * Opens a conversation with a lead and joins it to its channel: a greeting and the first
 * question the lead's playbook needs answered (facts the lead already has are not asked). Safe
 * to repeat with the same id — a conversation already stored is left as it is (a job redone
 * after a crash), and its link is added if the crash came between the two writes.
 */
export const openLinkedConversation = async (
  deps: ConverseDeps,
  lead: Lead,
  request: OpenRequest,
): Promise<{ readonly conversationId: string; readonly created: boolean }> => {
  const timeZone = request.timeZone ?? deps.config.timeZone;
  const { slots, known } = await slotsForLead(deps, lead);
  const dialogue = await dialogueFor(deps, lead, timeZone);
  let created = true;
  try {
    await openConversation(
      { store: deps.conversations, dialogue, ...(deps.phrase === undefined ? {} : { phrase: deps.phrase }) },
      {
        id: request.conversationId,
        leadId: lead.id,
        channel: request.channel,
        timeZone,
        slots,
        known,
        ...(lead.person.firstName === undefined ? {} : { firstName: lead.person.firstName.value }),
      },
    );
  } catch (error) {
    if (!isAppError(error, 'CONFLICT')) throw error;
    created = false;
  }
  await deps.links.addLink({
    conversationId: request.conversationId,
    leadId: lead.id,
    channel: request.channel,
    openedBy: request.openedBy,
    createdAt: isoNow(deps.clock),
    ...(request.address === undefined ? {} : { address: request.address }),
    ...(request.subject === undefined ? {} : { subject: request.subject }),
    ...(request.sessionHash === undefined ? {} : { sessionHash: request.sessionHash }),
  });
  return { conversationId: request.conversationId, created };
};
