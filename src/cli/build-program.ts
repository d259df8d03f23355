import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { createContainer, type Container } from '../container.js';
import type { CliContext } from './cli-context.js';
import { registerAccounts } from './commands/accounts.js';
import { registerAudit } from './commands/audit.js';
import { registerAuditSample } from './commands/audit-sample.js';
import { registerCampaign } from './commands/campaign.js';
import { registerCompare } from './commands/compare.js';
import { registerDemo } from './commands/demo.js';
import { registerImport } from './commands/import.js';
import { registerLeads } from './commands/leads.js';
import { registerModels } from './commands/models.js';
import { registerQualify } from './commands/qualify.js';
import { registerRejections } from './commands/rejections.js';
import { registerTrain } from './commands/train.js';
import { registerRetrain } from './commands/retrain.js';
import { registerDrift } from './commands/drift.js';
import { registerReport } from './commands/report.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerEnrich } from './commands/enrich.js';
import { registerServe } from './commands/serve.js';
import { registerReevaluate } from './commands/reevaluate.js';
import { processOutput, runAction, type Output } from './run-action.js';

const version = (): string => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
};

/**
 * Build the `leadsift` program. The environment is read here, at the entry point, and only
 * when a command runs; failures set `process.exitCode` from the error table.
 */
export const buildProgram = (
  env: Readonly<Record<string, string | undefined>>,
  output: Output = processOutput,
): Command => {
  let container: Container | undefined;
  const ctx: CliContext = {
    container: () => (container ??= createContainer(loadConfig(env))),
    output,
    run: async (action) => {
      const code = await runAction(output, async () => {
        try {
          return await action();
        } finally {
          await container?.close();
          container = undefined;
        }
      });
      if (code !== 0) process.exitCode = code;
    },
  };
  const program = new Command('leadsift')
    .description(
      'Self-hosted AI lead qualification: enrich first, qualify second, explain always, learn from outcomes.',
    )
    .version(version());
  for (const register of [
    registerDemo,
    registerAudit,
    registerImport,
    registerEnrich,
    registerQualify,
    registerCompare,
    registerTrain,
    registerEvaluate,
    registerModels,
    registerRetrain,
    registerDrift,
    registerAuditSample,
    registerReport,
    registerLeads,
    registerAccounts,
    registerCampaign,
    registerRejections,
    registerServe,
    registerReevaluate,
  ])
    register(program, ctx);
  return program;
};
