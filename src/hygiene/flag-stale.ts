import type { ActivityType } from '../domain/activity.js';
import type { Clock } from '../domain/clock.js';
import type { Decision, Reason } from '../domain/decision.js';
import type { OutcomeType } from '../domain/outcome.js';

/** What the stale check reads of a lead: its latest decision, last event and outcomes. */
export interface StaleCandidate {
  readonly leadId: string;
  readonly latest: Pick<Decision, 'verdict' | 'decidedAt' | 'fit'>;
  readonly lastActivity?: {
    readonly type: ActivityType;
    readonly occurredAt: string;
    readonly source: string;
  };
  readonly outcomes: readonly { readonly type: OutcomeType; readonly occurredAt: string }[];
}

/** A lead (or its open opportunity) silent for too long, what to do, and why. */
export interface StaleFlag {
  readonly leadId: string;
  /** `lead`: qualified and never worked into an opportunity; `opportunity`: one that is still open. */
  readonly kind: 'lead' | 'opportunity';
  readonly silentDays: number;
  /** When it was last heard of: its last event, else when it was qualified (or the opportunity opened). */
  readonly since: string;
  /** Re-engage a lead that still fits, remove one that does not; an open opportunity needs updating. */
  readonly action: 're-engage' | 'remove' | 'update';
  readonly reason: Reason;
}

/** How long silence is allowed before a flag (SPEC: default 60 days). */
export interface StaleOptions {
  readonly silentDays: number;
}

export const DEFAULT_STALE_OPTIONS: StaleOptions = Object.freeze({ silentDays: 60 });

const DAY_MS = 86_400_000;
const CLOSED: ReadonlySet<OutcomeType> = new Set(['won', 'lost', 'churned', 'rejected']);

const EVENT_WORDS: Readonly<Partial<Record<ActivityType, string>>> = {
  page_view: 'viewing the website',
  pricing_page_view: 'visiting the pricing page',
  demo_request: 'requesting a demo',
  content_download: 'downloading content',
  webinar_attended: 'attending a webinar',
  form_submission: 'submitting a form',
  email_open: 'opening an email',
  email_click: 'clicking an email link',
  email_reply: 'replying to an email',
  chat_message: 'chatting',
  trial_signup: 'signing up for a trial',
  meeting_booked: 'booking a meeting',
};

const day = (iso: string): string => iso.slice(0, 10);
const later = (a: string, b: string): string => (Date.parse(a) >= Date.parse(b) ? a : b);

/**
 * When the lead's opportunity opened, if it is still open: created, and not won, lost, churned
 * or rejected since. Undefined for a lead without an opportunity or with a closed one.
 */
export const openOpportunity = (
  outcomes: readonly { readonly type: OutcomeType; readonly occurredAt: string }[],
): string | undefined =>
  outcomes.some((o) => CLOSED.has(o.type))
    ? undefined
    : outcomes
        .filter((o) => o.type === 'opportunity_created')
        .map((o) => o.occurredAt)
        .sort()
        .at(-1);

/**
 * Flag a lead that went quiet, at the clock's time: a lead whose latest verdict is `qualified`
 * and that has no opportunity, or an open opportunity (created, not yet won, lost, churned or
 * rejected), silent — no event since — for `silentDays` or more. Silence counts from its last
 * event, or from when it was qualified (or the opportunity opened) if that is later. A closed
 * lead or one not qualified is never flagged. The reason names the last thing heard and how long
 * ago; a flagged lead that still fits (A or B) is to re-engage, one that does not to remove.
 */
export const flagStale = (
  deps: { readonly clock: Clock },
  candidate: StaleCandidate,
  options: StaleOptions = DEFAULT_STALE_OPTIONS,
): StaleFlag | undefined => {
  if (candidate.outcomes.some((o) => CLOSED.has(o.type))) return undefined;
  const opened = openOpportunity(candidate.outcomes);
  if (opened === undefined && candidate.latest.verdict !== 'qualified') return undefined;
  const start = opened ?? candidate.latest.decidedAt;
  const last = candidate.lastActivity;
  const since = last === undefined ? start : later(last.occurredAt, start);
  const silentDays = Math.floor((deps.clock.now() - Date.parse(since)) / DAY_MS);
  if (!(silentDays >= options.silentDays)) return undefined;
  const heard =
    last === undefined
      ? 'no event was ever recorded'
      : `last seen ${EVENT_WORDS[last.type] ?? 'taking an action'} on ${day(last.occurredAt)}`;
  const fits = candidate.latest.fit.grade <= 'B';
  const kind = opened === undefined ? 'lead' : 'opportunity';
  const action = kind === 'opportunity' ? 'update' : fits ? 're-engage' : 'remove';
  const what =
    kind === 'opportunity'
      ? `Open opportunity (since ${day(opened!)}) silent for ${silentDays} days`
      : `Qualified on ${day(candidate.latest.decidedAt)} but silent for ${silentDays} days`;
  const grade = candidate.latest.fit.grade;
  const fit = `${grade === 'A' ? 'an' : 'a'} ${grade} fit`;
  const advice =
    action === 'update'
      ? 'update it or close it'
      : action === 're-engage'
        ? `re-engage: still ${fit}`
        : `remove: ${fit}`;
  return {
    leadId: candidate.leadId,
    kind,
    silentDays,
    since,
    action,
    reason: {
      text: `${what} (${options.silentDays} allowed); ${heard} — ${advice}`,
      kind: 'intent',
      effect: 0,
      facts:
        last === undefined
          ? []
          : [
              {
                field: `activity.${last.type}`,
                value: { occurredAt: last.occurredAt },
                provenance: { source: 'input', at: last.occurredAt, origin: last.source },
              },
            ],
    },
  };
};
