import * as chrono from 'chrono-node';
import { addDays, isoDate } from '../../domain/zoned-time.js';
import { spanOf, type Intent, type IntentExtraction, type UnderstandContext } from './understanding.js';

interface IntentPattern {
  readonly intent: Intent;
  readonly pattern: RegExp;
  readonly confidence: number;
}

// Checked in this order; a message may carry several intents ("thanks! how much is it?").
const PATTERNS: readonly IntentPattern[] = [
  {
    intent: 'opt_out',
    pattern: /^\W*(?:stop|stopall|unsubscribe|cancel|end|quit|opt[- ]?out|remove)\W*$/i,
    confidence: 0.99,
  },
  {
    intent: 'opt_out',
    pattern:
      /\b(?:unsubscribe|opt(?:ing)?[- ]?out|remove me|take me off|stop (?:emailing|contacting|messaging|texting|writing|sending|spamming|calling)|(?:don'?t|do not|never) (?:contact|email|message|text|write to) (?:me|us)(?: again)?|leave me alone|no more (?:emails|messages|texts))\b/i,
    confidence: 0.95,
  },
  {
    intent: 'out_of_office',
    pattern:
      /\b(?:out of (?:the )?office|ooo|on (?:annual |parental |maternity |paternity |sick )?leave|on (?:vacation|holiday|holidays)|away (?:from (?:the )?office )?until|auto(?:matic)?[- ]?reply|limited access to (?:my )?e-?mail|currently away|abwesend)\b/i,
    confidence: 0.9,
  },
  {
    intent: 'not_interested',
    pattern:
      /\b(?:not interested|no interest|no thanks|no thank you|not (?:a fit|for us|relevant|looking|right now|at this time)|we(?:'re| are) (?:good|fine|all set|happy with)|already (?:have|use|using|bought|signed with|chose|went with) (?:a |an |another |our own )?(?:solution|tool|vendor|provider|system|platform|product|something)|already (?:signed with|chose|went with)|went with (?:another|a different|someone)|no need|don'?t need (?:it|this|that)|not need|pass on this|wrong person)\b/i,
    confidence: 0.9,
  },
  {
    intent: 'hostile',
    pattern:
      /\b(?:f+u+c*k+\w*|shit\w*|scam\w*|spam(?:mer|ming)?|idiot\w*|stupid|piss off|go away|get lost|shut up|waste of (?:my )?time|bloody bots?)\b/i,
    confidence: 0.8,
  },
  {
    intent: 'wants_human',
    pattern:
      /\b(?:(?:talk|speak|chat) (?:to|with) (?:a |an |some |your )?(?:human|person|real person|someone|somebody|sales ?(?:rep|person|people)|rep|agent|colleague|manager)|real (?:person|human)|human (?:please|being)|are you (?:a )?(?:bot|robot|ai|human|real)|(?:call|ring|phone) me|give me a (?:call|human)|put me through|escalate)\b/i,
    confidence: 0.9,
  },
  {
    intent: 'wants_meeting',
    pattern:
      /\b(?:(?:book|schedule|set up|arrange|have|get|grab) (?:a |an )?(?:demo|call|meeting|chat|slot|time)|(?:when|where) can we (?:meet|talk)|let'?s (?:meet|talk)|(?:send|share) (?:me )?(?:a |your )?(?:calendar|booking link|invite))\b/i,
    confidence: 0.85,
  },
  {
    intent: 'pricing_question',
    pattern:
      /\b(?:how much|what(?:'s| is| does)? (?:the |your )?(?:price|pricing|cost)|pric(?:e|es|ing)|cost(?:s)?|per (?:seat|user|month)|licen[cs]e fee|subscription|plans?\b.*\?)/i,
    confidence: 0.8,
  },
  {
    intent: 'product_question',
    pattern:
      /(?:^|[.!]\s+)(?:what|how|does|do|can|could|is|are|which|why|where|will|would|any)\b[^?]*\?|\b(?:tell me (?:more )?about|explain|wondering (?:if|whether|how))\b[^.!?]*|\b[^.!?]*\?\s*$/i,
    confidence: 0.7,
  },
  {
    intent: 'greeting',
    pattern:
      /^\W*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|greetings|thanks|thank you|cheers|dear)\b/i,
    confidence: 0.9,
  },
  {
    intent: 'injection',
    pattern:
      /\b(?:ignore|disregard|forget|override) (?:all |any |your |the |previous |prior |above |earlier )*(?:instructions|prompts?|rules|guidelines|programming|directives|system)|\bsystem prompt\b|\byou are now\b|\bact as (?:an? )?\w+|\bpretend (?:to be|you)|\bnew instructions\b|\bdeveloper mode\b|\bjailbreak\b|\b(?:reveal|print|show) (?:your|the) (?:prompt|instructions)\b|<\/?(?:system|assistant|instructions?)>/i,
    confidence: 0.9,
  },
];

// A pick among offered slots: "the second one", "2", "option 3", "Tuesday 3pm", "first works".
const SLOT_PICK =
  /^\W*(?:option|slot|number|no\.?|#)?\s*[1-9]\W*$|\b(?:the )?(?:first|second|third|1st|2nd|3rd|last) (?:one|slot|option|time|works|is fine|please)\b|\b(?:option|slot|number|#)\s*[1-9]\b|^\W*(?:the )?(?:first|second|third|last)\W*$/i;
const WEEKDAY_OR_TIME =
  /\b(?:mon|tue|wed|thu|fri|sat|sun)\w*\b|\b\d{1,2}(?::\d{2})?\s*(?:am|pm|h)\b|\b\d{1,2}:\d{2}\b/i;

/** The return date an out-of-office reply names (the first date after now), or a week from now. */
const returnDateOf = (text: string, now: Date): string => {
  const found = chrono
    .parse(text, now, { forwardDate: true })
    .find((r) => r.start.date().getTime() > now.getTime());
  if (found !== undefined) {
    const s = found.start;
    const [y, m, d] = [s.get('year'), s.get('month'), s.get('day')];
    if (y !== null && m !== null && d !== null) return isoDate(y, m, d);
  }
  return addDays(now.toISOString().slice(0, 10), 7);
};

/**
 * What a message is doing besides answering: opting out, out-of-office, not interested, hostile,
 * asking for a person or a meeting, asking about price or product, picking a slot, greeting,
 * and prompt-injection attempts (recognized so they can be ignored, never obeyed).
 */
export const detectIntents = (text: string, context: UnderstandContext): IntentExtraction[] => {
  const found: IntentExtraction[] = [];
  const seen = new Set<Intent>();
  for (const { intent, pattern, confidence } of PATTERNS) {
    if (seen.has(intent)) continue;
    const m = pattern.exec(text);
    if (m === null) continue;
    seen.add(intent);
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const span = spanOf(text, start, m.index + m[0].trimEnd().length);
    found.push(
      intent === 'out_of_office'
        ? { value: intent, confidence, span, returnDate: returnDateOf(text, context.now) }
        : { value: intent, confidence, span },
    );
  }
  if (context.expecting === 'slot_pick') {
    const m = SLOT_PICK.exec(text) ?? WEEKDAY_OR_TIME.exec(text);
    if (m !== null)
      found.push({
        value: 'slot_pick',
        confidence: 0.85,
        span: spanOf(text, m.index, m.index + m[0].length),
      });
  }
  return found;
};

/** Whether `intents` hold `intent`. */
export const hasIntent = (intents: readonly IntentExtraction[], intent: Intent): boolean =>
  intents.some((i) => i.value === intent);
