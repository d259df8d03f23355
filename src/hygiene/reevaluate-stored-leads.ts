import type { ResolvedWebhook } from '../actions/resolve-actions-config.js';
import type { LoadedCriteria } from '../criteria/load-criteria.js';
import { isoNow } from '../domain/clock.js';
import type { Clock } from '../domain/clock.js';
import type { Decision } from '../domain/decision.js';
import type { NewJob } from '../jobs/job-queue.js';
import type { LeadRecordScorer } from '../scoring/model/score-lead-record.js';
import { flagStale, openOpportunity } from './flag-stale.js';
import type { StaleFlag } from './flag-stale.js';
import type { DecidedLead, HygieneStore } from './hygiene-store.js';
import { reevaluateLead, withOpportunity } from './reevaluate-lead.js';
import { requalifyMoved, routesElsewhere } from './requalify-moved.js';
import type { MovedLead, RequalifyDeps, RequalifyTally } from './requalify-moved.js';
import { staleWebhookJobs } from './stale-event.js';

/** How a re-evaluation run behaves. */
export interface ReevaluateOptions {
  /** Silence allowed before a qualified lead is flagged (SPEC: 60 days). */
  readonly silentDays: number;
  /**
   * A new decision is stored when the verdict moved, or the score by at least this much: intent
   * decays a little every day, and a decision a day for every lead would drown the history.
   */
  readonly minScoreChange: number;
  /** Leads read, decided and written per transaction. */
  readonly batch: number;
}

export const DEFAULT_REEVALUATE_OPTIONS: ReevaluateOptions = Object.freeze({
  silentDays: 60,
  minScoreChange: 5,
  batch: 1000,
});

export interface ReevaluateDeps {
  readonly clock: Clock;
  readonly hygiene: HygieneStore;
  readonly criteria: LoadedCriteria;
  /** The active model's scorer, when there is one: re-evaluation is rules + model (no LLM). */
  readonly scorer?: LeadRecordScorer;
  /** Webhooks; those taking `lead.stale` are sent newly raised flags. */
  readonly webhooks?: readonly ResolvedWebhook[];
  /** Routing and actions: a moved verdict is routed and announced as any requalification. */
  readonly requalify: RequalifyDeps;
  /** Stop between batches (what was written stays written; the summary says `complete: false`). */
  readonly signal?: AbortSignal;
  /** Told after each batch, with the counts so far. */
  readonly onBatch?: (summary: ReevaluationSummary) => void;
}

/**
 * What a run did. The counts add up: `stored = reevaluated + undecided` (at the start), and
 * `reevaluated = movedUp + movedDown + rescored + unchanged + failed`; `stale = raised + kept`;
 * `movedUp + movedDown + rerouted = routed + superseded`.
 */
export interface ReevaluationSummary {
  readonly at: string;
  /** Leads stored when the run began. */
  readonly stored: number;
  /** Leads never decided: the qualify pipeline decides them, not re-evaluation. */
  readonly undecided: number;
  readonly reevaluated: number;
  readonly movedUp: number;
  readonly movedDown: number;
  /** Same verdict, score moved by at least `minScoreChange`: stored as a new decision too. */
  readonly rescored: number;
  readonly unchanged: number;
  /**
   * Of the re-scored, those whose new score sends them to another destination (routing rules may
   * test the score or grade): routed and acted on as moved verdicts are.
   */
  readonly rerouted: number;
  /** Moved verdicts routed and acted on (`lead.requalified`), as the qualify pipeline does. */
  readonly routed: number;
  /** Of those, routed to human review (a review opened). */
  readonly reviews: number;
  /** Webhook, CRM and other jobs queued for the moved verdicts. */
  readonly actions: number;
  /** Moved verdicts left alone because the lead was decided again meanwhile (nothing written). */
  readonly superseded: number;
  /** Leads that could not be decided (the first few errors are in `failures`); nothing written for them. */
  readonly failed: number;
  readonly failures: readonly { readonly leadId: string; readonly error: string }[];
  readonly stale: number;
  /** Flags raised (or whose action changed) in this run. */
  readonly raised: number;
  /** Flags that still hold from an earlier run. */
  readonly kept: number;
  /** Flags removed: the lead was heard from, closed, or is no longer qualified. */
  readonly cleared: number;
  /** `lead.stale` webhooks queued. */
  readonly webhooks: number;
  readonly complete: boolean;
}

