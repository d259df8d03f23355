import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.js';
import { fixedClock } from '../../domain/clock.js';
import { startLocalTwilio } from '../test-support/local-twilio.js';
import { readSms } from './read-sms.js';
import { createSmsSender, TWILIO_UNSUBSCRIBED } from './send-sms.js';
import { twilioSignature, verifyTwilioSignature } from './twilio-signature.js';

const clock = fixedClock('2026-11-28T10:00:00.000Z');
const ACCOUNT = { sid: 'AC00000000000000000000000000000001', token: 'tok-secret' };

describe('Twilio request signatures', () => {
  // The example in Twilio's webhook security documentation (and twilio-node's own tests).
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = (caller: string) => ({
    CallSid: 'CA1234567890ABCDE',
    Caller: caller,
    Digits: '1234',
    From: caller,
    To: '+18005551212',
  });

  it('matches the documented signatures', () => {
    expect(twilioSignature('12345', url, params('+14158675309'))).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(twilioSignature('12345', url, params('+14158675310'))).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
  });

  it('accepts the right signature and refuses a changed parameter, URL, token or a missing header', () => {
    const p = params('+14158675309');
    expect(verifyTwilioSignature('12345', url, p, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(true);
    expect(
      verifyTwilioSignature('12345', url, { ...p, Digits: '1235' }, 'RSOYDt4T1cUTdK1PDd93/VVr8B8='),
    ).toBe(false);
    expect(verifyTwilioSignature('12345', `${url}&x=1`, p, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(false);
    expect(verifyTwilioSignature('54321', url, p, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(false);
    expect(verifyTwilioSignature('12345', url, p, undefined)).toBe(false);
    expect(verifyTwilioSignature('12345', url, p, 'short')).toBe(false);
  });
});

describe('readSms', () => {
  it('reads Twilio’s inbound form and names a missing field', () => {
    expect(
      readSms(
        { MessageSid: 'SM1', From: '+4915112345678', To: '+4930123456', Body: ' STOP ', NumMedia: '0' },
        '2026-11-28T10:00:00.000Z',
      ),
    ).toEqual({
      channel: 'sms',
      from: '+4915112345678',
      to: '+4930123456',
      text: 'STOP',
      messageId: 'SM1',
      replyTo: [],
      receivedAt: '2026-11-28T10:00:00.000Z',
    });
    const error = (() => {
      try {
        readSms({ MessageSid: 'SM1', To: '+4930123456', Body: 'hi' }, '2026-11-28T10:00:00.000Z');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(isAppError(error, 'INPUT_INVALID')).toBe(true);
    expect((error as { details: unknown }).details).toEqual({ field: 'From' });
  });
});

describe('sending SMS through a local Twilio', () => {
  let twilio: Awaited<ReturnType<typeof startLocalTwilio>> | undefined;
  afterEach(async () => {
    await twilio?.close();
  });

  it('posts the documented form with basic auth and answers with the message SID', async () => {
    twilio = await startLocalTwilio(ACCOUNT);
    const sms = createSmsSender(
      { accountSid: ACCOUNT.sid, authToken: ACCOUNT.token, from: '+4930123456', baseUrl: twilio.base },
      { clock },
    );
    const sent = await sms.send({
      to: '+4915112345678',
      text: 'Hi Sam — which of these times suits you? 1) Tue 3pm 2) Wed 10am',
    });
    expect(sent).toEqual({
      messageId: 'SM00000000000000000000000000000001',
      sentAt: '2026-11-28T10:00:00.000Z',
    });
    expect(twilio.messages).toEqual([
      {
        sid: sent.messageId,
        to: '+4915112345678',
        from: '+4930123456',
        body: expect.stringContaining('Tue 3pm'),
      },
    ]);
    const viaService = createSmsSender(
      { accountSid: ACCOUNT.sid, authToken: ACCOUNT.token, from: 'MG123', baseUrl: twilio.base },
      { clock },
    );
    await viaService.send({ to: '+4915112345678', text: 'hello' });
    expect(twilio.messages[1]?.from).toBe('MG123');
    expect(twilio.problems).toEqual([]);
  });

  it('says whether a refusal is final: a bad number or an unsubscribed recipient is, a rate limit is not', async () => {
    twilio = await startLocalTwilio(ACCOUNT, [
      { status: 400, code: TWILIO_UNSUBSCRIBED, message: 'Attempt to send to unsubscribed recipient' },
      { status: 429, code: 20429, message: 'Too Many Requests' },
    ]);
    const sms = createSmsSender(
      { accountSid: ACCOUNT.sid, authToken: ACCOUNT.token, from: '+4930123456', baseUrl: twilio.base },
      { clock },
    );
    const details = async (to: string) =>
      (
        (await sms.send({ to, text: 'hello' }).catch((e: unknown) => e)) as {
          details: Record<string, unknown>;
        }
      ).details;
    expect(await details('+4915112345678')).toMatchObject({ permanent: true, code: 21610, optedOut: true });
    expect(await details('+4915112345678')).toMatchObject({ permanent: false, status: 429 });
    expect(await details('0151 1234')).toMatchObject({ permanent: true, code: 21211 });
    const wrongToken = createSmsSender(
      { accountSid: ACCOUNT.sid, authToken: 'nope', from: '+4930123456', baseUrl: twilio.base },
      { clock },
    );
    const refused = await wrongToken.send({ to: '+4915112345678', text: 'x' }).catch((e: unknown) => e);
    expect((refused as { message: string }).message).toMatch(/401 \(Twilio 20003\)/);
  });
});
