import { AppError } from '../../domain/app-error.js';
import type { InboundMessage } from '../channel-message.js';

/**
 * An inbound SMS as Twilio (and compatible gateways) post it to a webhook — form fields
 * `MessageSid`, `From`, `To`, `Body` — as an `InboundMessage`. A missing field is INPUT_INVALID
 * naming it. Verify the request's signature (`verifyTwilioSignature`) before trusting it.
 */
export const readSms = (params: Readonly<Record<string, string>>, receivedAt: string): InboundMessage => {
  for (const field of ['MessageSid', 'From', 'To'] as const) {
    if ((params[field] ?? '').trim() === '')
      throw new AppError('INPUT_INVALID', {
        message: `the inbound SMS has no ${field}`,
        details: { field },
      });
  }
  return {
    channel: 'sms',
    from: (params['From'] ?? '').trim(),
    to: (params['To'] ?? '').trim(),
    text: (params['Body'] ?? '').trim(),
    messageId: (params['MessageSid'] ?? '').trim(),
    replyTo: [],
    receivedAt,
  };
};
