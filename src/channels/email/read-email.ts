import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { AppError } from '../../domain/app-error.js';
import type { InboundMessage } from '../channel-message.js';
import { feedbackReportOf, originalHeadersOf } from './read-feedback-report.js';
import { stripQuoted } from './strip-quoted.js';

const firstAddress = (field: AddressObject | AddressObject[] | undefined): string | undefined => {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  for (const o of objects)
    for (const a of o.value) if (a.address !== undefined) return a.address.toLowerCase();
  return undefined;
};

/** The ids a message answers, nearest first: In-Reply-To, then References from the newest. */
const repliedTo = (mail: ParsedMail): string[] => {
  const refs =
    mail.references === undefined ? [] : Array.isArray(mail.references) ? mail.references : [mail.references];
  const ids = [mail.inReplyTo, ...[...refs].reverse()].flatMap((id) =>
    id === undefined ? [] : id.split(/\s+/).filter((part) => part.startsWith('<')),
  );
  return [...new Set(ids)];
};

/** Auto-replies say so in their headers (RFC 3834 `Auto-Submitted`, and the common X- headers). */
const isAutomatic = (mail: ParsedMail): boolean => {
  const header = (name: string): string => {
    const value = mail.headers.get(name);
    return typeof value === 'string' ? value.toLowerCase() : '';
  };
  const submitted = header('auto-submitted');
  return (
    (submitted !== '' && submitted !== 'no') ||
    mail.headers.has('x-autoreply') ||
    mail.headers.has('x-autorespond') ||
    ['auto_reply', 'auto-reply'].includes(header('precedence'))
  );
};

/** A delivery status notification (RFC 3464): the failed recipient and its status code. */
const bounceOf = (mail: ParsedMail): InboundMessage['bounce'] => {
  const type = mail.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | undefined;
  const report = mail.attachments.find((a) => a.contentType.toLowerCase() === 'message/delivery-status');
  const isReport =
    type?.value?.toLowerCase() === 'multipart/report' &&
    type.params?.['report-type']?.toLowerCase() === 'delivery-status';
  if (report === undefined && !isReport) return undefined;
  // mailparser reads the delivery-status part into the text, or keeps it as an attachment.
  const text = report === undefined ? (mail.text ?? '') : report.content.toString('utf8');
  const field = (name: string): string | undefined =>
    new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(text)?.[1]?.trim();
  const recipient = field('Final-Recipient')
    ?.replace(/^rfc822;\s*/i, '')
    .toLowerCase();
  const status = field('Status');
  const action = field('Action')?.toLowerCase();
  return {
    ...(recipient === undefined ? {} : { recipient }),
    ...(status === undefined ? {} : { status }),
    permanent: status?.startsWith('5') === true || action === 'failed',
  };
};

/**
 * An email (RFC 5322 source, as an SMTP server or an inbound-mail webhook delivers it) as an
 * `InboundMessage`: sender and recipient, the new text of a reply (quotes and signature
 * removed; HTML-only mail as its text), Message-ID (derived from the content when the sender
 * gave none), the ids it answers (a bounce: the returned message's first), and whether it is an
 * auto-reply, a bounce or a spam complaint (a feedback report). A message
 * without a sender address is INPUT_INVALID.
 */
export const readEmail = async (source: Buffer | string, receivedAt: string): Promise<InboundMessage> => {
  const mail = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true });
  const from = firstAddress(mail.from);
  if (from === undefined)
    throw new AppError('INPUT_INVALID', {
      message: 'the email has no sender address (From)',
      details: { field: 'from' },
    });
  const bounce = bounceOf(mail);
  const complaint = feedbackReportOf(mail, source);
  // A delivery failure answers the message it returns: threaded by that message's own id first.
  const returned = bounce === undefined ? undefined : originalHeadersOf(mail, source)?.messageId;
  const messageId =
    mail.messageId ?? `<${createHash('sha256').update(source).digest('hex').slice(0, 32)}@leadsift.invalid>`;
  return {
    channel: 'email',
    from,
    to: firstAddress(mail.to) ?? '',
    text: stripQuoted(mail.text ?? ''),
    messageId,
    replyTo: returned === undefined ? repliedTo(mail) : [...new Set([returned, ...repliedTo(mail)])],
    ...(mail.subject === undefined ? {} : { subject: mail.subject }),
    receivedAt,
    ...(isAutomatic(mail) ? { automatic: true } : {}),
    ...(bounce === undefined ? {} : { bounce }),
    ...(complaint === undefined ? {} : { complaint }),
  };
};
