import { formatSlot } from '../../conversation/booking/free-slots.js';
import type { ConverseDeps } from './converse-deps.js';
import { linkOf } from './take-turn.js';

/**
 * Emails the iCalendar invitation of a meeting booked in a chat (email conversations carry it in
 * their reply already): to the lead's address, unless they opted out or have none.
 */
export const sendInvitation = async (
  deps: ConverseDeps,
  conversationId: string,
): Promise<{ readonly sent: number; readonly held?: string }> => {
  const link = await linkOf(deps, conversationId);
  const state = (await deps.conversations.load(conversationId))?.state;
  const lead = await deps.leads.getLead(link.leadId);
  const email = deps.senders.email;
  const to = lead?.person.email?.value;
  if (state?.ending?.kind !== 'booked') return { sent: 0, held: 'no meeting was booked' };
  if (email === undefined) return { sent: 0, held: 'no email channel is configured' };
  if (to === undefined || lead?.consent.optedOutAt !== undefined)
    return { sent: 0, held: 'the lead has no email address or opted out' };
  const when = formatSlot(state.ending.slot, state.timeZone);
  await email.send({
    to,
    subject: `${deps.config.meeting.summary}: ${when}`,
    text: `Here is the invitation for our call on ${when}. Looking forward to it!`,
    invitation: state.ending.invite,
  });
  return { sent: 1 };
};
