import { AppError } from '../../domain/app-error.js';
import type { InboundMessage } from '../channel-message.js';
import { readEmail } from './read-email.js';

/** The first non-empty string among these fields (providers name them differently). */
const pick = (fields: Readonly<Record<string, unknown>>, names: readonly string[]): string | undefined => {
  for (const name of names) {
    const value = fields[name];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
};

const oneLine = (value: string): string => value.replace(/[\r\n]+\s*/g, ' ').trim();

/**
 * An email posted by an inbound-mail webhook, read like any other (`readEmail`): the raw
 * message (`raw`, `email` — SendGrid's "raw" mode, or Mailgun's `body-mime`), or the parsed
 * fields — Mailgun's (`sender`/`from`, `recipient`/`to`, `subject`, `body-plain`,
 * `Message-Id`, `In-Reply-To`, `References`) or SendGrid's (`from`, `to`, `subject`, `text`,
 * `headers` as one block of header lines). The text goes through the same quote stripping and
 * auto-reply detection. A post with no sender is INPUT_INVALID naming the field.
 */
export const readWebhookEmail = async (
  fields: Readonly<Record<string, unknown>>,
  receivedAt: string,
): Promise<InboundMessage> => {
  const raw = pick(fields, ['raw', 'email', 'body-mime']);
  if (raw !== undefined) return readEmail(raw, receivedAt);
  const from = pick(fields, ['from', 'sender', 'From']);
  if (from === undefined)
    throw new AppError('INPUT_INVALID', {
      message: 'the inbound email has no sender: send "from" (or "sender"), or the whole message as "raw"',
      details: { field: 'from' },
    });
  const headerBlock = pick(fields, ['headers', 'message-headers']);
  const given = new Set<string>();
  const lines: string[] = [];
  if (headerBlock !== undefined && !headerBlock.trimStart().startsWith('[')) {
    for (const line of headerBlock.split(/\r?\n/)) {
      if (line === '') continue;
      const name = /^([!-9;-~]+):/.exec(line)?.[1]?.toLowerCase();
      if (name !== undefined) given.add(name);
      lines.push(line);
    }
  }
  const add = (name: string, value: string | undefined): void => {
    if (value !== undefined && !given.has(name.toLowerCase())) lines.push(`${name}: ${oneLine(value)}`);
  };
  add('From', from);
  add('To', pick(fields, ['to', 'recipient', 'To']));
  add('Subject', pick(fields, ['subject', 'Subject']));
  add('Message-ID', pick(fields, ['Message-Id', 'message-id', 'messageId', 'Message-ID']));
  add('In-Reply-To', pick(fields, ['In-Reply-To', 'in-reply-to', 'inReplyTo']));
  add('References', pick(fields, ['References', 'references']));
  const text = pick(fields, ['text', 'body-plain', 'stripped-text', 'body']) ?? '';
  const kept = lines.filter(
    (l) => !/^content-(type|transfer-encoding):/i.test(l) && !/^mime-version:/i.test(l),
  );
  const source = `${kept.join('\r\n')}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${text}`;
  return readEmail(Buffer.from(source, 'utf8'), receivedAt);
};
