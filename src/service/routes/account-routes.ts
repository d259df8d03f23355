import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findAccount } from '../../accounts/list-accounts.js';
import { AppError } from '../../domain/app-error.js';
import { VERDICTS } from '../../domain/decision.js';
import { createAccountReports } from '../account-reports.js';
import type { ServiceContext } from '../service-context.js';

/**
 * Accounts: the stored leads grouped by company and scored with the active criteria (kept in
 * memory while nothing changed, see `account-reports.ts`).
 */
export const accountRoutes =
  (context: ServiceContext): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const reports = createAccountReports({
      leads: context.store.leads,
      db: context.store.db,
      clock: context.clock,
      criteria: () => context.setup.criteria(),
    });
    const decideAll = () => reports.current();

    app.get(
      '/v1/accounts',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary:
            'Accounts, qualified first then by score: fit, engaged contacts, committee coverage, intent',
          description:
            'The stored leads grouped into accounts by company domain (free-mail never forms one; subsidiaries roll up to their parent) and decided with the active criteria, each with its verdict, 0–100 score, the four parts, the committee seats and reasons that cite the facts.',
          tags: ['accounts'],
          querystring: z.object({
            verdict: z.enum(VERDICTS).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(50),
          }),
        },
      },
      async (request) => {
        const { verdict, limit } = request.query;
        const report = await decideAll();
        const matching = report.accounts.filter((a) => verdict === undefined || a.verdict === verdict);
        return {
          total: matching.length,
          leads: report.leads,
          unassigned: report.unassigned.length,
          accounts: matching.slice(0, limit),
        };
      },
    );

    app.get(
      '/v1/accounts/:domain',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary: 'One account in full: its decision, contacts, committee seats, subsidiaries and reasons',
          description:
            'Found by its domain, any domain joined into it, a subsidiary’s domain (answering with the parent) or `name:<company>` for a company known only by name.',
          tags: ['accounts'],
          params: z.object({ domain: z.string().min(1).max(300) }),
        },
      },
      async (request) => {
        const { domain } = request.params;
        const account = findAccount((await decideAll()).accounts, domain);
        if (account === undefined)
          throw new AppError('NOT_FOUND', { message: `no account ${domain}`, details: { field: 'domain' } });
        return account;
      },
    );
  };
