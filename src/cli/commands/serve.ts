import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadActionsConfig } from '../../actions/actions-config.js';
import { resolveActionsConfig } from '../../actions/resolve-actions-config.js';
import type { ResolvedActions } from '../../actions/resolve-actions-config.js';
import { AppError } from '../../domain/app-error.js';
import { formatCount } from '../../domain/format-count.js';
import { startWorker } from '../../jobs/run-worker.js';
import { createActiveSetup } from '../../service/active-setup.js';
import { loadPipelineEnrichment } from '../../service/load-enrichment.js';
import { SCOPES } from '../../service/service-store.js';
import type { Scope } from '../../service/service-store.js';
import { activateCriteriaText, pipelineHandlers, startService } from '../../service/start-service.js';
import { loadChannelSetup } from '../../service/load-channel-setup.js';
import { openChannels } from '../../service/open-channels.js';
import { sendCampaignsTask } from '../../service/send-campaigns-task.js';
import type { LlmClient } from '../../llm/index.js';
import type { CampaignLlm } from '../../outbound/llm-campaign.js';
import type { CliContext } from '../cli-context.js';
import { wholeNumber } from '../whole-number.js';
import { addLlmOptions, llmScorerFor, type LlmOptions } from '../llm-options.js';
import { untilStopped } from '../until-stopped.js';
import {
  addScheduleOptions,
  readScheduleSettings,
  startScheduleFor,
  type ScheduleOptions,
} from '../schedule-options.js';
import { DELIVERY_JOB_KINDS } from '../../pipeline/qualify-jobs.js';

/** The criteria a fresh service starts with when given none: the BANT template shipped with leadsift. */
export const DEFAULT_CRITERIA_PATH = fileURLToPath(
  new URL('../../../examples/criteria/bant.yaml', import.meta.url),
);

const readActions = async (
  path: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<ResolvedActions | undefined> =>
  path === undefined ? undefined : resolveActionsConfig(await loadActionsConfig(path), env);

const parseScopes = (text: string): Scope[] => {
  const scopes = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0 || scopes.length === 0) {
    throw new AppError('INPUT_INVALID', {
      message: `--scopes: ${unknown.length > 0 ? `unknown ${unknown.join(', ')}` : 'give at least one'}; expected a comma-separated list of ${SCOPES.join(', ')}`,
      details: { field: '--scopes' },
    });
  }
  return scopes as Scope[];
};

const DEFAULT_SCOPES = 'leads:read,leads:write,events:write,outcomes:write';

/**
 * The service's LLM limits: a call ends well within a qualify job's lease, and a lead waits for
 * at most one retry; a failure is recorded on the lead and the pipeline goes on.
 */
const SERVICE_LLM_LIMITS = { timeoutMs: 30_000, retries: 1 } as const;

/** The campaigns' model (`--llm`): the scorer's client writes messages and classifies replies. */
const campaignLlmOf = (llm: { readonly client: LlmClient } | undefined): CampaignLlm | undefined =>
  llm === undefined ? undefined : { client: llm.client };

