import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../channels/channel-message.js';
import { parseChannelsConfig } from '../channels/channels-config.js';
import { startSmtpListener } from '../channels/email/smtp-listener.js';
import { fixedClock } from '../domain/clock.js';
import { parseHygieneConfig } from '../hygiene/hygiene-config.js';
import { intakeJsonLeads } from '../intake/intake-json-leads.js';
import { activateCriteriaText, startService } from '../service/start-service.js';
import { until } from '../test-support/until.js';
import { handClock, storeLeadsAt } from '../learning/test-support/dated-leads.js';
import { createTestDatabase, describeStores, type TestDatabase } from '../test-support/describe-stores.js';
import { runCli } from '../test-support/run-cli.js';
import { resolveScheduleSettings, scheduledTasks, startScheduleFor } from './schedule-options.js';

const FILE = parseHygieneConfig(
  [
    'reevaluate:',
    "  schedule: '15 2 * * *'",
    '  silentDays: 45',
    '  minScoreChange: 8',
    'retrain:',
    "  schedule: '0 5 * * 0'",
    '  minAucGain: 0.02',
    '  maxLoglossLoss: 0.005',
    'drift:',
    "  schedule: '0 6 * * *'",
    '  recentDays: 14',
  ].join('\n'),
  'hygiene.yaml',
);

describe('the scheduled tasks’ settings', () => {
  it('are the defaults with neither a hygiene file nor options', () => {
    const settings = resolveScheduleSettings({ schedule: true }, undefined);
    expect(settings).toEqual({
      schedule: true,
      reevaluate: {
        schedule: { cron: '0 3 * * *' },
        options: { silentDays: 60, minScoreChange: 5, batch: 1000 },
      },
      retrain: { schedule: { cron: '0 4 * * 1' }, options: { margin: { auc: 0.01, logloss: 0.01 } } },
      drift: { schedule: { cron: '30 4 * * *' }, options: {} },
    });
  });

  it('take the hygiene file’s values, and an option given on the command line wins over the file', () => {
    const fromFile = resolveScheduleSettings({ schedule: true }, FILE);
    expect(fromFile.reevaluate).toEqual({
      schedule: { cron: '15 2 * * *' },
      options: { silentDays: 45, minScoreChange: 8, batch: 1000 },
    });
    expect(fromFile.retrain.options.margin).toEqual({ auc: 0.02, logloss: 0.005 });
    expect(fromFile.drift).toEqual({ schedule: { cron: '0 6 * * *' }, options: { recentDays: 14 } });
    const overridden = resolveScheduleSettings(
      { schedule: true, reevaluate: '0 1 * * *', silentDays: 90, minScoreChange: 0 },
      FILE,
    );
    expect(overridden.reevaluate).toEqual({
      schedule: { cron: '0 1 * * *' },
      options: { silentDays: 90, minScoreChange: 0, batch: 1000 },
    });
    // The tasks a process registers run on those schedules.
    expect(scheduledTasks(overridden, { model: true }).map((task) => [task.name, task.schedule])).toEqual([
      ['reevaluate-leads', { cron: '0 1 * * *' }],
      ['retrain-model', { cron: '0 5 * * 0' }],
      ['check-drift', { cron: '0 6 * * *' }],
      ['deliver-alerts', { every: 300_000 }],
      ['draw-audit-sample', { every: 900_000 }],
    ]);
  });
});

describeStores('the scheduled drift check with a hygiene file’s thresholds', (t) => {
  it('raises the alert the file’s stricter rate threshold asks for, where the defaults raise none', async () => {
    const clock = handClock('2026-01-10T09:00:00.000Z');
    const store = await t.open({ clock });
    const before = await storeLeadsAt(store, clock, '2026-01-10T09:00:00.000Z', 'a', 300, 0.12);
    const after = await storeLeadsAt(store, clock, '2026-04-20T09:00:00.000Z', 'b', 300, 0.12);
    const outcomes = (ids: readonly string[], at: string, accepted: number) =>
      ids.map((leadId, i) => ({
        leadId,
        type: i < accepted ? ('accepted' as const) : ('rejected' as const),
        occurredAt: at,
        source: 'test',
      }));
    // AE acceptance 240 of 300, then 216 of 300: 8 points.
    await store.leads.addOutcomes([
      ...outcomes(before, '2026-01-10T09:00:00.000Z', 240),
      ...outcomes(after, '2026-04-20T09:00:00.000Z', 216),
    ]);
    const driftTask = (file: string) =>
      scheduledTasks(resolveScheduleSettings({ schedule: true }, parseHygieneConfig(file, 'h.yaml')), {
        model: false,
      }).find((task) => task.name === 'check-drift');
    const run = (file: string) =>
      driftTask(file)?.run(
        {
          store,
          clock,
          due: '2026-05-01T00:00:00.000Z',
          signal: new AbortController().signal,
          log: () => {},
        },
        '2026-05-01T00:00:00.000Z',
      );
    expect(await run('drift: { repeatDays: 1 }')).toMatchObject({ raised: [], found: 0 });
    expect(await run('drift:\n  thresholds:\n    rate:\n      moderate: { points: 5 }\n')).toMatchObject({
      raised: ['AE acceptance rate fell from 80 % to 72 % since training (240 of 300, then 216 of 300)'],
      found: 1,
    });
  });
});

