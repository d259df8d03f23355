import { understandMessage } from '../conversation/understand/understand-message.js';
import type { Intent } from '../conversation/understand/understanding.js';
import type { InboundMessage } from '../channels/channel-message.js';
import type { LlmAuthorship } from './llm-authorship.js';

/** What a reply to an outbound message means for the campaign. */
export const REPLY_CLASSES = [
  'interested',
  'question',
  'not_now',
  'not_interested',
  'unsubscribe',
  'out_of_office',
  'wrong_person',
  'bounce',
] as const;
export type ReplyClass = (typeof REPLY_CLASSES)[number];

/** Someone the prospect sent us to instead. */
export interface Referral {
  readonly email?: string;
  readonly name?: string;
  readonly title?: string;
}

/** A classified reply: its class, why, and what comes with it (a date to follow up, a referral). */
export interface ClassifiedReply {
  readonly class: ReplyClass;
  readonly confidence: number;
  /** Words of the reply that decided it. */
  readonly evidence: string;
  /** `not_now`: when to write again; `out_of_office`: when they are back (YYYY-MM-DD). */
  readonly followUpOn?: string;
  readonly referral?: Referral;
  /** With a model configured: whether its class was used (`classifyReplyWith`), or why not. */
  readonly classifiedBy?: LlmAuthorship;
}

