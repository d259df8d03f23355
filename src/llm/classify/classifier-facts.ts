import type { Activity } from '../../domain/activity.js';
import type { CitedFact } from '../../domain/decision.js';
import type { Lead } from '../../domain/lead.js';
import type { Fact } from '../../domain/provenance.js';

/** One kind of behaviour in the window: how often and when last. */
export interface IntentEvent {
  readonly type: string;
  readonly count: number;
  readonly lastAt: string;
}

/** The lead's behaviour over the last `windowDays`, counted per event type. */
export interface IntentSummary {
  readonly windowDays: number;
  readonly events: readonly IntentEvent[];
}

const DAY_MS = 86_400_000;

/**
 * Counts `activities` per type over the `windowDays` before `nowMs` (custom events by their
 * `name` property), most frequent first. Events dated after `nowMs` count as now.
 */
export const summarizeIntent = (
  activities: readonly Pick<Activity, 'type' | 'occurredAt' | 'properties'>[],
  nowMs: number,
  windowDays = 90,
): IntentSummary => {
  const byType = new Map<string, { count: number; lastMs: number }>();
  for (const activity of activities) {
    const at = Date.parse(activity.occurredAt);
    if (Number.isNaN(at) || nowMs - at > windowDays * DAY_MS) continue;
    const name = activity.properties['name'];
    const type = activity.type === 'custom' && typeof name === 'string' ? `custom:${name}` : activity.type;
    const seen = byType.get(type) ?? { count: 0, lastMs: Number.NEGATIVE_INFINITY };
    byType.set(type, { count: seen.count + 1, lastMs: Math.max(seen.lastMs, Math.min(at, nowMs)) });
  }
  const events = [...byType]
    .map(([type, { count, lastMs }]) => ({ type, count, lastAt: new Date(lastMs).toISOString() }))
    .sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1));
  return { windowDays, events };
};

const cite = (field: string, fact: Fact<unknown> | undefined): CitedFact[] =>
  fact === undefined ? [] : [{ field, value: fact.value, provenance: fact.provenance }];

/**
 * A lead's facts as cited facts, in a stable order: person, company, source, then custom fields
 * (`custom.<key>`, where form answers and notes arrive). The raw record is left out: every
 * field of it that matters is among the facts.
 */
export const leadFacts = (lead: Pick<Lead, 'person' | 'company' | 'source' | 'custom'>): CitedFact[] => [
  ...Object.entries(lead.person).flatMap(([key, fact]) => cite(`person.${key}`, fact as Fact<unknown>)),
  ...Object.entries(lead.company).flatMap(([key, fact]) => cite(`company.${key}`, fact as Fact<unknown>)),
  ...cite('source', lead.source),
  ...Object.entries(lead.custom).flatMap(([key, fact]) => cite(`custom.${key}`, fact)),
];

/**
 * The facts the classifier numbers `F1`, `F2`, … in this order: the given facts, then one fact
 * per intent event type (`activity.<type>` with its count and last time). `llmReasons` resolves
 * an opinion's citations against this same list.
 */
export const classifierFacts = (input: {
  readonly facts: readonly CitedFact[];
  readonly intent: IntentSummary;
}): CitedFact[] => [
  ...input.facts,
  ...input.intent.events.map((event): CitedFact => ({
    field: `activity.${event.type}`,
    value: { count: event.count, lastAt: event.lastAt, windowDays: input.intent.windowDays },
    provenance: { source: 'input', at: event.lastAt, origin: 'events' },
  })),
];

/** The id the prompt gives the fact at `index`. */
export const factId = (index: number): string => `F${index + 1}`;
