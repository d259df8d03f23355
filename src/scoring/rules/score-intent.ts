import type { Activity, ActivityType } from '../../domain/activity.js';
import type { CitedFact, Reason } from '../../domain/decision.js';
import type { IntentRule, IntentRules } from '../../criteria/intent-rules.js';

/** What intent scoring reads of an activity. */
export type ActivityFacts = Pick<Activity, 'type' | 'occurredAt' | 'properties' | 'source'>;

/** An intent score, 0–100, and the reasons behind it. */
export interface IntentScore {
  readonly score: number;
  readonly reasons: readonly Reason[];
}

const DAY_MS = 86_400_000;

const LABELS: Readonly<Record<ActivityType, string>> = {
  page_view: 'Viewed the website',
  pricing_page_view: 'Visited the pricing page',
  demo_request: 'Requested a demo',
  content_download: 'Downloaded content',
  webinar_attended: 'Attended a webinar',
  form_submission: 'Submitted a form',
  email_open: 'Opened an email',
  email_click: 'Clicked a link in an email',
  email_reply: 'Replied to an email',
  chat_message: 'Sent a chat message',
  trial_signup: 'Signed up for a trial',
  meeting_booked: 'Booked a meeting',
  custom: 'Took an action',
};

const text = (value: unknown): string => (typeof value === 'string' ? value.toLowerCase() : '');

const matches = (rule: IntentRule, activity: ActivityFacts): boolean =>
  rule.event === activity.type &&
  (rule.asset === undefined || text(activity.properties['asset']) === rule.asset.toLowerCase()) &&
  (rule.urlContains === undefined ||
    text(activity.properties['url']).includes(rule.urlContains.toLowerCase()));

const labelOf = (rule: IntentRule): string =>
  rule.label ?? (rule.asset === undefined ? LABELS[rule.event] : `Downloaded the ${rule.asset}`);

const when = (events: readonly { ageDays: number }[]): string => {
  const oldest = Math.max(...events.map((e) => e.ageDays));
  const days = Math.max(1, Math.ceil(oldest));
  if (events.length > 1) return ` ${events.length} times in the last ${days} days`;
  const age = Math.floor(oldest);
  return age === 0 ? ' today' : age === 1 ? ' yesterday' : ` ${age} days ago`;
};

const cited = (activity: ActivityFacts): CitedFact => ({
  field: `activity.${activity.type}`,
  value: { occurredAt: activity.occurredAt, ...activity.properties },
  provenance: { source: 'input', at: activity.occurredAt, origin: activity.source },
});

/**
 * Score intent from behaviour at time `now` (ms): each event counts once, for the first rule
 * (in the file's order) it matches; its points halve every `halfLifeDays`; events older than
 * `windowDays` are ignored, events dated after `now` count as happening now; a rule earns at
 * most its `cap`. The score is the sum, clamped to 0–100. Reasons say what was done, how often
 * and how recently, with the points it is worth now.
 */
export const scoreIntent = (
  rules: IntentRules,
  activities: readonly ActivityFacts[],
  now: number,
): IntentScore => {
  const byRule = rules.rules.map(() => [] as { activity: ActivityFacts; ageDays: number; points: number }[]);
  // A total order (time, type, properties), so that the input's order never shows in the result.
  const keyed = activities.map((a) => ({
    a,
    key: `${a.occurredAt}|${a.type}|${JSON.stringify(a.properties)}`,
  }));
  const ordered = keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)).map((x) => x.a);
  for (const activity of ordered) {
    const ageDays = Math.max(0, (now - Date.parse(activity.occurredAt)) / DAY_MS);
    if (!(ageDays <= rules.windowDays)) continue; // also skips unparseable times (NaN)
    const index = rules.rules.findIndex((rule) => matches(rule, activity));
    const rule = rules.rules[index];
    if (rule === undefined) continue;
    byRule[index]!.push({ activity, ageDays, points: rule.points * 0.5 ** (ageDays / rules.halfLifeDays) });
  }
  const reasons: Reason[] = [];
  let total = 0;
  rules.rules.forEach((rule, i) => {
    const events = byRule[i]!;
    if (events.length === 0) return;
    const sum = events.reduce((s, e) => s + e.points, 0);
    const capped = rule.cap === undefined ? sum : Math.sign(sum) * Math.min(Math.abs(sum), rule.cap);
    total += capped;
    reasons.push({
      text: `${labelOf(rule)}${when(events)}`,
      kind: 'intent',
      effect: Math.round(capped * 10) / 10,
      facts: events.map((e) => cited(e.activity)),
    });
  });
  return { score: Math.min(100, Math.max(0, Math.round(total))), reasons };
};