const DAY_MS = 86_400_000;
const MAX_FAILURES_LISTED = 20;

type Counts = { -readonly [K in keyof ReevaluationSummary]: ReevaluationSummary[K] };

/** Decided leads of a page whose latest verdict stays qualified and that have been quiet long enough to be candidates. */
const quietQualified = (
  now: number,
  page: readonly { row: DecidedLead; verdict: Decision['verdict']; lastEvent?: string }[],
  silentDays: number,
): string[] =>
  page
    .filter(
      ({ row, verdict, lastEvent }) =>
        verdict === 'qualified' &&
        row.latest.verdict === 'qualified' &&
        (lastEvent === undefined || now - Date.parse(lastEvent) >= silentDays * DAY_MS),
    )
    .map(({ row }) => row.lead.id);

/** Re-evaluate one page: decide again, compare, flag; returns what to write. */
const reevaluatePage = async (
  deps: ReevaluateDeps,
  options: ReevaluateOptions,
  rows: readonly DecidedLead[],
  counts: Counts,
  at: string,
): Promise<{
  decisions: Omit<Decision, 'id'>[];
  moved: MovedLead[];
  flags: StaleFlag[];
  cleared: string[];
  jobs: NewJob[];
}> => {
  const ids = rows.map((r) => r.lead.id);
  const [activitiesOf, outcomesOf] = await Promise.all([
    deps.hygiene.activitiesOf(ids),
    deps.hygiene.outcomesOf(ids),
  ]);
  const decisions: Omit<Decision, 'id'>[] = [];
  const moved: MovedLead[] = [];
  const decided: {
    row: DecidedLead;
    verdict: Decision['verdict'];
    lastEvent?: string;
    latest: Decision['fit'] & { verdict: Decision['verdict']; decidedAt: string };
  }[] = [];
  for (const row of rows) {
    const activities = activitiesOf.get(row.lead.id) ?? [];
    counts.reevaluated += 1;
    try {
      const opened = openOpportunity(outcomesOf.get(row.lead.id) ?? []);
      const { decision, change } = withOpportunity(
        reevaluateLead(deps, deps.criteria, row.lead, activities, row.latest, deps.scorer),
        opened,
      );
      // Same verdict, but a score that sends it elsewhere (rules with minScore or grades) is a requalification too.
      const rerouted =
        change?.direction === 'same' &&
        routesElsewhere(deps.requalify.route, deps.criteria, row.lead, decision, row.destination);
      const changed =
        change !== undefined &&
        (change.direction !== 'same' ||
          rerouted ||
          Math.abs(decision.score - row.latest.score) >= options.minScoreChange);
      if (changed && (change.direction !== 'same' || rerouted)) {
        // A moved verdict is a requalification: routed and announced in the batch's transaction.
        moved.push({
          lead: row.lead,
          comparedWith: row.latest.decisionId,
          previousVerdict: row.latest.verdict,
          draft: decision,
        });
        if (change.direction === 'up') counts.movedUp += 1;
        else if (change.direction === 'down') counts.movedDown += 1;
        else {
          counts.rescored += 1;
          counts.rerouted += 1;
        }
      } else if (changed) {
        decisions.push({ ...decision, leadId: row.lead.id });
        counts.rescored += 1;
      } else counts.unchanged += 1;
      const now = changed ? decision : row.latest;
      const lastEvent = activities.at(-1)?.occurredAt;
      decided.push({
        row,
        verdict: now.verdict,
        ...(lastEvent === undefined ? {} : { lastEvent }),
        latest: { ...now.fit, verdict: now.verdict, decidedAt: now.decidedAt },
      });
    } catch (error) {
      counts.failed += 1;
      if (counts.failures.length < MAX_FAILURES_LISTED)
        (counts.failures as { leadId: string; error: string }[]).push({
          leadId: row.lead.id,
          error: error instanceof Error ? error.message : String(error),
        });
    }
  }
  // When still-qualified quiet leads were qualified: re-scoring since then is not being heard from.
  const quiet = quietQualified(deps.clock.now(), decided, options.silentDays);
  const since = quiet.length === 0 ? new Map<string, string>() : await deps.hygiene.qualifiedSince(quiet);
  const flags: StaleFlag[] = [];
  const cleared: string[] = [];
  const jobs: NewJob[] = [];
  for (const { row, latest } of decided) {
    const activities = activitiesOf.get(row.lead.id) ?? [];
    const last = activities.at(-1);
    const flag = flagStale(
      deps,
      {
        leadId: row.lead.id,
        latest: {
          verdict: latest.verdict,
          decidedAt: since.get(row.lead.id) ?? latest.decidedAt,
          fit: { score: latest.score, grade: latest.grade },
        },
        ...(last === undefined
          ? {}
          : { lastActivity: { type: last.type, occurredAt: last.occurredAt, source: last.source } }),
        outcomes: outcomesOf.get(row.lead.id) ?? [],
      },
      { silentDays: options.silentDays },
    );
    if (flag === undefined) {
      if (row.flag !== undefined) {
        cleared.push(row.lead.id);
        counts.cleared += 1;
      }
      continue;
    }
    flags.push(flag);
    counts.stale += 1;
    if (row.flag !== undefined && row.flag.action === flag.action && row.flag.kind === flag.kind) {
      counts.kept += 1;
      continue;
    }
    counts.raised += 1;
    const sent = staleWebhookJobs(deps.webhooks ?? [], row.lead, flag, at, row.destination);
    counts.webhooks += sent.length;
    jobs.push(...sent);
  }
  return { decisions, moved, flags, cleared, jobs };
};

