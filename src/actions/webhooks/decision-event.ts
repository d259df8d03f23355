import type { Decision } from '../../domain/decision.js';
import type { Lead } from '../../domain/lead.js';
import type { Fact } from '../../domain/provenance.js';
import type { Route } from '../../domain/route.js';

/**
 * The events leadsift sends; an actions file filters webhooks by these names. `lead.decided`: a
 * lead's first decision; `lead.requalified`: each later one (new behaviour, a requalify, new
 * data); `review.resolved`: a person accepted or overrode a decision held for review, and the
 * route that now applies; `alert.raised`: a drift check found the input, the model's calibration,
 * the AE acceptance rate or the false-negative rate moved since training (src/learning/alert-event.ts);
 * `lead.stale`: a qualified lead or open opportunity was silent too long (src/hygiene/stale-event.ts).
 */
export const WEBHOOK_EVENTS = [
  'lead.decided',
  'lead.requalified',
  'review.resolved',
  'alert.raised',
  'lead.stale',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** What a person did with a decision held for review. */
export interface ReviewResolution {
  readonly id: string;
  readonly status: 'accepted' | 'overridden';
  readonly finalVerdict: Decision['verdict'];
  readonly reason?: string;
  readonly by: string;
}

/**
 * The payload of every event, version 1. Every key is always present (`null` when unknown or not
 * about this event), so receivers can rely on the shape; new keys may be added, none removed or
 * retyped.
 */
export interface DecisionEventPayload {
  readonly id: string;
  readonly type: WebhookEvent;
  readonly occurredAt: string;
  readonly lead: {
    readonly id: string;
    readonly externalId: string | null;
    readonly email: string | null;
    readonly firstName: string | null;
    readonly lastName: string | null;
    readonly title: string | null;
    readonly company: string | null;
    readonly domain: string | null;
    readonly source: string | null;
  };
  readonly decision: {
    readonly id: string;
    readonly verdict: Decision['verdict'];
    readonly score: number;
    readonly grade: string;
    readonly fit: { readonly score: number; readonly grade: string };
    readonly intent: { readonly score: number; readonly grade: number };
    readonly playbook: string | null;
    readonly reasons: readonly { readonly text: string; readonly kind: string; readonly effect: number }[];
    readonly missing: readonly {
      readonly field: string;
      readonly how: string;
      readonly question: string | null;
    }[];
    readonly versions: {
      readonly engine: string;
      readonly criteria: string;
      readonly model: string | null;
      readonly llm: string | null;
    };
  };
  readonly route: {
    readonly destination: Route['destination'];
    readonly owner: { readonly id: string; readonly name: string; readonly email: string } | null;
    readonly sequence: string | null;
    readonly territory: string | null;
    readonly rule: string;
    readonly reason: string;
  } | null;
  /** `lead.requalified`: the verdict of the decision before this one. */
  readonly previousVerdict: Decision['verdict'] | null;
  /** `review.resolved`: what the person decided, why, and who. */
  readonly review: {
    readonly id: string;
    readonly status: 'accepted' | 'overridden';
    readonly finalVerdict: Decision['verdict'];
    readonly reason: string | null;
    readonly by: string;
  } | null;
}

const plain = <T>(fact: Fact<T> | undefined): T | null => (fact === undefined ? null : fact.value);

/** The `lead` part of every lead event: facts as plain values, `null` when unknown. */
export const leadPart = (lead: Lead): DecisionEventPayload['lead'] => ({
  id: lead.id,
  externalId: lead.externalId ?? null,
  email: plain(lead.person.email),
  firstName: plain(lead.person.firstName),
  lastName: plain(lead.person.lastName),
  title: plain(lead.person.title),
  company: plain(lead.company.name),
  domain: plain(lead.company.domain),
  source: plain(lead.source),
});

const decisionPart = (d: Decision): DecisionEventPayload['decision'] => ({
  id: d.id,
  verdict: d.verdict,
  score: d.score,
  grade: d.grade,
  fit: { score: d.fit.score, grade: d.fit.grade },
  intent: { score: d.intent.score, grade: d.intent.grade },
  playbook: d.playbook ?? null,
  // Cited facts stay out: they carry provenance detail receivers do not need and may grow large.
  reasons: d.reasons.map(({ text, kind, effect }) => ({ text, kind, effect })),
  missing: d.missing.map(({ field, how, question }) => ({ field, how, question: question ?? null })),
  versions: {
    engine: d.versions.engine,
    criteria: d.versions.criteria,
    model: d.versions.model ?? null,
    llm: d.versions.llm ?? null,
  },
});

const routePart = (route: Route | undefined): DecisionEventPayload['route'] =>
  route === undefined
    ? null
    : {
        destination: route.destination,
        owner:
          route.owner === undefined
            ? null
            : { id: route.owner.id, name: route.owner.name, email: route.owner.email },
        sequence: route.sequence ?? null,
        territory: route.territory ?? null,
        rule: route.rule,
        reason: route.reason,
      };

/**
 * The event for a decision and its route — `lead.decided` unless told otherwise — as the event
 * name and the JSON text to sign and send. Facts become plain values. The event id is derived
 * from the decision id (and the review's, for `review.resolved`), so building the event again
 * gives the same id and the same body.
 */
export const buildDecisionEvent = (input: {
  lead: Lead;
  decision: Decision;
  route?: Route | undefined;
  occurredAt: string;
  event?: WebhookEvent;
  previousVerdict?: Decision['verdict'] | undefined;
  review?: ReviewResolution | undefined;
}): { event: WebhookEvent; payload: DecisionEventPayload; body: string } => {
  const event = input.event ?? 'lead.decided';
  const review = input.review;
  const payload: DecisionEventPayload = {
    id: review === undefined ? `evt_${input.decision.id}` : `evt_${review.id}_${review.status}`,
    type: event,
    occurredAt: input.occurredAt,
    lead: leadPart(input.lead),
    decision: decisionPart(input.decision),
    route: routePart(input.route),
    previousVerdict: input.previousVerdict ?? null,
    review:
      review === undefined
        ? null
        : {
            id: review.id,
            status: review.status,
            finalVerdict: review.finalVerdict,
            reason: review.reason ?? null,
            by: review.by,
          },
  };
  return { event, payload, body: JSON.stringify(payload) };
};
