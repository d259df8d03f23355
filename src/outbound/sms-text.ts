/** The line every campaign text ends with (CTIA and carrier rules: say how to stop). */
export const SMS_OPT_OUT = 'Reply STOP to opt out';

/**
 * The SMS length budget: two concatenated segments — 306 GSM-7 characters, or 134 when a
 * character outside GSM-7 makes the whole text UCS-2. Longer texts cost more and arrive split.
 */
export const SMS_MAX_SEGMENTS = 2;

// GSM 03.38: the basic set, and the extension table whose characters take two places.
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

/** Typography that needlessly turns a text into UCS-2 (halving its room), in GSM-7 spelling. */
const PLAIN: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u2013\u2014\u2212]/g, '-'],
  [/[\u2018\u2019\u201A\u2032]/g, "'"],
  [/[\u201C\u201D\u201E\u2033]/g, '"'],
  [/\u2026/g, '...'],
  [/[\u00A0\u2009\u202F]/g, ' '],
];

/** How many segments a text takes: 160/153 GSM-7 places each, or 70/67 UCS-2 code units. */
export const smsSegments = (text: string): number => {
  let places = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM_BASIC.has(ch)) places += 1;
    else if (GSM_EXTENDED.has(ch)) places += 2;
    else gsm = false;
  }
  if (!gsm) return text.length <= 70 ? 1 : Math.ceil(text.length / 67);
  return places <= 160 ? 1 : Math.ceil(places / 153);
};

/**
 * A campaign message as a text: typography in GSM-7 spelling, the opt-out line added (unless the
 * text already says to reply STOP), and at most `SMS_MAX_SEGMENTS` long — else why not.
 */
export const finishSms = (text: string): { readonly text: string } | { readonly problem: string } => {
  const plain = PLAIN.reduce((t, [from, to]) => t.replace(from, to), text).trim();
  const full = /\breply stop\b/i.test(plain) ? plain : `${plain}\n\n${SMS_OPT_OUT}`;
  const segments = smsSegments(full);
  if (segments > SMS_MAX_SEGMENTS)
    return {
      problem: `the text is ${full.length} characters with its opt-out line (${segments} SMS segments); at most ${SMS_MAX_SEGMENTS} are sent (306 plain characters, 134 with emoji or other non-GSM characters)`,
    };
  return { text: full };
};
