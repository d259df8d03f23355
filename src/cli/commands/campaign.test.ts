import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { InboundMessage } from '../../channels/channel-message.js';
import { startSmtpListener } from '../../channels/email/smtp-listener.js';
import { systemClock } from '../../domain/clock.js';
import { startLlmServer } from '../../llm/test-support/llm-server.js';
import { campaignYaml } from '../../outbound/test-support/outbound-world.js';
import { runCli } from '../../test-support/run-cli.js';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-campaign-'));
  db = `sqlite:${join(dir, 'cli.db')}`;
  await writeFile(
    join(dir, 'leads.csv'),
    [
      'Email,First Name,Last Name,Title,Company,consent_email',
      'dana@acme.com,Dana,Kim,VP of Sales,Acme,yes',
      'lee@acme.com,Lee,Park,IT Director,Acme,yes',
      'bo@tiny.io,Bo,Lo,Founder,Tiny,yes',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'accounts.csv'),
    [
      'Domain,Company,Industry,Employees,Country',
      'acme.com,Acme,Software,400,US',
      'tiny.io,Tiny,Retail,5,US',
      ',No Domain,Software,100,US',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'q4.yaml'),
    campaignYaml({ mode: 'review' }).replace(
      'targets: { domains: [placeholder.example] }',
      'targets: { file: accounts.csv }',
    ),
  );
  expect((await runCli(db, 'import', join(dir, 'leads.csv'))).code).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true });
});

it('creates, prepares, approves, sends over SMTP and reports a campaign from the command line', async () => {
  const created = await runCli(db, 'campaign', 'create', join(dir, 'q4.yaml'));
  expect(created).toMatchObject({
    code: 0,
    out: 'campaign q4 created (review mode); next: leadsift campaign prepare q4',
  });
  const prepared = await runCli(db, 'campaign', 'prepare', 'q4');
  expect(prepared.code).toBe(0);
  expect(prepared.err).toMatch(/accounts\.csv:4: no domain or website/);
  expect(prepared.out).toMatch(/account tiny\.io skipped: not qualified: company fit/);
  expect(prepared.out).toMatch(/Lee Park at acme\.com skipped: fits no persona/);
  expect(prepared.out).toMatch(
    /2 accounts: 1 reached, 1 contacts, 1 first messages written \(awaiting approval/,
  );

  const received: InboundMessage[] = [];
  const smtp = await startSmtpListener({
    host: '127.0.0.1',
    port: 0,
    domains: ['acme.com'],
    clock: systemClock,
    onMessage: (m) => Promise.resolve(void received.push(m)),
  });
  try {
    const run = [
      'campaign',
      'run',
      'q4',
      '--smtp',
      `127.0.0.1:${smtp.port}`,
      '--unsubscribe-url',
      'https://ls.example',
      '--once',
    ];
    expect((await runCli(db, ...run)).out).toMatch(/^0 sent; not started/);
    expect((await runCli(db, 'campaign', 'resume', 'q4')).code).toBe(0);
    expect((await runCli(db, ...run)).out).toMatch(/^0 sent/);
    expect(received).toHaveLength(0);
    expect((await runCli(db, 'campaign', 'approve', 'q4', '--all')).out).toBe('1 of 1 messages approved');
    // Sending days and quiet hours are real here: the message goes only if this is a sending hour.
    const sent = await runCli(db, ...run);
    expect(sent.code).toBe(0);
    expect(received.length).toBe(Number(/^(\d) sent/.exec(sent.out)?.[1]));
    for (const m of received)
      expect(m.text).toMatch(/Unsubscribe with one click: https:\/\/ls\.example\/v1\/unsubscribe\//);
  } finally {
    await smtp.close();
  }
  expect((await runCli(db, 'campaign', 'pause', 'q4', '--reason', 'copy review')).out).toBe(
    'campaign q4 paused',
  );
  const results = await runCli(db, 'campaign', 'results', 'q4');
  expect(results.out).toMatch(/^Test campaign \(q4\) — review, paused: copy review/);
  expect(results.out).toMatch(/accounts\s+2 targeted, 1 qualified/);
  const json = JSON.parse((await runCli(db, 'campaign', 'results', 'q4', '--json')).out) as {
    contacts: { found: number };
  };
  expect(json.contacts.found).toBe(2);
  expect((await runCli(db, 'campaign', 'results', 'nope')).code).not.toBe(0);
});

it('targets the stored accounts when the campaign says stored: true, each pre-qualified on what is known of it', async () => {
  await writeFile(
    join(dir, 'stored.yaml'),
    campaignYaml({ mode: 'autonomous' }).replace(
      'targets: { domains: [placeholder.example] }',
      'targets: { stored: true }',
    ),
  );
  expect((await runCli(db, 'campaign', 'create', join(dir, 'stored.yaml'))).code).toBe(0);
  const prepared = await runCli(db, 'campaign', 'prepare', 'stored');
  expect(prepared.code).toBe(0);
  // The imported leads name their companies but not their industry or size: nobody is written to blind.
  expect(prepared.out).toMatch(/account acme\.com skipped: not qualified: no firmographics known/);
  expect(prepared.out).toMatch(/account tiny\.io skipped/);
  expect(prepared.out).toMatch(/2 accounts: 0 reached, 0 contacts, 0 first messages written$/);
});

it('prepares with --llm: the model writes the first message when the guard lets it through, and the output says so', async () => {
  const llm = await startLlmServer('openai', [
    {
      answer: {
        subject: 'Lead routing at Acme',
        body: 'Hi Dana,\n\nDo hot leads at Acme wait between the form and the first call? Worth a look?\n\nDana Kim',
      },
    },
  ]);
  const env = { base: process.env['LEADSIFT_LLM_BASE_URL'], key: process.env['OPENAI_API_KEY'] };
  process.env['LEADSIFT_LLM_BASE_URL'] = `${llm.base}/v1`;
  process.env['OPENAI_API_KEY'] = 'sk-test';
  try {
    expect((await runCli(db, 'campaign', 'create', join(dir, 'q4.yaml'), '--id', 'q4-llm')).code).toBe(0);
    const prepared = await runCli(db, 'campaign', 'prepare', 'q4-llm', '--llm', 'openai-compatible:local');
    expect(prepared.code).toBe(0);
    expect(prepared.out).toMatch(/openai-compatible:local: 1 of 1 pending messages written by the model\n/);
    expect(prepared.out).toMatch(
      / {2}1 model calls \(0 from the cache, 0 failed\), \d+ input and \d+ output tokens$/,
    );
    expect(llm.bodies()).toHaveLength(1);
  } finally {
    for (const [name, value] of [
      ['LEADSIFT_LLM_BASE_URL', env.base],
      ['OPENAI_API_KEY', env.key],
    ] as const)
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    await llm.close();
  }
});
