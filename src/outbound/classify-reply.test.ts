import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../channels/channel-message.js';
import { classifyReply, type ReplyClass } from './classify-reply.js';

const AT = '2026-11-28T10:00:00.000Z'; // a Saturday

const reply = (text: string, extra: Partial<InboundMessage> = {}): InboundMessage => ({
  channel: 'email',
  from: 'sam@bigco.example',
  to: 'dana@acme.example',
  text,
  messageId: '<r1@bigco.example>',
  replyTo: ['<m1@acme.example>'],
  receivedAt: AT,
  ...extra,
});

const CASES: readonly (readonly [string, ReplyClass])[] = [
  ['Sounds interesting — happy to chat next week.', 'interested'],
  ['Yes, let’s talk. Tuesday works.', 'interested'],
  ['Tell me more, please.', 'interested'],
  ['Can you send me some more info on pricing?', 'interested'],
  ['How does this work with Salesforce?', 'question'],
  ['What does it cost for 20 seats?', 'question'],
  ['Not right now — reach out again next quarter.', 'not_now'],
  ['We are mid-reorg. Try me again in March.', 'not_now'],
  ['Not interested, thanks.', 'not_interested'],
  ['We already use another tool for this and are happy with it.', 'not_interested'],
  ['STOP', 'unsubscribe'],
  ['Please remove me from your list.', 'unsubscribe'],
  ['Not interested. Unsubscribe me.', 'unsubscribe'],
  ['I am out of the office until 7 December with limited access to email.', 'out_of_office'],
  [
    'I’m not the right person for this — please contact Jane Doe (jane.doe@bigco.example), our Head of Sales Operations.',
    'wrong_person',
  ],
  ['Wrong person, sorry. Talk to Priya Shah, she handles this.', 'wrong_person'],
  ['This is spam. Go away.', 'not_interested'],
];

describe('classifyReply', () => {
  it('classifies varied replies to campaign messages', () => {
    const wrong = CASES.filter(
      ([text, expected]) => classifyReply(reply(text), 'Europe/Berlin').class !== expected,
    );
    expect(wrong).toEqual([]);
  });

  it('gives the date to write again, the return date, and the referred contact', () => {
    expect(
      classifyReply(reply('Not right now — reach out again next quarter.'), 'Europe/Berlin'),
    ).toMatchObject({
      class: 'not_now',
      followUpOn: '2027-01-01',
    });
    expect(classifyReply(reply('I am out of the office until 7 December.'), 'Europe/Berlin')).toMatchObject({
      class: 'out_of_office',
      followUpOn: '2026-12-07',
    });
    expect(classifyReply(reply(CASES[14]![0]), 'Europe/Berlin')).toMatchObject({
      class: 'wrong_person',
      referral: { email: 'jane.doe@bigco.example', name: 'Jane Doe', title: 'Head of Sales Operations' },
    });
    expect(classifyReply(reply(CASES[15]![0])).referral).toEqual({ name: 'Priya Shah' });
  });

  it('takes bounces and auto-replies by what the message is, not what it says', () => {
    expect(
      classifyReply(
        reply('Delivery failed', {
          bounce: { recipient: 'sam@bigco.example', status: '5.1.1', permanent: true },
        }),
      ),
    ).toMatchObject({ class: 'bounce', evidence: '5.1.1' });
    expect(classifyReply(reply('Thank you for your message.', { automatic: true })).class).toBe(
      'out_of_office',
    );
  });
});
