import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/app-error.js';
import type { ServiceContext } from '../service-context.js';
import { DELIVERY_JOB_KINDS } from '../../pipeline/qualify-jobs.js';

/** Health, queue counts, and the dead-letter list of deliveries with replay. */
export const opsRoutes =
  (context: ServiceContext): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    app.get('/healthz', { schema: { hide: true } }, async () => {
      const counts = await context.store.jobs.counts();
      const queued = counts
        .filter((c) => c.status === 'ready' || c.status === 'running')
        .reduce((n, c) => n + c.count, 0);
      const dead = counts.filter((c) => c.status === 'dead').reduce((n, c) => n + c.count, 0);
      return { status: 'ok', database: context.store.dialect, jobs: { queued, dead } };
    });

    app.get(
      '/v1/jobs',
      {
        config: { scope: 'admin' },
        schema: {
          summary: 'Jobs by kind and status (queue depth, dead letters)',
          tags: ['operations'],
        },
      },
      async () => ({ counts: await context.store.jobs.counts() }),
    );

    app.get(
      '/v1/deliveries',
      {
        config: { scope: 'admin' },
        schema: {
          summary: 'Webhook and CRM deliveries, newest first; status=dead lists the dead-letter list',
          tags: ['operations'],
          querystring: z.object({
            status: z.enum(['ready', 'running', 'done', 'dead']).optional(),
            kind: z.enum(['webhook', 'crm']).optional(),
            leadId: z.string().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            cursor: z.string().optional(),
          }),
        },
      },
      async (request) => {
        const { kind, status, leadId, limit, cursor } = request.query;
        const page = await context.store.jobs.list({
          kind: kind ?? DELIVERY_JOB_KINDS,
          limit,
          ...(status === undefined ? {} : { status }),
          ...(leadId === undefined ? {} : { leadId }),
          ...(cursor === undefined ? {} : { cursor }),
        });
        return { deliveries: page.jobs, ...(page.next === undefined ? {} : { next: page.next }) };
      },
    );

    app.post(
      '/v1/deliveries/replay',
      {
        config: { scope: 'admin' },
        schema: {
          summary: 'Put dead deliveries back in the queue (all dead ones when no ids are given)',
          tags: ['operations'],
          body: z.object({ ids: z.array(z.string().min(1)).max(10_000).optional() }).strict(),
        },
      },
      async (request) => {
        let ids = request.body.ids;
        if (ids === undefined) {
          const dead = await context.store.jobs.list({
            kind: DELIVERY_JOB_KINDS,
            status: 'dead',
            limit: 20_000,
          });
          ids = dead.jobs.map((j) => j.id);
        } else {
          for (const id of ids) {
            const job = await context.store.jobs.get(id);
            if (job === undefined || !DELIVERY_JOB_KINDS.includes(job.kind)) {
              throw new AppError('NOT_FOUND', { message: `no delivery ${id}`, details: { field: 'ids' } });
            }
          }
        }
        const replayed = await context.store.jobs.replay(ids);
        context.wake();
        return { replayed };
      },
    );
  };
