import { findUngrounded } from '../conversation/grounding/find-ungrounded.js';
import type { CitedFact } from '../domain/decision.js';
import { sayValue } from './render-message.js';

/** What a model-written message is checked against: the template's message and all it was given. */
export interface MessageGround {
  readonly channel: 'email' | 'sms';
  /** The template's message for this contact: its words may always be used. */
  readonly rendered: { readonly subject?: string; readonly text: string };
  /** The step's template as written (variables unfilled). */
  readonly template: string;
  /** The stored facts the template used: the only facts the model was given. */
  readonly facts: readonly CitedFact[];
  /** The campaign's pitch: the only product claims allowed beyond the template. */
  readonly pitch?: string;
  /** The description of the campaign's criteria playbook: product claims allowed beside the pitch. */
  readonly playbook?: string;
  /** The sender's name (the signature) and the persona the contact was chosen for. */
  readonly sender: string;
  readonly persona?: string;
}

/** A model-written message: a subject (emails that start a thread) and the body. */
export interface MessageDraft {
  readonly subject?: string;
  readonly text: string;
}

export const MAX_EMAIL_CHARS = 1500;
/** A text's body before our opt-out line: two GSM-7 segments (306) less the line. */
export const MAX_SMS_CHARS = 280;
export const MAX_SUBJECT_CHARS = 100;

const FOOTER =
  /\bunsubscrib\w*|\bopt(?:[- ]?out| out)\b|\breply\s+["']?stop\b|\btext\s+["']?stop\b|\bmanage (?:your )?preferences\b/i;
// Personalization that needs no name or number: news about them, which only a stored fact may carry.
const NEWS =
  /\b(?:congrat\w*|funding|fundrais\w*|raised|raising|series [a-e]|ipo|acqui\w+|merg\w+|podcast\w*|webinar\w*|article\w*|blog\w*|keynote\w*|interview\w*|launch\w*|announc\w*|award\w*|hiring|hired|new (?:office|role|position|job|hire|ceo|cto|cfo|vp)\w*|promot\w+|milestone\w*|anniversar\w+|recently|just (?:saw|read|heard))\b/gi;
const PLACEHOLDER =
  /\{\{|\}\}|\[\s*(?:first ?name|name|company|your name|prospect)[^\]]*\]|<\s*(?:name|company)\s*>/i;

/** The longest body allowed: twice the template's and 200 characters more, within the channel's cap. */
export const maxBodyChars = (ground: Pick<MessageGround, 'channel' | 'rendered'>): number =>
  Math.min(ground.channel === 'sms' ? MAX_SMS_CHARS : MAX_EMAIL_CHARS, 2 * ground.rendered.text.length + 200);

/** Everything a message may draw its words from, as one text. */
export const groundText = (ground: MessageGround): string =>
  [
    ground.rendered.subject ?? '',
    ground.rendered.text,
    ground.template,
    ...ground.facts.flatMap((f) => [sayValue(f.value), typeof f.value === 'string' ? f.value : '']),
    ground.pitch ?? '',
    ground.playbook ?? '',
    ground.sender,
    ground.persona ?? '',
  ].join('\n');

/**
 * Why a model-written message may not be sent, or undefined when it may. Every claim must come
 * from what the model was given: no number, amount, date, name, company, link or address beyond
 * the facts, the template and the sender; no product claim beyond the template, the pitch and the playbook's description;
 * no news about them (funding, a launch, a podcast, hiring…) the facts do not hold; nothing that
 * reads as an instruction; no placeholder left; no unsubscribe line or footer of its
 * own (ours is appended to every email); within the length limits.
 */
export const checkMessage = (draft: MessageDraft, ground: MessageGround): string | undefined => {
  const text = draft.text.trim();
  const subject = draft.subject?.trim();
  if (text.length === 0) return 'it is empty';
  const max = maxBodyChars(ground);
  if (text.length > max) return `it is longer than ${max} characters`;
  if (subject !== undefined) {
    if (subject.length === 0) return 'its subject is empty';
    if (subject.length > MAX_SUBJECT_CHARS)
      return `its subject is longer than ${MAX_SUBJECT_CHARS} characters`;
    if (/\n/.test(subject)) return 'its subject is more than one line';
  }
  const whole = subject === undefined ? text : `${subject}\n${text}`;
  if (PLACEHOLDER.test(whole)) return 'it leaves a placeholder';
  if (FOOTER.test(whole)) return 'it writes its own unsubscribe line (ours is appended)';
  const allowed = groundText(ground);
  const ungrounded = findUngrounded(whole, allowed, { links: 'grounded', names: true });
  if (ungrounded !== undefined) return ungrounded;
  const news = (whole.match(NEWS) ?? []).find((w) => !allowed.toLowerCase().includes(w.toLowerCase()));
  return news === undefined ? undefined : `it speaks of news the facts do not hold (${news})`;
};
