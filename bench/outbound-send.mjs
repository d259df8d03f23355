/* global performance, setInterval, clearInterval */
// Benchmark: sending a campaign's due messages (issue 11) — `sendDueMessages`, what `leadsift
// serve` runs each round — over a real SMTP connection to a local sink. N accounts with one contact
// each (a stored lead, the account's firmographics), N first messages queued and due, an
// autonomous campaign whose limits let all N go in one round; every send writes the sequence's
// follow-up from the lead's and the account's stored facts. The sink is the project's own
// `startSmtpListener` in a child process (it reads every message, as a mail server would), reached
// over one pooled connection, so this process's time is the send path's. Reports messages/s and the load average during the run.
//
//   npm run build && node bench/outbound-send.mjs            # 1,000 and 5,000 messages, SQLite
//   node bench/outbound-send.mjs 2000                        # another size
//   LEADSIFT_DIST=bench/out/dist-outbound-before node bench/outbound-send.mjs   # another build
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTransport } from 'nodemailer';
import { machine } from './bench-support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const build = resolve(process.env.LEADSIFT_DIST ?? join(root, 'dist'));
const dist = (p) => join(build, p);
const START = Date.parse('2026-11-26T09:00:00.000Z'); // a Thursday, 10:00 in Berlin
const clock = { now: () => START };

if (process.argv[2] === '--sink') {
  // The receiving mail server: accepts and reads every message for the bench's domains, keeps none.
  const { startSmtpListener } = await import(dist('channels/email/smtp-listener.js'));
  const sink = await startSmtpListener({
    host: '127.0.0.1',
    port: 0,
    domains: Array.from({ length: Number(process.argv[3]) }, (_, i) => `company${i + 1}.example`),
    clock,
    onMessage: async () => {},
  });
  process.stdout.write(`${sink.port}\n`);
} else {
  const sizes = process.argv[2] === undefined ? [1_000, 5_000] : [Number(process.argv[2])];
  const results = [];
  for (const n of sizes) results.push(await run(n));
  console.log(JSON.stringify({ build, results, machine: machine() }, null, 2));
}

