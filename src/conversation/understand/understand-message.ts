import { detectIntents, hasIntent } from './detect-intents.js';
import { extractAuthority } from './extract-authority.js';
import { extractBudget } from './extract-budget.js';
import { extractNeed } from './extract-need.js';
import { extractTimeline } from './extract-timeline.js';
import type { UnderstandContext, Understanding } from './understanding.js';

/** Messages longer than this are cut before reading: a chat answer is not a document. */
export const MAX_MESSAGE_CHARS = 4000;

/**
 * Reads one prospect message offline and deterministically: intents first, then the BANT slots.
 * An out-of-office reply or an opt-out is not read for slots (its dates are about the absence,
 * not the purchase), nor is a slot pick for a timeline ("Tuesday 3pm" is a meeting time).
 */
export const understandMessage = (message: string, context: UnderstandContext): Understanding => {
  const text = message.length > MAX_MESSAGE_CHARS ? message.slice(0, MAX_MESSAGE_CHARS) : message;
  const intents = detectIntents(text, context);
  if (hasIntent(intents, 'out_of_office') || hasIntent(intents, 'opt_out')) return { intents };
  const budget = extractBudget(text, context);
  const timeline = hasIntent(intents, 'slot_pick') ? undefined : extractTimeline(text, context);
  const authority = extractAuthority(text, context);
  const need = extractNeed(text, context);
  return {
    intents,
    ...(budget === undefined ? {} : { budget }),
    ...(timeline === undefined ? {} : { timeline }),
    ...(authority === undefined ? {} : { authority }),
    ...(need === undefined ? {} : { need }),
  };
};
