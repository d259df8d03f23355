import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeIcsText, foldIcsLine, writeIcs } from './write-ics.js';

const unfold = (text: string): string => text.replace(/\r\n /g, '');

describe('writeIcs', () => {
  const ics = writeIcs({
    uid: 'conv-1@leadsift',
    stamp: '2026-11-28T12:00:00.123Z',
    start: '2026-12-01T14:00:00Z',
    end: '2026-12-01T14:30:00Z',
    summary: 'Intro call: leadsift, Acme; qualification',
    description: 'Line one\nLine two with a \\ backslash',
    organizer: { name: 'Dana Rep', email: 'dana@example.com' },
    attendees: [{ name: 'Lee, "Prospect"', email: 'lee@acme.io' }],
  });

  it('writes a VEVENT with UTC times, UID, DTSTAMP, organizer and attendee, with CRLF line ends', () => {
    const lines = unfold(ics).split('\r\n');
    expect(lines).toContain('DTSTART:20261201T140000Z');
    expect(lines).toContain('DTEND:20261201T143000Z');
    expect(lines).toContain('DTSTAMP:20261128T120000Z');
    expect(lines).toContain('UID:conv-1@leadsift');
    expect(lines).toContain('ORGANIZER;CN=Dana Rep:mailto:dana@example.com');
    expect(lines).toContain(
      'ATTENDEE;CN="Lee, Prospect";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:lee@acme.io',
    );
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('escapes TEXT values', () => {
    expect(unfold(ics)).toContain('SUMMARY:Intro call: leadsift\\, Acme\\; qualification');
    expect(escapeIcsText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('folds every line at 75 octets without splitting a UTF-8 character, and unfolds to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const line = `DESCRIPTION:${text}`;
        const folded = foldIcsLine(line);
        for (const part of folded.split('\r\n'))
          expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
        expect(unfold(folded)).toBe(line);
      }),
    );
    expect(foldIcsLine('é'.repeat(40)).split('\r\n')[0]).toBe('é'.repeat(37));
  });
});
