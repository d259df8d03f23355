import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { parseChannelsConfig } from '../../channels/channels-config.js';
import { askingCriteria } from '../../channels/test-support/asking-criteria.js';
import { fixedClock } from '../../domain/clock.js';
import { describeStores } from '../../test-support/describe-stores.js';
import { startService, type RunningService } from '../start-service.js';

const NOW = '2026-11-26T09:00:00.000Z';
const knowledge = fileURLToPath(new URL('../../../examples', import.meta.url));

const CONVERSATIONS = `
knowledge: knowledge
timeZone: Europe/Berlin
reps:
  - { id: dana, name: Dana Kim, email: dana@example.com, timeZone: Europe/Berlin, workingHours: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]] } }
chat:
  sites:
    - { key: site_acme_public, name: Acme website }
  sessionsPerMinute: 4
`;

describeStores('chat over the HTTP API', (t) => {
  let service: RunningService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  const start = async () => {
    service = await startService({
      store: t.store,
      clock: fixedClock(NOW),
      app: { logLevel: false },
      worker: false,
      listen: { host: '127.0.0.1', port: 0 },
      criteria: { text: askingCriteria(), fileName: 'bant.yaml' },
      conversations: {
        config: parseChannelsConfig(CONVERSATIONS, 'conversations.yaml'),
        secrets: {},
        baseDir: knowledge,
      },
    });
    const base = service.url ?? '';
    const call = async (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return {
        status: response.status,
        headers: response.headers,
        // Response bodies are read loosely: each assertion names the shape it expects.
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        json: (await response.json()) as Record<string, any>,
      };
    };
    return { service, call };
  };

  it('a visitor opens a chat with the site key and their email, answers, and reads only their own messages', async () => {
    const { service, call } = await start();
    const widget = await fetch(`${service.url ?? ''}/widget.js`);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    expect(await widget.text()).toContain('/chat/v1/sessions');

    const unknown = await call('POST', '/chat/v1/sessions', { site: 'nope', email: 'sam@bigco.io' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toMatch(/data-site/);
    const badEmail = await call('POST', '/chat/v1/sessions', {
      site: 'site_acme_public',
      email: 'not an email',
    });
    expect(badEmail.status).toBe(400);
    expect(badEmail.json.error.fields[0].field).toBe('body.email');

    const opened = await call(
      'POST',
      '/chat/v1/sessions',
      { site: 'site_acme_public', email: 'sam@bigco.io', firstName: 'Sam' },
      { origin: 'https://bigco.io' },
    );
    expect(opened.status).toBe(201);
    expect(opened.headers.get('access-control-allow-origin')).toBe('https://bigco.io');
    const session = opened.json.sessionToken as string;
    expect(session).toMatch(/^lcs_/);
    expect(opened.json.messages.map((m: { text: string }) => m.text).join(' ')).toMatch(/Sam.*your role/s);
    const lead = await t.store.leads.findLeadByEmail('sam@bigco.io');
    expect(lead?.source?.value).toBe('Chat: Acme website');

    const nobody = await call('POST', '/chat/v1/messages', { text: 'hello' });
    expect(nobody.status).toBe(404);
    expect(nobody.json.error.fields[0].field).toBe('x-chat-session');

    const seen = opened.json.messages.at(-1).seq as number;
    const answered = await call(
      'POST',
      '/chat/v1/messages',
      { text: "I'm the VP of Sales" },
      { 'x-chat-session': session },
    );
    expect(answered.status).toBe(200);
    expect(answered.json.messages[0]).toMatchObject({
      seq: seen + 1,
      direction: 'inbound',
      text: "I'm the VP of Sales",
    });
    expect(answered.json.messages.map((m: { text: string }) => m.text)).toContain(
      'Which company are you with?',
    );
    // What the prospect said is kept on the lead, under their provenance.
    const updated = await t.store.leads.getLead(lead?.id ?? '');
    expect(updated?.person.title).toMatchObject({
      value: 'VP of Sales',
      provenance: { source: 'prospect', channel: 'chat' },
    });

    const polled = await call('GET', `/chat/v1/messages?after=${seen}`, undefined, {
      'x-chat-session': session,
    });
    expect(polled.json.messages.map((m: { seq: number }) => m.seq)).toEqual(
      answered.json.messages.map((m: { seq: number }) => m.seq),
    );
    expect(polled.json.status).toBe('active');

    // A second visitor's token reads their own chat only.
    const other = await call('POST', '/chat/v1/sessions', {
      site: 'site_acme_public',
      email: 'kim@other.io',
    });
    const theirs = await call('GET', '/chat/v1/messages?after=0', undefined, {
      'x-chat-session': other.json.sessionToken,
    });
    expect(theirs.json.conversationId).not.toBe(opened.json.conversationId);
    expect(theirs.json.messages.map((m: { text: string }) => m.text)).not.toContain("I'm the VP of Sales");
  });

  it('streams the chat as server-sent events: the agent’s reply arrives on the open stream', async () => {
    const { service, call } = await start();
    const opened = await call('POST', '/chat/v1/sessions', {
      site: 'site_acme_public',
      email: 'sam@bigco.io',
    });
    const session = opened.json.sessionToken as string;
    const last = opened.json.messages.at(-1).seq as number;
    const refused = await fetch(`${service.url ?? ''}/chat/v1/stream?session=lcs_wrong`);
    expect(refused.status).toBe(404);
    const abort = new AbortController();
    const stream = await fetch(`${service.url ?? ''}/chat/v1/stream?after=${last}&session=${session}`, {
      signal: abort.signal,
    });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = stream.body?.getReader();
    await call('POST', '/chat/v1/messages', { text: "I'm the VP of Sales" }, { 'x-chat-session': session });
    let text = '';
    while (!text.includes('Which company are you with?')) {
      const chunk = await reader?.read();
      if (chunk === undefined || chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    abort.abort();
    const events = text.split('\n\n').filter((e) => e.startsWith('id: '));
    expect(events[0]).toMatch(new RegExp(`^id: ${last + 1}\nevent: message\ndata: \\{`));
    expect(JSON.parse(events[0]?.split('data: ')[1] ?? '{}')).toMatchObject({
      direction: 'inbound',
      text: "I'm the VP of Sales",
    });
    expect(text).toContain('Which company are you with?');
  });

  it('limits how many chats one address opens a minute (429 saying when to retry)', async () => {
    const { call } = await start();
    for (let i = 0; i < 4; i++)
      expect(
        (await call('POST', '/chat/v1/sessions', { site: 'site_acme_public', email: `v${i}@x.io` })).status,
      ).toBe(201);
    const fifth = await call('POST', '/chat/v1/sessions', { site: 'site_acme_public', email: 'v5@x.io' });
    expect(fifth.status).toBe(429);
    expect(fifth.json.error.code).toBe('RATE_LIMITED');
  });

  it('a person takes a chat over: the agent stops answering and their message reaches the visitor', async () => {
    const { service, call } = await start();
    const { token } = await service.store.service.createApiKey('rep', ['leads:read', 'leads:write']);
    const auth = { authorization: `Bearer ${token}` };
    const opened = await call('POST', '/chat/v1/sessions', {
      site: 'site_acme_public',
      email: 'sam@bigco.io',
    });
    const id = opened.json.conversationId as string;
    const session = { 'x-chat-session': opened.json.sessionToken as string };

    expect((await call('POST', `/v1/conversations/${id}/takeover`, { by: 'dana' })).status).toBe(401);
    const taken = await call('POST', `/v1/conversations/${id}/takeover`, { by: 'dana' }, auth);
    expect(taken.json).toMatchObject({ id, takenOverBy: 'dana', channel: 'chat' });
    const held = await call('POST', '/chat/v1/messages', { text: 'Is anyone there?' }, session);
    expect(held.json).toMatchObject({ heldByPerson: true });
    expect(held.json.messages.map((m: { direction: string }) => m.direction)).toEqual(['inbound']);

    const said = await call(
      'POST',
      `/v1/conversations/${id}/messages`,
      { text: 'Hi Sam, Dana here.', by: 'dana' },
      auth,
    );
    expect(said.status).toBe(201);
    const polled = await call(
      'GET',
      `/chat/v1/messages?after=${held.json.messages[0].seq}`,
      undefined,
      session,
    );
    expect(polled.json.messages).toMatchObject([
      { direction: 'outbound', text: 'Hi Sam, Dana here.', author: 'dana' },
    ]);

    const back = await call('DELETE', `/v1/conversations/${id}/takeover`, undefined, auth);
    expect(back.json.takenOverBy).toBeNull();
    const detail = await call('GET', `/v1/conversations/${id}`, undefined, auth);
    expect(detail.json.messages.map((m: { text: string }) => m.text)).toContain('Hi Sam, Dana here.');

    // Held by a person again, an opt-out is still honoured at once.
    await call('POST', `/v1/conversations/${id}/takeover`, { by: 'dana' }, auth);
    const stop = await call('POST', '/chat/v1/messages', { text: 'Please unsubscribe me' }, session);
    expect(stop.json).toMatchObject({ heldByPerson: true, status: 'ended', ending: 'opted_out' });
    expect((await t.store.leads.findLeadByEmail('sam@bigco.io'))?.consent.optedOutAt).toBe(NOW);
  });

  it('STOP ends the chat and is remembered on the lead: no new conversation is opened with them', async () => {
    const { service, call } = await start();
    const { token } = await service.store.service.createApiKey('rep', ['leads:write']);
    const opened = await call('POST', '/chat/v1/sessions', {
      site: 'site_acme_public',
      email: 'sam@bigco.io',
    });
    const stop = await call(
      'POST',
      '/chat/v1/messages',
      { text: 'STOP' },
      { 'x-chat-session': opened.json.sessionToken },
    );
    expect(stop.json).toMatchObject({ status: 'ended', ending: 'opted_out' });
    const lead = await t.store.leads.findLeadByEmail('sam@bigco.io');
    expect(lead?.consent).toMatchObject({ email: false, sms: false });
    expect(lead?.consent.optedOutAt).toBe(NOW);
    const again = await call(
      'POST',
      `/v1/leads/${lead?.id ?? ''}/conversations`,
      { channel: 'chat' },
      {
        authorization: `Bearer ${token}`,
      },
    );
    expect(again.status).toBe(409);
    expect(again.json.error.message).toMatch(/opted out/);
  });
});
