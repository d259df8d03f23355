import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { StoreHandle } from '../../adapters/storage/open-store.js';
import { isAppError } from '../../domain/app-error.js';
import type { Clock } from '../../domain/clock.js';
import type { Lead } from '../../domain/lead.js';
import type { Job } from '../../jobs/job-queue.js';
import { createActiveSetup } from '../../service/active-setup.js';
import { openChannels } from '../../service/open-channels.js';
import { activateCriteriaText } from '../../service/start-service.js';
import { describeStores } from '../../test-support/describe-stores.js';
import { draftLead } from '../../test-support/lead-drafts.js';
import type { InboundMessage } from '../channel-message.js';
import type { ChannelStore } from '../channel-store.js';
import { parseChannelsConfig } from '../channels-config.js';
import { startSmtpListener } from '../email/smtp-listener.js';
import type { ChannelRuntime } from './channel-runtime.js';
import { CONVERSE_JOB, type ConverseDeps } from './converse-deps.js';
import { deliverPending } from './deliver-pending.js';
import { runConverseJob, type ConversePayload } from './run-converse-job.js';
import { startChat } from './start-chat.js';
import { sendAsPerson } from './take-over.js';
import { takeTurn } from './take-turn.js';

const examples = fileURLToPath(new URL('../../../examples', import.meta.url));
/** Thursday 26 November 2026, 10:00 in Berlin. */
const MORNING = Date.parse('2026-11-26T09:00:00.000Z');
/** The BANT template asking nothing of its own (so BANT is asked) and letting any lead through. */
const lenient = readFileSync(`${examples}/criteria/bant.yaml`, 'utf8')
  .replace(/required:\n( {2}- .*\n)+/, 'required: []\n')
  .replace(
    /verdicts: \{ fitWeight: 0\.6[^}]*\}/,
    'verdicts: { fitWeight: 0.6, minScore: 0, minFitGrade: D, minIntentGrade: 4 }',
  );
/** The four BANT answers after which the agent offers three slots. */
const ANSWERS = [
  'We need better lead scoring for our SDR team',
  'Within the next two months',
  'It is my decision, I run sales',
  'Around 20k a year',
];

/** An enqueue that fails as a process dying after the store write would: nothing may depend on it. */
const crashingEnqueue = (): Promise<string[]> =>
  Promise.reject(new Error('the process died before it queued the job'));

