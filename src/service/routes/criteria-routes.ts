import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseCriteria } from '../../criteria/load-criteria.js';
import { AppError } from '../../domain/app-error.js';
import type { ServiceContext } from '../service-context.js';

/** The criteria file: read the active one, save a new version (validated), list and restore versions. */
export const criteriaRoutes =
  (context: ServiceContext): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const { service } = context.store;

    app.get(
      '/v1/criteria',
      {
        config: { scope: 'criteria:read' },
        schema: { summary: 'The active criteria (YAML text and version)', tags: ['criteria'] },
      },
      async () => {
        const active = await service.activeCriteria();
        if (active === undefined)
          throw new AppError('NOT_FOUND', { message: 'no criteria are active yet; PUT /v1/criteria' });
        return active;
      },
    );

    app.put(
      '/v1/criteria',
      {
        config: { scope: 'criteria:write' },
        schema: {
          summary:
            'Save and activate criteria (YAML as text/yaml, or JSON { "text": "..." }); invalid files answer 422 with each problem and its line',
          tags: ['criteria'],
        },
      },
      async (request, reply) => {
        const body: unknown = request.body;
        const text =
          typeof body === 'string'
            ? body
            : body !== null &&
                typeof body === 'object' &&
                typeof (body as { text?: unknown }).text === 'string'
              ? (body as { text: string }).text
              : undefined;
        if (text === undefined) {
          throw new AppError('INPUT_INVALID', {
            message:
              'send the criteria YAML as the body (Content-Type: text/yaml) or as JSON { "text": "<yaml>" }',
            details: { field: 'body' },
          });
        }
        const loaded = parseCriteria(text, 'criteria.yaml');
        const previous = await service.activeCriteria();
        await service.saveCriteria({
          version: loaded.version,
          name: loaded.name,
          text,
          ...(request.apiKey === undefined ? {} : { createdBy: request.apiKey.name }),
        });
        context.setup.invalidate();
        return reply.status(previous?.version === loaded.version ? 200 : 201).send({
          version: loaded.version,
          name: loaded.name,
          previous: previous?.version,
          playbooks: loaded.playbooks.map((p) => p.playbook),
        });
      },
    );

    app.get(
      '/v1/criteria/versions',
      {
        config: { scope: 'criteria:read' },
        schema: { summary: 'Every saved criteria version, newest first', tags: ['criteria'] },
      },
      async () => ({
        versions: (await service.listCriteria()).map(({ text: _text, ...rest }) => rest),
      }),
    );

    app.post(
      '/v1/criteria/versions/:version/activate',
      {
        config: { scope: 'criteria:write' },
        schema: {
          summary: 'Restore a saved criteria version',
          tags: ['criteria'],
          params: z.object({ version: z.string().min(1) }),
        },
      },
      async (request) => {
        const done = await service.activateCriteria(request.params.version);
        if (!done) {
          throw new AppError('NOT_FOUND', {
            message: `no criteria version ${request.params.version}`,
            details: { field: 'version' },
          });
        }
        context.setup.invalidate();
        return { version: request.params.version, active: true };
      },
    );
  };
