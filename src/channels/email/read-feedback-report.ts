import type { ParsedMail } from 'mailparser';
import type { InboundMessage } from '../channel-message.js';

/** What a report (a feedback report or a delivery failure) says of the message it is about. */
export interface OriginalHeaders {
  readonly messageId?: string;
  readonly to?: string;
  /** The first address of its List-Unsubscribe header (ours carry the contact's token). */
  readonly unsubscribeUrl?: string;
}

const PART = /^content-type:\s*(message\/rfc822|text\/rfc822-headers)\b/im;

/** The header block at the start of `text` (up to its first empty line), unfolded, as name → first value. */
const headerBlock = (text: string): Map<string, string> => {
  const end = text.search(/\r?\n\r?\n/);
  const block = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const fields = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
};

const angle = (value: string | undefined): string | undefined => /<([^>]+)>/.exec(value ?? '')?.[1];

/**
 * The headers of the original message a report carries (RFC 5965 §2 and RFC 3464 §2: its third
 * part, `message/rfc822` or `text/rfc822-headers`). mailparser keeps such a part as an attachment,
 * except an inline `message/rfc822`, which it folds into the text without its headers: then they
 * are read from the source, from the first such part's own header block.
 */
export const originalHeadersOf = (mail: ParsedMail, source: Buffer | string): OriginalHeaders | undefined => {
  const part = mail.attachments.find((a) =>
    ['message/rfc822', 'text/rfc822-headers'].includes(a.contentType.toLowerCase()),
  );
  let fields: Map<string, string> | undefined;
  if (part !== undefined) fields = headerBlock(part.content.toString('utf8'));
  else {
    const text = typeof source === 'string' ? source : source.toString('utf8');
    const at = PART.exec(text);
    if (at === null) return undefined;
    // Past the part's own headers (to their empty line): the original message's headers follow.
    const rest = text.slice(at.index);
    const gap = /\r?\n\r?\n/.exec(rest);
    if (gap === null) return undefined;
    fields = headerBlock(rest.slice(gap.index + gap[0].length));
  }
  const messageId = fields.get('message-id');
  const to = angle(fields.get('to')) ?? fields.get('to');
  const unsubscribeUrl = angle(fields.get('list-unsubscribe'));
  return {
    ...(messageId === undefined
      ? {}
      : { messageId: angle(messageId) === undefined ? `<${messageId}>` : messageId }),
    ...(to === undefined || !to.includes('@') ? {} : { to: to.toLowerCase() }),
    ...(unsubscribeUrl === undefined ? {} : { unsubscribeUrl }),
  };
};

/**
 * A feedback report (RFC 5965 ARF: `multipart/report; report-type=feedback-report`), as a
 * mailbox provider's feedback loop sends it when its user marks a message as spam: the
 * feedback type, the recipient who complained (`Original-Rcpt-To`, else the original's `To`),
 * and the original message's Message-ID and unsubscribe link. Undefined for any other mail.
 */
export const feedbackReportOf = (
  mail: ParsedMail,
  source: Buffer | string,
): InboundMessage['complaint'] | undefined => {
  const type = mail.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | undefined;
  const report = mail.attachments.find((a) => a.contentType.toLowerCase() === 'message/feedback-report');
  const isReport =
    type?.value?.toLowerCase() === 'multipart/report' &&
    type.params?.['report-type']?.toLowerCase() === 'feedback-report';
  if (!isReport && report === undefined) return undefined;
  const fields = headerBlock(report?.content.toString('utf8') ?? '');
  const original = originalHeadersOf(mail, source);
  const recipient = (angle(fields.get('original-rcpt-to')) ?? fields.get('original-rcpt-to'))?.toLowerCase();
  const to = recipient !== undefined && recipient.includes('@') ? recipient : original?.to;
  return {
    feedbackType: (fields.get('feedback-type') ?? 'abuse').toLowerCase(),
    ...(to === undefined ? {} : { recipient: to }),
    ...(original?.messageId === undefined ? {} : { originalMessageId: original.messageId }),
    ...(original?.unsubscribeUrl === undefined ? {} : { unsubscribeUrl: original.unsubscribeUrl }),
  };
};
