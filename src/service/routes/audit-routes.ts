import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUDIT_RESULTS } from '../../learning/audit-sample.js';
import { readAuditSample } from '../../learning/read-audit-sample.js';
import type { ServiceContext } from '../service-context.js';

/**
 * The false-negative audit (SPEC capability 11): a random sample of not-qualified leads, drawn as
 * they are decided, for a person to follow up and say whether the lead was good after all.
 */
export const auditRoutes =
  (context: ServiceContext): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const now = () => context.clock.now();
    app.get(
      '/v1/audit-sample',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary:
            'The false-negative audit sample: disqualified leads drawn at random for a person to follow up',
          description:
            'A share (default 2 %) of not-qualified leads is drawn by a seeded hash of the lead id as they are decided (the draw runs before this answers and on a schedule). Each lead has its follow-up status (`pending` or `followed_up`), the result a person recorded (`good`: the criteria turned away a lead worth an AE’s time; `bad`: rightly disqualified) and its outcomes so far. `falseNegativeRate` is the followed-up leads found good, or — while fewer than 20 are followed up — the share of disqualified leads that became an opportunity, with the reason.',
          tags: ['learning'],
          querystring: z.object({
            status: z.enum(['pending', 'followed_up']).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
        },
      },
      async (request) => {
        const { status, limit } = request.query;
        return readAuditSample(context.store, now(), { limit, ...(status === undefined ? {} : { status }) });
      },
    );
    app.post(
      '/v1/audit-sample/:leadId/result',
      {
        config: { scope: 'review:write' },
        schema: {
          summary: 'Record what following up an audited lead found',
          description:
            '`good` when the lead was worth an AE’s time after all (a false negative of the criteria), `bad` when it was rightly disqualified; `note` says what was found. Recording again corrects the result. 404 when the lead is not in the sample.',
          tags: ['learning'],
          params: z.object({ leadId: z.string().min(1) }),
          body: z.object({ result: z.enum(AUDIT_RESULTS), note: z.string().max(2000).optional() }),
        },
      },
      async (request) => {
        const { result, note } = request.body;
        const entry = await context.store.learning.recordAuditResult(request.params.leadId, {
          result,
          ...(note === undefined ? {} : { note }),
          by: request.apiKey?.name ?? 'unknown',
          at: new Date(now()).toISOString(),
        });
        return { entry };
      },
    );
    app.put(
      '/v1/audit-sample/settings',
      {
        config: { scope: 'admin' },
        schema: {
          summary: 'Set the share of not-qualified leads drawn into the audit sample',
          description:
            'From now on; leads already drawn stay in the sample with the share they were drawn at. Every worker reads the share from the store, so all draw alike.',
          tags: ['learning'],
          body: z.object({ share: z.number().min(0).max(1) }),
        },
      },
      async (request) => ({
        settings: await context.store.learning.setAuditShare(
          request.body.share,
          new Date(now()).toISOString(),
        ),
      }),
    );
  };
