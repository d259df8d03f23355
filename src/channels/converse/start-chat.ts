import { createHash, randomBytes } from 'node:crypto';
import type { StoredMessage } from '../../conversation/conversation-store.js';
import { AppError } from '../../domain/app-error.js';
import type { Lead } from '../../domain/lead.js';
import type { ConverseDeps } from './converse-deps.js';
import { openLinkedConversation } from './open-linked-conversation.js';

/** The hash a chat session is found by: its token is shown once and never stored. */
export const hashSession = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A chat just opened: its id, the token that alone reads and writes it, and the agent's opening. */
export interface StartedChat {
  readonly conversationId: string;
  readonly sessionToken: string;
  readonly messages: readonly StoredMessage[];
}

/**
 * Opens a web chat with a lead: a new conversation on the `chat` channel and a session token
 * (`lcs_` and 32 random bytes) that reads and writes only this conversation. A lead who opted out
 * is not written to (CONFLICT).
 */
export const startChat = async (
  deps: ConverseDeps,
  lead: Lead,
  options: { readonly openedBy: string; readonly timeZone?: string },
): Promise<StartedChat> => {
  if (lead.consent.optedOutAt !== undefined)
    throw new AppError('CONFLICT', {
      message: `lead ${lead.id} opted out on ${lead.consent.optedOutAt.slice(0, 10)}; leadsift does not contact them`,
      details: { leadId: lead.id },
    });
  const sessionToken = `lcs_${randomBytes(32).toString('base64url')}`;
  const { conversationId } = await openLinkedConversation(deps, lead, {
    conversationId: `chat-${deps.newId()}`,
    channel: 'chat',
    openedBy: options.openedBy,
    sessionHash: hashSession(sessionToken),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  });
  return { conversationId, sessionToken, messages: await deps.conversations.transcript(conversationId) };
};
