import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MODEL_CHANGE_ACTIONS } from '../../learning/learning-store.js';
import type { ServiceContext } from '../service-context.js';
import { IsoTime, timeBounds } from './time-bounds.js';

/** The model promotion log (issue 10): what `leadsift models history` prints, as JSON. */
export const modelRoutes =
  (context: ServiceContext): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/v1/models/history',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary:
            'The promotion log: every promotion, refusal, person’s promotion and rollback, newest first',
          description:
            'Each change names the model active before (`from`) and the one promoted, refused or returned to (`to`), who decided (`retrain`, `schedule` or a person), the reason in a sentence, and the figures it was decided on (the candidate’s and the active model’s AUC, log loss and Brier score on the same recent holdout, the holdout’s rows and rule, the rows trained on, the outcomes by type). `since`/`until` bound its time; `action` picks one kind.',
          tags: ['learning'],
          querystring: z.object({
            since: IsoTime.optional(),
            until: IsoTime.optional(),
            action: z.enum(MODEL_CHANGE_ACTIONS).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
      },
      async (request) => {
        const { since, until, action, limit } = request.query;
        const { from, to } = timeBounds(since, until);
        const [changes, active] = await Promise.all([
          context.store.learning.listChanges({ from, to }),
          context.store.models.activeModel(),
        ]);
        return {
          active: active?.version ?? null,
          changes: changes.filter((c) => action === undefined || c.action === action).slice(0, limit),
        };
      },
    );
  };
