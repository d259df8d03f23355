import { createTransport } from 'nodemailer';
import { AppError } from '../../domain/app-error.js';
import type { Clock } from '../../domain/clock.js';
import { isoNow } from '../../domain/clock.js';
import type { ChannelSender, OutboundMessage, SentMessage } from '../channel-message.js';

/** Where mail goes out: an SMTP relay (a provider's, or the company's own). */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  readonly secure?: boolean;
  readonly user?: string;
  readonly pass?: string;
  /** The sender, e.g. `Dana at Acme <dana@acme.example>`. */
  readonly from: string;
  /** The domain of the Message-IDs we make (replies are threaded by them). */
  readonly messageIdDomain: string;
  /** One message's limit for connecting, greeting and the whole exchange; 30 s by default. */
  readonly timeoutMs?: number;
  /** Refuse servers whose certificate does not verify (default true; false only for local tests). */
  readonly verifyTls?: boolean;
}

/** The unsubscribe line every email ends with. */
const footer = (url: string): string => `\n\n—\nNot interested? Unsubscribe with one click: ${url}`;

/**
 * Sends email over SMTP with nodemailer: our own Message-ID (`<id@messageIdDomain>`, so that
 * replies can be threaded), In-Reply-To and References when answering, a one-click unsubscribe
 * (RFC 8058 `List-Unsubscribe` and `List-Unsubscribe-Post`, and a line in the text), and a
 * meeting invitation as a `text/calendar; method=REQUEST` part. A refusal is DELIVERY_FAILED,
 * `permanent` for a 5xx answer (the address or the content was refused), not for 4xx or a network
 * failure (try again later).
 */
export const createEmailSender = (
  settings: SmtpSettings,
  deps: { readonly clock: Clock; readonly newId: () => string },
): ChannelSender & { close(): void } => {
  const timeout = settings.timeoutMs ?? 30_000;
  const transport = createTransport({
    // Connections are kept and reused (two at most, each for up to 100 messages): a connection per
    // message cost ~120 ms here and capped a campaign's sending near 8 messages/s. An idle one
    // closes after the socket timeout; close() ends them all.
    pool: true,
    maxConnections: 2,
    maxMessages: 100,
    host: settings.host,
    port: settings.port,
    secure: settings.secure ?? false,
    ...(settings.user === undefined ? {} : { auth: { user: settings.user, pass: settings.pass ?? '' } }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    tls: { rejectUnauthorized: settings.verifyTls ?? true },
  });
  const send = async (message: OutboundMessage): Promise<SentMessage> => {
    const key = message.messageKey?.replace(/[^A-Za-z0-9._-]/g, '_');
    const messageId = `<${key === undefined || key === '' ? deps.newId() : key}@${settings.messageIdDomain}>`;
    try {
      await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject ?? '',
        text:
          message.unsubscribeUrl === undefined ? message.text : message.text + footer(message.unsubscribeUrl),
        messageId,
        ...(message.inReplyTo === undefined ? {} : { inReplyTo: message.inReplyTo }),
        ...(message.references === undefined || message.references.length === 0
          ? {}
          : { references: [...message.references] }),
        ...(message.unsubscribeUrl === undefined
          ? {}
          : {
              headers: {
                'List-Unsubscribe': `<${message.unsubscribeUrl}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              },
            }),
        ...(message.invitation === undefined
          ? {}
          : { icalEvent: { method: 'REQUEST', filename: 'invitation.ics', content: message.invitation } }),
      });
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      const permanent = typeof code === 'number' && code >= 500;
      throw new AppError('DELIVERY_FAILED', {
        message: `email to ${message.to} was not sent: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
        details: { channel: 'email', permanent, ...(typeof code === 'number' ? { responseCode: code } : {}) },
      });
    }
    return { messageId, sentAt: isoNow(deps.clock) };
  };
  return { channel: 'email', send, close: () => transport.close() };
};
