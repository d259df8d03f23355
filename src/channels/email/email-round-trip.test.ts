import { createTransport } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.js';
import { fixedClock } from '../../domain/clock.js';
import type { InboundMessage } from '../channel-message.js';
import { readEmail } from './read-email.js';
import { createEmailSender } from './send-email.js';
import { startSmtpListener } from './smtp-listener.js';

const clock = fixedClock('2026-11-28T10:00:00.000Z');
const INVITE =
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//leadsift//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:m1@acme.example\r\nDTSTAMP:20261128T100000Z\r\nDTSTART:20261201T150000Z\r\nDTEND:20261201T153000Z\r\nSUMMARY:Intro call\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

describe('email over a real SMTP server', () => {
  let received: { message: InboundMessage; raw: Buffer }[];
  let listener: Awaited<ReturnType<typeof startSmtpListener>>;
  let failNext = false;
  let ids = 0;

  beforeEach(async () => {
    received = [];
    failNext = false;
    listener = await startSmtpListener({
      host: '127.0.0.1',
      port: 0,
      domains: ['replies.acme.example'],
      maxBytes: 200_000,
      clock,
      onMessage: async (message, raw) => {
        if (failNext) throw new Error('the store is down');
        received.push({ message, raw });
      },
    });
  });
  afterEach(async () => {
    await listener.close();
  });

  const sender = () =>
    createEmailSender(
      {
        host: '127.0.0.1',
        port: listener.port,
        from: 'Dana at Acme <dana@replies.acme.example>',
        messageIdDomain: 'acme.example',
        verifyTls: false,
        timeoutMs: 5000,
      },
      { clock, newId: () => `msg${++ids}` },
    );
  /** The prospect's own mail program. */
  const prospect = () =>
    createTransport({
      host: '127.0.0.1',
      port: listener.port,
      secure: false,
      tls: { rejectUnauthorized: false },
    });

  it('sends a question with an invitation and an unsubscribe, and threads the prospect’s reply to it', async () => {
    const out = sender();
    const sent = await out.send({
      to: 'lead@replies.acme.example',
      subject: 'Quick question about your pipeline',
      text: 'Hi Sam, is there a budget set aside for this?',
      invitation: INVITE,
      unsubscribeUrl: 'https://acme.example/u/tok123',
    });
    out.close();
    expect(sent).toEqual({ messageId: '<msg1@acme.example>', sentAt: '2026-11-28T10:00:00.000Z' });
    expect(received).toHaveLength(1);
    const [first] = received;
    expect(first?.message).toMatchObject({
      channel: 'email',
      from: 'dana@replies.acme.example',
      to: 'lead@replies.acme.example',
      messageId: '<msg1@acme.example>',
      subject: 'Quick question about your pipeline',
      replyTo: [],
    });
    expect(first?.message.text).toContain('is there a budget set aside for this?');
    expect(first?.message.text).toContain('Unsubscribe with one click: https://acme.example/u/tok123');
    const raw = first?.raw.toString('utf8') ?? '';
    expect(raw).toMatch(/^List-Unsubscribe: <https:\/\/acme\.example\/u\/tok123>/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);

    await prospect().sendMail({
      from: 'Sam Lee <Sam.Lee@replies.acme.example>',
      to: 'dana@replies.acme.example',
      subject: 'Re: Quick question about your pipeline',
      inReplyTo: sent.messageId,
      references: [sent.messageId],
      text: 'Yes — around 40k for next quarter.\n\nOn Sat, 28 Nov 2026 at 10:00, Dana at Acme <dana@replies.acme.example> wrote:\n> Hi Sam, is there a budget set aside for this?\n',
    });
    expect(received[1]?.message).toMatchObject({
      from: 'sam.lee@replies.acme.example',
      text: 'Yes — around 40k for next quarter.',
      replyTo: ['<msg1@acme.example>'],
      receivedAt: '2026-11-28T10:00:00.000Z',
    });
  });

  it('refuses mail for other domains (550, permanent) and oversized mail (552)', async () => {
    const out = sender();
    const refused = await out.send({ to: 'someone@elsewhere.example', text: 'hi' }).catch((e: unknown) => e);
    expect(isAppError(refused, 'DELIVERY_FAILED')).toBe(true);
    expect((refused as { details: Record<string, unknown> }).details).toMatchObject({
      permanent: true,
      responseCode: 550,
    });
    const big = await out
      .send({ to: 'lead@replies.acme.example', text: 'x'.repeat(300_000) })
      .catch((e: unknown) => e);
    expect((big as { details: Record<string, unknown> }).details).toMatchObject({
      permanent: true,
      responseCode: 552,
    });
    out.close();
    expect(received).toHaveLength(0);
  });

  it('answers 451 when the message cannot be kept, so the sender tries again and nothing is lost', async () => {
    failNext = true;
    const out = sender();
    const later = await out.send({ to: 'lead@replies.acme.example', text: 'hello' }).catch((e: unknown) => e);
    expect((later as { details: Record<string, unknown> }).details).toMatchObject({
      permanent: false,
      responseCode: 451,
    });
    failNext = false;
    await out.send({ to: 'lead@replies.acme.example', text: 'hello again' });
    out.close();
    expect(received.map((r) => r.message.text)).toEqual(['hello again']);
  });
});

describe('readEmail', () => {
  const at = '2026-11-28T10:00:00.000Z';

  it('marks auto-replies by their headers and reads a delivery failure report', async () => {
    const ooo = await readEmail(
      'From: Sam <sam@bigco.example>\r\nTo: dana@acme.example\r\nSubject: Out of office\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <ooo1@bigco.example>\r\n\r\nI am away until 7 December.\r\n',
      at,
    );
    expect(ooo).toMatchObject({
      automatic: true,
      text: 'I am away until 7 December.',
      messageId: '<ooo1@bigco.example>',
    });
    const dsn = await readEmail(
      [
        'From: Mail Delivery System <mailer-daemon@mx.example>',
        'To: dana@acme.example',
        'Subject: Undelivered Mail Returned to Sender',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain',
        '',
        'The mail could not be delivered.',
        '--b1',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example',
        '',
        'Final-Recipient: rfc822; Gone@BigCo.example',
        'Action: failed',
        'Status: 5.1.1',
        '--b1--',
        '',
      ].join('\r\n'),
      at,
    );
    expect(dsn.bounce).toEqual({ recipient: 'gone@bigco.example', status: '5.1.1', permanent: true });
  });

  it('says which field is missing when there is no sender, and derives a Message-ID when there is none', async () => {
    const error = await readEmail('To: dana@acme.example\r\n\r\nhello\r\n', at).catch((e: unknown) => e);
    expect(isAppError(error, 'INPUT_INVALID')).toBe(true);
    const noId = await readEmail('From: a@b.example\r\n\r\nhello\r\n', at);
    expect(noId.messageId).toMatch(/^<[0-9a-f]{32}@leadsift\.invalid>$/);
    expect((await readEmail('From: a@b.example\r\n\r\nhello\r\n', at)).messageId).toBe(noId.messageId);
  });
});
