import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finishSms, SMS_OPT_OUT, smsSegments } from './sms-text.js';

describe('smsSegments', () => {
  it('counts GSM-7 places (extension characters twice) and UCS-2 code units at their segment sizes', () => {
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('a'.repeat(306))).toBe(2);
    expect(smsSegments('a'.repeat(307))).toBe(3);
    expect(smsSegments('€'.repeat(80))).toBe(1);
    expect(smsSegments('€'.repeat(81))).toBe(2);
    expect(smsSegments(`${'a'.repeat(69)}🙂`)).toBe(2);
    expect(smsSegments('ü'.repeat(70) + 'ж')).toBe(2);
  });
});

describe('finishSms', () => {
  it('ends the text with the opt-out line and spells typography in GSM-7', () => {
    expect(finishSms('Hi Ann — teams of 51–200 at “Alpha”…')).toEqual({
      text: `Hi Ann - teams of 51-200 at "Alpha"...\n\n${SMS_OPT_OUT}`,
    });
    expect(finishSms('Hi Ann. Reply STOP to end these.')).toEqual({
      text: 'Hi Ann. Reply STOP to end these.',
    });
  });

  it('refuses a text over two segments, saying how long it is', () => {
    const refused = finishSms('x'.repeat(290));
    expect(refused).toEqual({
      problem: expect.stringMatching(/^the text is 313 characters .*\(3 SMS segments\)/),
    });
  });

  it('never returns a text without the opt-out or over the budget', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (text) => {
        const out = finishSms(text);
        if ('problem' in out) return;
        expect(out.text).toMatch(/reply stop/i);
        expect(smsSegments(out.text)).toBeLessThanOrEqual(2);
      }),
    );
  });
});
