import { AppError } from '../../domain/app-error.js';
import type { Clock } from '../../domain/clock.js';
import { isoNow } from '../../domain/clock.js';
import type { ChannelSender, OutboundMessage, SentMessage } from '../channel-message.js';

/** A Twilio account (or a gateway speaking Twilio's Messages API). */
export interface SmsSettings {
  readonly accountSid: string;
  readonly authToken: string;
  /** The sending number (E.164) or a Messaging Service SID (`MG…`). */
  readonly from: string;
  /** `https://api.twilio.com` by default. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  /** Where Twilio posts delivery status updates, if anywhere. */
  readonly statusCallback?: string;
}

/** Twilio error codes that no retry will fix: a bad or unreachable number, or a recipient who replied STOP. */
const PERMANENT_CODES = new Set([21211, 21214, 21408, 21610, 21612, 21614]);

/** The recipient replied STOP to this sender: Twilio refuses every later message (21610). */
export const TWILIO_UNSUBSCRIBED = 21610;

/**
 * Sends SMS through Twilio's Messages API (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`,
 * form-encoded `To`, `From` or `MessagingServiceSid`, `Body`; HTTP basic auth with the account
 * SID and auth token) and answers with the message's SID. A refusal is DELIVERY_FAILED with
 * Twilio's code, `permanent` for a bad number or an unsubscribed recipient (21610), not for
 * 429, 5xx or a network failure.
 */
export const createSmsSender = (settings: SmsSettings, deps: { readonly clock: Clock }): ChannelSender => {
  const base = (settings.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  const send = async (message: OutboundMessage): Promise<SentMessage> => {
    const form = new URLSearchParams({ To: message.to, Body: message.text });
    form.set(settings.from.startsWith('MG') ? 'MessagingServiceSid' : 'From', settings.from);
    if (settings.statusCallback !== undefined) form.set('StatusCallback', settings.statusCallback);
    const failed = (text: string, permanent: boolean, details: Record<string, unknown> = {}): AppError =>
      new AppError('DELIVERY_FAILED', {
        message: `SMS to ${message.to} was not sent: ${text}`,
        details: { channel: 'sms', permanent, ...details },
      });
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: auth,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        signal: AbortSignal.timeout(settings.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw failed(error instanceof Error ? error.message : String(error), false);
    }
    const body = (await response.json().catch(() => ({}))) as {
      sid?: unknown;
      code?: unknown;
      message?: unknown;
    };
    if (response.status >= 200 && response.status < 300 && typeof body.sid === 'string')
      return { messageId: body.sid, sentAt: isoNow(deps.clock) };
    const code = typeof body.code === 'number' ? body.code : undefined;
    const permanent =
      (code !== undefined && PERMANENT_CODES.has(code)) ||
      (response.status >= 400 && response.status < 500 && response.status !== 429 && response.status !== 408);
    throw failed(
      `${response.status}${code === undefined ? '' : ` (Twilio ${code})`}${typeof body.message === 'string' ? `: ${body.message}` : ''}`,
      permanent,
      {
        status: response.status,
        ...(code === undefined ? {} : { code }),
        ...(code === TWILIO_UNSUBSCRIBED ? { optedOut: true } : {}),
      },
    );
  };
  return { channel: 'sms', send };
};
