/** A person on an invitation. */
export interface IcsPerson {
  readonly name: string;
  readonly email: string;
}

/** A meeting invitation (iCalendar METHOD:REQUEST with one VEVENT). */
export interface IcsInvite {
  readonly uid: string;
  /** When the invitation was made (ISO 8601). */
  readonly stamp: string;
  readonly start: string;
  readonly end: string;
  readonly summary: string;
  readonly description?: string;
  readonly location?: string;
  readonly organizer: IcsPerson;
  readonly attendees: readonly IcsPerson[];
}

const CRLF = '\r\n';

/** An instant as an RFC 5545 UTC DATE-TIME: `20261201T140000Z`. */
export const icsUtc = (iso: string): string =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and newlines as `\n`. */
export const escapeIcsText = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');

/**
 * A parameter value (§3.2): quoted when it holds ":", ";" or ","; double quotes cannot be
 * escaped in a parameter, so they are dropped, as are control characters.
 */
const paramValue = (value: string): string => {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const clean = value.replace(/["\u0000-\u001f\u007f]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
};

/**
 * Folds a content line at 75 octets (§3.1): continuation lines start with one space, and a
 * multi-byte UTF-8 character is never split across lines.
 */
export const foldIcsLine = (line: string): string => {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // The first line holds 75 octets; continuation lines hold 74 after their leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
};

const person = (role: 'ORGANIZER' | 'ATTENDEE', p: IcsPerson, extra = ''): string =>
  `${role};CN=${paramValue(p.name)}${extra}:mailto:${p.email}`;

/**
 * The invitation as iCalendar text (RFC 5545): CRLF line ends, folded lines, UTC times, a UID
 * and DTSTAMP, the organizer, and attendees asked to reply.
 */
export const writeIcs = (invite: IcsInvite): string => {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//leadsift//conversation//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${invite.uid}`,
    `DTSTAMP:${icsUtc(invite.stamp)}`,
    `DTSTART:${icsUtc(invite.start)}`,
    `DTEND:${icsUtc(invite.end)}`,
    `SUMMARY:${escapeIcsText(invite.summary)}`,
    ...(invite.description === undefined ? [] : [`DESCRIPTION:${escapeIcsText(invite.description)}`]),
    ...(invite.location === undefined ? [] : [`LOCATION:${escapeIcsText(invite.location)}`]),
    person('ORGANIZER', invite.organizer),
    ...invite.attendees.map((a) =>
      person('ATTENDEE', a, ';ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE'),
    ),
    'STATUS:CONFIRMED',
    'SEQUENCE:0',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
};