/** `leadsift serve`, `leadsift worker`, `leadsift keys …` and `leadsift deliveries …`. */
export const registerServe = (program: Command, { container, output, run }: CliContext): void => {
  const serve = program.command('serve');
  addLlmOptions(serve);
  addScheduleOptions(serve);
  serve
    .description('run the HTTP API (and, unless --no-worker, the qualification pipeline) until stopped')
    .option('--criteria <file>', 'criteria to activate at start (kept as a new version when changed)')
    .option('--actions <file>', 'webhooks and CRM write-back (see examples/actions/actions.yaml)')
    .option('--providers <file>', 'enrich each new lead before qualifying it (see examples/providers)')
    .option('--conversations <file>', 'chat, email and SMS with the agent (see examples/conversations.yaml)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', wholeNumber('port'), 8080)
    .option('--no-worker', 'do not run the pipeline here (run `leadsift worker` processes instead)')
    .option('--no-model', 'score with the rules only, even when a model is active')
    .option('--log-level <level>', 'info, warn, error or debug', 'info')
    .action(
      (
        o: LlmOptions &
          ScheduleOptions & {
            criteria?: string;
            actions?: string;
            providers?: string;
            conversations?: string;
            host: string;
            port: number;
            worker: boolean;
            model: boolean;
            logLevel: string;
          },
      ) =>
        run(async () => {
          const { config } = container();
          const logLevel = (['info', 'warn', 'error', 'debug'] as const).find((l) => l === o.logLevel);
          if (logLevel === undefined) {
            throw new AppError('INPUT_INVALID', {
              message: `--log-level: expected info, warn, error or debug, got ${o.logLevel}`,
            });
          }
          const actions = await readActions(o.actions, process.env);
          const schedule = { ...(await readScheduleSettings(o)), model: o.model };
          const conversations =
            o.conversations === undefined ? undefined : await loadChannelSetup(o.conversations, process.env);
          let criteria: { text: string; fileName: string } | undefined;
          if (o.criteria !== undefined)
            criteria = { text: await readFile(o.criteria, 'utf8'), fileName: o.criteria };
          const store = await container().store();
          const enrichment =
            o.providers === undefined
              ? undefined
              : await loadPipelineEnrichment(o.providers, store, process.env);
          const llm = llmScorerFor(
            o,
            { cache: store.llmCache, clock: container().clock, env: process.env },
            SERVICE_LLM_LIMITS,
          );
          const service = await startService({
            store,
            clock: container().clock,
            ...(llm === undefined ? {} : { llm }),
            ...(enrichment === undefined ? {} : { enrichment }),
            ...(criteria === undefined ? {} : { criteria }),
            ...(actions === undefined ? {} : { actions }),
            ...(conversations === undefined ? {} : { conversations }),
            worker: o.worker,
            useModel: o.model,
            listen: { host: o.host, port: o.port },
            app: { logLevel },
            ...(config.defaultCountry === undefined ? {} : { defaultCountry: config.defaultCountry }),
            ...(config.sessionSecret === undefined ? {} : { sessionSecret: config.sessionSecret }),
            onError: (error) =>
              output.err(`leadsift: worker: ${error instanceof Error ? error.message : String(error)}`),
          });
          if ((await service.store.service.activeCriteria()) === undefined) {
            const text = await readFile(DEFAULT_CRITERIA_PATH, 'utf8');
            await activateCriteriaText(service.store, text, 'bant.yaml', 'leadsift serve');
            output.err(
              'No criteria were active: using the BANT template (examples/criteria/bant.yaml); PUT /v1/criteria or pass --criteria to change it.',
            );
          }
          output.err(
            `leadsift is serving on ${service.url ?? ''} (${service.store.dialect}; pipeline ${o.worker ? 'in this process' : 'in separate `leadsift worker` processes'}${llm === undefined ? '' : `; LLM ${llm.client.model}, policy ${llm.policy}`}). API docs: ${service.url ?? ''}/docs`,
          );
          // Scheduled tasks run where the pipeline runs (here, or in each `leadsift worker`).
          const scheduler = o.worker
            ? startScheduleFor({ store: service.store, clock: container().clock }, schedule, {
                worker: `${hostname()}:${process.pid}:serve`,
                ...(actions === undefined ? {} : { actions }),
                ...(conversations === undefined
                  ? {}
                  : {
                      conversations,
                      extra: [sendCampaignsTask(conversations, undefined, campaignLlmOf(llm))],
                    }),
                log: (line) => output.err(`leadsift: ${line}`),
              })
            : undefined;
          const signal = await untilStopped();
          output.err(`leadsift: ${signal}: finishing the jobs in hand and stopping`);
          await scheduler?.stop();
          await service.close();
        }),
    );

  const workerCommand = program.command('worker');
  addLlmOptions(workerCommand);
  addScheduleOptions(workerCommand);
  workerCommand
    .description(
      'run the qualification pipeline (qualify, webhooks, CRM) in this process, beside `serve --no-worker`',
    )
    .option('--actions <file>', 'webhooks and CRM write-back (the same file as the server)')
    .option('--providers <file>', 'enrichment providers (the same file as the server)')
    .option('--conversations <file>', 'the conversations file (the same file as the server)')
    .option('--no-model', 'score with the rules only, even when a model is active')
    .option('--batch <n>', 'leads qualified per transaction', wholeNumber('batch'), 100)
    .option('--deliveries <n>', 'webhook and CRM calls in flight', wholeNumber('deliveries'), 64)
    .option('--poll-ms <ms>', 'longest pause between looks at the queue', wholeNumber('poll-ms'), 100)
    .option(
      '--lease-ms <ms>',
      'how long this worker holds a job; a crashed worker’s jobs are taken over after it',
      wholeNumber('lease-ms'),
      30_000,
    )
    .action(
      (
        o: LlmOptions &
          ScheduleOptions & {
            actions?: string;
            providers?: string;
            conversations?: string;
            model: boolean;
            batch: number;
            deliveries: number;
            pollMs: number;
            leaseMs: number;
          },
      ) =>
        run(async () => {
          const { clock } = container();
          const store = await container().store();
          const actions = await readActions(o.actions, process.env);
          const schedule = { ...(await readScheduleSettings(o)), model: o.model };
          const setup = createActiveSetup({ store, clock }, { refreshMs: 5_000, useModel: o.model });
          const enrichment =
            o.providers === undefined
              ? undefined
              : await loadPipelineEnrichment(o.providers, store, process.env);
          const llm = llmScorerFor(o, { cache: store.llmCache, clock, env: process.env }, SERVICE_LLM_LIMITS);
          const name = `${hostname()}:${process.pid}:worker`;
          let qualified = 0;
          const conversations =
            o.conversations === undefined ? undefined : await loadChannelSetup(o.conversations, process.env);
          const channels =
            conversations === undefined
              ? undefined
              : await openChannels(store, setup, conversations, {
                  clock,
                  ...(llm === undefined ? {} : { llm: llm.client }),
                });
          const worker = startWorker(
            store.jobs,
            pipelineHandlers(store, setup, {
              ...(channels === undefined ? {} : { channels }),
              clock,
              batch: o.batch,
              deliveries: o.deliveries,
              leaseMs: Math.max(o.leaseMs, 100),
              ...(llm === undefined ? {} : { llm }),
              ...(enrichment === undefined ? {} : { enrichment }),
              ...(actions === undefined ? {} : { actions }),
              onQualified: (done) => void (qualified += done.length),
            }),
            {
              worker: name,
              pollMs: o.pollMs,
              onError: (error) =>
                output.err(`leadsift: worker: ${error instanceof Error ? error.message : String(error)}`),
            },
          );
          const scheduler = startScheduleFor({ store, clock }, schedule, {
            worker: name,
            ...(actions === undefined ? {} : { actions }),
            ...(conversations === undefined
              ? {}
              : { conversations, extra: [sendCampaignsTask(conversations, undefined, campaignLlmOf(llm))] }),
            log: (line) => output.err(`leadsift: ${line}`),
          });
          output.err(`leadsift worker ${name} is running on the ${store.dialect} queue`);
          const signal = await untilStopped();
          output.err(`leadsift: ${signal}: finishing the jobs in hand and stopping`);
          await scheduler?.stop();
          await worker.stop();
          channels?.close();
          output.err(`leadsift worker ${name} stopped after qualifying ${formatCount(qualified)} leads`);
        }),
    );

  const keys = program.command('keys').description('API keys for `leadsift serve`');
  keys
    .command('create')
    .description('create an API key; its token is printed once')
    .argument('<name>', 'who or what uses it (a form, the dashboard, a CRM sync)')
    .option('--scopes <list>', `comma-separated: ${SCOPES.join(', ')}`, DEFAULT_SCOPES)
    .action((name: string, o: { scopes: string }) =>
      run(async () => {
        const scopes = parseScopes(o.scopes);
        const { key, token } = await (await container().store()).service.createApiKey(name, scopes);
        output.err(
          `Created key ${key.id} "${key.name}" with ${key.scopes.join(', ')}. The token is shown once:`,
        );
        output.out(token);
      }),
    );
  keys
    .command('list')
    .description('list API keys (never their tokens)')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      run(async () => {
        const list = await (await container().store()).service.listApiKeys();
        if (o.json === true) {
          output.out(JSON.stringify(list, null, 2));
          return;
        }
        if (list.length === 0) output.out('No API keys yet; create one with `leadsift keys create <name>`.');
        for (const k of list) {
          output.out(
            `${k.id}  ${k.name}  ${k.scopes.join(',')}  created ${k.createdAt.slice(0, 16)}${k.revokedAt === undefined ? '' : `  REVOKED ${k.revokedAt.slice(0, 16)}`}`,
          );
        }
      }),
    );
  keys
    .command('revoke')
    .description('revoke an API key (it stops working within 10 seconds)')
    .argument('<id>', 'the key id from `leadsift keys list`')
    .action((id: string) =>
      run(async () => {
        const done = await (await container().store()).service.revokeApiKey(id);
        if (!done) throw new AppError('NOT_FOUND', { message: `no active API key ${id}` });
        output.out(`Revoked ${id}`);
      }),
    );

  const deliveries = program
    .command('deliveries')
    .description('webhook and CRM deliveries, and the dead-letter list');
  deliveries
    .command('list')
    .description('list deliveries, newest first')
    .option('--dead', 'only the dead-letter list')
    .option('--limit <n>', 'how many', wholeNumber('limit'), 50)
    .option('--json', 'print JSON')
    .action((o: { dead?: boolean; limit: number; json?: boolean }) =>
      run(async () => {
        const { jobs } = await container().store();
        const { jobs: list } = await jobs.list({
          kind: DELIVERY_JOB_KINDS,
          limit: o.limit,
          ...(o.dead === true ? { status: 'dead' as const } : {}),
        });
        if (o.json === true) {
          output.out(JSON.stringify(list, null, 2));
          return;
        }
        if (list.length === 0)
          output.out(o.dead === true ? 'The dead-letter list is empty.' : 'No deliveries yet.');
        for (const j of list) {
          const target = (j.payload as { webhook?: string }).webhook ?? j.kind;
          output.out(
            `${j.id}  ${j.kind}:${target}  lead ${j.leadId ?? '-'}  ${j.status}  attempts ${j.attempts}/${j.maxAttempts}${j.lastError === undefined ? '' : `  ${j.lastError}`}`,
          );
        }
      }),
    );
  deliveries
    .command('replay')
    .description('put dead deliveries back in the queue (the given ids, or --all)')
    .argument('[ids...]', 'delivery ids from `leadsift deliveries list --dead`')
    .option('--all', 'every dead delivery')
    .action((ids: string[], o: { all?: boolean }) =>
      run(async () => {
        const { jobs } = await container().store();
        let chosen = ids;
        if (o.all === true) {
          const dead = await jobs.list({ kind: DELIVERY_JOB_KINDS, status: 'dead', limit: 200_000 });
          chosen = dead.jobs.map((j) => j.id);
        } else if (chosen.length === 0) {
          throw new AppError('INPUT_INVALID', { message: 'name the deliveries to replay, or pass --all' });
        }
        const replayed = await jobs.replay(chosen);
        output.out(
          `Replayed ${formatCount(replayed)} of ${formatCount(chosen.length)} deliveries; a running worker sends them now.`,
        );
      }),
    );
};