const WRONG_PERSON =
  /\b(?:not the (?:right|best|correct) (?:person|contact|one)|wrong person|(?:doesn'?t|does not) fall (?:under|within) my|not my (?:area|department|responsibility)|(?:you should|better to|please) (?:talk|speak|reach out|write) to|(?:please )?(?:contact|reach out to|try|ask) (?:my colleague|our|my)\b|(?:is|would be) the (?:right|best) person|(?:handles|owns|is responsible for) (?:this|that|these))/i;
const NOT_NOW =
  /\b(?:not (?:right )?now|not at the moment|not this (?:quarter|year|month)|maybe later|(?:check|circle|come) back|(?:reach|follow) (?:out|up) (?:again )?(?:in|after|next)|try (?:me|us)(?: again)? (?:in|after|next)|try again (?:in|after|next)|revisit|(?:after|once) (?:the|our) (?:budget|planning|reorg|holidays)|too busy (?:right now|at the moment)|next (?:quarter|year)|in (?:a few|two|three|\d+) (?:weeks|months))\b/i;
const INTERESTED =
  /\b(?:(?:sounds|looks) (?:interesting|good|great)|(?:yes|sure|happy|keen|glad),? (?:let'?s|to) (?:talk|chat|connect|meet|learn more)|(?:let'?s|happy to|open to|keen to|would love to|would like to) (?:talk|chat|connect|meet|hear more|learn more|see|set up|schedule|book)|tell me more|interested|send (?:me )?(?:some )?(?:more )?(?:info|details)|(?:book|schedule) (?:a|some) (?:call|time|demo|meeting)|when (?:are you|can we)|i'?m in)\b/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const NAME_NEAR =
  /\b(?:[Cc]ontact|[Rr]each out to|[Tt]alk to|[Ss]peak (?:to|with)|[Ww]rite to|[Aa]sk|[Tt]ry|[Cc]c(?:'?d|ing)?|[Ff]orwarding (?:this )?to|[Cc]opying)\s+(?:my colleague\s+|our\s+[\w\s]{0,30}?,?\s*)?([A-Z][a-zà-ÿ'-]+(?:\s[A-Z][a-zà-ÿ'-]+){0,2})/;
const TITLE_NEAR =
  /\b(?:our|the|my)\s+((?:head|director|vp|vice president|manager|chief|lead)\s+of\s+[^,.;()\n]{2,40}|c[etofr]o)\b/i;

/** The referred contact: an address in the reply (not the sender's), a name and a title near the hand-over. */
const referralIn = (text: string, sender: string): Referral | undefined => {
  const email = [...text.matchAll(new RegExp(EMAIL, 'g'))]
    .map((m) => m[0].toLowerCase())
    .find((address) => address !== sender.toLowerCase());
  const name = NAME_NEAR.exec(text)?.[1];
  const title = TITLE_NEAR.exec(text)?.[1]?.trim();
  if (email === undefined && name === undefined) return undefined;
  return {
    ...(email === undefined ? {} : { email }),
    ...(name === undefined ? {} : { name }),
    ...(title === undefined ? {} : { title }),
  };
};

const evidenceOf = (text: string, pattern: RegExp): string => pattern.exec(text)?.[0] ?? text.slice(0, 80);

/**
 * What a reply to a campaign message means, offline: a bounce (by the delivery report), an
 * unsubscribe (STOP, "remove me" — honoured before anything else), an out-of-office notice
 * (with the return date when it says one), a wrong person (with the referred contact's address,
 * name and title when given), not now (with the date to write again: "next quarter", "in
 * March"), not interested, interested, or a question. The order settles mixed replies: "not
 * interested, remove me" is an unsubscribe; "I'm away, but sounds interesting" is out of office.
 */
export const classifyReply = (message: InboundMessage, timeZone?: string): ClassifiedReply => {
  if (message.bounce !== undefined)
    return { class: 'bounce', confidence: 1, evidence: message.bounce.status ?? 'delivery failure report' };
  // Typographic apostrophes and quotes read as plain ones ("let’s" is "let's").
  const text = message.text.replace(/[\u2018\u2019\u02bc]/g, "'");
  const now = new Date(Date.parse(message.receivedAt));
  const understood = understandMessage(text, { now, ...(timeZone === undefined ? {} : { timeZone }) });
  const intent = (name: Intent) => understood.intents.find((i) => i.value === name);
  const optOut = intent('opt_out');
  if (optOut !== undefined)
    return { class: 'unsubscribe', confidence: optOut.confidence, evidence: optOut.span.text };
  const away = intent('out_of_office');
  if (away !== undefined || message.automatic === true)
    return {
      class: 'out_of_office',
      confidence: away?.confidence ?? 0.8,
      evidence: away?.span.text ?? 'an automatic reply',
      ...(away?.returnDate === undefined ? {} : { followUpOn: away.returnDate }),
    };
  if (WRONG_PERSON.test(text)) {
    const referral = referralIn(text, message.from);
    return {
      class: 'wrong_person',
      confidence: referral === undefined ? 0.7 : 0.9,
      evidence: evidenceOf(text, WRONG_PERSON),
      ...(referral === undefined ? {} : { referral }),
    };
  }
  if (NOT_NOW.test(text)) {
    // The date is in what follows "not now": read the reply without the "now" it declines.
    const later = understandMessage(
      text.replace(/\b(?:not (?:right )?now|not at the moment|right now)\b/gi, ' '),
      {
        now,
        ...(timeZone === undefined ? {} : { timeZone }),
      },
    ).timeline?.value;
    // A named period ("in March", "next quarter") starts then; a span from today ("in 3 months") ends then.
    const today = message.receivedAt.slice(0, 10);
    const followUpOn = later?.from !== undefined && later.from > today ? later.from : later?.to;
    return {
      class: 'not_now',
      confidence: followUpOn === undefined ? 0.7 : 0.85,
      evidence: evidenceOf(text, NOT_NOW),
      ...(followUpOn === undefined ? {} : { followUpOn: followUpOn.slice(0, 10) }),
    };
  }
  const notInterested = intent('not_interested') ?? intent('hostile');
  if (notInterested !== undefined)
    return {
      class: 'not_interested',
      confidence: notInterested.confidence,
      evidence: notInterested.span.text,
    };
  const meeting = intent('wants_meeting') ?? intent('slot_pick');
  if (meeting !== undefined || INTERESTED.test(text))
    return {
      class: 'interested',
      confidence: meeting?.confidence ?? 0.8,
      evidence: meeting?.span.text ?? evidenceOf(text, INTERESTED),
    };
  const asked = intent('pricing_question') ?? intent('product_question');
  if (asked !== undefined || text.includes('?'))
    return {
      class: 'question',
      confidence: asked?.confidence ?? 0.6,
      evidence: asked?.span.text ?? text.slice(0, 80),
    };
  // A reply that says none of these still answered: a person should read it.
  return { class: 'question', confidence: 0.3, evidence: text.slice(0, 80) };
};