async function run(n) {
  const out = join(here, 'out', 'outbound-send');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const sink = spawn(process.execPath, [fileURLToPath(import.meta.url), '--sink', String(n)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((done) => sink.stdout.once('data', (d) => done(Number(String(d).trim()))));

  const { openStore } = await import(dist('adapters/storage/open-store.js'));
  const { parseCampaign } = await import(dist('outbound/campaign-config.js'));
  const { createCampaign } = await import(dist('outbound/run-campaign.js'));
  const { sendDueMessages } = await import(dist('outbound/send-due-messages.js'));
  const { randomUUID } = await import('node:crypto');

  const store = await openStore({ databaseUrl: `sqlite:${join(out, 'send.db')}` });
  const at = new Date(START - 3_600_000).toISOString();
  const config = parseCampaign(
    [
      'name: Bench send',
      'targets: { domains: [placeholder.example] }',
      'personas: [{ name: Revenue leader, functions: [sales], minSeniority: director }]',
      'mode: autonomous',
      'sender: { name: Dana Kim, email: dana@acme.example }',
      'timeZone: Europe/Berlin',
      `limits: { perDay: ${Math.max(n, 1)}, perDomainPerDay: 5, minGapSeconds: 0 }`,
      "quietHours: { from: '23:00', to: '05:00' }",
      'sendingDays: [mon, tue, wed, thu, fri, sat, sun]',
      'pause: { bounceRate: 1, complaintRate: 1, minSent: 1000000 }',
      'sequence:',
      '  - afterDays: 0',
      "    subject: '{{company.name}} and lead routing'",
      '    template: Hi {{person.firstName}}, teams at {{company.industry}} companies like {{company.name}} lose hot leads. Worth a look?',
      '  - afterDays: 4',
      '    template: Hi {{person.firstName}}, a short follow-up on lead routing at {{company.name}} ({{company.industry}}).',
    ].join('\n'),
    'bench.yaml',
  );
  await createCampaign({ store: store.outbound }, { id: 'bench', config }, 'bench');
  const input = (column) => ({ source: 'input', at, origin: 'bench.csv', column });
  const enriched = { source: 'enrichment', at, provider: 'firmo', confidence: 0.9 };
  const accounts = [];
  const contacts = [];
  const messages = [];
  for (let start = 0; start < n; start += 500) {
    const drafts = [];
    for (let i = start; i < Math.min(n, start + 500); i++) {
      const domain = `company${i + 1}.example`;
      drafts.push({
        person: {
          firstName: { value: 'Alex', provenance: input('first_name') },
          lastName: { value: `Vance${i + 1}`, provenance: input('last_name') },
          email: { value: `alex.vance${i + 1}@${domain}`, provenance: input('email') },
          title: { value: 'VP Sales', provenance: input('title') },
        },
        company: { domain: { value: domain, provenance: input('domain') } },
        consent: {},
        custom: {},
        raw: {},
        receivedAt: at,
      });
    }
    const upserted = await store.leads.upsertLeads(drafts);
    upserted.forEach((lead, k) => {
      const i = start + k;
      const domain = `company${i + 1}.example`;
      const email = `alex.vance${i + 1}@${domain}`;
      // The lead knows no company name or industry: the account's stored firmographics fill them.
      accounts.push({
        domain,
        status: 'reached',
        company: {
          name: { value: `Company ${i + 1}`, provenance: enriched },
          industry: { value: 'Software', provenance: enriched },
        },
      });
      const contact = {
        id: `c${i + 1}`,
        campaignId: 'bench',
        domain,
        leadId: lead.id,
        email,
        name: `Alex Vance${i + 1}`,
        persona: 'Revenue leader',
        status: 'active',
        token: randomUUID(),
        createdAt: at,
        updatedAt: at,
      };
      contacts.push(contact);
      messages.push({
        id: `m${i + 1}`,
        campaignId: 'bench',
        contactId: contact.id,
        step: 0,
        to: email,
        domain,
        subject: `Company ${i + 1} and lead routing`,
        text: `Hi Alex, teams at Software companies like Company ${i + 1} lose hot leads. Worth a look?`,
        facts: [],
        status: 'queued',
        dueAt: at,
        createdAt: at,
      });
    });
  }
  await store.outbound.savePrepared('bench', { accounts, contacts, messages });
  await store.outbound.setStatus('bench', 'active', undefined, 'bench');

  // One pooled SMTP connection (nodemailer), writing what `createEmailSender` writes: the product's
  // sender opens a connection per message (~120 ms each here), which would hide the send path.
  const transport = createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    pool: true,
    maxConnections: 1,
    maxMessages: Infinity,
  });
  const sender = {
    channel: 'email',
    send: async (message) => {
      const messageId = `<${randomUUID()}@acme.example>`;
      await transport.sendMail({
        from: 'Dana Kim <dana@acme.example>',
        to: message.to,
        subject: message.subject ?? '',
        text: `${message.text}\n\n—\nNot interested? Unsubscribe with one click: ${message.unsubscribeUrl}`,
        messageId,
        headers: {
          'List-Unsubscribe': `<${message.unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      });
      return { messageId, sentAt: new Date(clock.now()).toISOString() };
    },
  };
  const deps = {
    store: store.outbound,
    leads: store.leads,
    clock,
    newId: randomUUID,
    newToken: () => randomUUID(),
    sender,
    unsubscribeUrl: (token) => `https://leadsift.acme.example/v1/unsubscribe/${token}`,
  };
  const loads = [];
  const started = performance.now();
  const sampler = setInterval(() => {
    if (loads.length * 1000 < performance.now() - started) loads.push(loadavg()[0]);
  }, 100);
  loads.push(loadavg()[0]);
  const round = await sendDueMessages(deps, 'bench');
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  loads.push(loadavg()[0]);
  const followUps = (await store.outbound.listMessages('bench', { status: 'queued' })).length;
  transport.close();
  await store.close();
  sink.kill();
  if (round.sent !== n) throw new Error(`sent ${round.sent} of ${n}: ${JSON.stringify(round)}`);
  return {
    messages: n,
    seconds: Math.round(seconds * 10) / 10,
    messagesPerSecond: Math.round((n / seconds) * 10) / 10,
    failed: round.failed,
    followUpsWritten: followUps,
    // The 1-minute load average during the run: lowest, highest.
    loadAverage: [Math.min(...loads), Math.max(...loads)].map((l) => Math.round(l * 10) / 10),
  };
}
