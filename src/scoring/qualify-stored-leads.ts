import type { Clock } from '../domain/clock.js';
import type { Lead } from '../domain/lead.js';
import type { LeadStore } from '../domain/lead-store.js';
import type { LoadedCriteria } from '../criteria/load-criteria.js';
import type { DecisionDraft } from './decide-with-rules.js';
import type { ModelRuntime } from './model/model-runtime.js';
import { decideLeads, scorerFor } from './qualify-file.js';
import type { LlmScorer } from './decide-with-llm.js';

/** A stored lead with the decision just made and saved for it. */
export interface StoredDecision {
  readonly lead: Lead;
  readonly decisionId: string;
  readonly decision: DecisionDraft;
}

const PAGE = 500;

/**
 * Qualify every stored lead with the rules (and the model and the LLM, when given), using its stored behaviour events, and save each
 * decision in its history (earlier decisions are kept). Yields a page of results at a time.
 */
export async function* qualifyStoredLeads(
  deps: { readonly clock: Clock; readonly leads: LeadStore },
  criteria: LoadedCriteria,
  model?: ModelRuntime,
  llm?: LlmScorer,
): AsyncIterable<StoredDecision[]> {
  const scorer = scorerFor(deps, model);
  let cursor: string | undefined;
  do {
    const page = await deps.leads.listLeads({ limit: PAGE, ...(cursor === undefined ? {} : { cursor }) });
    const activitiesOf = await deps.leads.listActivitiesOf(page.leads.map((lead) => lead.id));
    const leads = page.leads.map((lead) => ({ lead, activities: activitiesOf.get(lead.id) ?? [] }));
    const decisions = await decideLeads(deps, criteria, leads, scorer, llm);
    const results: StoredDecision[] = [];
    for (const [i, { lead }] of leads.entries()) {
      const decision = decisions[i]!;
      const decisionId = await deps.leads.saveDecision({ ...decision, leadId: lead.id });
      results.push({ lead, decisionId, decision });
    }
    yield results;
    cursor = page.next;
  } while (cursor !== undefined);
}