/**
 * Re-evaluate every decided lead at the clock's time, a page at a time (never all in memory):
 * the rules and the model on its stored facts and events, so that intent has decayed for the time
 * that passed; a verdict that moved (down as well as up) or a score that moved by
 * `minScoreChange` is stored as a new decision whose first reason says from what and why (and,
 * for a lead with an open opportunity, that the opportunity is affected). A moved verdict — or a
 * re-score the routing rules send elsewhere — is a requalification: routed, reviewed when the
 * route says so, and announced (`lead.requalified`) as the qualify pipeline does. Each qualified
 * lead or open opportunity silent for `silentDays` is flagged with a reason (and a `lead.stale`
 * webhook when one is configured); a flag that no longer holds is removed. One transaction per
 * batch; a lead that cannot be decided is counted and named, and the run goes on.
 */
export const reevaluateStoredLeads = async (
  deps: ReevaluateDeps,
  options: ReevaluateOptions = DEFAULT_REEVALUATE_OPTIONS,
): Promise<ReevaluationSummary> => {
  const at = isoNow(deps.clock);
  const { stored, decided } = await deps.hygiene.countLeads();
  const counts: Counts = {
    at,
    stored,
    undecided: stored - decided,
    reevaluated: 0,
    movedUp: 0,
    movedDown: 0,
    rescored: 0,
    unchanged: 0,
    rerouted: 0,
    routed: 0,
    reviews: 0,
    actions: 0,
    superseded: 0,
    failed: 0,
    failures: [],
    stale: 0,
    raised: 0,
    kept: 0,
    cleared: 0,
    webhooks: 0,
    complete: false,
  };
  let cursor: string | undefined;
  do {
    if (deps.signal?.aborted === true) return { ...counts };
    const page = await deps.hygiene.decidedLeads(cursor, options.batch);
    if (page.leads.length === 0) break; // the last page was full, and nothing came after it
    const { moved, ...writes } = await reevaluatePage(deps, options, page.leads, counts, at);
    const tally: RequalifyTally = { routed: 0, reviews: 0, actions: 0, superseded: 0 };
    if (writes.decisions.length + moved.length + writes.flags.length + writes.cleared.length > 0) {
      const requalify = moved.length === 0 ? undefined : await requalifyMoved(deps, moved, at, tally);
      await deps.hygiene.saveReevaluation({ ...writes, at }, requalify);
    }
    for (const key of ['routed', 'reviews', 'actions', 'superseded'] as const) counts[key] += tally[key];
    deps.onBatch?.({ ...counts });
    cursor = page.next;
  } while (cursor !== undefined);
  // Leads decided during the run (new arrivals) were re-evaluated beyond the count at the start.
  counts.undecided = Math.max(0, stored - counts.reevaluated);
  counts.complete = true;
  return { ...counts };
};