describeStores('the scheduler of a process running conversations', (t) => {
  it('has the agent write first to a lead its re-evaluation moves to needs_info', async () => {
    const clock = fixedClock('2026-03-10T10:00:00Z');
    const mailbox: InboundMessage[] = [];
    const relay = await startSmtpListener({
      host: '127.0.0.1',
      port: 0,
      domains: ['acme-robotics.com'],
      clock,
      onMessage: async (message) => void mailbox.push(message),
    });
    const config = parseChannelsConfig(
      `knowledge: knowledge\nemail:\n  from: Dana at Acme <dana@replies.acme.example>\n  messageIdDomain: acme.example\n  smtp: { host: 127.0.0.1, port: ${relay.port}, verifyTls: false, timeoutMs: 5000 }\n`,
      'conversations.yaml',
    );
    const conversations = {
      config,
      secrets: {},
      baseDir: fileURLToPath(new URL('../../examples', import.meta.url)),
    };
    const bant = readFileSync(new URL('../../examples/criteria/bant.yaml', import.meta.url), 'utf8');
    const service = await startService({
      store: t.store,
      clock,
      criteria: { text: bant, fileName: 'bant.yaml' },
      conversations,
      app: { logLevel: false },
      pollMs: 25,
      refreshMs: 0,
    });
    try {
      const { store } = service;
      const { accepted } = intakeJsonLeads(
        [
          {
            email: 'dana@acme-robotics.com',
            name: 'Dana Kim',
            title: 'VP of Sales',
            website: 'acme-robotics.com',
            industry: 'Software',
            employees: '450',
            country: 'US',
          },
        ],
        { origin: 'test', receivedAt: '2026-03-10T10:00:00Z' },
      );
      const [dana] = (await store.leads.upsertLeads(accepted.map((a) => a.draft))).map((r) => r.id);
      await store.leads.addActivities(
        ['2026-03-08T10:00:00Z', '2026-03-09T10:00:00Z'].map((occurredAt) => ({
          leadId: dana!,
          type: 'demo_request' as const,
          occurredAt,
          properties: {},
          source: 'api',
        })),
      );
      await store.service.requalify([dana!], 'test', '2026-03-10T10:00:00Z');
      const decided = await until('Dana is decided', async () => {
        const decisions = await store.leads.listDecisions(dana!);
        return decisions.length === 1 ? decisions : undefined;
      });
      expect(decided.map((d) => d.verdict)).toEqual(['qualified']);
      await activateCriteriaText(
        store,
        bant.replace('required:\n', 'required:\n  - { fact: company.revenue, how: ask }\n'),
        'bant-revenue.yaml',
        'test',
      );
      // As serve and worker start it with --conversations: the first look runs the tasks at once.
      const scheduler = startScheduleFor(
        { store, clock },
        { ...resolveScheduleSettings({ schedule: true }, undefined), model: false },
        { worker: 'test', conversations, log: () => {} },
      );
      try {
        const first = await until('the first question', async () => mailbox[0]);
        expect(first).toMatchObject({ to: 'dana@acme-robotics.com', subject: 'A quick question, Dana' });
        expect((await store.leads.listDecisions(dana!)).map((d) => d.verdict)).toEqual([
          'qualified',
          'needs_info',
        ]);
      } finally {
        await scheduler?.stop();
      }
    } finally {
      await service.close();
      await relay.close();
    }
  });
});

describe('leadsift worker --hygiene', () => {
  let database: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    dir = await mkdtemp(join(tmpdir(), 'leadsift-hygiene-'));
  });
  afterEach(async () => {
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a bad hygiene file before starting, naming its line, field and expected form', async () => {
    const path = join(dir, 'hygiene.yaml');
    await writeFile(path, 'reevaluate:\n  silentDays: 60\nretrain:\n  minAucGain: 1.5\n');
    const run = await runCli(database.url, 'worker', '--hygiene', path);
    expect(run.code).toBe(78);
    expect(run.err).toContain('hygiene.yaml:4: retrain.minAucGain: expected a number from 0 to 1');
  });
});
