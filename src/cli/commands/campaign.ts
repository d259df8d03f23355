import { randomBytes, randomUUID } from 'node:crypto';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { StoreHandle } from '../../adapters/storage/open-store.js';
import { createEmailSender } from '../../channels/email/send-email.js';
import { loadCriteria, parseCriteria, type LoadedCriteria } from '../../criteria/load-criteria.js';
import { AppError } from '../../domain/app-error.js';
import type { Clock } from '../../domain/clock.js';
import { createLlmClient, llmSettingsFromEnv } from '../../llm/index.js';
import type { CampaignLlm } from '../../outbound/llm-campaign.js';
import { describePlaybooks } from '../../outbound/llm-campaign.js';
import { describeAuthorship } from '../../outbound/llm-write-message.js';
import { createProviderCaller } from '../../enrichment/call-provider.js';
import { loadProviders } from '../../enrichment/load-providers.js';
import { loadProvidersConfig } from '../../enrichment/providers-config.js';
import { loadCampaign } from '../../outbound/campaign-config.js';
import { campaignResults, type CampaignResults } from '../../outbound/campaign-results.js';
import { createHttpPeopleSearch, loadPeopleSearchConfig } from '../../outbound/people-search.js';
import { prepareCampaign } from '../../outbound/prepare-campaign.js';
import { streamTargetAccounts } from '../../outbound/read-target-accounts.js';
import { storedTargetAccounts } from '../../outbound/stored-target-accounts.js';
import {
  createCampaign,
  decideMessages,
  pauseCampaign,
  resumeCampaign,
  runCampaign,
} from '../../outbound/run-campaign.js';
import type { CliContext } from '../cli-context.js';

const TEMPLATE = fileURLToPath(new URL('../../../examples/criteria/bant.yaml', import.meta.url));
const ACTOR = process.env['USER'] ?? 'cli';

const criteriaFor = async (store: StoreHandle, file: string | undefined): Promise<LoadedCriteria> => {
  if (file !== undefined) return loadCriteria(file);
  const active = await store.service.activeCriteria();
  return active === undefined
    ? loadCriteria(TEMPLATE)
    : parseCriteria(active.text, `criteria ${active.version}`);
};

const LLM_HELP =
  'a model writing the messages from the stored facts (each checked against them; the template otherwise) and classifying replies: openai:<model>, anthropic:<model>, ollama:<model> or openai-compatible:<model> (keys from OPENAI_API_KEY / ANTHROPIC_API_KEY, server from LEADSIFT_LLM_BASE_URL; answers cached in the database)';

/** The campaign's model for `--llm`, its answers cached in the store; undefined without it. */
const campaignLlm = (
  spec: string | undefined,
  store: StoreHandle,
  clock: Clock,
  criteria: () => Promise<LoadedCriteria>,
): CampaignLlm | undefined =>
  spec === undefined
    ? undefined
    : {
        // The campaign's playbook's description is what the messages may claim, beside its pitch.
        playbookDescription: describePlaybooks(criteria),
        client: createLlmClient(spec, {
          ...llmSettingsFromEnv(spec, process.env),
          cache: store.llmCache,
          clock,
          timeoutMs: 30_000,
          retries: 1,
        }),
      };

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** A campaign's results as text. */
export const formatResults = (r: CampaignResults): string => {
  const classes = Object.entries(r.replies.byClass)
    .filter(([, v]) => v.count > 0)
    .map(([k, v]) => `${k.replace('_', ' ')} ${v.count} (${pct(v.rate)})`);
  return [
    `${r.name} (${r.campaignId}) — ${r.mode}, ${r.status}${r.pauseReason === undefined ? '' : `: ${r.pauseReason}`}`,
    `  accounts   ${r.accounts.targeted} targeted, ${r.accounts.qualified} qualified, ${r.accounts.reached} reached`,
    `  contacts   ${r.contacts.found} found, ${r.contacts.inSequence} in sequence, ${r.contacts.skipped} skipped, ${r.contacts.referred} referred`,
    ...Object.entries(r.contacts.skippedFor).map(([reason, count]) => `    skipped  ${count} ${reason}`),
    `  messages   ${r.messages.sent} sent, ${r.messages.awaitingApproval} awaiting approval, ${r.messages.queued} queued, ${r.messages.failed} failed`,
    `  replies    ${r.replies.contacts} (${pct(r.replies.rate)})${classes.length === 0 ? '' : `: ${classes.join(', ')}`}`,
    `  outcomes   ${r.qualifiedLeads} qualified leads, ${r.meetingsBooked} meetings booked${r.hoursToMeeting.median === undefined ? '' : `, median ${r.hoursToMeeting.median} h from first message to the meeting (its start)`}`,
    `  suppressed ${r.suppressed}`,
  ].join('\n');
};

