import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ERROR_TABLE, isAppError } from '../domain/app-error.js';
import type { ApiKey, Scope } from './service-store.js';
import type { ServiceContext } from './service-context.js';
import { accountRoutes } from './routes/account-routes.js';
import { campaignRoutes } from './routes/campaign-routes.js';
import { conversationRoutes } from './routes/conversation-routes.js';
import { alertRoutes } from './routes/alert-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { modelRoutes } from './routes/model-routes.js';
import { criteriaRoutes } from './routes/criteria-routes.js';
import { dashboardRoutes } from './routes/dashboard-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { leadRoutes } from './routes/lead-routes.js';
import { hygieneRoutes } from './routes/hygiene-routes.js';
import { opsRoutes } from './routes/ops-routes.js';
import { reviewRoutes } from './routes/review-routes.js';
import { DEFAULT_WEB_ROOT, isWebRoot, webRoutes } from './routes/web-routes.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a route needs; routes without one are public (health, docs). */
    scope?: Scope;
  }
  interface FastifyRequest {
    apiKey?: ApiKey;
  }
}

/** Limits and switches of the HTTP layer. */
export interface AppOptions {
  /** Largest request body in bytes. */
  readonly bodyLimit: number;
  /** Requests per minute per API key (or per address without one). */
  readonly rateLimitPerMinute: number;
  /** pino logging: false in tests, a level name otherwise. */
  readonly logLevel: false | 'info' | 'warn' | 'error' | 'debug';
  /** The built dashboard served at `/`; `false` serves none, absent means `dist/web` when built. */
  readonly webRoot?: string | false;
}

export const DEFAULT_APP_OPTIONS: AppOptions = {
  bodyLimit: 5 * 1024 * 1024,
  rateLimitPerMinute: 120_000,
  logLevel: 'info',
};

/** The error body every failure answers with: a code, a sentence, and field-level problems. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly fields?: ReadonlyArray<{ readonly field: string; readonly problem: string }>;
    readonly details?: unknown;
  };
}

export const errorBody = (
  code: string,
  message: string,
  fields?: ReadonlyArray<{ field: string; problem: string }>,
  details?: unknown,
): ErrorBody => ({
  error: {
    code,
    message,
    ...(fields === undefined ? {} : { fields }),
    ...(details === undefined ? {} : { details }),
  },
});

const onError = (error: unknown, request: FastifyRequest, reply: FastifyReply): void => {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((issue) => {
      const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
      const where = error.validationContext ?? 'body';
      return { field: path === '' ? where : `${where}.${path}`, problem: issue.message ?? 'invalid' };
    });
    void reply
      .status(400)
      .send(
        errorBody(
          'INPUT_INVALID',
          `invalid request: ${fields.map((f) => `${f.field}: ${f.problem}`).join('; ')}`,
          fields,
        ),
      );
    return;
  }
  if (isAppError(error)) {
    const status = ERROR_TABLE[error.code].http;
    if (status >= 500) request.log.error({ err: error }, error.message);
    const field = typeof error.details['field'] === 'string' ? error.details['field'] : undefined;
    void reply
      .status(status)
      .send(
        errorBody(
          error.code,
          error.message,
          field === undefined ? undefined : [{ field, problem: error.message }],
          error.details,
        ),
      );
    return;
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 429 ? 'RATE_LIMITED' : 'INPUT_INVALID';
    void reply.status(status).send(errorBody(code, (error as Error).message));
    return;
  }
  request.log.error({ err: error }, 'unexpected error');
  void reply
    .status(500)
    .send(errorBody('INTERNAL', 'leadsift failed to handle this request; the error is in the server log'));
};

/**
 * The HTTP API: every route under /v1 needs an API key with the route's scope; /healthz,
 * /openapi.json and /docs are public. Validation failures answer 400 with each field's problem.
 */
export const buildApp = async (
  context: ServiceContext,
  options: AppOptions = DEFAULT_APP_OPTIONS,
): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: options.logLevel === false ? false : { level: options.logLevel },
    bodyLimit: options.bodyLimit,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(onError);
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .send(errorBody('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
  });
  // YAML criteria arrive as text.
  app.addContentTypeParser(
    ['text/yaml', 'application/yaml', 'text/plain'],
    { parseAs: 'string' },
    (_req, body, done) => done(null, body),
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'leadsift API',
        description:
          'Qualify leads in real time: post leads, events and outcomes; read decisions with their reasons; manage criteria and the review queue.',
        version: '1',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'A key from `leadsift keys create`' },
        },
      },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(rateLimit, {
    max: options.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => {
      const auth = request.headers['authorization'] ?? request.headers['x-api-key'];
      return typeof auth === 'string' ? auth : request.ip;
    },
    errorResponseBuilder: (_request, limit) => ({
      statusCode: 429,
      ...errorBody(
        'RATE_LIMITED',
        `more than ${limit.max} requests a minute with this key; retry in ${Math.ceil(limit.ttl / 1000)} s`,
      ),
    }),
  });

  app.addHook('onRequest', async (request, reply) => {
    const scope = request.routeOptions.config.scope;
    if (scope === undefined) return;
    const result = await context.authenticate(request.headers, scope);
    if ('key' in result) {
      request.apiKey = result.key;
      return;
    }
    await reply
      .status(result.status)
      .header(
        result.status === 401 ? 'www-authenticate' : 'x-leadsift-scope',
        result.status === 401 ? 'Bearer' : scope,
      )
      .send(errorBody(result.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', result.message));
  });

  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  await app.register(opsRoutes(context));
  await app.register(leadRoutes(context));
  await app.register(accountRoutes(context));
  await app.register(eventRoutes(context));
  await app.register(criteriaRoutes(context));
  await app.register(reviewRoutes(context));
  await app.register(dashboardRoutes(context));
  await app.register(campaignRoutes(context));
  if (context.channels !== undefined) await app.register(conversationRoutes(context, context.channels));
  await app.register(alertRoutes(context));
  await app.register(modelRoutes(context));
  await app.register(auditRoutes(context));
  await app.register(hygieneRoutes(context));
  const webRoot = options.webRoot ?? (isWebRoot(DEFAULT_WEB_ROOT) ? DEFAULT_WEB_ROOT : false);
  if (webRoot !== false) await app.register(webRoutes(webRoot));
  return app;
};
