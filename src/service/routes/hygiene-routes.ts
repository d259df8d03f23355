import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../service-context.js';

const ACTIONS = ['re-engage', 'remove', 'update'] as const;

/** Pipeline hygiene (issue 10): the leads flagged as silent too long, each with its reason. */
export const hygieneRoutes =
  (context: ServiceContext): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/v1/stale-leads',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary: 'Leads flagged as silent too long, with the action suggested and why',
          description:
            'Flags come from the scheduled re-evaluation (and `leadsift reevaluate`): a qualified lead with no event for the configured days (60 by default) is to `re-engage` when it still fits (grade A or B) or to `remove` when it does not; an open opportunity that went quiet is to `update`. Each carries its reason ("Qualified on 2026-01-10 but silent for 60 days (60 allowed); last seen visiting the pricing page on 2026-01-12 — re-engage: still an A fit"). A flag goes when the lead acts again or is closed. In lead id order; `next` is the cursor of the next page.',
          tags: ['leads'],
          querystring: z.object({
            action: z.enum(ACTIONS).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            cursor: z.string().min(1).optional(),
          }),
        },
      },
      async (request) => {
        const { action, limit, cursor } = request.query;
        const page = await context.store.hygiene.listFlags({
          limit,
          ...(action === undefined ? {} : { action }),
          ...(cursor === undefined ? {} : { cursor }),
        });
        return { flags: page.flags, ...(page.next === undefined ? {} : { next: page.next }) };
      },
    );
  };
