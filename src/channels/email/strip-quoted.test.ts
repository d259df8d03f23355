import { describe, expect, it } from 'vitest';
import { stripQuoted } from './strip-quoted.js';

describe('stripQuoted', () => {
  it('keeps the reply above a Gmail-style header, even one wrapped over two lines', () => {
    expect(
      stripQuoted(
        'Yes, budget is about 40k.\n\nOn Tue, 24 Nov 2026 at 10:02, Sam <sam@seller.example> wrote:\n> What budget?\n',
      ),
    ).toBe('Yes, budget is about 40k.');
    expect(
      stripQuoted(
        'Next quarter.\r\n\r\nOn Tue, 24 Nov 2026 at 10:02, Sam Rivera <sam@seller.example>\r\nwrote:\r\n> When?',
      ),
    ).toBe('Next quarter.');
  });

  it('cuts at Outlook’s quoted headers and its rule', () => {
    const outlook = [
      'I sign off on this myself.',
      '',
      '________________________________',
      'From: Sam Rivera <sam@seller.example>',
      'Sent: Tuesday, November 24, 2026 10:02 AM',
      'To: Dana Kim',
      'Subject: Quick question',
    ].join('\n');
    expect(stripQuoted(outlook)).toBe('I sign off on this myself.');
    expect(stripQuoted('Thanks!\n\nFrom: Sam\nSent: Tuesday\nTo: Dana\n\nOld text')).toBe('Thanks!');
  });

  it('drops trailing > lines, signatures and mobile footers, and understands other languages', () => {
    expect(stripQuoted('Call me Friday\n\n> earlier\n>> older\n')).toBe('Call me Friday');
    expect(stripQuoted('Sounds good\n-- \nDana Kim\nVP Sales')).toBe('Sounds good');
    expect(stripQuoted('ok\n\nSent from my iPhone')).toBe('ok');
    expect(
      stripQuoted('Ja, gerne.\n\nAm 24.11.2026 um 10:02 schrieb Sam Rivera <sam@x.de>:\n> Termin?'),
    ).toBe('Ja, gerne.');
    expect(stripQuoted("D'accord.\n\nLe mar. 24 nov. 2026 à 10:02, Sam a écrit :\n> ?")).toBe("D'accord.");
  });

  it('keeps > lines in the middle of what the prospect wrote, and gives nothing for a reply that is all quote', () => {
    expect(stripQuoted('You asked:\n> budget?\nAbout 30k.\n')).toBe('You asked:\n> budget?\nAbout 30k.');
    expect(stripQuoted('> only quoted\n> text\n')).toBe('');
  });
});
