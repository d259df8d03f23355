import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { parseChannelsConfig } from '../../channels/channels-config.js';
import { startSmtpListener } from '../../channels/email/smtp-listener.js';
import { fixedClock } from '../../domain/clock.js';
import { describeStores } from '../../test-support/describe-stores.js';
import { startService, type RunningService } from '../start-service.js';
import { until } from '../../test-support/until.js';

const NOW = '2026-11-26T09:00:00.000Z';
const examples = fileURLToPath(new URL('../../../examples', import.meta.url));
/** The BANT template asking nothing of its own (so BANT is asked) and letting any lead through. */
const lenient = readFileSync(
  fileURLToPath(new URL('../../../examples/criteria/bant.yaml', import.meta.url)),
  'utf8',
)
  .replace(/required:\n( {2}- .*\n)+/, 'required: []\n')
  .replace(
    /verdicts: \{ fitWeight: 0\.6[^}]*\}/,
    'verdicts: { fitWeight: 0.6, minScore: 0, minFitGrade: D, minIntentGrade: 4 }',
  );

const conversations = (smtpPort: number): string => `
knowledge: knowledge
timeZone: Europe/Berlin
reps:
  - { id: omar, name: Omar Haddad, email: omar@example.com, timeZone: Europe/Berlin, workingHours: { thu: [["14:00", "15:00"]], fri: [["09:00", "10:00"]] } }
  - { id: dana, name: Dana Kim, email: dana@example.com, timeZone: Europe/Berlin, workingHours: { thu: [["14:00", "15:00"]], fri: [["09:00", "10:00"]] } }
chat: { sites: [{ key: site_acme_public, name: Acme website }] }
email:
  from: Dana at Acme <dana@replies.acme.example>
  messageIdDomain: acme.example
  smtp: { host: 127.0.0.1, port: ${smtpPort}, verifyTls: false, timeoutMs: 5000 }
`;

describeStores('booking a meeting in a chat', (t) => {
  let service: RunningService | undefined;
  let relay: Awaited<ReturnType<typeof startSmtpListener>> | undefined;
  afterEach(async () => {
    await service?.close();
    await relay?.close();
    service = undefined;
    relay = undefined;
  });

  it('books with the rep routing assigned, and that slot is not offered to the next prospect', async () => {
    const mailbox: { to: string; raw: string }[] = [];
    relay = await startSmtpListener({
      host: '127.0.0.1',
      port: 0,
      domains: ['bigco.de', 'other.de'],
      clock: fixedClock(NOW),
      onMessage: async (message, raw) => void mailbox.push({ to: message.to, raw: raw.toString('utf8') }),
    });
    service = await startService({
      store: t.store,
      clock: fixedClock(NOW),
      app: { logLevel: false },
      pollMs: 20,
      criteria: { text: lenient, fileName: 'bant.yaml' },
      conversations: {
        config: parseChannelsConfig(conversations(relay.port), 'conversations.yaml'),
        secrets: {},
        baseDir: examples,
      },
    });
    const running = service;
    const chat = async (email: string) => {
      const opened = await running.app.inject({
        method: 'POST',
        url: '/chat/v1/sessions',
        payload: { site: 'site_acme_public', email, country: 'DE' },
      });
      expect(opened.statusCode).toBe(201);
      const session = opened.json().sessionToken as string;
      const say = async (text: string): Promise<string> => {
        const turn = await running.app.inject({
          method: 'POST',
          url: '/chat/v1/messages',
          headers: { 'x-chat-session': session },
          payload: { text },
        });
        return (turn.json().messages as { direction: string; text: string }[])
          .filter((m) => m.direction === 'outbound')
          .map((m) => m.text)
          .join('\n');
      };
      return { id: opened.json().conversationId as string, say };
    };

    const first = await chat('sam@bigco.de');
    // Routing decides the visitor's lead in the background (EMEA: round-robin among its reps).
    const leadId = (await t.store.leads.findLeadByEmail('sam@bigco.de'))?.id ?? '';
    await until(
      'the lead to be routed',
      async () => (await running.store.service.listTouches(leadId)).at(-1)?.route.owner?.id,
    );
    await first.say('We need better lead scoring for our SDR team');
    await first.say('Within the next two months');
    await first.say('It is my decision, I run sales');
    const offered = await first.say('Around 20k a year');
    expect(offered).toMatch(/Which time suits you\?\n1\. /);
    expect(await first.say('the first one')).toMatch(/You're booked for/);
    const booked = (await running.store.conversations.load(first.id))?.state.ending;
    expect(booked?.kind).toBe('booked');
    const slot = booked?.kind === 'booked' ? booked.slot : undefined;
    // With the rep routing first assigned the lead (re-deciding after each answer rotates round-robin on).
    const owners = (await running.store.service.listTouches(leadId)).map((touch) => touch.route.owner?.id);
    expect(slot?.repId).toBe(owners.find((o) => o !== undefined));
    expect(booked?.kind === 'booked' ? booked.invite : '').toMatch(/METHOD:REQUEST/);
    // The chat confirms on screen; the invitation goes to the prospect by email.
    const invitation = await until('the invitation email', async () => mailbox[0]);
    expect(invitation.to).toBe('sam@bigco.de');
    expect(invitation.raw).toMatch(/text\/calendar; charset=utf-8; method=REQUEST/);

    const second = await chat('kim@other.de');
    const otherLead = (await t.store.leads.findLeadByEmail('kim@other.de'))?.id ?? '';
    await until(
      'the second lead to be routed',
      async () => (await running.store.service.listTouches(otherLead)).at(-1)?.route.owner?.id,
    );
    await second.say('We need better lead scoring for our SDR team');
    await second.say('Within the next two months');
    await second.say('It is my decision, I run sales');
    await second.say('Around 20k a year');
    const state = (await running.store.conversations.load(second.id))?.state;
    expect(state?.offered?.length).toBeGreaterThan(0);
    for (const offer of state?.offered ?? [])
      expect(offer.repId !== slot?.repId || offer.start !== slot?.start).toBe(true);
  });
});
