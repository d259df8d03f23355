import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/app-error.js';
import { isoNow } from '../../domain/clock.js';
import { VERDICTS } from '../../domain/decision.js';
import type { Verdict } from '../../domain/decision.js';
import type { Outcome } from '../../domain/outcome.js';
import { routeOverride } from '../../pipeline/route-review.js';
import type { Review } from '../service-store.js';
import type { ServiceContext } from '../service-context.js';

/** A person's verdict as an outcome: qualified is acceptance, not qualified a rejection. */
const outcomeOf = (
  review: Review,
  verdict: Verdict,
  reason: string | undefined,
  by: string,
  at: string,
): Omit<Outcome, 'id'> | undefined => {
  if (verdict === 'needs_info') return undefined;
  return {
    leadId: review.leadId,
    type: verdict === 'qualified' ? 'accepted' : 'rejected',
    occurredAt: at,
    reason:
      reason ?? (verdict === review.verdict ? 'review: the AI verdict was confirmed' : 'review: overridden'),
    source: `review:${by}`,
  };
};

/** The human review queue of assisted mode: list, accept (apply the proposed route), override. */
export const reviewRoutes =
  (context: ServiceContext): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const { store } = context;

    const pending = async (id: string): Promise<Review> => {
      const review = await store.service.getReview(id);
      if (review === undefined)
        throw new AppError('NOT_FOUND', { message: `no review ${id}`, details: { field: 'id' } });
      if (review.status !== 'pending') {
        throw new AppError('CONFLICT', {
          message: `review ${id} was already ${review.status} by ${review.resolvedBy ?? 'someone'}`,
        });
      }
      return review;
    };

    /** The lead and the decision a review holds. */
    const heldFor = async (review: Review) => {
      const lead = await store.leads.getLead(review.leadId);
      const decision = (await store.leads.listDecisions(review.leadId)).find(
        (d) => d.id === review.decisionId,
      );
      if (lead === undefined || decision === undefined) {
        throw new AppError('NOT_FOUND', {
          message: `review ${review.id} refers to a lead or decision that no longer exists`,
        });
      }
      return { lead, decision };
    };

    app.get(
      '/v1/reviews',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary:
            'The review queue (pending by default), each review with its lead’s name, title and company, and the agreement between people and the AI so far',
          tags: ['review'],
          querystring: z.object({
            status: z.enum(['pending', 'accepted', 'overridden']).default('pending'),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            cursor: z.string().optional(),
          }),
        },
      },
      async (request) => {
        const { status, limit, cursor } = request.query;
        const [page, counts] = await Promise.all([
          store.service.listReviews({ status, limit, ...(cursor === undefined ? {} : { cursor }) }),
          store.service.reviewCounts(),
        ]);
        const resolved = counts.accepted + counts.overridden;
        // Who each review is about, in one read, so that a queue can be scanned by name.
        const leads = await store.leads.getLeads(page.items.map((r) => r.leadId));
        return {
          reviews: page.items.map((review) => {
            const lead = leads.get(review.leadId);
            if (lead === undefined) return review;
            const name = [lead.person.firstName?.value, lead.person.lastName?.value]
              .filter(Boolean)
              .join(' ');
            return {
              ...review,
              lead: {
                name: name === '' ? (lead.person.email?.value ?? lead.id) : name,
                ...(lead.person.title === undefined ? {} : { title: lead.person.title.value }),
                ...(lead.company.name === undefined ? {} : { company: lead.company.name.value }),
              },
            };
          }),
          ...(page.next === undefined ? {} : { next: page.next }),
          agreement: {
            pending: counts.pending,
            resolved,
            accepted: counts.accepted,
            overridden: counts.overridden,
            // Of the verdicts people looked at, the share they confirmed (null before the first).
            rate: resolved === 0 ? null : counts.accepted / resolved,
          },
        };
      },
    );

    app.post(
      '/v1/reviews/:id/accept',
      {
        config: { scope: 'review:write' },
        schema: {
          summary: 'Accept the AI verdict and its proposed route (the route is then acted on)',
          tags: ['review'],
          params: z.object({ id: z.string().min(1) }),
          body: z
            .object({ reason: z.string().min(1).max(2000).optional() })
            .strict()
            .optional(),
        },
      },
      async (request) => {
        const review = await pending(request.params.id);
        const by = request.apiKey?.name ?? 'unknown';
        const at = isoNow(context.clock);
        const { lead, decision } = await heldFor(review);
        const reason = request.body?.reason;
        const jobs = context.actions({
          lead,
          decision,
          route: review.proposed,
          touchId: review.touchId,
          occurredAt: at,
          event: 'review.resolved',
          review: {
            id: review.id,
            status: 'accepted',
            finalVerdict: review.verdict,
            by,
            ...(reason === undefined ? {} : { reason }),
          },
        });
        const outcome = outcomeOf(review, review.verdict, reason, by, at);
        const done = await store.service.resolveReview(
          review.id,
          {
            status: 'accepted',
            finalVerdict: review.verdict,
            by,
            at,
            ...(reason === undefined ? {} : { reason }),
          },
          { jobs, ...(outcome === undefined ? {} : { outcome }) },
        );
        if (!done) throw new AppError('CONFLICT', { message: `review ${review.id} was resolved meanwhile` });
        context.wake();
        return {
          ...review,
          status: 'accepted',
          finalVerdict: review.verdict,
          resolvedBy: by,
          resolvedAt: at,
          actions: jobs.length,
        };
      },
    );

    app.post(
      '/v1/reviews/:id/override',
      {
        config: { scope: 'review:write' },
        schema: {
          summary:
            'Replace the AI verdict with a person’s, with a reason (recorded as an acceptance or rejection outcome)',
          tags: ['review'],
          params: z.object({ id: z.string().min(1) }),
          body: z
            .object({
              verdict: z.enum(VERDICTS),
              reason: z.string().min(1, 'say why: it teaches the criteria and the model').max(2000),
            })
            .strict(),
        },
      },
      async (request) => {
        const review = await pending(request.params.id);
        const by = request.apiKey?.name ?? 'unknown';
        const at = isoNow(context.clock);
        const { verdict, reason } = request.body;
        const { lead, decision } = await heldFor(review);
        const criteria = await context.setup.criteria();
        const arrivedAt =
          (await store.service.listTouches(lead.id)).find((t) => t.id === review.touchId)?.arrivedAt ??
          review.createdAt;
        const domain = lead.company.domain?.value;
        const owner =
          domain === undefined ? undefined : (await store.service.accountOwners([domain])).get(domain);
        const leadOwner = (await store.service.leadOwners([lead.id])).get(lead.id);
        const outcome = outcomeOf(review, verdict, reason, by, at);
        let routed: { decisionId: string; touchId: string; jobs: number } | undefined;
        const done = await store.service.resolveReview(
          review.id,
          { status: 'overridden', finalVerdict: verdict, reason, by, at },
          {
            ...(outcome === undefined ? {} : { outcome }),
            // The person's verdict becomes a decision, routed and acted on in the same transaction.
            work: async (tx) => {
              routed = await routeOverride({ route: context.route, actions: context.actions, criteria }, tx, {
                lead,
                decision,
                review: { id: review.id, status: 'overridden', finalVerdict: verdict, reason, by },
                reason,
                at,
                arrivedAt,
                ...(owner === undefined ? {} : { accountOwnerId: owner }),
                ...(leadOwner === undefined ? {} : { owner: leadOwner }),
              });
            },
          },
        );
        if (!done) throw new AppError('CONFLICT', { message: `review ${review.id} was resolved meanwhile` });
        context.wake();
        return {
          ...review,
          status: 'overridden',
          finalVerdict: verdict,
          reason,
          resolvedBy: by,
          resolvedAt: at,
          ...(routed === undefined ? {} : { personDecisionId: routed.decisionId, actions: routed.jobs }),
        };
      },
    );
  };
