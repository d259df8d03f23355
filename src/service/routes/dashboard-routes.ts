import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseCriteria } from '../../criteria/load-criteria.js';
import { AppError } from '../../domain/app-error.js';
import { scorerFor } from '../../scoring/qualify-file.js';
import { previewCriteria } from '../preview-criteria.js';
import { SESSION_COOKIE } from '../authenticate.js';
import type { Session } from '../authenticate.js';
import { defaultPeriods, readMetrics } from '../read-metrics.js';
import type { ComparedPeriods } from '../read-metrics.js';
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

const IsoDate = z.iso
  .date()
  .or(z.iso.datetime({ offset: true }))
  .optional();
const PeriodQuery = z.object({ from: IsoDate, to: IsoDate, baselineFrom: IsoDate, baselineTo: IsoDate });

/** The periods a metrics request names, each bound defaulting to the last 30 days and the 30 before. */
const comparedPeriods = (query: z.infer<typeof PeriodQuery>, now: number): ComparedPeriods => {
  const fallback = defaultPeriods(now);
  const iso = (text: string | undefined, otherwise: string) =>
    text === undefined ? otherwise : new Date(text).toISOString();
  const periods = {
    current: { from: iso(query.from, fallback.current.from), to: iso(query.to, fallback.current.to) },
    baseline: {
      from: iso(query.baselineFrom, fallback.baseline.from),
      to: iso(query.baselineTo, fallback.baseline.to),
    },
  };
  for (const [name, p, field] of [
    ['period', periods.current, 'from'],
    ['baseline period', periods.baseline, 'baselineFrom'],
  ] as const) {
    if (p.from >= p.to)
      throw new AppError('INPUT_INVALID', {
        message: `the ${name} starts (${p.from}) no earlier than it ends (${p.to}): give a start before the end`,
        details: { field },
      });
  }
  return periods;
};

/** What a signed-in browser may know of its session: never the key itself. */
const sessionView = (session: Session) => ({
  name: session.key.name,
  scopes: session.key.scopes,
  expiresAt: session.expiresAt,
});

const notSignedIn = (message: string) => ({ error: { code: 'UNAUTHENTICATED', message } });

/**
 * What the dashboard reads beyond the lead and review routes: its session, filter values and
 * metrics.
 */
export const dashboardRoutes =
  (context: ServiceContext): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const { service } = context.store;
    const { authenticate } = context;
    const cookie = (value: string, maxAge: number, secure: boolean) =>
      `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;

    app.post(
      '/v1/session',
      {
        schema: {
          summary:
            'Sign in to the dashboard: exchange an API key for an HttpOnly, signed session cookie that expires (12 h); the key is not kept in the browser',
          tags: ['session'],
          body: z.object({ key: z.string().trim().min(1, 'paste an API key (lsk_…)') }),
        },
      },
      async (request, reply) => {
        const opened = await authenticate.openSession(request.body.key);
        if (opened === undefined)
          return reply.status(401).send(notSignedIn('the API key is not valid or was revoked'));
        void reply.header(
          'set-cookie',
          cookie(opened.value, authenticate.sessionSeconds, request.protocol === 'https'),
        );
        return sessionView(opened.session);
      },
    );

    app.get(
      '/v1/session',
      {
        schema: {
          summary: 'The signed-in session: the key’s name, scopes and expiry (401 when none)',
          tags: ['session'],
        },
      },
      async (request, reply) => {
        const session = await authenticate.session(request.headers);
        return session === undefined
          ? reply.status(401).send(notSignedIn('not signed in, or the session expired: sign in again'))
          : sessionView(session);
      },
    );

    app.delete(
      '/v1/session',
      {
        schema: { summary: 'Sign out: the session’s cookie stops working and is cleared', tags: ['session'] },
      },
      async (request, reply) => {
        await authenticate.closeSession(request.headers);
        return reply
          .header('set-cookie', cookie('', 0, request.protocol === 'https'))
          .status(204)
          .send();
      },
    );

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
            'Verdict mix by day, speed to first touch (median, p90), AE acceptance, lead → opportunity conversion of AI-qualified leads against the rest and in a period against a baseline period, false negatives with a random audit sample, sales-cycle length, review agreement with Cohen’s kappa, and the active model’s calibration and lift',
          description:
            'Periods are by the leads’ arrival, [from, to): by default the last 30 days against the 30 days before. Give `from`/`to` and `baselineFrom`/`baselineTo` as ISO dates or times.',
          tags: ['metrics'],
          querystring: PeriodQuery,
        },
      },
      (request) =>
        readMetrics(
          context.store,
          comparedPeriods(request.query, context.clock.now()),
          10,
          context.clock.now(),
        ),
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