describeStores('no accepted send is lost to a crash, and a slot is booked once', (t) => {
  let mailbox: InboundMessage[];
  let relay: Awaited<ReturnType<typeof startSmtpListener>>;
  let runtime: ChannelRuntime | undefined;
  let store: StoreHandle;
  const clock: Clock = { now: () => MORNING };

  beforeEach(async () => {
    mailbox = [];
    relay = await startSmtpListener({
      host: '127.0.0.1',
      port: 0,
      domains: ['bigco.io'],
      clock,
      onMessage: async (message) => void mailbox.push(message),
    });
  });
  afterEach(async () => {
    runtime?.close();
    runtime = undefined;
    await relay.close();
  });

  const setUp = async (): Promise<ChannelRuntime> => {
    store = await t.open({ clock });
    await activateCriteriaText(store, lenient, 'bant.yaml', 'test');
    const config = parseChannelsConfig(
      `
timeZone: Europe/Berlin
reps:
  - { id: dana, name: Dana Kim, email: dana@acme.example, timeZone: Europe/Berlin, workingHours: { thu: [["14:00", "17:00"]], fri: [["09:00", "12:00"]], mon: [["09:00", "12:00"]] } }
chat: { sites: [{ key: site_acme_public, name: Acme website }] }
email:
  from: Dana <dana@replies.acme.example>
  messageIdDomain: acme.example
  smtp: { host: 127.0.0.1, port: ${relay.port}, verifyTls: false, timeoutMs: 5000 }
`,
      'conversations.yaml',
    );
    const setup = createActiveSetup({ store, clock }, { refreshMs: 0, useModel: false });
    runtime = await openChannels(store, setup, { config, secrets: {}, baseDir: examples }, { clock });
    return runtime;
  };
  const lead = async (email: string): Promise<Lead> => {
    const [stored] = await store.leads.upsertLeads([draftLead({ email })]);
    const found = await store.leads.getLead(stored?.id ?? '');
    if (found === undefined) throw new Error('no lead stored');
    return found;
  };
  const readyConverse = async (): Promise<Job[]> =>
    (await store.jobs.list({ kind: CONVERSE_JOB, status: 'ready', limit: 20 })).jobs;
  /** Claims and runs every due converse job once, as a worker would. */
  const work = async (deps: ConverseDeps): Promise<Job[]> => {
    const jobs = await store.jobs.claim({ worker: 'w', kinds: [CONVERSE_JOB], limit: 20, leaseMs: 60_000 });
    for (const job of jobs) await runConverseJob(deps, store.jobs, 'w', job);
    return jobs;
  };
  const chatTo = async (deps: ConverseDeps, email: string): Promise<string> => {
    const chat = await startChat(deps, await lead(email), { openedBy: 'visitor' });
    for (const text of ANSWERS) await takeTurn(deps, chat.conversationId, { text });
    return chat.conversationId;
  };

  it("a person's message is stored with its delivery job: a crash after the write still sends it, once", async () => {
    const rt = await setUp();
    const sam = await lead('sam@bigco.io');
    const payload: ConversePayload = { type: 'open', leadId: sam.id, decisionId: 'd1' };
    await store.jobs.enqueue([{ kind: CONVERSE_JOB, leadId: sam.id, payload }]);
    await work(rt.deps);
    expect(mailbox).toHaveLength(1);

    // The message is written; the process dies at once (nothing queued separately can be relied on).
    const crashed: ConverseDeps = { ...rt.deps, enqueue: crashingEnqueue };
    const sent = await sendAsPerson(
      crashed,
      'agent-d1',
      'ae@acme.example',
      'Hi Sam, Omar here — free Tuesday?',
    );
    expect(sent.queued).toBe(true);
    const queued = await readyConverse();
    expect(queued.map((j) => j.payload)).toEqual([{ type: 'deliver', conversationId: 'agent-d1' }]);

    // After the restart the worker delivers it, and a delivery redone (a crash before it was marked done) sends nothing twice.
    const [job] = await work(rt.deps);
    expect((await store.jobs.get(job?.id ?? ''))?.result).toMatchObject({ sent: 1 });
    await store.jobs.enqueue([
      { kind: CONVERSE_JOB, payload: { type: 'deliver', conversationId: 'agent-d1' } },
    ]);
    await work(rt.deps);
    expect(mailbox.map((m) => m.text.trim())).toEqual([
      expect.stringMatching(/your role|what|\?/i),
      expect.stringContaining('free Tuesday?'),
    ]);
    expect(await rt.deps.links.pending('agent-d1')).toEqual([]);
  });

  it('an email the mail server took before a crash goes again under the same Message-ID, marked as a possible repeat', async () => {
    const rt = await setUp();
    const sam = await lead('sam@bigco.io');
    await store.jobs.enqueue([
      { kind: CONVERSE_JOB, leadId: sam.id, payload: { type: 'open', leadId: sam.id, decisionId: 'd1' } },
    ]);
    await work(rt.deps);
    expect(mailbox[0]?.messageId).toBe('<lsc.agent-d1.1-2@acme.example>');
    const email = rt.deps.senders.email;
    if (email === undefined) throw new Error('no email sender');
    await sendAsPerson(rt.deps, 'agent-d1', 'ae@acme.example', 'Omar here — does Tuesday work?');
    // The SMTP server accepts it, then the process dies before the id is recorded.
    const dying: ConverseDeps = {
      ...rt.deps,
      senders: {
        email: {
          channel: 'email',
          send: async (message) => {
            await email.send(message);
            throw new Error('killed after the mail server accepted it');
          },
        },
      },
    };
    await expect(deliverPending(dying, 'agent-d1')).rejects.toThrow(/killed/);
    expect(mailbox).toHaveLength(2);
    const [pending] = await rt.deps.links.pending('agent-d1');
    expect(pending?.sendStartedAt).toBe(new Date(MORNING).toISOString());
    // The retry sends it again — the same Message-ID, so threads and duplicate detection see one — and says so.
    expect(await deliverPending(rt.deps, 'agent-d1')).toEqual({
      sent: 1,
      maybeRepeatOf: new Date(MORNING).toISOString(),
    });
    expect(mailbox).toHaveLength(3);
    expect(mailbox[2]?.messageId).toBe(mailbox[1]?.messageId);
    expect(mailbox[1]?.messageId).toBe('<lsc.agent-d1.3-3@acme.example>');
    expect(await deliverPending(rt.deps, 'agent-d1')).toEqual({ sent: 0 });
    expect(mailbox).toHaveLength(3);
  });

  it('a message whose delivery job cannot be stored is not stored either (one transaction)', async () => {
    await setUp();
    const sam = await lead('sam@bigco.io');
    await store.jobs.enqueue([
      { kind: CONVERSE_JOB, leadId: sam.id, payload: { type: 'open', leadId: sam.id, decisionId: 'd1' } },
    ]);
    await work(runtime?.deps as ConverseDeps);
    const record = await store.conversations.load('agent-d1');
    if (record === undefined) throw new Error('not opened');
    const before = await store.conversations.transcript('agent-d1');
    const failed = await store.conversations
      .save(
        record.state,
        record.version,
        [{ direction: 'outbound', text: 'lost?', at: new Date(MORNING).toISOString(), author: 'ae' }],
        [{ kind: CONVERSE_JOB, payload: {}, runAt: 'not a time' }],
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isAppError(failed, 'INPUT_INVALID')).toBe(true);
    expect(await store.conversations.transcript('agent-d1')).toEqual(before);
    expect((await store.conversations.load('agent-d1'))?.version).toBe(record.version);
  });

  it("a chat booking's invitation job is stored with the booking: a crash after the turn still emails it, once", async () => {
    const rt = await setUp();
    const crashed: ConverseDeps = { ...rt.deps, enqueue: crashingEnqueue };
    const id = await chatTo(crashed, 'sam@bigco.io');
    const turn = await takeTurn(crashed, id, { text: 'the first one' });
    expect(turn.ending?.kind).toBe('booked');
    expect((await readyConverse()).map((j) => j.payload)).toEqual([{ type: 'invite', conversationId: id }]);
    await work(rt.deps);
    expect(mailbox).toHaveLength(1);
    expect(mailbox[0]?.to).toBe('sam@bigco.io');
    expect(await readyConverse()).toEqual([]);
  });

  it('two chats picking the same slot at the same instant: one books it, the other is offered the next free slots', async () => {
    const rt = await setUp();
    // Both turns read the calendar before either writes (the race the store must settle).
    const real: ChannelStore = rt.deps.links;
    let readers: (() => void)[] = [];
    let gated = 0;
    const racing: ChannelStore = {
      ...real,
      bookedSince: async (since) => {
        const booked = await real.bookedSince(since);
        if (++gated > 2) return booked;
        await new Promise<void>((resolve) => {
          readers.push(resolve);
          if (readers.length === 2) for (const release of readers) release();
        });
        return booked;
      },
    };
    const deps: ConverseDeps = { ...rt.deps, links: racing };
    const first = await chatTo(rt.deps, 'sam@bigco.io');
    const second = await chatTo(rt.deps, 'kim@bigco.io');
    const offered = (await store.conversations.load(first))?.state.offered?.[0];
    expect((await store.conversations.load(second))?.state.offered?.[0]).toEqual(offered);
    readers = [];

    const turns = await Promise.all([
      takeTurn(deps, first, { text: 'the first one' }),
      takeTurn(deps, second, { text: 'the first one' }),
    ]);
    const booked = turns.filter((turn) => turn.ending?.kind === 'booked');
    const refused = turns.filter((turn) => turn.ending === undefined);
    expect(booked).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(booked[0]?.ending).toMatchObject({ kind: 'booked', slot: offered });
    expect(refused[0]?.replies.join('\n')).toMatch(/just been taken\. These are the next free ones:\n1\. /);
    const loser = (await store.conversations.load(refused[0]?.conversationId ?? ''))?.state;
    expect(loser?.status).toBe('active');
    expect(loser?.offered?.length).toBeGreaterThan(0);
    for (const slot of loser?.offered ?? []) expect(slot.start).not.toBe(offered?.start);

    // The refused prospect books one of the new times.
    const rebooked = await takeTurn(rt.deps, refused[0]?.conversationId ?? '', { text: '1' });
    expect(rebooked.ending).toMatchObject({ kind: 'booked', slot: loser?.offered?.[0] });
  });

  it('the store refuses a second conversation booking a slot, however the two saves interleave', async () => {
    const rt = await setUp();
    const first = await chatTo(rt.deps, 'sam@bigco.io');
    const second = await chatTo(rt.deps, 'kim@bigco.io');
    const [a, b] = await Promise.all([first, second].map((id) => store.conversations.load(id)));
    const slot = a?.state.offered?.[0];
    if (a === undefined || b === undefined || slot === undefined) throw new Error('not offered');
    const ending = { kind: 'booked' as const, slot, invite: 'BEGIN:VCALENDAR' };
    const outcomes = await Promise.allSettled([
      store.conversations.save({ ...a.state, status: 'ended', ending }, a.version, []),
      store.conversations.save({ ...b.state, status: 'ended', ending }, b.version, []),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refusal = outcomes.find((o) => o.status === 'rejected')?.reason as unknown;
    expect(isAppError(refusal, 'CONFLICT')).toBe(true);
    expect(isAppError(refusal) && refusal.details['slotTaken']).toBe(true);
    // Exactly one of the two is stored as booked; the other is as it was.
    const after = await Promise.all([first, second].map((id) => store.conversations.load(id)));
    expect(after.filter((r) => r?.state.ending?.kind === 'booked')).toHaveLength(1);
    // The holder saving again keeps its slot.
    const holder = after.find((r) => r?.state.ending?.kind === 'booked');
    if (holder === undefined) throw new Error('no holder');
    await expect(store.conversations.save(holder.state, holder.version, [])).resolves.toBe(
      holder.version + 1,
    );
  });
});
