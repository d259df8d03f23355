import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseCriteria } from '../../criteria/load-criteria.js';
import { AppError } from '../../domain/app-error.js';
import { scorerFor } from '../../scoring/qualify-file.js';
import { previewCriteria } from '../preview-criteria.js';
import { readMetrics } from '../read-metrics.js';
import type { ServiceContext } from '../service-context.js';

/** Criteria text from a YAML body or JSON `{ "text": "..." }`. */
const criteriaText = (body: unknown): string => {
  if (typeof body === 'string') return body;
  const text = (body as { text?: unknown } | null)?.text;
  if (typeof text === 'string') return text;
  throw new AppError('INPUT_INVALID', {
    message: 'send the criteria YAML as the body (Content-Type: text/yaml) or as JSON { "text": "<yaml>" }',
    details: { field: 'body' },
  });
};

/** What the dashboard reads beyond the lead and review routes: filter values and metrics. */
export const dashboardRoutes =
  (context: ServiceContext): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const { service } = context.store;

    app.get(
      '/v1/leads/facets',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary: 'The playbooks, owners and sources the lead list can be filtered by',
          tags: ['leads'],
        },
      },
      () => service.leadFacets(),
    );

    app.get(
      '/v1/metrics',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary:
            'Verdict mix by day, speed to first touch (median, p90), AE acceptance, lead → opportunity conversion of AI-qualified leads against the rest, false negatives with a random audit sample, sales-cycle length, review agreement with Cohen’s kappa, and the active model’s calibration and lift',
          tags: ['metrics'],
        },
      },
      () => readMetrics(context.store),
    );

    app.post(
      '/v1/criteria/preview',
      {
        config: { scope: 'criteria:read' },
        schema: {
          summary:
            'What saving these criteria would change: a random sample of stored leads decided with the active criteria and with these (422 when invalid, like PUT)',
          tags: ['criteria'],
          querystring: z.object({ sample: z.coerce.number().int().min(1).max(2000).default(200) }),
        },
      },
      async (request) => {
        const proposed = parseCriteria(criteriaText(request.body), 'criteria.yaml');
        const [active, model, ids] = await Promise.all([
          context.setup.criteria(),
          context.setup.model(),
          service.sampleLeadIds(request.query.sample),
        ]);
        const scorer = scorerFor(context, model);
        return {
          active: active.version,
          proposed: proposed.version,
          ...(await previewCriteria(
            { clock: context.clock, leads: context.store.leads, ...(scorer === undefined ? {} : { scorer }) },
            active,
            proposed,
            ids,
          )),
        };
      },
    );
  };
