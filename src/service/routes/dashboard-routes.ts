import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dashboardMetrics } from '../../metrics/dashboard-metrics.js';
import type { ServiceContext } from '../service-context.js';

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
            'Verdict mix by day, speed to first touch (median, p90), AE acceptance, lead → opportunity conversion of AI-qualified leads against the rest, and review agreement with Cohen’s kappa',
          tags: ['metrics'],
        },
      },
      async () => dashboardMetrics(await service.metricsData()),
    );
  };