/** `leadsift campaign <create|prepare|run|approve|pause|resume|results>`: outbound campaigns (issue 11). */
export const registerCampaign = (program: Command, { container, output, run }: CliContext): void => {
  const campaign = program
    .command('campaign')
    .description('outbound campaigns: create, prepare, approve, run, pause, resume, results');

  campaign
    .command('create')
    .description('store a campaign from its YAML file (see examples/campaigns), as a draft to prepare')
    .argument('<file>', 'the campaign YAML')
    .option('--id <id>', 'the campaign id (default: the file name)')
    .action((file: string, o: { id?: string }) =>
      run(async () => {
        const c = container();
        const store = await c.store();
        const config = await loadCampaign(file);
        // The targets file is read later, from wherever the command runs: keep it absolute.
        const target = config.targets.file;
        const resolved =
          target === undefined || isAbsolute(target)
            ? config
            : { ...config, targets: { ...config.targets, file: resolve(dirname(file), target) } };
        const id =
          o.id ??
          basename(file, extname(file))
            .toLowerCase()
            .replace(/[^a-z0-9_-]+/g, '-');
        await createCampaign({ store: store.outbound }, { id, config: resolved }, ACTOR);
        output.out(`campaign ${id} created (${config.mode} mode); next: leadsift campaign prepare ${id}`);
      }),
    );

  campaign
    .command('prepare')
    .description(
      'pre-qualify the target accounts, find contacts through the people search and the enrichment waterfall, and write the first messages',
    )
    .argument('<id>')
    .option('--providers <file>', 'the enrichment waterfall YAML (as for leadsift enrich)')
    .option('--people <file>', 'the people-search vendor YAML (url with {domain}, list path, fields)')
    .option('--criteria <file>', 'criteria YAML (default: the active criteria, else the BANT template)')
    .option('--llm <spec>', LLM_HELP)
    .action((id: string, o: { providers?: string; people?: string; criteria?: string; llm?: string }) =>
      run(async () => {
        const c = container();
        const store = await c.store();
        const record = await store.outbound.getCampaign(id);
        if (record === undefined) throw new AppError('NOT_FOUND', { message: `no campaign ${id}` });
        // The listed accounts streamed as the file is read, then the stored ones not listed.
        const receivedAt = new Date(c.clock.now()).toISOString();
        const targets = async function* () {
          const named = new Set<string>();
          for await (const a of streamTargetAccounts(record.config.targets, receivedAt, (p) =>
            output.err(`skipped: ${p}`),
          )) {
            named.add(a.domain);
            yield a;
          }
          if (record.config.targets.stored === true)
            for (const a of await storedTargetAccounts(store.leads)) if (!named.has(a.domain)) yield a;
        };
        const providersConfig =
          o.providers === undefined ? undefined : await loadProvidersConfig(o.providers);
        const providers =
          providersConfig === undefined || o.providers === undefined
            ? undefined
            : await loadProviders(providersConfig, {
                configPath: o.providers,
                env: process.env,
                knownEmails: () => [],
              });
        const criteria = await criteriaFor(store, o.criteria);
        const llm = campaignLlm(o.llm, store, c.clock, async () => criteria);
        const report = await prepareCampaign(
          {
            ...(llm === undefined ? {} : { llm }),
            store: store.outbound,
            leads: store.leads,
            clock: c.clock,
            newId: randomUUID,
            newToken: () => randomBytes(16).toString('base64url'),
            criteria,
            ...(o.people === undefined
              ? {}
              : { people: createHttpPeopleSearch(await loadPeopleSearchConfig(o.people), process.env) }),
            ...(providers === undefined || providersConfig === undefined
              ? {}
              : {
                  waterfall: {
                    deps: {
                      callers: providers.map((p) => createProviderCaller(p)),
                      cache: store.enrichmentCache,
                      clock: c.clock,
                    },
                    options: { minConfidence: providersConfig.minConfidence },
                    budget: { remainingCents: providersConfig.budget.perRunCents ?? Infinity },
                  },
                }),
          },
          id,
          targets(),
        );
        for (const a of report.failedAccounts) output.err(`  account ${a.domain} failed: ${a.reason}`);
        for (const a of report.skippedAccounts) output.out(`  account ${a.domain} skipped: ${a.reason}`);
        for (const p of report.skippedContacts) output.out(`  ${p.who} at ${p.domain} skipped: ${p.reason}`);
        if (report.resumed > 0 || report.failed > 0)
          output.out(
            `${report.resumed} accounts prepared by an earlier run; ${report.skipped} skipped, ${report.failed} failed` +
              (report.failed > 0 ? ` (run leadsift campaign prepare ${id} again to retry them)` : ''),
          );
        output.out(
          `${report.accounts} accounts: ${report.reached} reached, ${report.contacts} contacts, ${report.messages} first messages written` +
            (record.config.mode === 'review' ? ' (awaiting approval: leadsift campaign approve)' : ''),
        );
        if (llm !== undefined) {
          const pending = [
            ...(await store.outbound.listMessages(id, { status: 'awaiting_approval' })),
            ...(await store.outbound.listMessages(id, { status: 'queued' })),
          ];
          output.out(describeAuthorship(pending, llm.client.model));
          const t = llm.client.totals();
          output.out(
            `  ${t.requests} model calls (${t.cacheHits} from the cache, ${t.failures} failed), ${t.inputTokens} input and ${t.outputTokens} output tokens${t.costUsd === undefined ? '' : `, $${t.costUsd.toFixed(4)}`}`,
          );
        }
      }),
    );

  campaign
    .command('approve')
    .description('approve (or reject) messages awaiting approval: the ids given, or every one with --all')
    .argument('<id>')
    .argument('[messages...]', 'message ids')
    .option('--all', 'every message awaiting approval')
    .option('--reject', 'reject instead of approve')
    .action((id: string, ids: string[], o: { all?: boolean; reject?: boolean }) =>
      run(async () => {
        const store = await container().store();
        const chosen =
          o.all === true
            ? (await store.outbound.listMessages(id, { status: 'awaiting_approval' })).map((m) => m.id)
            : ids;
        if (chosen.length === 0)
          throw new AppError('INPUT_INVALID', { message: 'name message ids, or pass --all' });
        const results = await decideMessages(
          { store: store.outbound },
          id,
          chosen,
          o.reject === true ? 'reject' : 'approve',
          ACTOR,
        );
        for (const r of results) if (!r.ok) output.err(`${r.id}: ${r.error}`);
        output.out(
          `${results.filter((r) => r.ok).length} of ${results.length} messages ${o.reject === true ? 'rejected' : 'approved'}`,
        );
        return results.every((r) => r.ok) ? 0 : 1;
      }),
    );

  for (const [name, act] of [
    [
      'pause',
      (store: StoreHandle, id: string, reason?: string) =>
        pauseCampaign({ store: store.outbound }, id, ACTOR, reason),
    ],
    ['resume', (store: StoreHandle, id: string) => resumeCampaign({ store: store.outbound }, id, ACTOR)],
  ] as const)
    campaign
      .command(name)
      .description(
        name === 'pause' ? 'stop sending until resumed' : 'start or resume sending (a prepared campaign)',
      )
      .argument('<id>')
      .option('--reason <text>', 'why (pause)')
      .action((id: string, o: { reason?: string }) =>
        run(async () => {
          await act(await container().store(), id, o.reason);
          output.out(`campaign ${id} ${name === 'pause' ? 'paused' : 'active'}`);
        }),
      );

  campaign
    .command('run')
    .description(
      'send what is due within the limits, over SMTP, until stopped (Ctrl-C) or with --once one round',
    )
    .argument('<id>')
    .requiredOption('--smtp <host:port>', 'the SMTP relay')
    .requiredOption(
      '--unsubscribe-url <base>',
      'the service address unsubscribe links point to, e.g. https://leadsift.example.com',
    )
    .option('--once', 'one round, then exit')
    .option('--llm <spec>', LLM_HELP)
    .action((id: string, o: { smtp: string; unsubscribeUrl: string; once?: boolean; llm?: string }) =>
      run(async () => {
        const c = container();
        const store = await c.store();
        const record = await store.outbound.getCampaign(id);
        if (record === undefined) throw new AppError('NOT_FOUND', { message: `no campaign ${id}` });
        const [host = '', port = '25'] = o.smtp.split(':');
        const from = record.config.sender;
        const sender = createEmailSender(
          {
            host,
            port: Number(port),
            from: `${from.name} <${from.email}>`,
            messageIdDomain: from.email.split('@')[1] ?? 'leadsift.invalid',
          },
          { clock: c.clock, newId: randomUUID },
        );
        let stopped = false;
        process.once('SIGINT', () => (stopped = true));
        try {
          const llm = campaignLlm(o.llm, store, c.clock, () => criteriaFor(store, undefined));
          const rounds = await runCampaign(
            {
              ...(llm === undefined ? {} : { llm }),
              store: store.outbound,
              leads: store.leads,
              clock: c.clock,
              newId: randomUUID,
              newToken: () => randomBytes(16).toString('base64url'),
              sender,
              unsubscribeUrl: (token) => `${o.unsubscribeUrl.replace(/\/$/, '')}/v1/unsubscribe/${token}`,
            },
            id,
            async (ms) => {
              if (o.once === true || stopped) return false;
              await new Promise((r) => setTimeout(r, Math.min(Math.max(0, ms - c.clock.now()), 60_000)));
              return !stopped;
            },
            Infinity,
          );
          const sent = rounds.reduce((n, r) => n + r.sent, 0);
          const last = rounds.at(-1);
          output.out(
            `${sent} sent${last?.held === undefined ? '' : `; ${last.held}`}${last?.nextAt === undefined ? '' : `; next at ${last.nextAt}`}`,
          );
        } finally {
          sender.close();
        }
      }),
    );

  campaign
    .command('results')
    .description(
      'accounts reached, contacts found, messages sent, reply rate by class, qualified leads, meetings booked',
    )
    .argument('[id]', 'a campaign (default: every campaign)')
    .option('--json', 'print JSON')
    .action((id: string | undefined, o: { json?: boolean }) =>
      run(async () => {
        const store = await container().store();
        const ids = id === undefined ? (await store.outbound.listCampaigns()).map((x) => x.id) : [id];
        const all: CampaignResults[] = [];
        for (const one of ids) {
          const r = await campaignResults({ store: store.outbound, conversations: store.conversations }, one);
          if (r === undefined) throw new AppError('NOT_FOUND', { message: `no campaign ${one}` });
          all.push(r);
        }
        output.out(
          o.json === true
            ? JSON.stringify(id === undefined ? all : all[0], null, 2)
            : all.map(formatResults).join('\n\n') || 'no campaigns yet',
        );
      }),
    );
};
