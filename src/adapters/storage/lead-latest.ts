import type { Kysely } from 'kysely';
import type { Decision, Reason } from '../../domain/decision.js';
import type { Route } from '../../domain/route.js';
import type { Database, LeadLatestTable } from './database.js';

/**
 * The reason a list shows for a decision: a disqualifier when there is one (it alone decided),
 * else the first reason — deciding puts the reasons that explain the verdict first (the path's
 * unmet threshold, the missing fact, the strongest points).
 */
export const topReason = (reasons: readonly Reason[]): Reason | undefined =>
  reasons.find((r) => r.kind === 'disqualifier') ?? reasons[0];

/** A lead's newest decision in brief, as the listing row keeps it. */
export const briefOfLatest = (row: {
  readonly verdict: string;
  readonly score: number | string;
  readonly grade: string;
  readonly fit_score: number | string;
  readonly intent_score: number | string;
  readonly decided_at: string;
}): Pick<Decision, 'verdict' | 'score' | 'decidedAt' | 'fit' | 'intent'> => ({
  verdict: row.verdict as Decision['verdict'],
  score: Number(row.score),
  decidedAt: row.decided_at,
  // The grade is the fit letter then the intent digit (`A1`).
  fit: { score: Number(row.fit_score), grade: row.grade.charAt(0) as Decision['fit']['grade'] },
  intent: {
    score: Number(row.intent_score),
    grade: Number(row.grade.charAt(1)) as Decision['intent']['grade'],
  },
});

/** The listing row of a lead's newest decision (its owner is set by the route that follows). */
export const latestRow = (
  decisionId: string,
  decision: Omit<Decision, 'id'>,
): Omit<LeadLatestTable, 'owner_id' | 'owner_name' | 'destination'> => ({
  lead_id: decision.leadId,
  decision_id: decisionId,
  verdict: decision.verdict,
  score: decision.score,
  grade: decision.grade,
  fit_score: decision.fit.score,
  intent_score: decision.intent.score,
  playbook: decision.playbook ?? null,
  top_reason: topReason(decision.reasons)?.text ?? null,
  decided_at: decision.decidedAt,
});

/**
 * Keep `lead_latest` on a lead's newest decision, in the transaction that saves the decision:
 * the leads page then reads one row per lead instead of grouping every decision. A decision
 * older than the one stored (two workers racing) leaves the row alone.
 */
export const saveLatest = async (
  trx: Kysely<Database>,
  decisionId: string,
  decision: Omit<Decision, 'id'>,
): Promise<void> => {
  const row = latestRow(decisionId, decision);
  const { lead_id: _lead, ...update } = row;
  await trx
    .insertInto('lead_latest')
    .values({ ...row, owner_id: null, owner_name: null, destination: null })
    .onConflict((oc) =>
      oc.column('lead_id').doUpdateSet(update).where('lead_latest.decision_id', '<', decisionId),
    )
    .execute();
};

/** Record where the lead's latest decision sent it: the owner and destination the list shows. */
export const saveLatestRoute = async (trx: Kysely<Database>, leadId: string, route: Route): Promise<void> => {
  const owner = route.owner ?? route.proposed?.owner;
  await trx
    .updateTable('lead_latest')
    .set({ owner_id: owner?.id ?? null, owner_name: owner?.name ?? null, destination: route.destination })
    .where('lead_id', '=', leadId)
    .execute();
};
