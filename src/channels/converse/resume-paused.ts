import { resumeConversation } from '../../conversation/dialogue/start-conversation.js';
import type { ConversationState } from '../../conversation/dialogue/conversation-state.js';
import { isoNow } from '../../domain/clock.js';
import { zonedToUtc } from '../../domain/zoned-time.js';
import type { NewJob } from '../../jobs/job-queue.js';
import { CONVERSE_JOB, dialogueFor, type ConverseDeps } from './converse-deps.js';

const DAY = 86_400_000;
/** Follow up this long after an out-of-office reply that gave no return date. */
const UNDATED_PAUSE_DAYS = 7;

/**
 * The job that picks a conversation up after an out-of-office reply: at 09:00 on the return
 * date in the prospect's zone, or a week on when the reply gave no date.
 */
export const resumeJobFor = (state: ConversationState, nowMs: number): NewJob | undefined => {
  if (state.status !== 'paused') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(state.pausedUntil ?? '');
  const at =
    m === null
      ? nowMs + UNDATED_PAUSE_DAYS * DAY
      : zonedToUtc(
          { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: 9, minute: 0 },
          state.timeZone,
        );
  return {
    kind: CONVERSE_JOB,
    leadId: state.leadId,
    payload: { type: 'resume', conversationId: state.id },
    runAt: new Date(Math.max(at, nowMs)).toISOString(),
  };
};

/**
 * Picks up a conversation paused by an out-of-office reply once the prospect is back: welcome
 * back and the pending question (or the slots), stored for the channel to send. Nothing when
 * the prospect wrote in the meantime (it is no longer paused) or it is not yet the return date.
 */
export const resumePaused = async (
  deps: ConverseDeps,
  conversationId: string,
): Promise<{ resumed: boolean }> => {
  const record = await deps.conversations.load(conversationId);
  if (record === undefined || record.state.status !== 'paused') return { resumed: false };
  const lead = await deps.leads.getLead(record.state.leadId);
  if (lead === undefined || lead.consent.optedOutAt !== undefined) return { resumed: false };
  const move = resumeConversation(record.state, await dialogueFor(deps, lead, record.state.timeZone));
  if (move.replies.length === 0) return { resumed: false };
  const at = isoNow(deps.clock);
  await deps.conversations.save(
    move.state,
    record.version,
    move.replies.map((text) => ({ direction: 'outbound' as const, text, at })),
  );
  return { resumed: true };
};
