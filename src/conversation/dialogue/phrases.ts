/**
 * What the agent says, in one place: short, polite, and never echoing the prospect's words back
 * (an echo is how an injected instruction would reach the next reader of the transcript).
 */
export const PHRASES = Object.freeze({
  opening: (name: string | undefined): string =>
    `Hi${name === undefined ? '' : ` ${name}`}, thanks for your interest in leadsift. A few quick questions so that we can help you best.`,
  ack: 'Thanks, that helps.',
  optedOut: "You're unsubscribed and won't hear from us again.",
  close: 'Understood — thanks for your time. If anything changes, just reply here.',
  hostileClose: "Sorry to have bothered you. We won't follow up unless you write to us.",
  handoffHuman: "Of course — I'm passing this to a colleague, who will get in touch with you shortly.",
  handoffStuck: 'Thanks for your answers. A colleague will get in touch to take it from here.',
  noAnswer: "I don't have a reliable answer to that, so I won't guess: a colleague will follow up on it.",
  cited: (text: string, file: string, heading: string): string => `${text} (Source: ${file}, "${heading}".)`,
  nurture:
    "Thanks — it sounds like now isn't quite the right time. We'll send you a few useful resources and check back later.",
  offer: (slots: readonly string[]): string =>
    `Great — let's set up a call with one of our team. Which time suits you?\n${slots.map((s, i) => `${i + 1}. ${s}`).join('\n')}\nReply with 1, 2 or 3.`,
  offerAgain: (count: number): string =>
    `Sorry, I couldn't tell which time you meant — please reply with a number from 1 to ${count}.`,
  noSlots:
    "I couldn't find a free time in the next two weeks, so a colleague will contact you to arrange one.",
  booked: (slot: string): string => `You're booked for ${slot}. A calendar invitation is on its way.`,
  slotTaken: 'That time has just been taken, sorry — a colleague will contact you to find another.',
  slotTakenOffer: (slots: readonly string[]): string =>
    `Sorry — that time has just been taken. These are the next free ones:\n${slots.map((s, i) => `${i + 1}. ${s}`).join('\n')}\nReply with ${slots.length === 1 ? '1' : `a number from 1 to ${slots.length}`}.`,
  welcomeBack: 'Welcome back! Picking up where we left off.',
});
