import type { LoadedCriteria } from '../criteria/load-criteria.js';
import type { Clock } from '../domain/clock.js';
import type { Verdict } from '../domain/decision.js';
import type { LeadStore } from '../domain/lead-store.js';
import { decideLead } from '../scoring/qualify-file.js';
import type { LeadRecordScorer } from '../scoring/model/score-lead-record.js';

/** What saving new criteria would do to a sample of stored leads. */
export interface CriteriaPreview {
  readonly sampled: number;
  /** Leads whose verdict would change. */
  readonly changed: number;
  /** Each verdict change (`from` → `to`) with how many leads make it, most first. */
  readonly changes: ReadonlyArray<{ readonly from: Verdict; readonly to: Verdict; readonly count: number }>;
  /** A few of those leads, with the first reason of the new decision. */
  readonly examples: ReadonlyArray<{
    readonly leadId: string;
    /** The person's name, else the email, else the id. */
    readonly name: string;
    readonly from: Verdict;
    readonly to: Verdict;
    readonly fromScore: number;
    readonly toScore: number;
    readonly reason?: string;
  }>;
}

export interface PreviewDeps {
  readonly clock: Clock;
  readonly leads: Pick<LeadStore, 'getLeads' | 'listActivitiesOf'>;
  /** The active model's scorer, when there is one: both sides are decided with it. */
  readonly scorer?: LeadRecordScorer;
}

/**
 * Decide the sampled leads with the active criteria and with the proposed ones, now and on the
 * same events, so that every difference comes from the criteria alone (not from intent decaying
 * since the stored decision). The LLM takes no part: a preview must be quick and free.
 */
export const previewCriteria = async (
  deps: PreviewDeps,
  active: LoadedCriteria,
  proposed: LoadedCriteria,
  leadIds: readonly string[],
  maxExamples = 8,
): Promise<CriteriaPreview> => {
  const leads = await deps.leads.getLeads(leadIds);
  const activities = await deps.leads.listActivitiesOf([...leads.keys()]);
  const counts = new Map<string, { from: Verdict; to: Verdict; count: number }>();
  const examples: Array<CriteriaPreview['examples'][number]> = [];
  for (const lead of leads.values()) {
    const events = activities.get(lead.id) ?? [];
    const before = decideLead(deps, active, lead, events, deps.scorer);
    const after = decideLead(deps, proposed, lead, events, deps.scorer);
    if (before.verdict === after.verdict) continue;
    const key = `${before.verdict}>${after.verdict}`;
    const entry = counts.get(key) ?? { from: before.verdict, to: after.verdict, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
    if (examples.length < maxExamples) {
      const reason = after.reasons[0]?.text;
      const name = [lead.person.firstName?.value, lead.person.lastName?.value].filter(Boolean).join(' ');
      examples.push({
        leadId: lead.id,
        name: name === '' ? (lead.person.email?.value ?? lead.id) : name,
        from: before.verdict,
        to: after.verdict,
        fromScore: before.score,
        toScore: after.score,
        ...(reason === undefined ? {} : { reason }),
      });
    }
  }
  const changes = [...counts.values()].sort((a, b) => b.count - a.count);
  return {
    sampled: leads.size,
    changed: changes.reduce((n, c) => n + c.count, 0),
    changes,
    examples,
  };
};
