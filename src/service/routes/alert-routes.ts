import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALERT_KINDS } from '../../learning/learning-store.js';
import type { ServiceContext } from '../service-context.js';
import { IsoTime, timeBounds } from './time-bounds.js';

/** Drift alerts (issue 10): what the drift checks found, newest first, each with its sentence; their webhook deliveries. */
export const alertRoutes =
  (context: ServiceContext): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/v1/alerts',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary: 'Drift alerts, newest first: feature shares, calibration, AE acceptance, false negatives',
          description:
            'Each alert compares the training period with recent weeks and says so in a sentence ("Share of leads with source \'paid_search\' rose from 12 % to 41 % since training (PSI 0.52)"), with the figures behind it, the two periods and the model active at the time. `since`/`until` bound the time it was raised.',
          tags: ['learning'],
          querystring: z.object({
            since: IsoTime.optional(),
            until: IsoTime.optional(),
            kind: z.enum(ALERT_KINDS).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
        },
      },
      async (request) => {
        const { since, until, kind, limit } = request.query;
        const { from, to } = timeBounds(since, until);
        const alerts = await context.store.learning.listAlerts({
          period: { from, to },
          limit,
          ...(kind === undefined ? {} : { kind }),
        });
        return { alerts };
      },
    );
    app.get(
      '/v1/alerts/deliveries',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary: 'Alert webhook deliveries, newest alert first: `status=dead` lists those that gave up',
          description:
            'Each `alert.raised` webhook delivery with its status (`pending`, `delivered`, `dead`), attempts made and allowed, the last error and the alert it carries. A dead delivery is one whose receiver refused it or never answered within its attempts; `POST /v1/alerts/deliveries/{id}/retry` sends it again.',
          tags: ['learning'],
          querystring: z.object({
            status: z.enum(['pending', 'delivered', 'dead']).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
        },
      },
      async (request) => {
        const { status, limit } = request.query;
        const deliveries = await context.store.learning.listDeliveries({
          limit,
          ...(status === undefined ? {} : { status }),
        });
        return { deliveries };
      },
    );
    app.post(
      '/v1/alerts/deliveries/:id/retry',
      {
        config: { scope: 'admin' },
        schema: {
          summary: 'Send a dead alert delivery again',
          description:
            'Makes a dead delivery pending again, due now, with `attempts` more tries (default 3); the next alert delivery run (every five minutes, or after a drift check) sends it. 404 for no such delivery, 409 unless it is dead.',
          tags: ['learning'],
          params: z.object({ id: z.string().min(1) }),
          body: z.object({ attempts: z.number().int().min(1).max(20).default(3) }).default({ attempts: 3 }),
        },
      },
      async (request) => ({
        delivery: await context.store.learning.retryDelivery(
          request.params.id,
          new Date(context.clock.now()).toISOString(),
          request.body.attempts,
        ),
      }),
    );
  };
